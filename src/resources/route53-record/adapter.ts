/**
 * route53.record's adapter. Records cannot be tagged: they are known by their natural
 * key (zone, name, type, set identifier) and owned through a companion TXT (owner.ts).
 * Observe lists the zones the requests name (parents are observed first, so their ids
 * are real) and returns every record set this stack owns there, so ours that left the
 * spec is pruned, plus, for a requested key nobody of this stack owns, what is there
 * (an adoption candidate, or another stack's). Every write is one change batch holding
 * the record set and its owner, conditional on what observe saw (DELETE of the exact
 * old values + CREATE), so a record changed meanwhile is refused, never overwritten.
 * Readiness is the change being INSYNC; only dependents that need it wait for it.
 */
import { GetChangeCommand, type Change, type ChangeInfo, type ResourceRecordSet } from '@aws-sdk/client-route-53';
import { isDeepStrictEqual } from 'node:util';
import { KNOWN_AFTER_APPLY, TAG, type AdapterContext, type ExplainSink, type FieldChange, type Observation, type ResourceAdapter } from '../../reconciler/types.ts';
import { isNotFound } from '../aws-errors.ts';
import { known } from '../known-values.ts';
import { bareZoneId } from '../route53/names.ts';
import { paced } from '../route53/send.ts';
import { submitChanges } from './batches.ts';
import { ownerSet } from './owner.ts';
import {
  fieldsOfDesired, fieldsOfSet, keyOf, keyOfSet, keyText, toRecordSet, type RecordDesired, type RecordFields, type RecordKey,
} from './record-set.ts';
import { indexZone, listZone, readKey, type ZoneIndex } from './zone-records.ts';

export interface ObservedRecord extends RecordKey, RecordFields {
  /** The record set as Route 53 holds it (DELETE needs its exact values); absent when only our owner is left. */
  readonly set?: ResourceRecordSet;
  /** Our owner TXT as Route 53 holds it; absent for a record set this stack does not own. */
  readonly owner?: ResourceRecordSet;
  /** The change that last wrote it, while it may not be INSYNC yet. */
  readonly change?: { readonly id: string; readonly status: string };
}

const FIELDS = ['ttl', 'records', 'aliasTarget', 'failover', 'weight', 'healthCheckId'] as const;

function stateOf(key: RecordKey, set: ResourceRecordSet | undefined, owner: ResourceRecordSet | undefined, change?: ChangeInfo): ObservedRecord {
  return {
    ...key,
    ...(set && fieldsOfSet(set)),
    ...(set && { set }),
    ...(owner && { owner }),
    ...(change?.Id && { change: { id: change.Id, status: change.Status ?? 'PENDING' } }),
  };
}

/** A reference that did not resolve would be written as text: refuse it. */
function assertKnown(d: RecordDesired): void {
  if (JSON.stringify(d).includes(KNOWN_AFTER_APPLY))
    throw new Error(`a value of record ${d.name} ${d.type} is not known yet (a reference did not resolve); nothing was written`);
}

const keyKnown = (d: RecordDesired | undefined): d is RecordDesired => !!d && known(d.hostedZoneId) && known(d.name);

async function indexes(ctx: AdapterContext, zoneIds: readonly string[]): Promise<Map<string, ZoneIndex>> {
  const out = new Map<string, ZoneIndex>();
  await Promise.all(zoneIds.map(async (z) => {
    try {
      out.set(z, indexZone(z, await listZone(ctx, z)));
    } catch (err) {
      if (!isNotFound(err)) throw err; // a zone that does not exist holds no records
    }
  }));
  return out;
}

/** The same record set: name, routing, TTL and values as Route 53 compares them. */
const sameSet = (a: ResourceRecordSet, b: ResourceRecordSet): boolean =>
  keyText(keyOfSet('', a)) === keyText(keyOfSet('', b)) && isDeepStrictEqual(fieldsOfSet(a), fieldsOfSet(b));

/** Values written differently in the spec and in Route 53 that compare equal, and why. */
function explainRewrites(desired: RecordDesired, set: ResourceRecordSet, want: RecordFields, have: RecordFields, explain: ExplainSink): void {
  const values = set.ResourceRecords?.map((r) => r.Value);
  if (desired.records && isDeepStrictEqual(want.records, have.records) && !isDeepStrictEqual(desired.records, values))
    explain({ path: 'records', desired: desired.records, observed: values, reason: 'values compared as a set, TXT values in quotes, host names without case or the root dot' });
  const alias = set.AliasTarget?.DNSName;
  if (desired.aliasTarget && want.aliasTarget?.dnsName === have.aliasTarget?.dnsName && desired.aliasTarget.dnsName !== alias)
    explain({ path: 'aliasTarget.dnsName', desired: desired.aliasTarget.dnsName, observed: alias, reason: 'alias targets compared without case, the root dot or the dualstack. prefix' });
}

const del = (set: ResourceRecordSet): Change => ({ Action: 'DELETE', ResourceRecordSet: set });
const put = (set: ResourceRecordSet): Change => ({ Action: 'CREATE', ResourceRecordSet: set });

