/**
 * The sandbox's building blocks: ids and ARNs, clock and durations, faults and token
 * buckets, pagination, settings from the environment, output cloning.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sandboxSettingsFromEnv } from '../../src/sandbox/env.ts';
import { EC2_NON_MUTATING, Faults, RateLimiter } from '../../src/sandbox/faults.ts';
import { formatArn, IdGenerator, partitionOf } from '../../src/sandbox/ids.ts';
import { paginate } from '../../src/sandbox/paging.ts';
import { cloneOutput } from '../../src/sandbox/service.ts';
import { Durations, ManualClock } from '../../src/sandbox/time.ts';

describe('ids', () => {
  it('have AWS formats', () => {
    const ids = new IdGenerator({ seed: 's', idCounter: 0 });
    assert.match(ids.next('vpc'), /^vpc-0[0-9a-f]{16}$/);
    assert.match(ids.next('rtbassoc'), /^rtbassoc-0[0-9a-f]{16}$/);
    assert.match(ids.next('pl', { length: 8 }), /^pl-[0-9a-f]{8}$/);
    assert.match(ids.uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.match(ids.upperAlnum('Z', 21), /^Z[A-Z0-9]{20}$/);
    assert.match(ids.hex(40), /^[0-9a-f]{40}$/);
  });

  it('are deterministic per seed, advance the shared counter, and do not repeat', () => {
    const holder = { seed: 'a', idCounter: 0 };
    const first = Array.from({ length: 500 }, () => new IdGenerator(holder).next('sg'));
    assert.equal(holder.idCounter, 500);
    assert.equal(new Set(first).size, 500);
    const again = new IdGenerator({ seed: 'a', idCounter: 0 });
    assert.deepEqual(first.slice(0, 3), [again.next('sg'), again.next('sg'), again.next('sg')]);
    assert.notEqual(new IdGenerator({ seed: 'b', idCounter: 0 }).next('sg'), first[0]);
  });

  it('ARNs follow the partition of the region', () => {
    assert.equal(formatArn({ service: 'ec2', region: 'eu-west-1', account: '123456789012', resource: 'vpc/vpc-1' }), 'arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-1');
    assert.equal(formatArn({ service: 's3', region: '', account: '', resource: 'bucket' }), 'arn:aws:s3:::bucket');
    assert.equal(partitionOf('cn-north-1'), 'aws-cn');
    assert.equal(partitionOf('us-gov-west-1'), 'aws-us-gov');
  });
});

describe('time', () => {
  it('a manual clock moves only when told, and its delay advances it', async () => {
    const clock = new ManualClock(1000);
    assert.equal(clock.now(), 1000);
    clock.advance(500);
    await clock.delay(250);
    assert.equal(clock.now(), 1750);
    assert.throws(() => clock.advance(-1), RangeError);
  });

  it('profiles: quick settles in seconds, realistic is AWS-like and scaled', () => {
    assert.equal(new Durations().of('rds.instance.create'), 3000);
    assert.equal(new Durations('realistic').of('rds.instance.create'), 360_000);
    assert.equal(new Durations('realistic', 0.01).of('cloudfront.distribution.deploy'), 3000);
    assert.equal(new Durations('quick', 0.01).of({ quick: 5, realistic: 9 }), 5);
    assert.throws(() => new Durations('slow' as never), /unknown duration profile/);
  });
});

describe('faults', () => {
  it('injected faults match service and operation and run out', () => {
    const f = new Faults({}, 'seed');
    f.inject({ service: 'ec2', operation: 'DescribeVpcs', fault: 'throttle', times: 2 });
    assert.equal(f.decide(['s3', 'S3Client'], 'DescribeVpcs'), undefined);
    assert.equal(f.decide(['ec2', 'EC2Client'], 'DescribeSubnets'), undefined);
    assert.equal(f.decide(['ec2', 'EC2Client'], 'DescribeVpcs'), 'throttle');
    assert.equal(f.pending, 1);
    assert.equal(f.decide(['ec2', 'EC2Client'], 'DescribeVpcs'), 'throttle');
    assert.equal(f.decide(['ec2', 'EC2Client'], 'DescribeVpcs'), undefined);
  });

  it('random faults hit about their rate, the same calls for the same seed', () => {
    const run = (seed: string) => {
      const f = new Faults({ throttleRate: 0.1, serverErrorRate: 0.05 }, seed);
      return Array.from({ length: 2000 }, () => f.decide(['ec2'], 'DescribeVpcs') ?? 'ok');
    };
    const a = run('x');
    assert.deepEqual(run('x'), a);
    const throttles = a.filter((x) => x === 'throttle').length;
    const errors = a.filter((x) => x === 'server-error').length;
    assert.ok(throttles > 140 && throttles < 260, `throttles ${throttles}`);
    assert.ok(errors > 60 && errors < 140, `5xx ${errors}`);
  });

  it('rates must be fractions', () => {
    assert.throws(() => new Faults({ throttleRate: 2 }, 's'), /between 0 and 1/);
    assert.throws(() => new Faults({ latencyMs: -5 }, 's'), /latencyMs/);
  });

  it('a token bucket allows its burst, then its refill rate', () => {
    const clock = new ManualClock(0);
    const limiter = new RateLimiter(clock);
    const spec = { capacity: 3, refillPerSecond: 2 };
    assert.deepEqual([1, 2, 3, 4].map(() => limiter.take('k', spec)), [true, true, true, false]);
    clock.advance(499);
    assert.equal(limiter.take('k', spec), false);
    clock.advance(1);
    assert.equal(limiter.take('k', spec), true);
    assert.equal(limiter.take('other', spec), true, 'buckets are per key');
    clock.advance(60_000);
    assert.equal(limiter.tokens('k') !== undefined && limiter.tokens('k')! <= 3, true);
    assert.equal(EC2_NON_MUTATING.capacity, 100);
  });
});

describe('paginate', () => {
  const invalid = (what: string, message: string): never => {
    throw new Error(`${what}: ${message}`);
  };
  const items = ['e', 'a', 'd', 'c', 'b', 'f', 'g'];

  it('walks pages in key order and survives deletions between pages', () => {
    const one = paginate(items, (x) => x, { size: 3, token: undefined, invalid });
    assert.deepEqual(one.items, ['a', 'b', 'c']);
    const rest = items.filter((x) => x !== 'd');
    const two = paginate(rest, (x) => x, { size: 3, token: one.nextToken, invalid });
    assert.deepEqual(two.items, ['e', 'f', 'g']);
    assert.equal(two.nextToken, undefined);
  });

  it('returns everything without a size, and checks sizes and tokens', () => {
    assert.equal(paginate(items, (x) => x, { size: undefined, token: undefined, invalid }).items.length, 7);
    assert.throws(() => paginate(items, (x) => x, { size: 2, token: undefined, min: 5, max: 1000, invalid }), /size: .*between 5 and 1000/);
    assert.throws(() => paginate(items, (x) => x, { size: 5, token: 'garbage', invalid }), /token/);
  });
});

describe('settings from the environment', () => {
  it('reads every variable', () => {
    const s = sandboxSettingsFromEnv({
      BLOGCTL_SANDBOX_FILE: '/tmp/x.json',
      BLOGCTL_SANDBOX_SEED: '42',
      BLOGCTL_SANDBOX_LATENCY_MS: '15',
      BLOGCTL_SANDBOX_THROTTLE_RATE: '0.1',
      BLOGCTL_SANDBOX_5XX_RATE: '0.02',
      BLOGCTL_SANDBOX_PROFILE: 'realistic',
      BLOGCTL_SANDBOX_TIME_SCALE: '0.5',
      BLOGCTL_SANDBOX_RATE_LIMITS: 'off',
    });
    assert.deepEqual(s, {
      file: '/tmp/x.json',
      seed: '42',
      faults: { latencyMs: 15, throttleRate: 0.1, serverErrorRate: 0.02 },
      profile: 'realistic',
      timeScale: 0.5,
      rateLimits: false,
    });
    assert.deepEqual(sandboxSettingsFromEnv({}), { faults: {} });
  });

  it('names the variable of a malformed value', () => {
    assert.throws(() => sandboxSettingsFromEnv({ BLOGCTL_SANDBOX_THROTTLE_RATE: 'lots' }), /BLOGCTL_SANDBOX_THROTTLE_RATE .* 'lots'/);
    assert.throws(() => sandboxSettingsFromEnv({ BLOGCTL_SANDBOX_5XX_RATE: '1.5' }), /BLOGCTL_SANDBOX_5XX_RATE/);
    assert.throws(() => sandboxSettingsFromEnv({ BLOGCTL_SANDBOX_PROFILE: 'fast' }), /BLOGCTL_SANDBOX_PROFILE/);
  });
});

describe('cloneOutput', () => {
  it('drops undefined members and copies dates, keeping other objects', () => {
    const when = new Date(5);
    const stream = new (class Stream {})();
    const out = cloneOutput({ a: undefined, b: [{ c: undefined, d: 1 }], when, stream });
    assert.deepEqual(Object.keys(out), ['b', 'when', 'stream']);
    assert.deepEqual(out.b, [{ d: 1 }]);
    assert.notEqual(out.when, when);
    assert.equal(out.when.getTime(), 5);
    assert.equal(out.stream, stream);
  });
});
