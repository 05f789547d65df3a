/**
 * The simulated account as one JSON-serialisable object, and how it is parsed back.
 * Services keep their own sub-object under `services[name]`, created on first use, so
 * adding a service does not change the schema version.
 */

import { SandboxStateError } from './errors.ts';

export { SandboxStateError } from './errors.ts';

export const SCHEMA_VERSION = 1;
export const DEFAULT_ACCOUNT_ID = '123456789012';
export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_SEED = 'blogctl';

export interface AccountState {
  schemaVersion: typeof SCHEMA_VERSION;
  accountId: string;
  /** The region a client uses when none is configured. */
  region: string;
  /** Seeds ids (with idCounter) so they are deterministic per sandbox. */
  seed: string;
  idCounter: number;
  /** ISO time the account was created. */
  createdAt: string;
  services: Record<string, unknown>;
  /** Sandboxes that drew random faults from this account so far: each draws a sequence of its own. */
  faultRuns?: number;
}

export interface NewAccountOptions {
  readonly accountId?: string;
  readonly region?: string;
  readonly seed?: string;
  readonly now: number;
}

export function newAccountState(o: NewAccountOptions): AccountState {
  const accountId = o.accountId ?? DEFAULT_ACCOUNT_ID;
  if (!/^\d{12}$/.test(accountId)) throw new RangeError(`account id must be 12 digits, got '${accountId}'`);
  return {
    schemaVersion: SCHEMA_VERSION,
    accountId,
    region: o.region ?? DEFAULT_REGION,
    seed: o.seed ?? DEFAULT_SEED,
    idCounter: 0,
    createdAt: new Date(o.now).toISOString(),
    services: {},
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses the text of a state file; throws SandboxStateError naming `location` when it is not usable. */
export function parseAccountState(text: string, location: string): AccountState {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new SandboxStateError(location, `is not valid JSON (${(e as Error).message})`, { cause: e });
  }
  if (!isRecord(data)) throw new SandboxStateError(location, 'does not hold a JSON object');
  const version = data['schemaVersion'];
  if (version !== SCHEMA_VERSION) {
    const what = version === undefined ? 'has no schemaVersion' : `has schemaVersion ${JSON.stringify(version)}`;
    throw new SandboxStateError(location, `${what}; this blogctl reads schemaVersion ${SCHEMA_VERSION}`);
  }
  const problems: string[] = [];
  if (typeof data['accountId'] !== 'string') problems.push('accountId');
  if (typeof data['region'] !== 'string') problems.push('region');
  if (typeof data['seed'] !== 'string') problems.push('seed');
  if (typeof data['idCounter'] !== 'number' || !Number.isInteger(data['idCounter'])) problems.push('idCounter');
  if (typeof data['createdAt'] !== 'string') problems.push('createdAt');
  if (!isRecord(data['services'])) problems.push('services');
  if (problems.length > 0) throw new SandboxStateError(location, `is missing or has malformed fields: ${problems.join(', ')}`);
  return data as unknown as AccountState;
}

/** The file's text: compact JSON (a third smaller and faster to write than indented; `blogctl sandbox show --output json` pretty-prints). */
export function serializeAccountState(state: AccountState): string {
  return `${JSON.stringify(state)}\n`;
}
