/**
 * Time in the sandbox: a clock that says what time it is, a delay that waits, and the
 * duration profiles that say how long asynchronous things take.
 *
 * Async states (instances pending -> running, RDS creating -> available) are computed
 * from timestamps and `clock.now()`, so a test drives them with a ManualClock instead
 * of sleeping.
 *
 * Profiles: `quick` (default) settles everything within a few simulated seconds;
 * `realistic` uses AWS-like durations (RDS create ~6 min, CloudFront deploy ~5 min)
 * multiplied by `scale` (e.g. 0.01 for a benchmark that keeps AWS's proportions).
 */

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** Waits `ms` milliseconds (or pretends to). Used for injected latency. */
export type Delay = (ms: number) => Promise<void>;

export const systemClock: Clock = { now: () => Date.now() };

export const realDelay: Delay = (ms) =>
  ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));

/** A clock that moves only when told to. Its `delay` advances it instead of sleeping. */
export class ManualClock implements Clock {
  #now: number;

  constructor(start: number | Date = Date.UTC(2025, 0, 1)) {
    this.#now = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.#now;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance(${ms}): expected a finite, non-negative number`);
    this.#now += ms;
  }

  set(ms: number | Date): void {
    this.#now = typeof ms === 'number' ? ms : ms.getTime();
  }

  /** A Delay that moves this clock forward by the requested time and returns at once. */
  readonly delay: Delay = async (ms) => {
    if (ms > 0) this.advance(ms);
  };
}

export type DurationProfile = 'quick' | 'realistic';

export interface DurationSpec {
  /** Milliseconds under the quick profile (not scaled). */
  readonly quick: number;
  /** Milliseconds under the realistic profile, before scaling. */
  readonly realistic: number;
}

/** Known durations; a simulator may also pass its own DurationSpec. */
export const DURATIONS = {
  'ec2.instance.launch': { quick: 1_000, realistic: 35_000 },
  'ec2.instance.terminate': { quick: 1_000, realistic: 45_000 },
  /** How long a terminated instance stays visible in DescribeInstances. */
  'ec2.instance.visible-after-terminate': { quick: 3_600_000, realistic: 3_600_000 },
  'elbv2.load-balancer.provision': { quick: 2_000, realistic: 180_000 },
  /** A registered target's first health checks (realistic: interval x healthy threshold by default). */
  'elbv2.target.initial': { quick: 1_000, realistic: 150_000 },
  'autoscaling.instance-refresh': { quick: 3_000, realistic: 600_000 },
  /** An Auto Scaling instance from Pending to InService, and from Terminating to gone. */
  'autoscaling.instance.launch': { quick: 1_000, realistic: 60_000 },
  'autoscaling.instance.terminate': { quick: 1_000, realistic: 60_000 },
  'rds.instance.create': { quick: 3_000, realistic: 360_000 },
  /** The first automated backup after creating (status backing-up), when backups are on. */
  'rds.instance.backup': { quick: 1_000, realistic: 120_000 },
  'rds.instance.modify': { quick: 2_000, realistic: 120_000 },
  'rds.instance.delete': { quick: 2_000, realistic: 300_000 },
  'cloudfront.distribution.deploy': { quick: 3_000, realistic: 300_000 },
  /** How long after RequestCertificate DescribeCertificate shows the validation CNAME. */
  'acm.certificate.resource-record': { quick: 500, realistic: 5_000 },
  'acm.certificate.validate': { quick: 2_000, realistic: 90_000 },
  'route53.change.propagate': { quick: 1_000, realistic: 60_000 },
  'lambda.function.update': { quick: 500, realistic: 5_000 },
  'dynamodb.table.create': { quick: 1_000, realistic: 20_000 },
  'dynamodb.table.update': { quick: 1_000, realistic: 30_000 },
  'dynamodb.table.delete': { quick: 1_000, realistic: 10_000 },
  /** TTL turns ENABLED/DISABLED (AWS: up to an hour; no other change meanwhile). */
  'dynamodb.ttl.update': { quick: 1_000, realistic: 600_000 },
  'lambda.function.create': { quick: 1_000, realistic: 5_000 },
} as const satisfies Record<string, DurationSpec>;

export type DurationName = keyof typeof DURATIONS;

export class Durations {
  readonly profile: DurationProfile;
  readonly scale: number;

  constructor(profile: DurationProfile = 'quick', scale = 1) {
    if (profile !== 'quick' && profile !== 'realistic') {
      throw new RangeError(`unknown duration profile '${String(profile)}' (expected quick or realistic)`);
    }
    if (!Number.isFinite(scale) || scale < 0) throw new RangeError(`duration scale must be >= 0, got ${scale}`);
    this.profile = profile;
    this.scale = scale;
  }

  /** Milliseconds the named (or given) transition takes under this profile. */
  of(what: DurationName | DurationSpec): number {
    const spec: DurationSpec = typeof what === 'string' ? DURATIONS[what] : what;
    return this.profile === 'quick' ? spec.quick : Math.round(spec.realistic * this.scale);
  }
}
