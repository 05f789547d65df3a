/**
 * Retries of whole operations, above the SDK's per-call retries: when a throttle or a
 * 5xx outlasts the SDK's attempts in the middle of an operation of several calls, the
 * engine tries the operation again (observe, a delete), or re-observes and converges
 * from what is there (create, update: see apply.ts). Counted, so the summary shows them.
 */
import type { Clock, Log } from './contract.ts';
import { isRetryable } from './errors.ts';
import { backoffDelay } from './wait.ts';

/** Attempts of a whole operation, the first included. */
export const OPERATION_ATTEMPTS = 4;

export class RetryCounter {
  count = 0;
}

export interface RetryOptions {
  readonly clock: Clock;
  readonly log: Log;
  /** For the log line: "observe ec2.vpc", "delete natSg". */
  readonly what: string;
  readonly counter?: RetryCounter;
  readonly attempts?: number;
}

/** Runs `op`; on a retryable failure waits (full jitter, 1 s base) and runs it again. */
export async function retrying<T>(op: (attempt: number) => Promise<T>, o: RetryOptions): Promise<T> {
  const attempts = o.attempts ?? OPERATION_ATTEMPTS;
  for (let attempt = 0; ; attempt++) {
    try {
      return await op(attempt);
    } catch (err) {
      if (attempt + 1 >= attempts || !isRetryable(err)) throw err;
      if (o.counter) o.counter.count += 1;
      const delay = Math.max(250, backoffDelay(attempt, o.clock));
      o.log.warn({ attempt: attempt + 1, delayMs: delay, error: (err as Error).message }, `${o.what} failed, retrying`);
      await o.clock.sleep(delay);
    }
  }
}
