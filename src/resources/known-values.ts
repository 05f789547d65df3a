/**
 * Values observe can use: a desired value is known when it is not a reference to
 * something not created yet (the engine resolves those to KNOWN_AFTER_APPLY at plan time).
 */
import { KNOWN_AFTER_APPLY } from '../reconciler/types.ts';

export const known = (v: unknown): v is string | number =>
  (typeof v === 'string' && v !== '' && !v.includes(KNOWN_AFTER_APPLY)) || typeof v === 'number';
