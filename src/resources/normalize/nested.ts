/**
 * Nested values compared leaf by leaf, so a plan names the field that differs
 * (`defaultAction.redirectConfig.statusCode`) instead of a whole object. Plain objects
 * are walked; arrays and scalars are leaves. A key the desired side leaves undefined is
 * not managed and never differs.
 */
import { isDeepStrictEqual } from 'node:util';
import type { FieldChange } from '../../reconciler/types.ts';

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function diffNested(path: string, want: unknown, have: unknown): FieldChange[] {
  if (want === undefined) return [];
  if (isPlain(want) && isPlain(have)) {
    // Another variant (forward vs redirect): one change for the whole value.
    if ('type' in want && want['type'] !== have['type']) return [{ path, from: have, to: want }];
    return Object.keys(want).flatMap((k) => diffNested(`${path}.${k}`, want[k], have[k]));
  }
  return isDeepStrictEqual(want, have) ? [] : [{ path, from: have, to: want }];
}
