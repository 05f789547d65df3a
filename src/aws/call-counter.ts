/**
 * Counts AWS API calls per service and operation: the "API calls spent" of a run and the
 * numbers benchmarks report. The middleware sits inside the SDK's retry loop, so every
 * attempt counts (a throttled call retried twice costs three calls), against real AWS as
 * against the sandbox.
 */

export interface CallStats {
  readonly service: string;
  readonly operation: string;
  /** Attempts made. */
  readonly calls: number;
  /** Attempts that failed, by error name. */
  readonly errors: Readonly<Record<string, number>>;
}

interface MutableStats {
  service: string;
  operation: string;
  calls: number;
  errors: Record<string, number>;
}

/** 'EC2Client' -> 'ec2', 'ElasticLoadBalancingV2Client' -> 'elasticloadbalancingv2'. */
export function serviceLabel(clientName: string): string {
  return clientName.replace(/Client$/, '').toLowerCase();
}

export class CallCounter {
  readonly #stats = new Map<string, MutableStats>();

  record(service: string, operation: string, errorName?: string): void {
    const key = `${service}:${operation}`;
    let s = this.#stats.get(key);
    if (s === undefined) {
      s = { service, operation, calls: 0, errors: {} };
      this.#stats.set(key, s);
    }
    s.calls += 1;
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

  byService(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const s of this.#stats.values()) out[s.service] = (out[s.service] ?? 0) + s.calls;
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

export const CALL_COUNTER_MIDDLEWARE = 'blogctlCallCounter';

interface HandlerContext {
  readonly clientName?: string;
  readonly commandName?: string;
}

/** Counts each attempt of each command sent through `client` into `counter`. */
export function attachCallCounter(client: MiddlewareHost, counter: CallCounter): void {
  const middleware =
    (next: (args: unknown) => Promise<unknown>, context: HandlerContext) =>
    async (args: unknown): Promise<unknown> => {
      const service = serviceLabel(context.clientName ?? 'unknown');
      const operation = (context.commandName ?? 'unknown').replace(/Command$/, '');
      try {
        const result = await next(args);
        counter.record(service, operation);
        return result;
      } catch (e) {
        counter.record(service, operation, (e as { name?: string }).name ?? 'Error');
        // The engine names the failed operation in its messages (AdapterError).
        if (e && typeof e === 'object' && !('$operation' in e)) Object.defineProperty(e, '$operation', { value: operation, enumerable: false });
        throw e;
      }
    };
  client.middlewareStack.addRelativeTo(middleware as never, {
    relation: 'after',
    toMiddleware: 'retryMiddleware',
    name: CALL_COUNTER_MIDDLEWARE,
    override: true,
  });
}
