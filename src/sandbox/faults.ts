/**
 * Fault injection: per-call latency, random throttling and 5xx at given rates, and faults
 * queued for a specific call ("throttle the next 2 DescribeVpcs"). Random decisions are a
 * hash of the seed, the operation, how many times it was called and the run (the
 * sandbox's number among those that used the account, see Sandbox): a sandbox with a
 * given seed fails the same calls on a new account, and a second run on the same
 * account is not a replay of the first.
 *
 * Also AWS-like request-rate limits: a token bucket per key (EC2 keeps one per API action
 * and region), refilled continuously from the sandbox clock. A call that finds its bucket
 * empty is throttled with the service's own throttling error.
 */
import { seededUnit } from './ids.ts';
import type { Clock } from './time.ts';

export interface FaultOptions {
  /** Added to every call, in ms (through the sandbox's Delay). */
  readonly latencyMs?: number;
  /** Fraction of calls (0..1) answered with the service's throttling error. */
  readonly throttleRate?: number;
  /** Fraction of calls (0..1) answered with a 5xx error. */
  readonly serverErrorRate?: number;
}

/** What an injected fault answers with. */
export type FaultKind = 'throttle' | 'server-error' | { readonly code: string; readonly message?: string; readonly status?: number };

export interface InjectedFault {
  /** Simulator name ('ec2') or SDK client name ('EC2Client'); undefined matches any. */
  readonly service?: string;
  /** Operation without the Command suffix ('DescribeVpcs'); undefined matches any. */
  readonly operation?: string;
  readonly fault: FaultKind;
  /** How many matching calls fail; default 1. */
  readonly times?: number;
}

function checkRate(name: string, value: number | undefined): number {
  if (value === undefined) return 0;
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new RangeError(`${name} must be between 0 and 1, got ${value}`);
  return value;
}

export class Faults {
  readonly latencyMs: number;
  readonly throttleRate: number;
  readonly serverErrorRate: number;
  readonly #seed: string;
  readonly #queue: { match: InjectedFault; left: number }[] = [];
  readonly #seen = new Map<string, number>();

  constructor(options: FaultOptions, seed: string) {
    const latency = options.latencyMs ?? 0;
    if (!Number.isFinite(latency) || latency < 0) throw new RangeError(`latencyMs must be >= 0, got ${latency}`);
    this.latencyMs = latency;
    this.throttleRate = checkRate('throttleRate', options.throttleRate);
    this.serverErrorRate = checkRate('serverErrorRate', options.serverErrorRate);
    this.#seed = seed;
  }

  /** Queue a fault for the next matching call(s). */
  inject(fault: InjectedFault): void {
    const times = fault.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`times must be a positive integer, got ${times}`);
    this.#queue.push({ match: fault, left: times });
  }

  /** Injected faults not yet used. */
  get pending(): number {
    return this.#queue.reduce((sum, q) => sum + q.left, 0);
  }

  /** Whether calls fail at random (a rate above 0). */
  get random(): boolean {
    return this.throttleRate > 0 || this.serverErrorRate > 0;
  }

  /** The fault this call gets, if any. `names` are the service's simulator and client names; `run` varies the random sequence. */
  decide(names: readonly string[], operation: string, run = 0): FaultKind | undefined {
    const i = this.#queue.findIndex(
      (q) =>
        (q.match.service === undefined || names.includes(q.match.service)) &&
        (q.match.operation === undefined || q.match.operation === operation),
    );
    if (i >= 0) {
      const q = this.#queue[i]!;
      q.left -= 1;
      if (q.left === 0) this.#queue.splice(i, 1);
      return q.match.fault;
    }
    if (!this.random) return undefined;
    const key = `${names[0]}:${operation}`;
    const n = this.#seen.get(key) ?? 0;
    this.#seen.set(key, n + 1);
    const roll = seededUnit(this.#seed, 'fault', key, n, run);
    if (roll < this.throttleRate) return 'throttle';
    if (roll < this.throttleRate + this.serverErrorRate) return 'server-error';
    return undefined;
  }
}

export interface BucketSpec {
  /** Tokens the bucket holds when full: the burst allowed. */
  readonly capacity: number;
  /** Tokens added per second of clock time. */
  readonly refillPerSecond: number;
  /** One bucket per operation (EC2's model, the default) or one for the whole service. */
  readonly scope?: 'operation' | 'service';
}

/** EC2's published defaults: non-mutating (Describe*) and mutating actions. */
export const EC2_NON_MUTATING: BucketSpec = { capacity: 100, refillPerSecond: 20 };
export const EC2_MUTATING: BucketSpec = { capacity: 200, refillPerSecond: 5 };
/** A generic default for services that do not publish per-action buckets. */
export const DEFAULT_BUCKET: BucketSpec = { capacity: 100, refillPerSecond: 20 };

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  readonly #clock: Clock;
  readonly #buckets = new Map<string, Bucket>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Takes one token from the bucket `key`; false means the call is throttled. */
  take(key: string, spec: BucketSpec): boolean {
    const now = this.#clock.now();
    let bucket = this.#buckets.get(key);
    if (bucket === undefined) {
      bucket = { tokens: spec.capacity, at: now };
      this.#buckets.set(key, bucket);
    }
    const elapsed = Math.max(0, now - bucket.at);
    bucket.tokens = Math.min(spec.capacity, bucket.tokens + (elapsed / 1000) * spec.refillPerSecond);
    bucket.at = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Tokens left in a bucket (for tests and `blogctl sandbox show`). */
  tokens(key: string): number | undefined {
    return this.#buckets.get(key)?.tokens;
  }
}
