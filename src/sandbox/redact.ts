/**
 * The account as `blogctl sandbox show` may print it: secret values (Secrets Manager's
 * secret strings, such as the master password RDS manages, and anything named a
 * password) replaced, so they never reach a terminal or a log.
 */
import type { AccountState } from './state.ts';

export const REDACTED = '(redacted)';

/** Members whose value is a secret, wherever they are in the account. */
const SECRET = /^secret(String|Binary)$|password/i;

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET.test(k) && v !== null && v !== undefined ? REDACTED : redact(v);
  return out;
}

/** A copy of the account with its secret values replaced by REDACTED. */
export function redactSecrets(state: AccountState): AccountState {
  return redact(state) as AccountState;
}
