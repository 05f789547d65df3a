/**
 * Client construction for the whole tool: one cached SDK v3 client per class.
 *
 * Against AWS (or LocalStack/moto) the SDK's standard chain decides everything we do not
 * set: AWS_PROFILE / credentials, AWS_REGION, AWS_ENDPOINT_URL(_<SERVICE>). We only pin
 * the retry mode to 'standard' and, when asked, region and max attempts.
 * With a sandbox, clients get static dummy credentials (nothing reads ~/.aws or IMDS)
 * and the sandbox middleware answers every command in process.
 * Every client counts its attempts into `counter` (API calls spent).
 */
import type { ClientProvider } from '../reconciler/types.ts';
import { attachSandbox, type SandboxableClient } from '../sandbox/middleware.ts';
import type { Sandbox } from '../sandbox/sandbox.ts';
import { attachCallCounter, CallCounter } from './call-counter.ts';
import { attachFence, type Fence } from './fence.ts';
import { attachLimiter, type RequestLimiter } from './limiter.ts';

/** A retry strategy object as SDK clients take it (`new ConfiguredRetryStrategy(...)`). */
export type RetryStrategyOption = object;

export interface AwsClientsOptions {
  /** Default: the SDK chain (AWS_REGION, profile), or the sandbox's region. */
  readonly region?: string;
  /** Attempts per call including the first; default: the SDK's (AWS_MAX_ATTEMPTS or 3). */
  readonly maxAttempts?: number;
  /** Replaces the standard strategy (tests use one with tiny delays). */
  readonly retryStrategy?: RetryStrategyOption;
  /** Answer from this simulated account instead of AWS. */
  readonly sandbox?: Sandbox;
  /** Where attempts are counted; default a new counter. */
  readonly counter?: CallCounter;
  /** Requests in flight at once across these clients (--concurrency); default unbounded. */
  readonly limiter?: RequestLimiter;
  /** Refuses writes once the stack's lease is lost (src/aws/fence.ts); default none. */
  readonly fence?: Fence;
}

/** Credentials the SDK is satisfied with; never sent anywhere. (A fresh object each time: the SDK annotates it.) */
export function sandboxCredentials(): { accessKeyId: string; secretAccessKey: string } {
  return { accessKeyId: 'AKIASANDBOXEXAMPLE00', secretAccessKey: 'blogctl-sandbox' };
}

export class AwsClients implements ClientProvider {
  readonly counter: CallCounter;
  readonly #options: AwsClientsOptions;
  readonly #clients = new Map<Function, object>();

  constructor(options: AwsClientsOptions = {}) {
    if (options.maxAttempts !== undefined && (!Number.isInteger(options.maxAttempts) || options.maxAttempts < 1)) {
      throw new RangeError(`maxAttempts must be a positive integer, got ${options.maxAttempts}`);
    }
    this.#options = options;
    this.counter = options.counter ?? new CallCounter();
  }

  /** The configuration every client is built with. */
  config(): Record<string, unknown> {
    const o = this.#options;
    const config: Record<string, unknown> = { retryMode: 'standard' };
    if (o.maxAttempts !== undefined) config['maxAttempts'] = o.maxAttempts;
    if (o.retryStrategy !== undefined) config['retryStrategy'] = o.retryStrategy;
    if (o.sandbox) {
      config['region'] = o.region ?? o.sandbox.region;
      config['credentials'] = sandboxCredentials();
    } else if (o.region !== undefined) {
      config['region'] = o.region;
    }
    return config;
  }

  get<T extends object>(ctor: new (config: never) => T): T {
    const cached = this.#clients.get(ctor);
    if (cached) return cached as T;
    const client = new (ctor as unknown as new (config: Record<string, unknown>) => T)(this.config());
    const host = client as unknown as Partial<SandboxableClient>;
    if (typeof host.middlewareStack?.addRelativeTo !== 'function' || host.config === undefined) {
      throw new TypeError(`${ctor.name} is not an AWS SDK v3 client (no middlewareStack)`);
    }
    // Order matters: the later middleware placed after retryMiddleware runs first, so the
    // counter (added last) sees every attempt before the sandbox answers it.
    if (this.#options.sandbox) attachSandbox(host as SandboxableClient, this.#options.sandbox);
    if (this.#options.limiter) attachLimiter(host as SandboxableClient, this.#options.limiter);
    attachCallCounter(host as SandboxableClient, this.counter);
    // Added last, so it runs first: a refused write reaches neither the counter nor AWS.
    if (this.#options.fence) attachFence(host as SandboxableClient, this.#options.fence);
    this.#clients.set(ctor, client);
    return client;
  }

  /** Closes every client's connections (real AWS keeps sockets open). */
  destroy(): void {
    for (const client of this.#clients.values()) (client as { destroy?: () => void }).destroy?.();
    this.#clients.clear();
  }
}
