/**
 * Per-resource backoff for the daemon: a resource whose operation failed is left alone
 * for 1 s, then 2 s, 4 s ... up to 5 min after each further failure, while the rest of
 * the stack goes on. Passes plan it as usual and the daemon turns its action into a
 * blocked one (code `backoff`) until its time comes: the walker then treats it like any
 * blocked resource (an existing one still gives its outputs to dependents; one not yet
 * created makes its dependents wait, skipped). Success, or finding it in sync, forgets it.
 */
import type { Kind, LogicalId } from '../reconciler/types.ts';

export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_CAP_MS = 5 * 60_000;

export interface Failing {
  readonly id: LogicalId;
  readonly kind: Kind | string;
  /** Failures in a row. */
  readonly failures: number;
  /** When it may be tried again (epoch ms). */
  readonly retryAt: number;
  readonly delayMs: number;
  readonly error: string;
}

/** 1 s, 2 s, 4 s, ... 5 min for the 1st, 2nd, 3rd ... failure in a row. */
export const backoffFor = (failures: number): number => Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));

export class Backoff {
  readonly #failing = new Map<string, Failing>();

  static key(id: LogicalId, kind: string): string {
    return `${kind}/${id}`;
  }

  fail(id: LogicalId, kind: string, error: string, now: number): Failing {
    const failures = (this.#failing.get(Backoff.key(id, kind))?.failures ?? 0) + 1;
    const delayMs = backoffFor(failures);
    const f: Failing = { id, kind, failures, delayMs, retryAt: now + delayMs, error };
    this.#failing.set(Backoff.key(id, kind), f);
    return f;
  }

  succeed(id: LogicalId, kind: string): void {
    this.#failing.delete(Backoff.key(id, kind));
  }

  /** The resource's backoff, while it lasts. */
  deferred(id: LogicalId, kind: string, now: number): Failing | undefined {
    const f = this.#failing.get(Backoff.key(id, kind));
    return f && now < f.retryAt ? f : undefined;
  }

  get failing(): Failing[] {
    return [...this.#failing.values()];
  }

  /** Resources that have reached the longest backoff: they keep failing. */
  atCap(): Failing[] {
    return this.failing.filter((f) => f.delayMs >= BACKOFF_CAP_MS);
  }
}
