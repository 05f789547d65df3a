/**
 * One writer per stack: a lease with a TTL, renewal and a fencing token, kept by a
 * LeaseStore (a DynamoDB item, src/lease/dynamodb.ts; the sandbox simulates DynamoDB,
 * so the same code serves both).
 *
 * - acquire: a conditional write that succeeds only when nobody holds the lease or the
 *   holder's `expiresAt` has passed; each acquisition increments the fencing token.
 * - renew (every TTL/3): conditional on holder and token still being ours.
 * - the holder writes only while `writable(token)`: the token it started with is still
 *   the lease's, and its local deadline (the moment it *sent* its last successful
 *   renewal + TTL - a skew margin of TTL/5) has not passed. Another process takes over
 *   only after `expiresAt` (that same send time + TTL, on the holder's clock), so with
 *   clocks within TTL/5 of each other the old holder has stopped writing first.
 * - release: sets expiresAt to 0 (conditional on holder and token), so a successor
 *   need not wait for the TTL; the item stays, and with it the token's count.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Clock, Log } from '../reconciler/types.ts';
import { formatElapsed } from '../reconciler/wait.ts';

export interface LeaseRecord {
  readonly holder: string;
  readonly host: string;
  readonly pid: number;
  /** What holds it: `daemon`, `reconcile --once`, `destroy`. */
  readonly purpose: string;
  /** When this holder acquired it (epoch ms). */
  readonly since: number;
  readonly token: number;
  readonly expiresAt: number;
}

export interface Claimant {
  readonly holder: string;
  readonly host: string;
  readonly pid: number;
  readonly purpose: string;
}

export type AcquireResult = { readonly won: true; readonly record: LeaseRecord } | { readonly won: false; readonly current?: LeaseRecord };

export interface LeaseStore {
  /** Where the lease lives, for messages: `DynamoDB table blogctl-leases, item stack:blog`. */
  readonly where: string;
  /** Whatever must exist first (the table): called before the clock is read for an acquire. */
  prepare(): Promise<void>;
  acquire(me: Claimant, now: number, ttlMs: number): Promise<AcquireResult>;
  /** false when the lease is no longer ours (another holder, or another token). */
  renew(me: Claimant, token: number, now: number, ttlMs: number): Promise<boolean>;
  release(me: Claimant, token: number, now: number): Promise<void>;
  read(): Promise<LeaseRecord | undefined>;
}

