/**
 * The plug-in point of the sandbox: one ServiceSimulator per AWS service.
 *
 * How a service plugs in
 * ----------------------
 * 1. Write `src/sandbox/<service>/` exporting a `ServiceSimulator<YourState>`:
 *    - `name`: the key of the service's state in the account file and in call counts ('ec2', 's3').
 *    - `clientName`: the SDK client class name, which the SDK puts in the middleware
 *      context as `context.clientName` ('EC2Client', 'S3Client'). The sandbox middleware
 *      dispatches on it.
 *    - `initialState(init)`: the service's state in a fresh account. It must be plain
 *      JSON (no Date, Map, class instances, undefined in arrays): it is saved as JSON.
 *    - `operations`: operation name without 'Command' -> handler. A handler receives the
 *      command input (typed with the SDK's `XxxCommandInput`) and a CallContext, and
 *      returns the output without `$metadata` (typed with `Omit<XxxCommandOutput, '$metadata'>`);
 *      the middleware adds `$metadata`. Outputs may hold Dates; they are never stored.
 *    - `errors`: the codes the service uses for throttling and 5xx, and `toException`,
 *      which builds what the SDK would throw (use `sdkExceptions(ServiceException, {...})`).
 *    - optional `rateLimit(operation)`: the token bucket an operation draws from.
 *    - optional `readOnly(operation)`: which operations only read (see below).
 * 2. Add it to the list in `services.ts` (lazily: its module loads when the service is
 *    first called).
 *
 * Rules for handlers
 * ------------------
 * - Fail with `ctx.fail(code, message)` (or throw a SimulatedError): the AWS error code
 *   and message. Validate before mutating where you can; if a handler throws anyway, the
 *   sandbox rolls the whole account back to its state before the call, like AWS's
 *   all-or-nothing API calls.
 * - Time comes from `ctx.now`; durations from `ctx.durations.of(...)`. Store timestamps
 *   and derive states (pending -> running) from them on read instead of using timers.
 * - Ids from `ctx.ids` (deterministic per sandbox), ARNs from `ctx.arn(...)`.
 * - Never hand out references into state: outputs are copied by the core, but build them
 *   fresh anyway. Copy state with `copyJson` (json.ts), not structuredClone: a write
 *   handler sees the account through the undo journal's proxies, which structuredClone
 *   refuses.
 * - Reads (readOnly) must not change the account, not even to settle a derived status;
 *   tests run with `checkReads`, which fails a read that did. A read that needs another
 *   service's state before it exists is rerun as a write (the state is created then).
 * - Keep no reference into the account past the call: after it the journal refuses changes.
 */
import type { Durations } from './time.ts';
import type { IdGenerator } from './ids.ts';
import type { BucketSpec } from './faults.ts';
import type { ClientProvider } from '../reconciler/types.ts';

/** What the SDK calls `$metadata` (the subset the sandbox fills in). */
export interface ResponseMetadata {
  httpStatusCode?: number;
  requestId?: string;
  extendedRequestId?: string;
  cfId?: string;
  attempts?: number;
  totalRetryDelay?: number;
}

export interface SimulatedErrorOptions {
  /** Default 'client'. */
  readonly fault?: 'client' | 'server';
  /** HTTP status; default 400 for client faults, 500 for server faults. */
  readonly status?: number;
  /** Extra members of the modelled exception (e.g. CloudFront's `Message`). */
  readonly fields?: Readonly<Record<string, unknown>>;
}

/** An AWS error answered by a simulator, turned into the SDK's exception by the middleware. */
export class SimulatedError extends Error {
  readonly code: string;
  readonly fault: 'client' | 'server';
  readonly status: number;
  readonly fields: Readonly<Record<string, unknown>>;

  constructor(code: string, message: string, options: SimulatedErrorOptions = {}) {
    super(message);
    this.name = 'SimulatedError';
    this.code = code;
    this.fault = options.fault ?? 'client';
    this.status = options.status ?? (this.fault === 'server' ? 500 : 400);
    this.fields = options.fields ?? {};
  }
}

/** What a service's initialState gets. */
export interface InitContext {
  readonly accountId: string;
  readonly region: string;
  readonly now: number;
  readonly ids: IdGenerator;
}

/** What a handler gets besides its input. */
export interface CallContext<S> {
  /** This service's state; mutate it in place. */
  readonly state: S;
  readonly operation: string;
  /** The region of the client that made the call. */
  readonly region: string;
  readonly accountId: string;
  /** Clock time of the call, ms since the epoch. */
  readonly now: number;
  readonly ids: IdGenerator;
  readonly durations: Durations;
  /** An ARN of this service (`arnNamespace`), in the caller's region and this account unless overridden. */
  arn(resource: string, options?: { readonly region?: string; readonly account?: string; readonly service?: string }): string;
  /** Another service's state (created if new), for effects that cross services. */
  serviceState<T>(name: string): T;
  /** Like serviceState, but undefined when this sandbox does not simulate that service. */
  maybeServiceState<T>(name: string): T | undefined;
  /** Runs after the call is committed, outside the state lock (e.g. S3 -> Lambda events). */
  afterCommit(fn: (effect: EffectContext) => void | Promise<void>): void;
  /** Throws the service's error with this AWS code and message. */
  fail(code: string, message: string, options?: SimulatedErrorOptions): never;
}

