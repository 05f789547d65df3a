/**
 * Reading a zone's record sets: all of them (ListResourceRecordSets, 300 a page), split
 * into record sets and the owner TXTs blogctl keeps beside them; or the record set and
 * owner at one key (two short reads, when a change batch was refused).
 */
import { ListResourceRecordSetsCommand, type ResourceRecordSet, type RRType } from '@aws-sdk/client-route-53';
import type { AdapterContext } from '../../reconciler/types.ts';
import { absolute, dnsName } from '../route53/names.ts';
import { paced } from '../route53/send.ts';
import { ownedBy, ownerName, parseOwner } from './owner.ts';
import { keyOfSet, keyText, type RecordKey } from './record-set.ts';

export interface Owner {
  readonly set: ResourceRecordSet;
  /** The identity tags it holds. */
  readonly tags: Record<string, string>;
}

export interface ZoneIndex {
  /** Record sets by keyText, owner TXTs left out. */
  readonly records: ReadonlyMap<string, ResourceRecordSet>;
  /** blogctl owner TXTs by the keyText of the record set they own. */
  readonly owners: ReadonlyMap<string, Owner & { readonly key: RecordKey }>;
}

export async function listZone(ctx: AdapterContext, zoneId: string): Promise<ResourceRecordSet[]> {
  const sets: ResourceRecordSet[] = [];
  let start: { StartRecordName?: string; StartRecordType?: RRType; StartRecordIdentifier?: string } = {};
  for (;;) {
    const page = await paced(ctx, (r53) => r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, MaxItems: 300, ...start })));
    sets.push(...(page.ResourceRecordSets ?? []));
    if (!page.IsTruncated) return sets;
    start = {
      StartRecordName: page.NextRecordName,
      StartRecordType: page.NextRecordType,
      ...(page.NextRecordIdentifier !== undefined && { StartRecordIdentifier: page.NextRecordIdentifier }),
    };
  }
}

/** The owner a TXT record set is, if it is one of blogctl's. */
function asOwner(zoneId: string, s: ResourceRecordSet): (Owner & { key: RecordKey }) | undefined {
  if (s.Type !== 'TXT' || s.SetIdentifier !== undefined) return undefined;
  const owned = ownedBy(s.Name ?? '');
  const labels = owned && parseOwner((s.ResourceRecords ?? []).map((r) => r.Value ?? '').join(' '));
  if (!owned || !labels) return undefined;
  const key: RecordKey = { zoneId, ...owned, ...(labels.setIdentifier !== undefined && { setIdentifier: labels.setIdentifier }) };
  // The name must be the one this key's owner has: a label copied elsewhere owns nothing.
  return dnsName(s.Name ?? '') === ownerName(key) ? { key, set: s, tags: labels.tags } : undefined;
}

export function indexZone(zoneId: string, sets: readonly ResourceRecordSet[]): ZoneIndex {
  const records = new Map<string, ResourceRecordSet>();
  const owners = new Map<string, Owner & { key: RecordKey }>();
  for (const s of sets) {
    const owner = asOwner(zoneId, s);
    if (owner) owners.set(keyText(owner.key), owner);
    else records.set(keyText(keyOfSet(zoneId, s)), s);
  }
  return { records, owners };
}

/** The one record set at exactly this name, type and set identifier, if any. */
async function readOne(ctx: AdapterContext, zoneId: string, name: string, type: string, setIdentifier: string | undefined): Promise<ResourceRecordSet | undefined> {
  const page = await paced(ctx, (r53) => r53.send(new ListResourceRecordSetsCommand({
    HostedZoneId: zoneId, StartRecordName: absolute(name), StartRecordType: type as RRType,
    ...(setIdentifier !== undefined && { StartRecordIdentifier: setIdentifier }), MaxItems: 1,
  })));
  const s = page.ResourceRecordSets?.[0];
  return s && dnsName(s.Name ?? '') === dnsName(name) && s.Type === type && s.SetIdentifier === setIdentifier ? s : undefined;
}

/** What is at a key now: its record set and its owner (blogctl's or none). */
export async function readKey(ctx: AdapterContext, key: RecordKey): Promise<{ set?: ResourceRecordSet; owner?: Owner }> {
  const [set, ownerSet] = await Promise.all([
    readOne(ctx, key.zoneId, key.name, key.type, key.setIdentifier),
    readOne(ctx, key.zoneId, ownerName(key), 'TXT', undefined),
  ]);
  const owner = ownerSet && asOwner(key.zoneId, ownerSet);
  return { ...(set && { set }), ...(owner && { owner: { set: owner.set, tags: owner.tags } }) };
}
