/**
 * Waiting without fixed sleeps: exponential backoff with full jitter on an injectable
 * clock (tests advance time instead of sleeping), and a promise that can be settled later.
 */
import type { LimitFunction } from 'p-limit';
import type { AdapterContext, LogicalId, Observation, ResourceAdapter } from './types.ts';

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** In [0, 1): the jitter. */
  random(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** Full jitter (AWS Architecture Blog): a random delay up to min(cap, base * 2^attempt). */
export function backoffDelay(attempt: number, clock: Clock, baseMs = 1000, capMs = 30_000): number {
  return Math.floor(clock.random() * Math.min(capMs, baseMs * 2 ** attempt));
}

export class Deferred<T> {
  readonly promise: Promise<T>;
  value: T | undefined;
  resolve!: (v: T) => void;
  reject!: (e: Error) => void;
  constructor() {
    this.promise = new Promise<T>((res, rej) => {
      this.resolve = (v) => {
        this.value = v;
        res(v);
      };
      this.reject = rej;
    });
    this.promise.catch(() => undefined); // a rejection nobody awaits is not a crash
  }
}

/** Polls observe for one resource until its adapter says ready; a slot only per call. */
export async function waitUntilReady(
  id: LogicalId,
  first: Observation<unknown>,
  adapter: ResourceAdapter,
  desired: unknown,
  limit: LimitFunction,
  ctx: AdapterContext,
  clock: Clock,
  timeoutMs: number,
): Promise<Observation<unknown>> {
  const deadline = clock.now() + timeoutMs;
  let obs = first;
  for (let attempt = 0; ; attempt++) {
    const state = adapter.readiness!(obs.state);
    if (state === 'ready') return obs;
    if (state === 'failed') throw new Error(`${id} ended in a failed state`);
    if (clock.now() >= deadline) throw new Error(`${id} was not ready after ${Math.round(timeoutMs / 1000)} s`);
    await clock.sleep(Math.max(250, backoffDelay(attempt, clock)));
    const found = await limit(() => adapter.observe([{ id, desired }], ctx));
    const next = found.get(id);
    if (!next) throw new Error(`${id} disappeared while waiting for it to be ready`);
    obs = next;
  }
}
