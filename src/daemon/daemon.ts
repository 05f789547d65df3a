/**
 * Daemon mode: the reconcile loop on an interval with jitter, under the stack lease.
 * Every pass re-reads the spec (a broken one keeps the last good one running and says
 * so); passes never overlap; a failed pass is tried again with backoff (1 s doubling,
 * never later than the interval); resources back off on their own (backoff.ts).
 * stop() lets the pass in flight finish its AWS calls and start nothing new; reload()
 * starts a pass at once. Health is derived from what the passes saw (health.ts).
 */
import type { Lease } from '../lease/lease.ts';
import { SpecError } from '../reconciler/errors.ts';
import type { Engine, RunOptions } from '../reconciler/reconcile.ts';
import type { Clock, Log, Spec } from '../reconciler/types.ts';
import { Backoff, backoffFor } from './backoff.ts';
import { healthOf, type DaemonStatus, type Health } from './health.ts';
import type { DaemonMetrics } from './metrics.ts';
import { runPass, type PassResult } from './pass.ts';

export interface DaemonOptions {
  readonly intervalMs: number;
  readonly observeOnly: boolean;
  readonly run: RunOptions;
  /** Fraction of the interval added or taken at random (default 0.1: 5 min becomes 4.5 to 5.5 min). */
  readonly jitter?: number;
}

export interface DaemonDeps {
  /** Reads and validates the spec from disk (throws SpecError). */
  loadSpec(): Spec;
  /** An engine for one pass: clients behind the fence, the pass's abort signal and logger. */
  engineFor(spec: Spec, signal: AbortSignal, log: Log): { engine: Engine; dispose(): void };
  /** Absent in observe-only mode: nothing is written, so no lease is needed. */
  readonly lease?: Lease;
  readonly clock: Clock;
  readonly log: Log;
  readonly metrics: DaemonMetrics;
}

export class Daemon {
  readonly backoff = new Backoff();
  readonly status: DaemonStatus = { passes: 0, failuresInRow: 0, standby: false };
  #good: Spec | undefined;
  #token: number | undefined;
  #stopped = false;
  #current: AbortController | undefined;
  #wake: (() => void) | undefined;
  #wakeRequested = false;

  constructor(
    readonly deps: DaemonDeps,
    readonly o: DaemonOptions,
  ) {
    deps.lease?.onLost((why) => {
      this.#current?.abort(new Error(`lease lost: ${why}`));
      this.status.standby = true;
    });
  }