export const recordAdapter: ResourceAdapter<'route53.record', RecordDesired, ObservedRecord> = {
  kind: 'route53.record',
  identifiedBy: 'natural-key',
  replaceOn: ['hostedZoneId', 'name', 'type', 'setIdentifier'],
  // A new name or zone can exist beside the old record; the same name cannot always (a
  // CNAME is alone at its name, a failover role is taken once): diff asks to delete first then.
  replaceOrder: 'create-before-delete',
  timeouts: { create: 5 * 60_000, update: 5 * 60_000, delete: 5 * 60_000, ready: 10 * 60_000 },

  async observe(requests, ctx) {
    const zoneIds = new Set<string>();
    for (const r of requests) {
      if (keyKnown(r.desired)) zoneIds.add(bareZoneId(r.desired.hostedZoneId));
      if (r.last) zoneIds.add(r.last.zoneId);
    }
    const zones = await indexes(ctx, [...zoneIds]);
    const found: Observation<ObservedRecord>[] = [];
    for (const zone of zones.values())
      for (const [text, owner] of zone.owners) {
        const id = owner.tags[TAG.id];
        if (owner.tags[TAG.stack] === ctx.stack && id !== undefined) found.push({ id, state: stateOf(owner.key, zone.records.get(text), owner.set), tags: owner.tags });
      }
    for (const r of requests) {
      if (!keyKnown(r.desired) || found.some((o) => o.id === r.id)) continue;
      const key = keyOf(r.desired);
      const zone = zones.get(key.zoneId);
      const set = zone?.records.get(keyText(key));
      const owner = zone?.owners.get(keyText(key));
      // Ours under another id is that id's; another stack's is reported as such; an unowned one may be adopted.
      if (owner?.tags[TAG.stack] === ctx.stack || (!set && !owner)) continue;
      found.push({ id: r.id, state: stateOf(key, set, undefined), tags: owner?.tags ?? {} });
    }
    // A readiness poll: is the change that wrote it INSYNC yet?
    await Promise.all(requests.map(async (r) => {
      const change = r.last?.change;
      if (!change || change.status === 'INSYNC') return;
      const at = found.findIndex((o) => o.id === r.id && keyText(o.state) === keyText(r.last!));
      if (at < 0) return;
      const out = await paced(ctx, (r53) => r53.send(new GetChangeCommand({ Id: change.id })));
      found[at] = { ...found[at]!, state: { ...found[at]!.state, change: { id: change.id, status: out.ChangeInfo?.Status ?? 'PENDING' } } };
    }));
    return found;
  },

  diff(desired, observed, explain) {
    const want = keyOf(desired);
    const changes: FieldChange[] = [];
    const sameName = want.name === observed.name && want.zoneId === observed.zoneId;
    if (want.zoneId !== observed.zoneId) changes.push({ path: 'hostedZoneId', from: observed.zoneId, to: want.zoneId });
    if (want.name !== observed.name) changes.push({ path: 'name', from: observed.name, to: want.name });
    if (want.type !== observed.type) changes.push({ path: 'type', from: observed.type, to: want.type, ...(sameName && { deleteBeforeReplace: true }) });
    if (want.setIdentifier !== observed.setIdentifier)
      changes.push({ path: 'setIdentifier', from: observed.setIdentifier, to: want.setIdentifier, ...(sameName && { deleteBeforeReplace: true }) });
    // A record set is written whole: every field is managed, an absent one included.
    const fields = fieldsOfDesired(desired);
    for (const f of FIELDS) if (!isDeepStrictEqual(fields[f], observed[f])) changes.push({ path: f, from: observed[f], to: fields[f] });
    if (explain && observed.set) explainRewrites(desired, observed.set, fields, observed, explain);
    return changes;
  },

  async create(id, desired, ctx) {
    assertKnown(desired);
    const key = keyOf(desired);
    const set = toRecordSet(desired);
    const owner = ownerSet(key, ctx.identityTags(id));
    // CREATE, not UPSERT: a record set someone made meanwhile is refused, never overwritten.
    const info = await submitChanges(ctx, key.zoneId, [put(set), put(owner)]);
    return stateOf(key, set, owner, info);
  },

  async update(id, desired, observed, changes, ctx) {
    assertKnown(desired);
    const key = keyOf(desired);
    const set = toRecordSet(desired);
    const owner = ownerSet(key, ctx.identityTags(id));
    const rewrite = !observed.set || changes.some((c) => !c.path.startsWith('tags.'));
    const reown = !observed.owner || !sameSet(observed.owner, owner);
    // DELETE with the values observe saw makes the batch conditional on them (adoption included).
    const batch = [
      ...(rewrite ? [...(observed.set ? [del(observed.set)] : []), put(set)] : []),
      ...(reown ? [...(observed.owner ? [del(observed.owner)] : []), put(owner)] : []),
    ];
    if (batch.length === 0) return observed;
    const info = await submitChanges(ctx, key.zoneId, batch);
    return stateOf(key, rewrite ? set : observed.set, reown ? owner : observed.owner, info);
  },

  async delete(observed, ctx) {
    const gone = (set?: ResourceRecordSet, owner?: ResourceRecordSet) => [...(set ? [del(set)] : []), ...(owner ? [del(owner)] : [])];
    const first = gone(observed.set, observed.owner);
    if (first.length === 0) return;
    try {
      await submitChanges(ctx, observed.zoneId, first);
      return;
    } catch (err) {
      if ((err as { name?: string }).name !== 'InvalidChangeBatch') throw err;
    }
    // Gone already, or changed since observe: read what is there now.
    const now = await readKey(ctx, observed);
    if (!now.set && !now.owner) return;
    if (!now.owner || now.owner.tags[TAG.stack] !== ctx.stack)
      throw new Error(`record ${observed.name} ${observed.type} is no longer owned by stack "${ctx.stack}" (its owner TXT is gone or names another): left alone`);
    await submitChanges(ctx, observed.zoneId, gone(now.set, now.owner.set));
  },

  outputs: (o) => ({ id: `${o.zoneId}/${o.name}/${o.type}${o.setIdentifier === undefined ? '' : `/${o.setIdentifier}`}`, fqdn: o.name }),

  readiness: (o) => (o.change?.status === 'PENDING' ? 'pending' : 'ready'),
};
