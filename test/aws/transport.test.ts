/**
 * What keeps a call from reaching AWS, as a user sees it: an endpoint that accepts and
 * never answers times out (retried, then one line naming the endpoint, in bounded
 * time), a refused connection names the endpoint, no credentials says how to set them.
 */
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { AwsClients } from '../../src/aws/clients.ts';
import { describeAwsError, NO_CREDENTIALS } from '../../src/aws/errors.ts';
import { main, type Io } from '../../src/index.ts';

/** Runs fn with environment variables set (undefined: unset), restoring them after. */
async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (v: Record<string, string | undefined>) => {
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) delete process.env[k];
      else process.env[k] = x;
    }
  };
  apply(vars);
  try {
    return await fn();
  } finally {
    apply(saved);
  }
}

const credentials = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'us-east-1' };

let silent: Server;
const sockets: Socket[] = [];
let silentPort = 0;
before(async () => {
  // Accepts every connection and never answers.
  silent = createServer((s) => void sockets.push(s));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentPort = (silent.address() as { port: number }).port;
});
after(() => {
  for (const s of sockets) s.destroy();
  silent.close();
});

describe('the client layer against endpoints that do not answer', () => {
  it('times out each attempt, retries, and fails naming the endpoint, in bounded time', async () => {
    const endpoint = `http://127.0.0.1:${silentPort}`;
    await withEnv({ ...credentials, AWS_ENDPOINT_URL: endpoint }, async () => {
      const clients = new AwsClients({ timeouts: { connectMs: 1_000, requestMs: 300 }, maxAttempts: 3, env: { BLOGCTL_RETRY_BASE_DELAY_MS: '1' } });
      const started = Date.now();
      const err = await clients.get(EC2Client).send(new DescribeVpcsCommand({})).then(
        () => assert.fail('no answer cannot succeed'),
        (e: Error) => e,
      );
      const ms = Date.now() - started;
      clients.destroy();
      assert.ok(ms >= 900 && ms < 5_000, `three attempts of 300 ms: ${ms} ms`);
      assert.equal(err.name, 'TimeoutError');
      assert.ok(err.message.includes(`(endpoint ${endpoint})`), err.message);
      assert.equal(clients.counter.count('ec2', 'DescribeVpcs'), 3);
      assert.equal(clients.counter.retries, 2);
      const line = describeAwsError(err);
      assert.match(line ?? '', new RegExp(`^${endpoint} did not answer in time after 3 attempts: check the network, or AWS_ENDPOINT_URL`));
      assert.doesNotMatch(line ?? '', /AWS answered/);
    });
  });

  it('names the endpoint of a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    await withEnv({ ...credentials, AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` }, async () => {
      const clients = new AwsClients({ maxAttempts: 2, env: { BLOGCTL_RETRY_BASE_DELAY_MS: '1' } });
      const err = await clients.get(EC2Client).send(new DescribeVpcsCommand({})).then(() => assert.fail('cannot succeed'), (e: Error) => e);
      clients.destroy();
      assert.match(describeAwsError(err) ?? '', new RegExp(`^http://127\\.0\\.0\\.1:${port} could not be reached \\(ECONNREFUSED\\) after 2 attempts`));
    });
  });

  it('without credentials: how to set them, or --sandbox, with no stack trace', async () => {
    const noCredentials = {
      AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined, AWS_PROFILE: 'blogctl-no-such-profile',
      AWS_CONFIG_FILE: '/nonexistent/config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials', AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined, AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined, AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
      AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: `http://127.0.0.1:${silentPort}`,
    };
    await withEnv(noCredentials, async () => {
      const clients = new AwsClients({ maxAttempts: 1 });
      const err = await clients.get(EC2Client).send(new DescribeVpcsCommand({})).then(() => assert.fail('cannot succeed'), (e: Error) => e);
      clients.destroy();
      assert.equal(err.name, 'CredentialsProviderError');
      assert.equal(describeAwsError(err), NO_CREDENTIALS);
      assert.equal(describeAwsError(new Error('observe failed', { cause: err })), NO_CREDENTIALS, 'also when wrapped');
      const errors: string[] = [];
      const io: Io = { out: () => undefined, err: (t) => errors.push(t) };
      assert.equal(await main(['plan', '-f', new URL('../../blog.spec.yaml', import.meta.url).pathname, '-t', 'vpc'], io), 1);
      assert.deepEqual(errors, [`blogctl: ${NO_CREDENTIALS}`]);
    });
  });
});