  /** Why a write must be refused now (the fence asks before every write attempt), or undefined. */
  writeRefusal(): string | undefined {
    if (this.o.observeOnly) return 'the daemon runs --observe-only';
    const why = this.deps.lease ? this.deps.lease.refusal(this.#token) : 'no lease';
    // The first refused write ends the pass: the walker starts nothing new.
    if (why !== undefined) this.#current?.abort(new Error(why));
    return why;
  }

  health(): Health {
    return healthOf(this.status, this.backoff, this.deps.lease, this.deps.clock.now());
  }

  /** The spec to run: the one on disk, or the last good one when it is broken. */
  #spec(log: Log): Spec | undefined {
    try {
      const spec = this.deps.loadSpec();
      if (this.#good && (spec.stack !== this.#good.stack || spec.region !== this.#good.region))
        throw new Error(`the spec now names stack "${spec.stack}" in ${spec.region}; this daemon runs stack "${this.#good.stack}" in ${this.#good.region}: restart it to change stacks`);
      this.#good = spec;
      this.status.specError = undefined;
      this.deps.metrics.specValid.set(1);
    } catch (err) {
      if (!(err instanceof SpecError) && !(err instanceof Error && /restart it to change stacks/.test(err.message))) throw err;
      const first = err.message.split('\n')[0]!;
      const problems = err instanceof SpecError ? err.problems.length : 1;
      this.status.specError = { message: `${first}${problems > 1 ? ` (and ${problems - 1} more)` : ''}`, at: this.deps.clock.now() };
      this.deps.metrics.specValid.set(0);
      this.deps.metrics.specErrors.inc();
      log.error({ problems }, `the spec is invalid; ${this.#good ? 'running the last good one' : 'nothing to run yet'}: ${err.message}`);
    }
    return this.#good;
  }

  /** One pass. Never throws: a failure is recorded, logged and counted. */
  async pass(): Promise<PassResult | undefined> {
    const n = ++this.status.passes;
    const log = this.deps.log.child({ pass: n });
    const started = this.deps.clock.now();
    const controller = new AbortController();
    if (this.#stopped) controller.abort(new Error('stopping'));
    this.#current = controller;
    let disposer: (() => void) | undefined;
    try {
      const spec = this.#spec(log);
      if (!spec) throw new Error('no valid spec to run');
      if (!this.o.observeOnly) {
        if (!this.deps.lease?.held) throw new Error('the lease is not held');
        this.#token = this.deps.lease.token;
      }
      const { engine, dispose } = this.deps.engineFor(spec, controller.signal, log);
      disposer = dispose;
      log.debug({ stack: spec.stack, resources: spec.resources.length }, 'pass started');
      const r = await runPass({
        spec, engine, run: this.o.run, observeOnly: this.o.observeOnly, backoff: this.backoff, now: () => this.deps.clock.now(), log,
      });
      this.#record(r, log, started);
      return r;
    } catch (err) {
      this.status.failuresInRow += 1;
      this.status.lastError = (err as Error).message;
      this.status.lastPassOk = false;
      this.deps.metrics.passes.inc({ result: 'failed' });
      const e = err as { kind?: string; operation?: string };
      this.deps.metrics.failures.inc({ kind: e.kind ?? 'pass', operation: e.operation ?? 'pass' });
      log.error({ failuresInRow: this.status.failuresInRow }, `pass failed: ${(err as Error).message}`);
      return undefined;
    } finally {
      disposer?.();
      this.#token = undefined;
      this.#current = undefined;
      const seconds = (this.deps.clock.now() - started) / 1000;
      this.deps.metrics.passDuration.observe(seconds);
      this.status.lastPassAt = this.deps.clock.now();
    }
  }

  #record(r: PassResult, log: Log, started: number): void {
    const m = this.deps.metrics;
    this.status.failuresInRow = 0;
    this.status.lastPassOk = true;
    this.status.lastError = undefined;
    m.passes.inc({ result: 'ok' });
    m.lastSuccess.set(this.deps.clock.now() / 1000);
    m.resources.set({ state: 'in_sync' }, r.inSync);
    m.resources.set({ state: 'drifted' }, r.drifted);
    m.resources.set({ state: 'failed' }, r.failed);
    for (const o of r.outcomes) {
      if (['created', 'updated', 'replaced', 'deleted', 'adopted'].includes(o.status)) m.repairs.inc({ kind: o.kind, action: o.status });
      if (o.status === 'failed') m.failures.inc({ kind: o.kind, operation: (o.error as { operation?: string } | undefined)?.operation ?? o.action });
    }
    const applied = r.outcomes.filter((o) => o.status !== 'unchanged').length;
    log.info({ ms: this.deps.clock.now() - started, inSync: r.inSync, drifted: r.drifted, failed: r.failed, applied }, 'pass finished');
  }

  /** Time to the next pass: the interval with jitter, or a backoff after a failed pass. */
  nextDelay(): number {
    if (this.status.failuresInRow > 0) return Math.min(this.o.intervalMs, backoffFor(this.status.failuresInRow));
    const j = this.o.jitter ?? 0.1;
    return Math.max(0, Math.round(this.o.intervalMs * (1 - j + 2 * j * this.deps.clock.random())));
  }

  /** Passes until stop(): waits for the lease (standby) when writing, then one pass per interval. */
  async run(): Promise<void> {
    const lease = this.deps.lease;
    while (!this.#stopped) {
      if (lease && !this.o.observeOnly && !lease.held) {
        if (!(await lease.tryAcquire().catch((err: Error) => this.#leaseError(err)))) {
          if (!this.status.standby) this.deps.log.info({ holder: lease.current ? `${lease.current.host}:${lease.current.pid}` : null }, 'standby: another blogctl holds the lease');
          this.status.standby = true;
          await this.#sleep(lease.pollMs);
          continue;
        }
        this.status.standby = false;
        if (this.#stopped) break;
        this.deps.log.info({ token: lease.token }, `lease acquired: this daemon writes to stack "${lease.o.stack}"`);
        lease.startRenewing();
      }
      await this.pass();
      if (this.#stopped) break;
      await this.#sleep(this.nextDelay());
    }
    await lease?.release();
  }

  /** The lease could not even be asked for (no permission, no network): counts as a failed pass for /healthz. */
  #leaseError(err: Error): false {
    this.status.failuresInRow += 1;
    this.status.lastError = `lease: ${err.message}`;
    this.deps.log.warn({ error: err.message }, 'could not ask for the lease');
    return false;
  }

  async #sleep(ms: number): Promise<void> {
    if (this.#wakeRequested) {
      this.#wakeRequested = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
    this.#wake = undefined;
    this.#wakeRequested = false;
  }

  /** SIGHUP: a pass at once (after the one running, if any), re-reading the spec. */
  reload(): void {
    this.deps.log.info({}, 'reload: a pass starts now with the spec on disk');
    if (this.#wake) this.#wake();
    else this.#wakeRequested = true;
  }

  /** SIGTERM/SIGINT: the pass in flight starts nothing new; run() returns once its calls are done, releasing the lease. */
  stop(why: string): void {
    this.#stopped = true;
    this.#current?.abort(new Error(why));
    this.#wake?.();
  }

  get stopped(): boolean {
    return this.#stopped;
  }
}
