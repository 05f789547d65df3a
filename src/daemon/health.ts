/**
 * /healthz: 200 while passes succeed or what fails is within its backoff; 503 with the
 * reasons otherwise:
 * - the spec on disk is invalid (the last good one still runs; the reason names file:line:col);
 * - passes failed 3 times in a row (each retried with backoff: credentials, network, AWS down);
 * - a resource reached the longest backoff (5 min): it keeps failing;
 * - no valid spec or no pass yet (starting).
 * A standby daemon (another holds the lease) is healthy: it is ready to take over.
 */
import type { Lease } from '../lease/lease.ts';
import { describeHolder } from '../lease/lease.ts';
import type { Backoff } from './backoff.ts';

export interface DaemonStatus {
  passes: number;
  failuresInRow: number;
  standby: boolean;
  lastPassOk?: boolean;
  lastPassAt?: number;
  lastError?: string;
  specError?: { message: string; at: number };
}

export interface Health {
  readonly code: 200 | 503;
  readonly status: 'ok' | 'degraded' | 'standby' | 'starting' | 'failing';
  readonly reasons: readonly string[];
  readonly lastPassAt: string | null;
  readonly failing: readonly { id: string; kind: string; failures: number; retryAt: string; error: string }[];
  readonly lease: { held: boolean; holder: string | null; token: number | null } | null;
}

/** Passes failed in a row before /healthz says 503. */
export const PASS_FAILURES_UNHEALTHY = 3;

export function healthOf(s: DaemonStatus, backoff: Backoff, lease: Lease | undefined, _now: number): Health {
  const reasons: string[] = [];
  if (s.specError) reasons.push(`the spec is invalid, running the last good one: ${s.specError.message}`);
  if (s.failuresInRow >= PASS_FAILURES_UNHEALTHY) reasons.push(`the last ${s.failuresInRow} passes failed: ${s.lastError ?? 'unknown error'}`);
  for (const f of backoff.atCap()) reasons.push(`${f.id} (${f.kind}) keeps failing (${f.failures} times in a row): ${f.error}`);
  const failing = backoff.failing.map((f) => ({ id: f.id, kind: f.kind, failures: f.failures, retryAt: new Date(f.retryAt).toISOString(), error: f.error }));
  const leaseView = lease
    ? { held: lease.held, holder: lease.current ? describeHolder(lease.current) : null, token: lease.current?.token ?? null }
    : null;
  const lastPassAt = s.lastPassAt === undefined ? null : new Date(s.lastPassAt).toISOString();
  const base = { reasons, lastPassAt, failing, lease: leaseView };
  if (reasons.length > 0) return { ...base, code: 503, status: 'failing' };
  if (s.standby) return { ...base, code: 200, status: 'standby' };
  if (s.passes === 0) return { ...base, code: 503, status: 'starting', reasons: ['no pass has finished yet'] };
  if (failing.length > 0 || s.failuresInRow > 0) return { ...base, code: 200, status: 'degraded' };
  return { ...base, code: 200, status: 'ok' };
}
