/**
 * --concurrency bounds AWS requests in flight across all clients, one slot per attempt
 * (the SDK's backoff holds none); failed calls carry the operation for the engine's messages.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CreateSubnetCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { S3Client, ListBucketsCommand } from '@aws-sdk/client-s3';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { AwsClients } from '../../src/aws/clients.ts';
import { RequestLimiter } from '../../src/aws/limiter.ts';
import { AdapterError } from '../../src/reconciler/errors.ts';
import { createSandbox } from '../../src/sandbox/services.ts';

test('no more requests in flight than the limit, across clients, and the limit is reached', async () => {
  const sandbox = createSandbox({ rateLimits: false, faults: { latencyMs: 5 } });
  const limiter = new RequestLimiter(3);
  const clients = new AwsClients({ sandbox, limiter, retryStrategy: new ConfiguredRetryStrategy(3, () => 1) });
  const ec2 = clients.get(EC2Client);
  const s3 = clients.get(S3Client);
  await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? ec2.send(new DescribeVpcsCommand({})) : s3.send(new ListBucketsCommand({})))));
  assert.equal(limiter.peak, 3);
  assert.equal(clients.counter.total, 20);
});

test('a throttled attempt gives its slot back while the SDK backs off', async () => {
  const sandbox = createSandbox({ rateLimits: false, seed: 'limiter', faults: { throttleRate: 0.5 } });
  const limiter = new RequestLimiter(1);
  const clients = new AwsClients({ sandbox, limiter, retryStrategy: new ConfiguredRetryStrategy(10, () => 20) });
  const ec2 = clients.get(EC2Client);
  const started = Date.now();
  await Promise.all(Array.from({ length: 6 }, () => ec2.send(new DescribeVpcsCommand({}))));
  assert.equal(limiter.peak, 1);
  assert.ok(clients.counter.total > 6, 'some attempts were throttled and retried');
  assert.ok(Date.now() - started < 5_000);
});

test('an AWS error names the operation it came from, for "create x (kind): Operation: Code: message"', async () => {
  const clients = new AwsClients({ sandbox: createSandbox({ rateLimits: false }) });
  const err = await clients.get(EC2Client).send(new CreateSubnetCommand({ VpcId: 'vpc-00000000000000000', CidrBlock: '10.0.1.0/24' })).then(
    () => assert.fail('expected a failure'),
    (e: unknown) => e,
  );
  const wrapped = new AdapterError('create', 'publicSubnetA', 'ec2.subnet', err);
  assert.match(wrapped.message, /^create publicSubnetA \(ec2\.subnet\): CreateSubnet: InvalidVpcID\.NotFound: /);
  assert.equal(wrapped.code, 'InvalidVpcID.NotFound');
  assert.equal(wrapped.retryable, false);
});
