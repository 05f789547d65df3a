/**
 * Waiting without fixed sleeps: exponential backoff with full jitter on an injectable
 * clock (tests advance time instead of sleeping), progress messages while it lasts
 * (`Still creating... [1m20s elapsed]`), a limit from the kind's timeouts, and a
 * promise that can be settled later.
 */
import type { Clock, Log, WaitOptions } from './contract.ts';

export type { Clock } from './contract.ts';

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** Full jitter (AWS Architecture Blog): a random delay up to min(cap, base * 2^attempt). */
export function backoffDelay(attempt: number, clock: Clock, baseMs = 1000, capMs = 30_000): number {
  return Math.floor(clock.random() * Math.min(capMs, baseMs * 2 ** attempt));
}

/** `1m20s`, `45s`, `2h3m`: Terraform's elapsed-time style. */
export function formatElapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${s % 60}s`;
  return `${Math.floor(m / 60)}h${m % 60}m`;
}

export class TimeoutError extends Error {
  constructor(what: string, timeoutMs: number) {
    super(`still ${what} after ${formatElapsed(timeoutMs)}, its kind's limit; AWS may finish later: rerun to pick it up`);
    this.name = 'TimeoutError';
  }
}

/** How often a long wait says it is still going. */
export const PROGRESS_EVERY_MS = 10_000;

/**
 * Polls `check` until it gives a value: first at once, then with backoff (at least
 * 250 ms, at most 30 s apart). Logs progress every PROGRESS_EVERY_MS of clock time.
 */
export async function waitFor<T>(check: () => Promise<T | undefined>, opts: WaitOptions, clock: Clock, log: Log): Promise<T> {
  const started = clock.now();
  let nextNote = started + PROGRESS_EVERY_MS;
  for (let attempt = 0; ; attempt++) {
    const value = await check();
    if (value !== undefined) return value;
    const now = clock.now();
    if (now - started >= opts.timeoutMs) throw new TimeoutError(opts.what, opts.timeoutMs);
    if (now >= nextNote) {
      log.info({ elapsedMs: now - started, timeoutMs: opts.timeoutMs }, `Still ${opts.what}... [${formatElapsed(now - started)} elapsed]`);
      while (nextNote <= now) nextNote += PROGRESS_EVERY_MS;
    }
    await clock.sleep(Math.max(250, backoffDelay(attempt, clock)));
  }
}
