/**
 * IAM policy documents compared by meaning, not by text (iam.role's trust and inline
 * policies, ec2.vpc-endpoint's policy, s3.bucket's bucket policy). What IAM and the
 * spec may write differently for one policy:
 * - IAM returns documents URL-encoded (RFC 3986), with the whitespace they were sent with;
 * - key order, and a one-element list vs the string alone (`Action: s3:GetObject`);
 * - the order of actions, resources, condition values and statements;
 * - a missing Version (read as "2012-10-17", the version blogctl always writes);
 * - `Principal: "*"` vs `Principal: { AWS: "*" }` (AWS documents them as equal), and an
 *   account id principal, which IAM stores as `arn:aws:iam::<id>:root`;
 * - condition values as JSON booleans/numbers or as strings (IAM compares strings).
 *
 * API: `canonicalPolicy(doc)` (a plain object with sorted keys and lists),
 * `samePolicy(a, b)`, and `diffPolicy(path, desired, observed)`, whose changes name the
 * statement that differs: `<path>.Statement[<Sid>]`, or `Statement[#n]` (1-based) for one
 * without a Sid.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ExplainSink, FieldChange } from '../../reconciler/types.ts';

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
export type Canonical = { readonly [k: string]: Json };

/** Why two documents written differently count as one (for drift --explain). */
export const POLICY_EQUAL = 'policy documents are compared by meaning: key and list order, one-element lists, a missing Version and IAM\'s URL-encoding do not count';

/** The version blogctl writes, and what a document without one is taken for. */
export const DEFAULT_POLICY_VERSION = '2012-10-17';

/** A policy as an object: parses JSON text, URL-decoded first when IAM encoded it. */
export function parsePolicy(doc: unknown): Record<string, unknown> {
  if (typeof doc !== 'string') return (doc ?? {}) as Record<string, unknown>;
  const text = doc.trimStart().startsWith('{') ? doc : decodeURIComponent(doc);
  return JSON.parse(text) as Record<string, unknown>;
}

const many = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const sortedStrings = (v: unknown): string[] => [...new Set(many(v).map(String))].sort();

/** An object with its keys in order, undefined members left out. */
function sortedKeys(o: Record<string, Json | undefined>): { [k: string]: Json } {
  return Object.fromEntries(Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => [k, o[k]!]));
}

function canonicalPrincipal(p: unknown): Json | undefined {
  if (p === undefined) return undefined;
  if (p === '*') return '*';
  const entries = Object.entries(p as Record<string, unknown>);
  if (entries.length === 1 && entries[0]![0] === 'AWS' && sortedStrings(entries[0]![1]).join() === '*') return '*';
  return sortedKeys(Object.fromEntries(entries.map(([kind, values]) => {
    const list = sortedStrings(values).map((v) => (kind === 'AWS' && /^\d{12}$/.test(v) ? `arn:aws:iam::${v}:root` : v));
    return [kind, [...new Set(list)].sort()];
  })));
}

function canonicalCondition(c: unknown): Json | undefined {
  if (c === undefined) return undefined;
  return sortedKeys(Object.fromEntries(Object.entries(c as Record<string, unknown>).map(([op, keys]) => [
    op,
    sortedKeys(Object.fromEntries(Object.entries(keys as Record<string, unknown>).map(([k, v]) => [k, sortedStrings(v)]))),
  ])));
}

function canonicalStatement(raw: unknown): Canonical {
  const s = raw as Record<string, unknown>;
  const list = (k: string) => (s[k] === undefined ? undefined : sortedStrings(s[k]));
  return sortedKeys({
    Sid: typeof s.Sid === 'string' && s.Sid !== '' ? s.Sid : undefined,
    Effect: s.Effect as Json,
    Principal: canonicalPrincipal(s.Principal),
    NotPrincipal: canonicalPrincipal(s.NotPrincipal),
    Action: list('Action'),
    NotAction: list('NotAction'),
    Resource: list('Resource'),
    NotResource: list('NotResource'),
    Condition: canonicalCondition(s.Condition),
  });
}

const key = (v: unknown): string => JSON.stringify(v);

/** The policy in one canonical form: equal forms mean the same policy. */
export function canonicalPolicy(doc: unknown): Canonical {
  const d = parsePolicy(doc);
  const statements = many(d.Statement).map(canonicalStatement).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return sortedKeys({ Version: (d.Version as string | undefined) ?? DEFAULT_POLICY_VERSION, Id: d.Id as Json | undefined, Statement: statements });
}

export function samePolicy(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(canonicalPolicy(a), canonicalPolicy(b));
}

interface Named {
  readonly name: string;
  readonly statement: Canonical;
}

/** Statements in document order, each named by its Sid or its 1-based position (`#2`). */
function named(doc: unknown): Named[] {
  return many(parsePolicy(doc).Statement).map((s, i) => {
    const statement = canonicalStatement(s);
    return { name: typeof statement.Sid === 'string' ? statement.Sid : `#${i + 1}`, statement };
  });
}

/**
 * One change per statement added, removed or changed (`<path>.Statement[ReadMedia]`), plus
 * Version and Id; [] when the policies mean the same. `desired` undefined: not managed.
 */
export function diffPolicy(path: string, desired: unknown, observed: unknown, explain?: ExplainSink): FieldChange[] {
  if (desired === undefined) return [];
  if (observed === undefined) return [{ path, from: undefined, to: canonicalPolicy(desired) }];
  const want = canonicalPolicy(desired);
  const have = canonicalPolicy(observed);
  if (isDeepStrictEqual(want, have)) {
    if (explain && !isDeepStrictEqual(parsePolicy(desired), parsePolicy(observed)))
      explain({ path, desired, observed: parsePolicy(observed), reason: POLICY_EQUAL });
    return [];
  }
  const changes: FieldChange[] = [];
  for (const k of ['Version', 'Id'] as const)
    if (want[k] !== have[k]) changes.push({ path: `${path}.${k}`, from: have[k], to: want[k] });
  // Identical statements match whatever their names; then by Sid; then the rest in order.
  const left = named(desired);
  const right = named(observed);
  const take = (list: Named[], pred: (n: Named) => boolean): Named | undefined => {
    const i = list.findIndex(pred);
    return i < 0 ? undefined : list.splice(i, 1)[0];
  };
  const wanted = left.filter((d) => !take(right, (o) => isDeepStrictEqual(o.statement, d.statement)));
  const pairs: [Named | undefined, Named | undefined][] = [];
  for (const d of wanted) {
    const bySid = typeof d.statement.Sid === 'string' ? take(right, (o) => o.statement.Sid === d.statement.Sid) : undefined;
    pairs.push([d, bySid]);
  }
  const unnamed = right.filter((o) => typeof o.statement.Sid !== 'string');
  for (const p of pairs) if (!p[1] && typeof p[0]!.statement.Sid !== 'string') p[1] = take(unnamed, () => true);
  const paired = new Set(pairs.map((p) => p[1]));
  for (const o of right) if (!paired.has(o)) pairs.push([undefined, o]);
  for (const [d, o] of pairs)
    changes.push({ path: `${path}.Statement[${(d ?? o)!.name}]`, from: o?.statement, to: d?.statement });
  return changes;
}
