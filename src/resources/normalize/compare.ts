/**
 * Field comparison for adapters' diff: deep equality after normalising, one change
 * per differing field, in the order the fields are listed.
 */
import { isDeepStrictEqual } from 'node:util';
import type { FieldChange } from '../../reconciler/types.ts';

/** Compares the listed fields; `undefined` desired means "not managed" and never differs. */
export function diffFields<D extends object, O extends object>(
  desired: D,
  observed: O,
  fields: readonly (keyof D & keyof O & string)[],
): FieldChange[] {
  const out: FieldChange[] = [];
  for (const f of fields) {
    const want = desired[f] as unknown;
    const have = observed[f] as unknown;
    if (want === undefined) continue;
    if (!isDeepStrictEqual(want, have)) out.push({ path: f, from: have, to: want });
  }
  return out;
}

/** Compares two lists as sets, by a canonical key per element. */
export function sameSet<T>(a: readonly T[], b: readonly T[], key: (x: T) => string): boolean {
  if (a.length !== b.length) return false;
  const keys = new Set(a.map(key));
  return b.every((x) => keys.has(key(x))) && keys.size === new Set(b.map(key)).size;
}

/** A list of ids compared as a set, one change per id added (`subnetIds[subnet-…]`: undefined -> id) or removed. */
export function diffIdSet(path: string, desired: readonly string[], observed: readonly string[]): FieldChange[] {
  const want = new Set(desired);
  const have = new Set(observed);
  return [
    ...[...have].filter((s) => !want.has(s)).map((s) => ({ path: `${path}[${s}]`, from: s, to: undefined })),
    ...[...want].filter((s) => !have.has(s)).map((s) => ({ path: `${path}[${s}]`, from: undefined, to: s })),
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
