/**
 * Client construction: caching, the SDK's standard chain left intact, retry settings,
 * call counting on the real HTTP path (a fake transport, no network), sandbox wiring.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { attachCallCounter, CallCounter, serviceLabel } from '../../src/aws/call-counter.ts';
import { AwsClients } from '../../src/aws/clients.ts';
import { RetryPolicy } from '../../src/aws/retry.ts';
import { createSandbox } from '../../src/sandbox/services.ts';
import { ManualClock } from '../../src/sandbox/time.ts';

/** Runs fn with some environment variables set, restoring them after. */
async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const xml = (body: string) => new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);

/** An HTTP handler answering from a script: what AWS would send, without a network. */
function scriptedTransport(responses: { status: number; body: Uint8Array }[]) {
  const seen: string[] = [];
  return {
    seen,
    handler: {
      metadata: { handlerProtocol: 'http/1.1' },
      async handle(request: { hostname?: string; body?: unknown }) {
        seen.push(`${request.hostname} ${String(request.body)}`);
        const next = responses.shift();
        if (!next) throw new Error('no scripted response left');
        return { response: { statusCode: next.status, headers: { 'content-type': 'text/xml' }, body: next.body } };
      },
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
      destroy() {},
    },
  };
}

describe('AwsClients', () => {
  it('caches one client per class', () => {
    const clients = new AwsClients({ region: 'us-east-1' });
    assert.equal(clients.get(EC2Client), clients.get(EC2Client));
    assert.notEqual(clients.get(EC2Client) as object, clients.get(S3Client) as object);
    clients.destroy();
  });

  it('leaves region and credentials to the SDK chain when not told', async () => {
    const clients = new AwsClients({ maxAttempts: 7 });
    const config = clients.config();
    assert.deepEqual(Object.keys(config).sort(), ['maxAttempts', 'requestHandler', 'retryStrategy']);
    assert.ok(config['retryStrategy'] instanceof RetryPolicy);
    assert.notEqual(config['retryStrategy'], clients.config()['retryStrategy'], 'each client gets a policy of its own');
    await withEnv({ AWS_REGION: 'eu-north-1' }, async () => {
      const ec2 = clients.get(EC2Client);
      assert.equal(await ec2.config.region(), 'eu-north-1');
      const policy = (await ec2.config.retryStrategy()) as RetryPolicy;
      assert.equal(policy.mode, 'standard');
      assert.equal(policy.settings.maxAttempts, 7);
      assert.equal(policy.settings.maxThrottledAttempts, 14);
    });
    assert.throws(() => new AwsClients({ maxAttempts: 0 }), /maxAttempts/);
  });

  it('counts every attempt on the real HTTP path, retries included', async () => {
    const transport = scriptedTransport([
      { status: 503, body: xml('<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r1</RequestID></Response>') },
      { status: 200, body: xml('<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r2</requestId><vpcSet><item><vpcId>vpc-0aaaaaaaaaaaaaaaa</vpcId><cidrBlock>10.0.0.0/16</cidrBlock></item></vpcSet></DescribeVpcsResponse>') },
    ]);
    const ec2 = new EC2Client({
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      requestHandler: transport.handler,
      retryStrategy: new ConfiguredRetryStrategy(3, () => 1),
    });
    const counter = new CallCounter();
    attachCallCounter(ec2, counter);
    const out = await ec2.send(new DescribeVpcsCommand({}));
    assert.equal(out.Vpcs?.[0]?.VpcId, 'vpc-0aaaaaaaaaaaaaaaa');
    assert.equal(out.$metadata.attempts, 2);
    assert.equal(transport.seen.length, 2);
    assert.match(transport.seen[0]!, /^ec2\.us-east-1\.amazonaws\.com Action=DescribeVpcs/);
    assert.deepEqual(counter.snapshot(), [{ service: 'ec2', operation: 'DescribeVpcs', calls: 2, retries: 1, throttles: 1, errors: { RequestLimitExceeded: 1 } }]);
    assert.deepEqual(counter.byService(), { ec2: 2 });
    assert.equal(counter.retries, 1);
    assert.deepEqual(counter.throttlesByService(), { ec2: 1 });
  });

  it('answers from the sandbox with dummy credentials, whatever the environment says', async () => {
    const sandbox = createSandbox({ region: 'eu-west-1', clock: new ManualClock() });
    const clients = new AwsClients({ sandbox, retryStrategy: new ConfiguredRetryStrategy(3, () => 1) });
    await withEnv({ AWS_PROFILE: 'profile-that-does-not-exist', AWS_REGION: 'ap-south-1' }, async () => {
      const ec2 = clients.get(EC2Client);
      assert.equal(await ec2.config.region(), 'eu-west-1');
      const out = await ec2.send(new DescribeVpcsCommand({}));
      assert.equal(out.Vpcs?.length, 1);
    });
    assert.equal(clients.counter.count('ec2'), 1);
    assert.equal(sandbox.calls.count('ec2', 'DescribeVpcs'), 1);
  });

  it('against AWS_ENDPOINT_URL (moto, LocalStack) S3 goes path-style: a dotted bucket name was an "Invalid URL" (www.example.com.127.0.0.1)', async () => {
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(`${req.headers.host} ${req.url}`);
      res.writeHead(200, { 'x-amz-bucket-region': 'us-east-1' }).end();
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await withEnv({ AWS_ENDPOINT_URL: endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' }, async () => {
        const clients = new AwsClients({ retryStrategy: new ConfiguredRetryStrategy(1, () => 1) });
        await clients.get(S3Client).send(new HeadBucketCommand({ Bucket: 'www.example.com' }));
        await clients.get(S3Client).send(new HeadBucketCommand({ Bucket: 'blog-media' }));
        clients.destroy();
      });
    } finally {
      server.close();
    }
    const host = endpoint.slice('http://'.length);
    assert.deepEqual(seen, [`${host} /www.example.com/`, `${host} /blog-media/`]);
  });

  it('src/aws imports nothing from src/sandbox: the sandbox plugs itself in', () => {
    const dir = join(import.meta.dirname, '..', '..', 'src', 'aws');
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), 'utf8');
      assert.doesNotMatch(text, /from '\.\.\/sandbox\//, file);
    }
  });

  it('labels services from client names', () => {
    assert.equal(serviceLabel('EC2Client'), 'ec2');
    assert.equal(serviceLabel('ElasticLoadBalancingV2Client'), 'elasticloadbalancingv2');
    assert.equal(serviceLabel('Route53Client'), 'route53');
  });
});
