/**
 * `--concurrency`: AWS requests in flight at once, across every client of a run. The
 * limiter sits in each client's middleware stack inside the retry loop, next to the
 * call counter: a slot is held for one attempt only, so neither the SDK's backoff
 * between attempts nor an adapter's wait (for a dependency, for readiness) holds one.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import type { MiddlewareHost } from './call-counter.ts';

export const LIMITER_MIDDLEWARE = 'blogctlLimiter';

export class RequestLimiter {
  readonly limit: LimitFunction;
  /** The most requests seen in flight at once (benchmarks and tests). */
  peak = 0;
  #inFlight = 0;
  constructor(readonly concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
    this.limit = pLimit(concurrency);
  }
  run<T>(fn: () => Promise<T>): Promise<T> {
    return this.limit(async () => {
      this.#inFlight += 1;
      this.peak = Math.max(this.peak, this.#inFlight);
      try {
        return await fn();
      } finally {
        this.#inFlight -= 1;
      }
    });
  }
}

export function attachLimiter(client: MiddlewareHost, limiter: RequestLimiter): void {
  const middleware = (next: (args: unknown) => Promise<unknown>) => (args: unknown) => limiter.run(() => next(args));
  client.middlewareStack.addRelativeTo(middleware as never, {
    relation: 'after',
    toMiddleware: 'retryMiddleware',
    name: LIMITER_MIDDLEWARE,
    override: true,
  });
}
