/**
 * Ownership of record sets, as external-dns's TXT registry keeps it: records cannot
 * carry tags, so each record set blogctl manages has a companion TXT record set, its
 * owner, named `_blogctl-<type>.<name>` (a label of its own: it never collides with a
 * CNAME at the name) with the same set identifier and routing policy, holding
 *
 *   "heritage=blogctl,blogctl/stack=blog,blogctl/id=primaryRecord,blogctl/spec=3f2a...,blogctl/deps=cdn+healthCheck+zone"
 *
 * i.e. the identity tags every other kind carries (deps joined with `+`, as `,` separates
 * labels). A record set without an owner is not ours (taken only with --adopt), one
 * whose owner names another stack never; ours whose id left the spec is pruned, record
 * and owner together in one change batch. The spec hash tells drift made in AWS from a
 * spec not applied yet.
 */
import type { ResourceRecordSet } from '@aws-sdk/client-route-53';
import { TAG } from '../../reconciler/types.ts';
import { absolute, dnsName } from '../route53/names.ts';
import type { RecordKey } from './record-set.ts';

export const OWNER_PREFIX = '_blogctl-';
const HERITAGE = 'blogctl';
/** One TXT string holds at most 255 characters: longer labels are split over several. */
const TXT_STRING_MAX = 255;
const OWNER_TTL = 300;

/** blogctl:* tag <-> `blogctl/` label, for the identity tags. */
const LABELS: Readonly<Record<string, string>> = {
  [TAG.stack]: 'blogctl/stack', [TAG.id]: 'blogctl/id', [TAG.spec]: 'blogctl/spec', [TAG.protect]: 'blogctl/protect', [TAG.deps]: 'blogctl/deps',
};

export const ownerName = (k: Pick<RecordKey, 'name' | 'type'>): string => `${OWNER_PREFIX}${k.type.toLowerCase()}.${dnsName(k.name)}`;

/** The name and type an owner TXT's name stands for, or undefined for another TXT. */
export function ownedBy(ownerSetName: string): { name: string; type: string } | undefined {
  const n = dnsName(ownerSetName);
  if (!n.startsWith(OWNER_PREFIX)) return undefined;
  const dot = n.indexOf('.');
  if (dot < 0) return undefined;
  return { type: n.slice(OWNER_PREFIX.length, dot).toUpperCase(), name: n.slice(dot + 1) };
}

/** The label text of identity tags, in quoted TXT strings. */
export function serializeOwner(tags: Readonly<Record<string, string>>): string {
  const labels = [`heritage=${HERITAGE}`];
  for (const [tag, label] of Object.entries(LABELS)) {
    const v = tags[tag];
    if (v !== undefined && v !== '') labels.push(`${label}=${tag === TAG.deps ? v.replaceAll(',', '+') : v}`);
  }
  const text = labels.join(',');
  const strings: string[] = [];
  for (let i = 0; i < text.length; i += TXT_STRING_MAX) strings.push(`"${text.slice(i, i + TXT_STRING_MAX)}"`);
  return strings.join(' ');
}

/** The identity tags an owner TXT value holds, or undefined when it is not blogctl's. */
export function parseOwner(value: string): Record<string, string> | undefined {
  const text = [...value.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]).join('') || value;
  const labels = new Map<string, string>();
  for (const token of text.split(',')) {
    const at = token.indexOf('=');
    if (at > 0) labels.set(token.slice(0, at), token.slice(at + 1));
  }
  if (labels.get('heritage') !== HERITAGE) return undefined;
  const tags: Record<string, string> = {};
  for (const [tag, label] of Object.entries(LABELS)) {
    const v = labels.get(label);
    if (v !== undefined) tags[tag] = tag === TAG.deps ? v.replaceAll('+', ',') : v;
  }
  return tags;
}

/** The owner TXT record set of a record set: same set identifier and routing policy, so a failover pair has two. */
export function ownerSet(owned: RecordKey & { failover?: string | undefined; weight?: number | undefined }, tags: Readonly<Record<string, string>>): ResourceRecordSet {
  return {
    Name: absolute(ownerName(owned)),
    Type: 'TXT',
    TTL: OWNER_TTL,
    ResourceRecords: [{ Value: serializeOwner(tags) }],
    ...(owned.setIdentifier !== undefined && { SetIdentifier: owned.setIdentifier }),
    ...(owned.failover !== undefined && { Failover: owned.failover as 'PRIMARY' | 'SECONDARY' }),
    ...(owned.weight !== undefined && { Weight: owned.weight }),
  };
}
