/**
 * The stack lease on the sandbox's DynamoDB: created on first use, one winner, takeover
 * only after expiry, fencing tokens, local deadlines, release, and the fence that
 * refuses writes (never reads) once the lease is gone.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CreateVpcCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { AwsClients } from '../../src/aws/clients.ts';
import { Fence, LeaseLostError } from '../../src/aws/fence.ts';
import { DynamoLeaseStore } from '../../src/lease/dynamodb.ts';
import { Lease, LeaseBusyError, type Claimant } from '../../src/lease/lease.ts';
import { silentLog } from '../../src/reconciler/context.ts';
import { createSandbox } from '../../src/sandbox/index.ts';
import { sharedClock } from './clock.ts';

const TTL = 10_000;

function world() {
  const { manual, clock } = sharedClock();
  const sandbox = createSandbox({ clock: manual });
  const clients = new AwsClients({ sandbox });
  const lease = (holder: string) => {
    const me: Claimant = { holder, host: `host-${holder}`, pid: holder.length, purpose: 'daemon' };
    return new Lease(new DynamoLeaseStore(clients, 'blogctl-leases', 'blog', clock), { stack: 'blog', ttlMs: TTL, clock, log: silentLog, me });
  };
  return { clock, sandbox, clients, lease };
}

test('the first claimant creates the table and wins; a second is refused and told who holds it', async () => {
  const w = world();
  const a = w.lease('a');
  const b = w.lease('b');
  assert.equal(await a.tryAcquire(), true);
  assert.equal(a.token, 1);
  assert.equal(await b.tryAcquire(), false);
  assert.equal(b.current?.holder, 'a');
  assert.equal(b.current?.host, 'host-a');
  const tables = await w.sandbox.snapshot();
  assert.ok(JSON.stringify(tables.services.dynamodb).includes('blogctl-leases'));
});

test('a holder that stops renewing: taken over after its TTL with a new token; the old one learns it lost', async () => {
  const w = world();
  const a = w.lease('a');
  const b = w.lease('b');
  const lost: string[] = [];
  a.onLost((why) => lost.push(why));
  await a.tryAcquire();
  w.clock.advance(TTL - 1);
  assert.equal(await b.tryAcquire(), false, 'not before expiry');
  w.clock.advance(2);
  assert.equal(await b.tryAcquire(), true);
  assert.equal(b.token, 2, 'each acquisition increments the fencing token');
  assert.match(a.refusal(1) ?? '', /could not be renewed in time/, 'past its local deadline the old holder refuses writes');
  assert.equal(await a.renew(), false);
  assert.deepEqual(lost, ['another process holds it now']);
  assert.match(a.refusal(1) ?? '', /does not hold the lease/);
  assert.equal(b.refusal(2), undefined);
  assert.match(b.refusal(1) ?? '', /lost since this pass started/, 'a pass that began under another token may not write');
});

test('renewal keeps it; the local deadline is TTL minus a skew margin after the renewal was sent', async () => {
  const w = world();
  const a = w.lease('a');
  const b = w.lease('b');
  await a.tryAcquire();
  for (let i = 0; i < 5; i++) {
    w.clock.advance(TTL / 3);
    assert.equal(await a.renew(), true);
  }
  assert.equal(await b.tryAcquire(), false, 'renewed: still held');
  w.clock.advance(TTL - a.margin - 1);
  assert.equal(a.refusal(1), undefined);
  w.clock.advance(1);
  assert.ok(a.refusal(1), 'refuses from TTL - margin on, before anyone may take over');
  assert.equal(await b.tryAcquire(), false, 'nobody can take it yet');
  assert.equal(await a.renew(), true, 'nobody took it: a late renewal keeps it');
  assert.equal(a.refusal(1), undefined);
});

test('release frees it at once; the token keeps counting', async () => {
  const w = world();
  const a = w.lease('a');
  const b = w.lease('b');
  await a.tryAcquire();
  await a.release();
  assert.equal(await b.tryAcquire(), true);
  assert.equal(b.token, 2);
  assert.equal(await a.tryAcquire(), false);
});

test('acquire(wait) gives up after the wait with a message naming host, pid and since', async () => {
  const w = world();
  const a = w.lease('a');
  const b = w.lease('bb');
  await a.tryAcquire();
  a.startRenewing();
  await assert.rejects(b.acquire(3000), (err: Error) => {
    assert.ok(err instanceof LeaseBusyError);
    assert.match(err.message, /stack "blog" is being changed by another blogctl: host host-a, pid 1 \(daemon\), since 2025-01-01T00:00:01\.500Z; waited 3s/, 'the table took 1.5 s to become ACTIVE');
    return true;
  });
  a.stopRenewing();
});

test('the fence refuses writes, never reads, and a refused write reaches neither AWS nor the call count', async () => {
  const w = world();
  const a = w.lease('a');
  await a.tryAcquire();
  const token = a.token;
  const fence = new Fence(() => a.refusal(token));
  const clients = new AwsClients({ sandbox: w.sandbox, fence });
  const ec2 = clients.get(EC2Client);
  await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
  w.clock.advance(TTL);
  await assert.rejects(ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' })), (err: Error) => err instanceof LeaseLostError && /refused ec2:CreateVpc: the lease/.test(err.message));
  const vpcs = await ec2.send(new DescribeVpcsCommand({}));
  assert.equal(vpcs.Vpcs!.filter((v) => !v.IsDefault).length, 1, 'the refused create never reached the account');
  assert.equal(clients.counter.count('ec2', 'CreateVpc'), 1);
  assert.equal(fence.refused, 1);
});
