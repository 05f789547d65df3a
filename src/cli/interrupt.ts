/**
 * Ctrl-C and SIGTERM for commands that change AWS: the first signal aborts (the walker
 * starts nothing new, the calls in flight finish, waits end at once), a second one
 * quits at once with 130. Listeners live only while the command runs.
 */
import type { Clock } from '../reconciler/types.ts';

export class Interrupted extends Error {
  override name = 'Interrupted';
  constructor(what = 'interrupted') {
    super(what);
  }
}

export interface Interrupt {
  readonly signal: AbortSignal;
  /** Which signal arrived, if one did. */
  readonly received: () => NodeJS.Signals | undefined;
  dispose(): void;
}

export function onInterrupt(note: (signal: NodeJS.Signals) => void, signals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM']): Interrupt {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const handler = (sig: NodeJS.Signals) => {
    if (received !== undefined) process.exit(130);
    received = sig;
    note(sig);
    controller.abort(new Interrupted(`received ${sig}`));
  };
  for (const s of signals) process.on(s, handler);
  return {
    signal: controller.signal,
    received: () => received,
    dispose: () => {
      for (const s of signals) process.off(s, handler);
    },
  };
}

/** The system clock, whose sleeps end (rejecting) once `signal` is aborted: waits for readiness stop promptly, and no timer outlives them. */
export function abortableClock(signal: AbortSignal): Clock {
  return {
    now: () => Date.now(),
    random: Math.random,
    sleep: (ms) =>
      new Promise<void>((resolve, reject) => {
        if (signal.aborted) return reject(new Interrupted('interrupted while waiting'));
        const onAbort = () => {
          clearTimeout(timer);
          reject(new Interrupted('interrupted while waiting'));
        };
        const timer = setTimeout(() => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        }, ms);
        signal.addEventListener('abort', onAbort, { once: true });
      }),
  };
}
