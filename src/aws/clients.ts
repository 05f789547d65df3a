/**
 * Client construction for the whole tool: one cached SDK v3 client per class.
 *
 * Against AWS (or LocalStack/moto) the SDK's standard chain decides what we do not set:
 * AWS_PROFILE / credentials, AWS_REGION, AWS_ENDPOINT_URL(_<SERVICE>). We set, on every
 * client: blogctl's retry policy (retry.ts: up to 10 attempts, 20 when throttled, full
 * jitter), connection and request timeouts (transport.ts), errors naming the endpoint;
 * with AWS_ENDPOINT_URL(_S3) set, S3 path-style addressing.
 * A ClientPlugin (the sandbox, given as `sandbox`) gives region and credentials and
 * answers every command in process instead.
 * Every client counts its attempts into `counter` (API calls spent, retries, throttles).
 */
import type { ClientProvider } from '../reconciler/types.ts';
import { attachCallCounter, CallCounter } from './call-counter.ts';
import { attachFence, type Fence } from './fence.ts';
import { attachLimiter, type RequestLimiter } from './limiter.ts';
import type { ClientPlugin, PluggableClient } from './plugin.ts';
import { RetryPolicy, retrySettings, RetryWaits, type RetrySettings } from './retry.ts';
import { attachEndpointErrors, DEFAULT_TIMEOUTS, httpHandler, type Timeouts } from './transport.ts';

/** A retry strategy object as SDK clients take it (`new ConfiguredRetryStrategy(...)`). */
export type RetryStrategyOption = object;

export interface AwsClientsOptions {
  /** Default: the SDK chain (AWS_REGION, profile), or the plugin's region. */
  readonly region?: string;
  /** Attempts per call, failures other than throttling (see retry.ts); default AWS_MAX_ATTEMPTS or 10. */
  readonly maxAttempts?: number;
  /** Replaces blogctl's retry policy, shared by every client (tests use one with tiny delays). */
  readonly retryStrategy?: RetryStrategyOption;
  /** Connection and request timeouts against real endpoints; default 5 s and 30 s. */
  readonly timeouts?: Partial<Timeouts>;
  /** Answer from this plugin (the embedded sandbox) instead of AWS. */
  readonly sandbox?: ClientPlugin;
  /** Where attempts are counted; default a new counter. */
  readonly counter?: CallCounter;
  /** Requests in flight at once across these clients (--concurrency); default unbounded. */
  readonly limiter?: RequestLimiter;
  /** Refuses writes once the stack's lease is lost (src/aws/fence.ts); default none. */
  readonly fence?: Fence;
  /** Where AWS_MAX_ATTEMPTS and BLOGCTL_RETRY_BASE_DELAY_MS are read; default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export class AwsClients implements ClientProvider {
  readonly counter: CallCounter;
  /** The retry policy each client gets its own instance of (unless a retryStrategy replaces it). */
  readonly retry: RetrySettings;
  /** How long every client's retries waited, throttled calls apart. */
  readonly retryWaits = new RetryWaits();
  readonly timeouts: Timeouts;
  readonly #options: AwsClientsOptions;
  readonly #clients = new Map<Function, object>();

  constructor(options: AwsClientsOptions = {}) {
    this.retry = retrySettings(options.maxAttempts, options.env);
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.#options = options;
    this.counter = options.counter ?? new CallCounter();
  }

  /** The configuration a new client is built with (a fresh retry policy and HTTP handler each time). */
  config(): Record<string, unknown> {
    const o = this.#options;
    const config: Record<string, unknown> = {
      maxAttempts: this.retry.maxThrottledAttempts,
      retryStrategy: o.retryStrategy ?? new RetryPolicy(this.retry, this.retryWaits),
    };
    if (o.sandbox) {
      config['region'] = o.region ?? o.sandbox.region;
      config['credentials'] = o.sandbox.credentials();
    } else {
      if (o.region !== undefined) config['region'] = o.region;
      config['requestHandler'] = httpHandler(this.timeouts);
      // An emulator (moto, LocalStack) at an address: bucket names cannot become host
      // names there (www.example.com.127.0.0.1 is no URL), so S3 goes path-style, as
      // LocalStack documents. Other clients ignore the setting.
      if (process.env.AWS_ENDPOINT_URL || process.env.AWS_ENDPOINT_URL_S3) config['forcePathStyle'] = true;
    }
    return config;
  }

  get<T extends object>(ctor: new (config: never) => T): T {
    const cached = this.#clients.get(ctor);
    if (cached) return cached as T;
    const client = new (ctor as unknown as new (config: Record<string, unknown>) => T)(this.config());
    const host = client as unknown as Partial<PluggableClient>;
    if (typeof host.middlewareStack?.addRelativeTo !== 'function' || host.config === undefined) {
      throw new TypeError(`${ctor.name} is not an AWS SDK v3 client (no middlewareStack)`);
    }
    // Middleware placed after retryMiddleware runs in the reverse order of adding: the
    // counter (added after the limiter) sees every attempt before the plugin answers it.
    this.#options.sandbox?.attach(host as PluggableClient);
    attachEndpointErrors(host as PluggableClient);
    if (this.#options.limiter) attachLimiter(host as PluggableClient, this.#options.limiter);
    attachCallCounter(host as PluggableClient, this.counter);
    // Added last, so it runs first: a refused write reaches neither the counter nor AWS.
    if (this.#options.fence) attachFence(host as PluggableClient, this.#options.fence);
    this.#clients.set(ctor, client);
    return client;
  }

  /** Closes every client's connections (real AWS keeps sockets open). */
  destroy(): void {
    for (const client of this.#clients.values()) (client as { destroy?: () => void }).destroy?.();
    this.#clients.clear();
  }
}
