/**
 * The sandbox middleware inside real SDK clients: typed exceptions, the SDK's own retry
 * of throttling and 5xx, rate limits, latency, seeded random faults, pluggable services.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CreateVpcCommand, DescribeVpcsCommand, EC2Client, EC2ServiceException } from '@aws-sdk/client-ec2';
import { GetBucketTaggingCommand, NoSuchBucket, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { AwsClients } from '../../src/aws/clients.ts';
import { type ServiceSimulator, sdkExceptions } from '../../src/sandbox/service.ts';
import { openSandbox, SIMULATORS } from '../../src/sandbox/services.ts';
import { fastRetry, harness, rejection } from './harness.ts';

describe('sandbox middleware', () => {
  it('answers a command with the SDK output shape and $metadata', async () => {
    const { ec2 } = harness();
    const out = await ec2.send(new DescribeVpcsCommand({}));
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.equal(out.$metadata.attempts, 1);
    assert.match(out.$metadata.requestId ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(out.Vpcs?.length, 1, 'a new account has its default VPC');
    assert.equal('NextToken' in out, false, 'absent members are left out, as the SDK deserialiser does');
  });

  it('throws the service exception with name, $fault and status', async () => {
    const { ec2 } = harness();
    const err = await rejection(ec2.send(new DescribeVpcsCommand({ VpcIds: ['vpc-0123456789abcdef0'] })));
    assert.ok(err instanceof EC2ServiceException);
    assert.equal(err.name, 'InvalidVpcID.NotFound');
    assert.equal(err.$fault, 'client');
    assert.equal(err.$metadata?.httpStatusCode, 400);
    assert.equal(err.$metadata?.attempts, 1, 'a client error is not retried');
    assert.equal(err.message, "The vpc ID 'vpc-0123456789abcdef0' does not exist");
    assert.equal((err as unknown as { Code: string }).Code, 'InvalidVpcID.NotFound', 'as a parsed EC2 error response has it');
  });

  it('lets the SDK retry injected throttling, counting every attempt', async () => {
    const { ec2, sandbox, clients } = harness();
    sandbox.faults.inject({ service: 'ec2', operation: 'DescribeVpcs', fault: 'throttle', times: 2 });
    const out = await ec2.send(new DescribeVpcsCommand({}));
    assert.equal(out.$metadata.attempts, 3);
    assert.equal(sandbox.calls.count('ec2', 'DescribeVpcs'), 3);
    assert.equal(clients.counter.count('ec2', 'DescribeVpcs'), 3);
    assert.deepEqual(clients.counter.snapshot()[0]?.errors, { RequestLimitExceeded: 2 });
    assert.equal(sandbox.faults.pending, 0);
  });

  it('lets the SDK retry injected 5xx errors', async () => {
    const { ec2, sandbox } = harness();
    sandbox.faults.inject({ service: 'EC2Client', fault: 'server-error', times: 2 });
    const out = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
    assert.equal(out.$metadata.attempts, 3);
    assert.equal(sandbox.calls.count('ec2', 'CreateVpc'), 3);
    const vpcs = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'cidr', Values: ['10.0.0.0/16'] }] }));
    assert.equal(vpcs.Vpcs?.length, 1, 'failed attempts changed nothing; the third created one VPC');
  });

  it('gives up after maxAttempts with the last error', async () => {
    const { ec2, sandbox } = harness({ maxAttempts: 2 });
    sandbox.faults.inject({ operation: 'DescribeVpcs', fault: 'throttle', times: 5 });
    const err = await rejection(ec2.send(new DescribeVpcsCommand({})));
    assert.equal(err.name, 'RequestLimitExceeded');
    assert.equal(err.$metadata?.httpStatusCode, 503);
    assert.equal(err.$metadata?.attempts, 2);
    assert.equal(sandbox.calls.count('ec2', 'DescribeVpcs'), 2);
  });

  it('injects a custom error code once', async () => {
    const { ec2 } = harness();
    const { sandbox } = harness();
    sandbox.faults.inject({ fault: { code: 'UnauthorizedOperation', message: 'nope' } });
    const own = new AwsClients({ sandbox, retryStrategy: fastRetry() }).get(EC2Client);
    const err = await rejection(own.send(new DescribeVpcsCommand({})));
    assert.equal(err.name, 'UnauthorizedOperation');
    assert.equal(err.message, 'nope');
    await ec2.send(new DescribeVpcsCommand({})); // other sandboxes are unaffected
    await own.send(new DescribeVpcsCommand({})); // only once
  });

  it('throttles past the token bucket until the clock refills it', async () => {
    const { ec2, sandbox, clock } = harness({ maxAttempts: 1 });
    for (let i = 0; i < 100; i++) await ec2.send(new DescribeVpcsCommand({}));
    const err = await rejection(ec2.send(new DescribeVpcsCommand({})));
    assert.equal(err.name, 'RequestLimitExceeded');
    clock.advance(1000); // EC2 refills 20 Describe tokens a second
    for (let i = 0; i < 20; i++) await ec2.send(new DescribeVpcsCommand({}));
    await rejection(ec2.send(new DescribeVpcsCommand({})));
    assert.equal(sandbox.calls.count('ec2', 'DescribeVpcs'), 122);
  });

  it('can run without rate limits', async () => {
    const { ec2 } = harness({ rateLimits: false, maxAttempts: 1 });
    for (let i = 0; i < 150; i++) await ec2.send(new DescribeVpcsCommand({}));
  });

  it('adds latency through the injected delay', async () => {
    const { ec2, clock } = harness({ faults: { latencyMs: 250 } });
    const before = clock.now();
    await ec2.send(new DescribeVpcsCommand({}));
    await ec2.send(new DescribeVpcsCommand({}));
    assert.equal(clock.now() - before, 500);
  });

  it('repeats random faults for the same seed', async () => {
    const outcomes = async (seed: string) => {
      const { ec2 } = harness({ seed, maxAttempts: 1, faults: { throttleRate: 0.3, serverErrorRate: 0.2 } });
      const seen: string[] = [];
      for (let i = 0; i < 40; i++) {
        seen.push(await ec2.send(new DescribeVpcsCommand({})).then(() => 'ok', (e: Error) => e.name));
      }
      return seen;
    };
    const a = await outcomes('one');
    assert.deepEqual(await outcomes('one'), a);
    assert.notDeepEqual(await outcomes('two'), a);
    assert.ok(a.includes('RequestLimitExceeded') && a.includes('InternalError') && a.includes('ok'), a.join());
  });

  it('draws another fault sequence in a second run on the same account, the same one on a new account', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'blogctl-faults-'));
    const outcomes = async (file: string) => {
      const { ec2 } = harness({ file, fsync: false, seed: 'same', maxAttempts: 1, rateLimits: false, faults: { throttleRate: 0.3, serverErrorRate: 0.2 } });
      const seen: string[] = [];
      for (let i = 0; i < 40; i++) seen.push(await ec2.send(new DescribeVpcsCommand({})).then(() => 'ok', (e: Error) => e.name));
      return seen;
    };
    const first = await outcomes(join(dir, 'a.json'));
    const rerun = await outcomes(join(dir, 'a.json'));
    assert.notDeepEqual(rerun, first, 'a rerun is not a replay');
    assert.deepEqual(await outcomes(join(dir, 'b.json')), first, 'a new account with the same seed repeats the first run');
    assert.deepEqual(await outcomes(join(dir, 'b.json')), rerun, '... and its second run the second');
  });

  it('fails loudly for a client no simulator answers', async () => {
    const { clients } = harness({ services: SIMULATORS.filter((s) => s.clientName !== 'S3Client') });
    const s3 = clients.get(S3Client);
    const err = await rejection(s3.send(new GetBucketTaggingCommand({ Bucket: 'b' })));
    assert.match(err.message, /no simulator for S3Client/);
  });

  it('plugs in another service, throwing the modelled SDK class', async () => {
    const toyS3: ServiceSimulator<{ buckets: string[] }> = {
      name: 's3',
      clientName: 'S3Client',
      initialState: () => ({ buckets: ['known'] }),
      operations: {
        GetBucketTagging(input: { Bucket?: string }, ctx) {
          if (!ctx.state.buckets.includes(input.Bucket ?? '')) ctx.fail('NoSuchBucket', 'The specified bucket does not exist', { status: 404 });
          return { TagSet: [{ Key: 'k', Value: 'v' }] };
        },
      },
      errors: {
        throttling: { code: 'SlowDown', status: 503 },
        serverError: { code: 'InternalError', status: 500 },
        toException: sdkExceptions(S3ServiceException, { NoSuchBucket }),
      },
    };
    const { clients } = harness({ services: [...SIMULATORS.filter((s) => s.name !== 's3'), toyS3] });
    const s3 = clients.get(S3Client);
    const ok = await s3.send(new GetBucketTaggingCommand({ Bucket: 'known' }));
    assert.deepEqual(ok.TagSet, [{ Key: 'k', Value: 'v' }]);
    const err = await rejection(s3.send(new GetBucketTaggingCommand({ Bucket: 'other' })));
    assert.ok(err instanceof NoSuchBucket);
    assert.ok(err instanceof S3ServiceException);
    assert.equal(err.$metadata?.httpStatusCode, 404);
    const unknown = await rejection(s3.send(new (await import('@aws-sdk/client-s3')).GetBucketPolicyCommand({ Bucket: 'known' })));
    assert.equal(unknown.name, 'InvalidAction');
  });

  it('opens the CLI sandbox from BLOGCTL_SANDBOX_* with flags on top', async () => {
    const env = { BLOGCTL_SANDBOX_SEED: 'env-seed', BLOGCTL_SANDBOX_THROTTLE_RATE: '0.5', BLOGCTL_SANDBOX_LATENCY_MS: '20', BLOGCTL_SANDBOX_PROFILE: 'realistic' };
    const fromEnv = openSandbox({}, env);
    assert.equal(fromEnv.store.location, '.blogctl/sandbox.json');
    assert.equal(fromEnv.faults.throttleRate, 0.5);
    assert.equal(fromEnv.faults.latencyMs, 20);
    assert.equal(fromEnv.durations.profile, 'realistic');
    const flagged = openSandbox({ file: '/tmp/elsewhere.json', faults: { throttleRate: 0 }, profile: 'quick' }, env);
    assert.equal(flagged.store.location, '/tmp/elsewhere.json');
    assert.equal(flagged.faults.throttleRate, 0);
    assert.equal(flagged.faults.latencyMs, 20);
    assert.equal(flagged.durations.profile, 'quick');
  });
});