/** What an after-commit effect gets: the sandbox, reached the way AWS services reach each other. */
export interface EffectContext {
  /** Calls another (or the same) service of this sandbox, in a transaction of its own. */
  call(clientName: string, operation: string, input: object, region?: string): Promise<object>;
  /** Reads or changes this account in a transaction of its own. */
  transact<T>(fn: (account: { services: Record<string, unknown> }) => T | Promise<T>): Promise<T>;
  /** The committed call's output, as the caller will get it; an effect may complete it (Lambda Invoke's Payload). */
  readonly output: Record<string, unknown>;
  /** SDK clients answered by this sandbox in `region`, for code a service runs in process (a Lambda handler's). */
  clients(region: string): ClientProvider;
}

// `input: never` lets each handler declare its own SDK input type.
export type OperationHandler<S> = (input: never, ctx: CallContext<S>) => object | Promise<object>;
export type OperationTable<S> = Readonly<Record<string, OperationHandler<S>>>;

/** An SDK exception class: the service's base (`EC2ServiceException`) or a modelled one (`NoSuchBucket`). */
export type ExceptionClass = new (options: never) => Error;

export interface ErrorModel {
  readonly throttling: { readonly code: string; readonly status: number };
  readonly serverError: { readonly code: string; readonly status: number };
  /** What the SDK would throw for this error. */
  toException(error: SimulatedError, $metadata: ResponseMetadata): Error;
}

/** A simulator of any state type, as the registry holds them (state types are erased there). */
export type AnySimulator = ServiceSimulator<any>;

export interface ServiceSimulator<S extends object = object> {
  readonly name: string;
  readonly clientName: string;
  /** The service part of its ARNs ('ec2', 'elasticloadbalancing'); default `name`. */
  readonly arnNamespace?: string;
  initialState(init: InitContext): S;
  readonly operations: OperationTable<S>;
  readonly errors: ErrorModel;
  /** The bucket an operation draws from; undefined means no limit. */
  rateLimit?(operation: string): BucketSpec | undefined;
  /**
   * Whether an operation only reads; default isReadOperation (Describe*, List*, Get*, ...).
   * A read runs on the account as it is (nothing copied, journaled or written), so it must
   * not change it: answer false for operations that store what they derive on read.
   */
  readOnly?(operation: string): boolean;
}

/** The default for ServiceSimulator.readOnly: AWS's read-only verbs. */
export function isReadOperation(operation: string): boolean {
  return /^(Describe|List|Get|Head|BatchGet)[A-Z]|^(Query|Scan)$/.test(operation);
}

/**
 * A simulator whose module is loaded when its service is first called, so a run that
 * talks only to EC2 never loads (say) the CloudFront SDK client its simulator imports.
 */
export interface LazySimulator {
  readonly name: string;
  readonly clientName: string;
  load(): Promise<AnySimulator>;
}

/** What a sandbox is given: simulators, or lazy ones. */
export type SimulatorSource = AnySimulator | LazySimulator;

/**
 * `toException` for a service: the modelled class when the SDK exports one for the code
 * (so `instanceof NoSuchBucket` works), else the service's base exception with `name` set
 * to the code (how the SDK reports errors it has no class for, e.g. every EC2 error).
 * `extras` adds the members the service's protocol puts on every error (EC2: `Code`, `Error`);
 * `SimulatedError.fields` are added too.
 */
export function sdkExceptions(
  Base: ExceptionClass,
  modelled: Readonly<Record<string, ExceptionClass>> = {},
  extras: (error: SimulatedError) => Readonly<Record<string, unknown>> = () => ({}),
): ErrorModel['toException'] {
  return (error, $metadata) => {
    const Specific = modelled[error.code];
    const options = Specific
      ? { ...error.fields, message: error.message, $metadata }
      : { name: error.code, $fault: error.fault, message: error.message, $metadata };
    const Ctor = (Specific ?? Base) as unknown as new (o: typeof options) => Error;
    return Object.assign(new Ctor(options), extras(error), error.fields);
  };
}

/**
 * A deep copy of a handler's output as the SDK would have produced it: members whose value
 * is undefined are left out (a deserialised response has no `Tags: undefined`), Dates and
 * byte arrays are copied, anything else that is not plain data (streams) is passed through.
 */
export function cloneOutput<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => cloneOutput(v)) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (value instanceof Uint8Array) return new Uint8Array(value) as T;
  if (typeof value === 'object' && value !== null) {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = cloneOutput(v);
    return out as T;
  }
  return value;
}
