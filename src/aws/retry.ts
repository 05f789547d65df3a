/**
 * The retry policy every client gets (a RetryStrategyV2, as the SDK's retry middleware
 * takes it; one instance per client):
 * - throttling and transient errors (5xx, timeouts, dropped connections) are retried,
 *   anything else is not;
 * - a call is retried while it has failed fewer than `maxAttempts` times for a reason
 *   other than throttling and been tried fewer than `maxThrottledAttempts` times in all:
 *   throttling is AWS asking for patience, not a sign that the call is broken;
 * - each retry waits a random time up to base x 2^retry (full jitter), at most 200 x base
 *   (20 s by default); the base is 5x longer after throttling; a Retry-After the service
 *   sends is honoured (within that cap);
 * - a client's retries of 5xx and timeouts draw from a quota (500; 5 per 5xx, 10 per
 *   timeout, given back when the call then succeeds, +1 per call that succeeds at once),
 *   so an endpoint that keeps failing stops being retried; throttling draws nothing.
 */
import { isThrottlingError, isTransientError } from '@smithy/core/retry';
import { AwsConfigError } from './errors.ts';

export interface RetrySettings {
  /** Attempts per call, the first included, counting failures other than throttling; 1 means no retry. */
  readonly maxAttempts: number;
  /** Attempts per call in all, throttled ones included. */
  readonly maxThrottledAttempts: number;
  /** The backoff base in ms (after throttling: 5x). */
  readonly baseDelayMs: number;
  /** The retry quota of one client. */
  readonly capacity: number;
}

export const DEFAULT_RETRY: RetrySettings = { maxAttempts: 10, maxThrottledAttempts: 20, baseDelayMs: 100, capacity: 500 };

const COST = { throttling: 0, transient: 5, timeout: 10 } as const;
const TIMEOUT_CODES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'ETIMEDOUT']);

/** Settings with `maxAttempts` given, or from AWS_MAX_ATTEMPTS and BLOGCTL_RETRY_BASE_DELAY_MS. */
export function retrySettings(maxAttempts: number | undefined, env: Readonly<Record<string, string | undefined>> = process.env): RetrySettings {
  const number = (name: string, raw: string | undefined, min: number) => {
    if (raw === undefined || raw.trim() === '') return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min) throw new AwsConfigError(`${name} must be a number of at least ${min}, got '${raw}'`);
    return n;
  };
  const attempts = maxAttempts ?? number('AWS_MAX_ATTEMPTS', env['AWS_MAX_ATTEMPTS'], 1) ?? DEFAULT_RETRY.maxAttempts;
  if (!Number.isInteger(attempts) || attempts < 1) throw new AwsConfigError(`maxAttempts (AWS_MAX_ATTEMPTS) must be a positive integer, got ${attempts}`);
  return {
    maxAttempts: attempts,
    maxThrottledAttempts: attempts === 1 ? 1 : 2 * attempts,
    baseDelayMs: number('BLOGCTL_RETRY_BASE_DELAY_MS', env['BLOGCTL_RETRY_BASE_DELAY_MS'], 0) ?? DEFAULT_RETRY.baseDelayMs,
    capacity: DEFAULT_RETRY.capacity,
  };
}

/** What the SDK's retry middleware hands a strategy. */
export interface RetryErrorInfo {
  readonly error?: unknown;
  readonly errorType: 'THROTTLING' | 'TRANSIENT' | 'SERVER_ERROR' | 'CLIENT_ERROR';
  readonly retryAfterHint?: Date;
}

class Token {
  constructor(
    /** Retries made so far. */
    readonly count: number,
    /** Failures so far that were not throttling. */
    readonly failures: number,
    readonly delay: number,
    /** What the last retry took from the quota. */
    readonly cost: number | undefined,
  ) {}
  getRetryCount(): number {
    return this.count;
  }
  getRetryDelay(): number {
    return this.delay;
  }
}

function costOf(info: RetryErrorInfo): number | undefined {
  const error = info.error as { name?: string; code?: string } | undefined;
  if (info.errorType === 'THROTTLING' || (error !== undefined && isThrottlingError(error as never))) return COST.throttling;
  if (error !== undefined && (TIMEOUT_CODES.has(error.name ?? '') || TIMEOUT_CODES.has(error.code ?? ''))) return COST.timeout;
  if (info.errorType === 'TRANSIENT' || (error !== undefined && isTransientError(error as never))) return COST.transient;
  return undefined;
}

/** How long the retries of a run waited (shared by its clients' policies): what a summary reports. */
export class RetryWaits {
  /** Time waited before retries of throttled calls, summed over calls (they wait side by side). */
  throttledMs = 0;
  /** Before retries of anything else (5xx, timeouts). */
  otherMs = 0;
}

export class RetryPolicy {
  readonly mode = 'standard';
  readonly settings: RetrySettings;
  readonly waits: RetryWaits;
  #capacity: number;

  constructor(settings: RetrySettings = DEFAULT_RETRY, waits: RetryWaits = new RetryWaits()) {
    this.settings = settings;
    this.waits = waits;
    this.#capacity = settings.capacity;
  }

  /** What is left of the quota. */
  get capacity(): number {
    return this.#capacity;
  }

  async acquireInitialRetryToken(_scope: string): Promise<Token> {
    return new Token(0, 0, 0, undefined);
  }

  async refreshRetryTokenForRetry(token: Token, info: RetryErrorInfo): Promise<Token> {
    const cost = costOf(info);
    const s = this.settings;
    const throttled = cost === COST.throttling;
    const failures = token.failures + (throttled ? 0 : 1);
    const attempts = token.count + 1;
    if (cost === undefined || failures >= s.maxAttempts || attempts >= s.maxThrottledAttempts || cost > this.#capacity) {
      throw new Error('no retry');
    }
    this.#capacity -= cost;
    const base = (throttled ? 5 : 1) * s.baseDelayMs;
    const cap = 200 * s.baseDelayMs;
    let delay = Math.floor(Math.random() * Math.min(cap, base * 2 ** token.count));
    if (info.retryAfterHint instanceof Date) delay = Math.max(delay, Math.min(cap, info.retryAfterHint.getTime() - Date.now()));
    if (throttled) this.waits.throttledMs += delay;
    else this.waits.otherMs += delay;
    return new Token(attempts, failures, delay, cost);
  }

  recordSuccess(token: Token): void {
    this.#capacity = Math.min(this.settings.capacity, this.#capacity + (token.cost ?? 1));
  }
}
