/**
 * blogctl's retry policy: what is retried, how often, how long it waits, the quota; and
 * that with it the SDK clients get through the fault rates of issue 8 (30% throttling,
 * 20% 5xx) on every call, counting the retries.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreateTagsCommand, CreateVpcCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { AwsClients } from '../../src/aws/clients.ts';
import { DEFAULT_RETRY, type RetryErrorInfo, RetryPolicy, retrySettings } from '../../src/aws/retry.ts';
import { createSandbox } from '../../src/sandbox/services.ts';
import { ManualClock } from '../../src/sandbox/time.ts';

const throttled: RetryErrorInfo = { errorType: 'THROTTLING', error: Object.assign(new Error('Rate exceeded'), { name: 'RequestLimitExceeded' }) };
const serverError: RetryErrorInfo = { errorType: 'TRANSIENT', error: Object.assign(new Error('oops'), { name: 'InternalError', $metadata: { httpStatusCode: 500 } }) };
const timeout: RetryErrorInfo = { errorType: 'TRANSIENT', error: Object.assign(new Error('slow'), { name: 'TimeoutError' }) };
const clientError: RetryErrorInfo = { errorType: 'CLIENT_ERROR', error: Object.assign(new Error('no'), { name: 'InvalidVpcID.NotFound' }) };

/** Retries the policy grants in a row for these errors, before it refuses. */
async function retriesGranted(policy: RetryPolicy, errors: (i: number) => RetryErrorInfo): Promise<number> {
  let token = await policy.acquireInitialRetryToken('');
  for (let i = 0; ; i++) {
    try {
      token = await policy.refreshRetryTokenForRetry(token, errors(i));
    } catch {
      return i;
    }
  }
}

describe('retry policy', () => {
  it('retries 5xx up to maxAttempts, throttling up to maxThrottledAttempts, client errors never', async () => {
    const settings = { ...DEFAULT_RETRY, baseDelayMs: 0 };
    assert.equal(await retriesGranted(new RetryPolicy(settings), () => serverError), 9, '10 attempts');
    assert.equal(await retriesGranted(new RetryPolicy(settings), () => throttled), 19, '20 attempts');
    const three = new RetryPolicy({ ...settings, maxAttempts: 3 });
    assert.equal(await retriesGranted(three, (i) => (i < 5 ? throttled : serverError)), 7, 'five throttles, then the third 5xx ends it');
    assert.equal(await retriesGranted(new RetryPolicy(settings), () => clientError), 0);
    assert.equal(await retriesGranted(new RetryPolicy({ ...settings, maxAttempts: 1, maxThrottledAttempts: 1 }), () => throttled), 0);
  });

  it('waits a random time up to base x 2^retry, 5x longer after throttling, within the cap; honours Retry-After', async () => {
    const policy = new RetryPolicy({ ...DEFAULT_RETRY, baseDelayMs: 100 });
    let token = await policy.acquireInitialRetryToken('');
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) {
      token = await policy.refreshRetryTokenForRetry(token, serverError);
      delays.push(token.getRetryDelay());
    }
    delays.forEach((d, i) => assert.ok(d >= 0 && d <= Math.min(20_000, 100 * 2 ** i), `retry ${i}: ${d} ms`));
    const throttles = await Promise.all(Array.from({ length: 200 }, async () => (await policy.refreshRetryTokenForRetry(await policy.acquireInitialRetryToken(''), throttled)).getRetryDelay()));
    assert.ok(Math.max(...throttles) > 100 && Math.max(...throttles) <= 500, `first throttled retry waits up to 500 ms: ${Math.max(...throttles)}`);
    const hinted = await policy.refreshRetryTokenForRetry(await policy.acquireInitialRetryToken(''), { ...throttled, retryAfterHint: new Date(Date.now() + 3_000) });
    assert.ok(hinted.getRetryDelay() >= 2_900 && hinted.getRetryDelay() <= 3_000, `Retry-After: ${hinted.getRetryDelay()}`);
  });

  it('draws 5xx and timeouts from a quota that successes refill; throttling draws nothing', async () => {
    const policy = new RetryPolicy({ ...DEFAULT_RETRY, baseDelayMs: 0, capacity: 30 });
    const fail = async (info: RetryErrorInfo) => policy.refreshRetryTokenForRetry(await policy.acquireInitialRetryToken(''), info);
    await fail(timeout);
    assert.equal(policy.capacity, 20);
    const retried = await fail(serverError);
    assert.equal(policy.capacity, 15);
    await fail(throttled);
    assert.equal(policy.capacity, 15);
    policy.recordSuccess(retried);
    assert.equal(policy.capacity, 20, 'a retried call that succeeds gives its cost back');
    await fail(timeout);
    await fail(timeout);
    await assert.rejects(fail(serverError), 'the quota is empty');
    assert.ok(await fail(throttled), 'throttling is still retried');
    policy.recordSuccess(await policy.acquireInitialRetryToken(''));
    assert.equal(policy.capacity, 1, 'a call that succeeds at once adds one');
  });

  it('reads AWS_MAX_ATTEMPTS and BLOGCTL_RETRY_BASE_DELAY_MS; refuses malformed ones by name', () => {
    assert.deepEqual(retrySettings(undefined, {}), DEFAULT_RETRY);
    assert.deepEqual(retrySettings(undefined, { AWS_MAX_ATTEMPTS: '4', BLOGCTL_RETRY_BASE_DELAY_MS: '2' }), { ...DEFAULT_RETRY, maxAttempts: 4, maxThrottledAttempts: 8, baseDelayMs: 2 });
    assert.equal(retrySettings(3, { AWS_MAX_ATTEMPTS: '4' }).maxAttempts, 3, 'the option wins');
    assert.throws(() => retrySettings(undefined, { AWS_MAX_ATTEMPTS: 'many' }), /AWS_MAX_ATTEMPTS must be a number/);
    assert.throws(() => retrySettings(undefined, { BLOGCTL_RETRY_BASE_DELAY_MS: '-1' }), /BLOGCTL_RETRY_BASE_DELAY_MS/);
  });

  it('gets every call through 30% throttling and 20% 5xx, and counts the retries and throttles', async () => {
    const sandbox = createSandbox({ clock: new ManualClock(), rateLimits: false, seed: 'retry', faults: { throttleRate: 0.3, serverErrorRate: 0.2 } });
    const clients = new AwsClients({ sandbox, env: { BLOGCTL_RETRY_BASE_DELAY_MS: '0' } });
    const ec2 = clients.get(EC2Client);
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
    for (let i = 0; i < 150; i++) {
      if (i % 3) await ec2.send(new DescribeVpcsCommand({}));
      else await ec2.send(new CreateTagsCommand({ Resources: [Vpc!.VpcId!], Tags: [{ Key: `k${i}`, Value: 'v' }] }));
    }
    const c = clients.counter;
    const failed = c.snapshot().reduce((n, s) => n + Object.values(s.errors).reduce((a, b) => a + b, 0), 0);
    assert.equal(c.total, 151 + c.retries, 'every attempt past the first of a call is a retry');
    assert.equal(c.retries, failed, 'every failed attempt was retried');
    assert.ok(c.retries > 60, `about one retry per call at these rates: ${c.retries}`);
    assert.equal(c.throttlesByService()['ec2'], c.snapshot().reduce((n, s) => n + (s.errors['RequestLimitExceeded'] ?? 0), 0));
    assert.deepEqual(Object.keys(c.retriesByService()), ['ec2']);
  });
});
