/**
 * Policy documents compared by meaning, not by text. AWS hands back what it was given in
 * its own way: JSON text with other spacing and key order, a single Action or Resource as
 * a string or a one-element list, condition values as strings (`false` comes back
 * "false"), an account id principal as its root ARN, statements in any order. Two
 * documents are the same policy when their canonical forms are equal:
 * - a statement is a set: its lists (Action, Resource, principals, condition values)
 *   become sorted, de-duplicated lists; the statements become a sorted list;
 * - actions and condition keys compare case-insensitively (as IAM evaluates them);
 * - a 12-digit account principal is `arn:<partition>:iam::<account>:root`;
 * - an empty Sid is no Sid; object keys are sorted.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const many = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const sortedSet = (values: readonly string[]): string[] => [...new Set(values)].sort();
const text = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

function canonicalPrincipal(p: unknown, partition: string): Json {
  if (p === '*') return '*';
  if (!p || typeof p !== 'object') return text(p);
  const out: Record<string, Json> = {};
  for (const [kind, value] of Object.entries(p as Record<string, unknown>)) {
    const ids = many(value).map(text).map((id) => (kind === 'AWS' && /^\d{12}$/.test(id) ? `arn:${partition}:iam::${id}:root` : id));
    out[kind] = sortedSet(ids);
  }
  return out;
}

function canonicalCondition(c: unknown): Json {
  const out: Record<string, Json> = {};
  for (const [operator, block] of Object.entries((c ?? {}) as Record<string, unknown>)) {
    const keys: Record<string, Json> = {};
    for (const [key, value] of Object.entries((block ?? {}) as Record<string, unknown>)) keys[key.toLowerCase()] = sortedSet(many(value).map((v) => String(v)));
    out[operator] = keys;
  }
  return out;
}

function canonicalStatement(s: Record<string, unknown>, partition: string): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(s)) {
    if (v === undefined || (k === 'Sid' && v === '')) continue;
    if (k === 'Action' || k === 'NotAction') out[k] = sortedSet(many(v).map((a) => text(a).toLowerCase()));
    else if (k === 'Resource' || k === 'NotResource') out[k] = sortedSet(many(v).map(text));
    else if (k === 'Principal' || k === 'NotPrincipal') out[k] = canonicalPrincipal(v, partition);
    else if (k === 'Condition') out[k] = canonicalCondition(v);
    else out[k] = v as Json;
  }
  return out;
}

/** JSON with keys sorted at every level. */
function sortedJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${sortedJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

/** Parses JSON text (as AWS returns policies; URL-encoded text too, as IAM does), or takes an object as is. */
export function parsePolicy(doc: unknown): unknown {
  if (typeof doc !== 'string') return doc;
  const raw = doc.trimStart().startsWith('%7B') ? decodeURIComponent(doc) : doc;
  return JSON.parse(raw) as unknown;
}

/** The canonical form of a policy document (object or JSON text), as sorted-key JSON text. */
export function canonicalPolicy(doc: unknown, partition = 'aws'): string {
  const d = parsePolicy(doc) as Record<string, unknown> | undefined;
  if (!d || typeof d !== 'object') return sortedJson(d ?? null);
  const statements = many(d.Statement).map((s) => sortedJson(canonicalStatement(s as Record<string, unknown>, partition))).sort();
  const top: Record<string, unknown> = { ...d, Statement: statements.map((s) => JSON.parse(s) as unknown) };
  if (top.Id === undefined) delete top.Id;
  return sortedJson(top);
}

/** Are the two documents the same policy? (undefined is "no policy".) */
export function samePolicy(a: unknown, b: unknown, partition = 'aws'): boolean {
  if (a === undefined || b === undefined) return a === b;
  return canonicalPolicy(a, partition) === canonicalPolicy(b, partition);
}
