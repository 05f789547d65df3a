/**
 * Ownership of record sets, as external-dns's TXT registry keeps it: records cannot
 * carry tags, so each record set blogctl manages has a companion TXT record set, its
 * owner, named `_blogctl-<type>.<name>` (a label of its own: it never collides with a
 * CNAME at the name), holding
 *
 *   "heritage=blogctl,blogctl/stack=blog,blogctl/id=primaryRecord,blogctl/spec=3f2a...,blogctl/deps=healthCheck+zone,blogctl/set=primary"
 *
 * i.e. the identity tags every other kind carries (deps joined with `+`, as `,` separates
 * labels) and the set identifier of the record it owns. Records of one name and type
 * told apart by set identifiers (a failover pair) have one owner each, named
 * `_blogctl-<type>-<8 hex of the set identifier's hash>.<name>`. Unlike external-dns,
 * the owner is a plain TXT without the record's routing policy: it takes no part in
 * failover, and deleting it never touches the record (a DELETE naming a set identifier
 * would, on emulators that match set identifiers alone).
 * A record set without an owner is not ours (taken only with --adopt), one whose owner
 * names another stack never; ours whose id left the spec is pruned, record and owner
 * together in one change batch. The spec hash tells drift made in AWS from a spec not
 * applied yet.
 */
import { createHash } from 'node:crypto';
import type { ResourceRecordSet } from '@aws-sdk/client-route-53';
import { TAG } from '../../reconciler/types.ts';
import { absolute, dnsName } from '../route53/names.ts';
import type { RecordKey } from './record-set.ts';

export const OWNER_PREFIX = '_blogctl-';
const HERITAGE = 'blogctl';
/** One TXT string holds at most 255 characters: longer labels are split over several. */
const TXT_STRING_MAX = 255;
const OWNER_TTL = 300;
const SET_LABEL = 'blogctl/set';

/** blogctl:* tag <-> `blogctl/` label, for the identity tags. */
const LABELS: Readonly<Record<string, string>> = {
  [TAG.stack]: 'blogctl/stack', [TAG.id]: 'blogctl/id', [TAG.spec]: 'blogctl/spec', [TAG.protect]: 'blogctl/protect', [TAG.deps]: 'blogctl/deps',
};

const setHash = (setIdentifier: string) => createHash('sha256').update(setIdentifier).digest('hex').slice(0, 8);

export const ownerName = (k: Pick<RecordKey, 'name' | 'type' | 'setIdentifier'>): string =>
  `${OWNER_PREFIX}${k.type.toLowerCase()}${k.setIdentifier === undefined ? '' : `-${setHash(k.setIdentifier)}`}.${dnsName(k.name)}`;

/** The name and type an owner TXT's name stands for, or undefined for another TXT. */
export function ownedBy(ownerSetName: string): { name: string; type: string } | undefined {
  const n = dnsName(ownerSetName);
  if (!n.startsWith(OWNER_PREFIX)) return undefined;
  const dot = n.indexOf('.');
  if (dot < 0) return undefined;
  const [type] = n.slice(OWNER_PREFIX.length, dot).split('-');
  return type ? { type: type.toUpperCase(), name: n.slice(dot + 1) } : undefined;
}

/** What an owner says: identity tags and, for records told apart by it, the set identifier. */
export interface OwnerLabels {
  readonly tags: Record<string, string>;
  readonly setIdentifier?: string;
}

/** The label text, in quoted TXT strings. */
export function serializeOwner(tags: Readonly<Record<string, string>>, setIdentifier?: string): string {
  const labels = [`heritage=${HERITAGE}`];
  for (const [tag, label] of Object.entries(LABELS)) {
    const v = tags[tag];
    if (v !== undefined && v !== '') labels.push(`${label}=${v}`);
  }
  if (setIdentifier !== undefined) labels.push(`${SET_LABEL}=${encodeURIComponent(setIdentifier)}`);
  const text = labels.join(',');
  const strings: string[] = [];
  for (let i = 0; i < text.length; i += TXT_STRING_MAX) strings.push(`"${text.slice(i, i + TXT_STRING_MAX)}"`);
  return strings.join(' ');
}

/** What an owner TXT value holds, or undefined when it is not blogctl's. */
export function parseOwner(value: string): OwnerLabels | undefined {
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
    if (v !== undefined) tags[tag] = v;
  }
  const set = labels.get(SET_LABEL);
  return { tags, ...(set !== undefined && { setIdentifier: decodeURIComponent(set) }) };
}

/** The owner TXT record set of a record set: a plain TXT, whatever the record's routing. */
export function ownerSet(owned: RecordKey, tags: Readonly<Record<string, string>>): ResourceRecordSet {
  return { Name: absolute(ownerName(owned)), Type: 'TXT', TTL: OWNER_TTL, ResourceRecords: [{ Value: serializeOwner(tags, owned.setIdentifier) }] };
}
