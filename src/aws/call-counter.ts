/**
 * Counts AWS API calls per service and operation: the "API calls spent" of a run and the
 * numbers benchmarks report. The middleware sits inside the SDK's retry loop, so every
 * attempt counts (a throttled call retried twice costs three calls), against real AWS as
 * against the sandbox; attempts that were retries, and attempts the service throttled,
 * are counted apart too, for the run's summary.
 */
import { isThrottlingError } from '@smithy/core/retry';

export interface CallStats {
  readonly service: string;
  readonly operation: string;
  /** Attempts made. */
  readonly calls: number;
  /** Of those, attempts that were retries (not the first attempt of a call). */
  readonly retries: number;
  /** Of those, attempts the service answered with throttling. */
  readonly throttles: number;
  /** Attempts that failed, by error name. */
  readonly errors: Readonly<Record<string, number>>;
}

type MutableStats = { -readonly [K in keyof CallStats]: K extends 'errors' ? Record<string, number> : CallStats[K] };

/** What else is known about an attempt. */
export interface AttemptFacts {
  /** It was a retry, not a call's first attempt. */
  readonly retry?: boolean;
  /** The service answered it with throttling. */
  readonly throttled?: boolean;
}

/** 'EC2Client' -> 'ec2', 'ElasticLoadBalancingV2Client' -> 'elasticloadbalancingv2'. */
export function serviceLabel(clientName: string): string {
  return clientName.replace(/Client$/, '').toLowerCase();
}

export class CallCounter {
  readonly #stats = new Map<string, MutableStats>();

  record(service: string, operation: string, errorName?: string, facts: AttemptFacts = {}): void {
    const key = `${service}:${operation}`;
    let s = this.#stats.get(key);
    if (s === undefined) {
      s = { service, operation, calls: 0, retries: 0, throttles: 0, errors: {} };
      this.#stats.set(key, s);
    }
    s.calls += 1;
    if (facts.retry) s.retries += 1;
    if (facts.throttled) s.throttles += 1;
    if (errorName !== undefined) s.errors[errorName] = (s.errors[errorName] ?? 0) + 1;
  }

  /** Attempts, optionally only of one service and/or operation. */
  count(service?: string, operation?: string): number {
    let n = 0;
    for (const s of this.#stats.values()) {
      if ((service === undefined || s.service === service) && (operation === undefined || s.operation === operation)) n += s.calls;
    }
    return n;
  }

  get total(): number {
    return this.count();
  }

  /** Attempts the services throttled. */
  get throttles(): number {
    let n = 0;
    for (const s of this.#stats.values()) n += s.throttles;
    return n;
  }

  /** Attempts that were retries. */
  get retries(): number {
    let n = 0;
    for (const s of this.#stats.values()) n += s.retries;
    return n;
  }

  /** Attempts per service. */
  byService(): Record<string, number> {
    return this.#perService('calls');
  }

  /** Retries per service (services without any left out). */
  retriesByService(): Record<string, number> {
    return this.#perService('retries');
  }

  /** Throttled attempts per service (services without any left out). */
  throttlesByService(): Record<string, number> {
    return this.#perService('throttles');
  }

  #perService(field: 'calls' | 'retries' | 'throttles'): Record<string, number> {
    const out: Record<string, number> = {};
    for (const s of this.#stats.values()) if (s[field] > 0 || field === 'calls') out[s.service] = (out[s.service] ?? 0) + s[field];
    return out;
  }

  /** Every (service, operation) seen, sorted, as copies. */
  snapshot(): CallStats[] {
    return [...this.#stats.values()]
      .map((s) => ({ ...s, errors: { ...s.errors } }))
      .sort((a, b) => a.service.localeCompare(b.service) || a.operation.localeCompare(b.operation));
  }

  reset(): void {
    this.#stats.clear();
  }
}

/** The little of an SDK v3 client the middlewares need. */
export interface MiddlewareHost {
  readonly middlewareStack: {
    addRelativeTo(middleware: never, options: { relation: 'before' | 'after'; toMiddleware: string; name?: string; override?: boolean }): void;
  };
}

/** Adds `middleware` right after the SDK's retry middleware: it sees every attempt. Added later, runs earlier. */
export function addPerAttempt(client: MiddlewareHost, name: string, middleware: unknown): void {
  client.middlewareStack.addRelativeTo(middleware as never, { relation: 'after', toMiddleware: 'retryMiddleware', name, override: true });
}

export const CALL_COUNTER_MIDDLEWARE = 'blogctlCallCounter';

interface HandlerContext {
  readonly clientName?: string;
  readonly commandName?: string;
}

/** Counts each attempt of each command sent through `client` into `counter`. */
export function attachCallCounter(client: MiddlewareHost, counter: CallCounter): void {
  // The SDK builds the handler chain once per command sent, then calls it once per attempt.
  const middleware = (next: (args: unknown) => Promise<unknown>, context: HandlerContext) => {
    let attempts = 0;
    return async (args: unknown): Promise<unknown> => {
      const service = serviceLabel(context.clientName ?? 'unknown');
      const operation = (context.commandName ?? 'unknown').replace(/Command$/, '');
      const retry = ++attempts > 1;
      try {
        const result = await next(args);
        counter.record(service, operation, undefined, { retry });
        return result;
      } catch (e) {
        const throttled = e instanceof Error && isThrottlingError(e as never);
        counter.record(service, operation, (e as { name?: string }).name ?? 'Error', { retry, throttled });
        // The engine names the failed operation in its messages (AdapterError).
        if (e && typeof e === 'object' && !('$operation' in e)) Object.defineProperty(e, '$operation', { value: operation, enumerable: false });
        throw e;
      }
    };
  };
  addPerAttempt(client, CALL_COUNTER_MIDDLEWARE, middleware);
}