/** Who "I" am: host, pid and a random part, so two runs of one pid never look alike. */
export function claimant(purpose: string): Claimant {
  return { holder: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`, host: hostname(), pid: process.pid, purpose };
}

/** `host db-ops-1, pid 4242 (daemon), since 2025-01-01T12:00:00Z` */
export function describeHolder(r: LeaseRecord): string {
  return `host ${r.host}, pid ${r.pid} (${r.purpose}), since ${new Date(r.since).toISOString()}`;
}

export class LeaseBusyError extends Error {
  override name = 'LeaseBusyError';
  constructor(
    readonly stackName: string,
    readonly current: LeaseRecord | undefined,
    waitedMs: number,
    where: string,
  ) {
    super(
      `stack "${stackName}" is being changed by another blogctl: ${current ? describeHolder(current) : 'a holder that could not be read'}; ` +
        `waited ${formatElapsed(waitedMs)} for its lease (${where}). Try again when it is done, or stop that process; ` +
        `a holder that died frees the lease within its TTL.`,
    );
  }
}

export interface LeaseOptions {
  readonly stack: string;
  readonly ttlMs: number;
  readonly clock: Clock;
  readonly log: Log;
  readonly me?: Claimant;
  readonly purpose?: string;
}

export class Lease {
  readonly me: Claimant;
  /** The fencing token while held; undefined before acquiring and after losing it. */
  token: number | undefined;
  /** What the store said at the last failed acquire: who holds it. */
  current: LeaseRecord | undefined;
  /** When we acquired it (epoch ms). */
  since: number | undefined;
  #validUntil = 0;
  #timer: NodeJS.Timeout | undefined;
  #lost: ((why: string) => void)[] = [];

  constructor(
    readonly store: LeaseStore,
    readonly o: LeaseOptions,
  ) {
    this.me = o.me ?? claimant(o.purpose ?? 'daemon');
  }

  get margin(): number {
    return Math.floor(this.o.ttlMs / 5);
  }

  get held(): boolean {
    return this.token !== undefined && this.o.clock.now() < this.#validUntil;
  }

  /** Why a write under `token` must be refused, or undefined when it may go. */
  refusal(token: number | undefined): string | undefined {
    if (this.token === undefined) return `this process does not hold the lease of stack "${this.o.stack}"`;
    if (token !== this.token) return `the lease of stack "${this.o.stack}" was lost since this pass started (token ${token} -> ${this.token})`;
    if (this.o.clock.now() >= this.#validUntil) return `the lease of stack "${this.o.stack}" could not be renewed in time`;
    return undefined;
  }

  onLost(fn: (why: string) => void): void {
    this.#lost.push(fn);
  }

  /** One attempt. */
  async tryAcquire(): Promise<boolean> {
    await this.store.prepare();
    const sent = this.o.clock.now();
    const r = await this.store.acquire(this.me, sent, this.o.ttlMs);
    if (!r.won) {
      this.current = r.current;
      return false;
    }
    this.token = r.record.token;
    this.since = r.record.since;
    this.current = r.record;
    this.#validUntil = sent + this.o.ttlMs - this.margin;
    this.o.log.debug({ token: this.token, ttlMs: this.o.ttlMs, where: this.store.where }, `lease of stack "${this.o.stack}" acquired`);
    return true;
  }

  /** Tries until `waitMs` has passed (polling every TTL/5, at most 2 s), then throws LeaseBusyError naming the holder. */
  async acquire(waitMs: number, signal?: AbortSignal): Promise<void> {
    const started = this.o.clock.now();
    let said = false;
    for (;;) {
      if (await this.tryAcquire()) return;
      const waited = this.o.clock.now() - started;
      if (waited >= waitMs || signal?.aborted) throw new LeaseBusyError(this.o.stack, this.current, waited, this.store.where);
      if (!said && this.current) {
        this.o.log.info({ holder: describeHolder(this.current), waitMs }, `waiting for the lease of stack "${this.o.stack}"`);
        said = true;
      }
      await this.o.clock.sleep(Math.min(waitMs - waited, this.pollMs));
    }
  }

  /** How often a waiting process asks again. */
  get pollMs(): number {
    return Math.max(50, Math.min(2000, Math.floor(this.o.ttlMs / 5)));
  }

  /** One renewal; a refusal (or a deadline already past) loses the lease. */
  async renew(): Promise<boolean> {
    const token = this.token;
    if (token === undefined) return false;
    const sent = this.o.clock.now();
    let ok: boolean;
    try {
      ok = await this.store.renew(this.me, token, sent, this.o.ttlMs);
    } catch (err) {
      // A failed call (throttled, network): try again soon; the deadline decides.
      this.o.log.warn({ error: (err as Error).message }, 'lease renewal failed; retrying');
      if (this.o.clock.now() >= this.#validUntil) this.#lose('its renewal kept failing until the lease ran out');
      return false;
    }
    if (!ok) {
      this.#lose('another process holds it now');
      return false;
    }
    if (this.token === token) this.#validUntil = sent + this.o.ttlMs - this.margin;
    return true;
  }

  #lose(why: string): void {
    if (this.token === undefined) return;
    this.o.log.warn({ token: this.token, reason: why }, `lease of stack "${this.o.stack}" lost: ${why}`);
    this.token = undefined;
    this.since = undefined;
    for (const fn of this.#lost) fn(why);
  }

  /** Renews every TTL/3 (sooner after a failure) until stopped or lost. Timers do not keep the process alive. */
  startRenewing(): void {
    this.stopRenewing();
    const every = Math.max(20, Math.floor(this.o.ttlMs / 3));
    const tick = (delay: number) => {
      this.#timer = setTimeout(() => {
        void this.renew().then((ok) => {
          if (this.token !== undefined && this.#timer !== undefined) tick(ok ? every : Math.max(20, Math.floor(every / 4)));
        });
      }, delay);
      this.#timer.unref();
    };
    tick(every);
  }

  stopRenewing(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Gives it up (best effort: a failure leaves it to expire). */
  async release(): Promise<void> {
    this.stopRenewing();
    const token = this.token;
    if (token === undefined) return;
    this.token = undefined;
    this.since = undefined;
    try {
      await this.store.release(this.me, token, this.o.clock.now());
      this.o.log.debug({ token }, `lease of stack "${this.o.stack}" released`);
    } catch (err) {
      this.o.log.warn({ error: (err as Error).message }, 'could not release the lease; it expires by itself');
    }
  }
}
