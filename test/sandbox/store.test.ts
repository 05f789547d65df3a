/**
 * What a call costs the store: a read copies and serialises nothing, a write serialises
 * once (on file: once per batch of concurrent writes), the file is read again only when
 * another process changed it, and a failed call in a batch takes only itself back.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, mock } from 'node:test';
import { CreateTagsCommand, CreateVpcCommand, DescribeTagsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { FileStore } from '../../src/sandbox/file-store.ts';
import { harness } from './harness.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blogctl-store-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** What JSON.stringify serialised during fn: how many whole accounts (objects with a schemaVersion), and every text. */
async function serialised(fn: () => Promise<unknown>): Promise<{ accounts: number; texts: string[] }> {
  const spy = mock.method(JSON, 'stringify');
  try {
    await fn();
    const calls = spy.mock.calls.filter((c) => typeof c.arguments[0] === 'object' && c.arguments[0] !== null);
    const accounts = calls.filter((c) => (c.arguments[0] as { schemaVersion?: unknown }).schemaVersion !== undefined).length;
    return { accounts, texts: calls.map((c) => String(c.result)) };
  } finally {
    spy.mock.restore();
  }
}
const serialisations = async (fn: () => Promise<unknown>) => (await serialised(fn)).accounts;

describe('store costs', () => {
  it('in memory: reads and writes serialise nothing', async () => {
    const { ec2 } = harness({ checkReads: false, rateLimits: false });
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
    assert.equal(await serialisations(() => ec2.send(new DescribeVpcsCommand({ VpcIds: [Vpc!.VpcId!] }))), 0);
    assert.equal(await serialisations(() => ec2.send(new CreateTagsCommand({ Resources: [Vpc!.VpcId!], Tags: [{ Key: 'k', Value: 'v' }] }))), 0);
  });

  it('on file: a read neither serialises nor reads the file again; a write serialises what it changed', async () => {
    const file = join(dir, 'costs', 'sandbox.json');
    const { ec2, sandbox } = harness({ file, fsync: false, checkReads: false, rateLimits: false });
    const store = sandbox.store as FileStore;
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
    await store.idle();
    const parsed = store.stats.parsed;
    const written = store.stats.written;
    assert.equal(await serialisations(() => ec2.send(new DescribeVpcsCommand({}))), 0);
    assert.deepEqual([store.stats.parsed, store.stats.written], [parsed, written]);
    // The file is written once the lock's hold ends (just after the answer): wait for that too.
    const write = await serialised(async () => {
      await ec2.send(new CreateTagsCommand({ Resources: [Vpc!.VpcId!], Tags: [{ Key: 'k', Value: 'v' }] }));
      await store.idle();
    });
    assert.equal(write.accounts, 0);
    assert.ok(write.texts.includes('{"k":"v"}'), 'the VPC\'s tags are serialised again');
    assert.ok(!write.texts.some((t) => t.includes('10.0.0.0/16')), 'the VPC itself is not');
    assert.equal(store.stats.written, written + 1);
    assert.equal(store.stats.parsed, parsed, 'its own write does not make it read the file again');
    // Another process (here: another sandbox on the file) writes: the next call reads the file.
    const other = harness({ file, fsync: false, rateLimits: false, clock: sandbox.clock as never });
    await other.ec2.send(new CreateTagsCommand({ Resources: [Vpc!.VpcId!], Tags: [{ Key: 'by', Value: 'other' }] }));
    const tags = await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [Vpc!.VpcId!] }] }));
    assert.deepEqual(tags.Tags?.map((t) => t.Key).sort(), ['by', 'k']);
    assert.equal(store.stats.parsed, parsed + 1);
  });

  it('on file: concurrent writes share one lock and one write; a failing one takes back only itself', async () => {
    const file = join(dir, 'batch', 'sandbox.json');
    const { ec2, sandbox } = harness({ file, fsync: false, rateLimits: false, maxAttempts: 1 });
    const store = sandbox.store as FileStore;
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
    const id = Vpc!.VpcId!;
    await store.idle();
    const [batches, written] = [store.stats.batches, store.stats.written];
    const calls = Array.from({ length: 12 }, (_, i) =>
      ec2.send(new CreateTagsCommand({ Resources: i === 5 ? [id, 'vpc-0000000000000dead'] : [id], Tags: [{ Key: `k${i}`, Value: String(i) }] })),
    );
    const settled = await Promise.allSettled(calls);
    await store.idle();
    assert.deepEqual(settled.map((s) => s.status).filter((s) => s === 'rejected').length, 1);
    assert.ok(store.stats.batches - batches <= 3, `12 calls in ${store.stats.batches - batches} batches`);
    assert.ok(store.stats.written - written <= 3, `12 calls, ${store.stats.written - written} writes`);
    const fresh = harness({ file, fsync: false, rateLimits: false });
    const tags = await fresh.ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [id] }] }));
    assert.deepEqual(tags.Tags?.map((t) => t.Key).sort(), Array.from({ length: 12 }, (_, i) => `k${i}`).filter((k) => k !== 'k5').sort());
  });
});
