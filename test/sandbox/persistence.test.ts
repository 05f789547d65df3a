/**
 * The state file: shared by sandboxes (and processes), written atomically under a lock,
 * rolled back when a call fails, and never silently reset when unreadable.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DescribeSecurityGroupsCommand,
  DescribeTagsCommand,
  DescribeVpcsCommand,
} from '@aws-sdk/client-ec2';
import lockfile from 'proper-lockfile';
import type { ServiceSimulator } from '../../src/sandbox/service.ts';
import { SIMULATORS } from '../../src/sandbox/services.ts';
import { SandboxStateError, SCHEMA_VERSION } from '../../src/sandbox/state.ts';
import { FileStore } from '../../src/sandbox/store.ts';
import { ManualClock } from '../../src/sandbox/time.ts';
import { harness, rejection } from './harness.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blogctl-sandbox-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const fileIn = (name: string) => join(dir, name, 'sandbox.json');
const fast = { fsync: false };

describe('file-backed sandbox', () => {
  it('writes a versioned JSON file that a second sandbox reads', async () => {
    const file = fileIn('shared');
    const a = harness({ file, ...fast });
    const b = harness({ file, ...fast, clock: a.clock });
    const created = await a.ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }));
    const seen = await b.ec2.send(new DescribeVpcsCommand({ VpcIds: [created.Vpc!.VpcId!] }));
    assert.equal(seen.Vpcs?.[0]?.CidrBlock, '10.1.0.0/16');
    await b.ec2.send(new CreateTagsCommand({ Resources: [created.Vpc!.VpcId!], Tags: [{ Key: 'by', Value: 'b' }] }));
    const tags = await a.ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [created.Vpc!.VpcId!] }] }));
    assert.deepEqual(tags.Tags?.map((t) => `${t.Key}=${t.Value}`), ['by=b']);
    const json = JSON.parse(await readFile(file, 'utf8'));
    assert.equal(json.schemaVersion, SCHEMA_VERSION);
    assert.equal(json.accountId, '123456789012');
    assert.ok(json.services.ec2.vpcs[created.Vpc!.VpcId!]);
  });

  it('loses no write when two sandboxes on one file run concurrently', async () => {
    const file = fileIn('concurrent');
    const a = harness({ file, ...fast, rateLimits: false });
    const b = harness({ file, ...fast, rateLimits: false, clock: a.clock });
    const { Vpc } = await a.ec2.send(new CreateVpcCommand({ CidrBlock: '10.2.0.0/16' }));
    const id = Vpc!.VpcId!;
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? a : b).ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: `k${i}`, Value: String(i) }] })),
      ),
    );
    const tags = await a.ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [id] }] }));
    assert.equal(tags.Tags?.length, 40);
    await Promise.all([a.sandbox.store.idle?.(), b.sandbox.store.idle?.()]);
    const entries = await readdir(join(dir, 'concurrent'));
    assert.deepEqual(entries, ['sandbox.json'], 'no temp file or lock is left behind');
  });

  it('shares one account with another process', async () => {
    const file = fileIn('processes');
    const a = harness({ file, ...fast, rateLimits: false });
    const { Vpc } = await a.ec2.send(new CreateVpcCommand({ CidrBlock: '10.3.0.0/16' }));
    const id = Vpc!.VpcId!;
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'tag-writer.fixture.ts'), file, id, 'child', '24'], {
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const exited = once(child, 'exit');
    await once(child.stdout, 'data'); // 'ready'
    child.stdin.write('go\n');
    for (let i = 0; i < 24; i++) {
      await a.ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: `parent${i}`, Value: 'x' }] }));
    }
    const [code] = await exited;
    assert.equal(code, 0);
    const tags = await a.ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [id] }] }));
    assert.equal(tags.Tags?.length, 48, 'both processes wrote all their tags');
  });

  it('waits for a lock another process holds', async () => {
    const file = fileIn('locked');
    const a = harness({ file, ...fast });
    await a.ec2.send(new DescribeVpcsCommand({}));
    await a.sandbox.store.idle?.(); // written and unlocked: the file is the test's to touch
    const release = await lockfile.lock(file, { realpath: false });
    let done = false;
    const call = a.ec2.send(new DescribeVpcsCommand({})).then(() => {
      done = true;
    });
    for (let i = 0; i < 50; i++) await new Promise(setImmediate);
    assert.equal(done, false, 'the call waits while the lock is held');
    await release();
    await call;
    assert.equal(done, true);
  });

  it('says which lock to remove when it stays held', async () => {
    const file = fileIn('stuck');
    const { sandbox } = harness({ file, ...fast });
    await sandbox.snapshot();
    await sandbox.store.idle?.();
    const stuck = new FileStore(file, { init: () => assert.fail('exists'), lockRetries: { retries: 1, minTimeout: 1, maxTimeout: 1 } });
    const release = await lockfile.lock(file, { realpath: false });
    const err = await rejection(stuck.transact(() => undefined));
    await release();
    assert.match(err.message, /stayed locked by another process/);
    assert.ok(err.message.includes(`${file}.lock`));
  });

  it('refuses a corrupt file, naming it and the way out, and leaves it untouched', async () => {
    const file = fileIn('corrupt');
    const a = harness({ file, ...fast });
    await a.ec2.send(new DescribeVpcsCommand({}));
    await a.sandbox.store.idle?.(); // written and unlocked: the file is the test's to touch
    await writeFile(file, '{"schemaVersion": 1, "accountId": ');
    const err = await rejection(a.sandbox.snapshot());
    assert.ok(err instanceof SandboxStateError);
    assert.ok(err.message.includes(file), err.message);
    assert.match(err.message, /not valid JSON/);
    assert.match(err.message, /blogctl sandbox reset/);
    const viaSdk = await rejection(a.ec2.send(new DescribeVpcsCommand({})));
    assert.ok(viaSdk instanceof SandboxStateError, 'an SDK call reports it too, unretried');
    assert.equal(await readFile(file, 'utf8'), '{"schemaVersion": 1, "accountId": ');
    await a.sandbox.reset();
    const fresh = await a.ec2.send(new DescribeVpcsCommand({}));
    assert.equal(fresh.Vpcs?.length, 1, 'reset starts a new account with its default VPC');
  });

  it('refuses a file from another schema version', async () => {
    const file = fileIn('future');
    const a = harness({ file, ...fast });
    await a.ec2.send(new DescribeVpcsCommand({}));
    await a.sandbox.store.idle?.(); // written and unlocked: the file is the test's to touch
    const json = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...json, schemaVersion: 99 }));
    const err = await rejection(a.sandbox.snapshot());
    assert.match(err.message, /schemaVersion 99; this blogctl reads schemaVersion 1/);
  });

  it('refuses a file with missing fields', async () => {
    const file = fileIn('partial');
    const a = harness({ file, ...fast });
    await a.ec2.send(new DescribeVpcsCommand({}));
    await a.sandbox.store.idle?.(); // written and unlocked: the file is the test's to touch
    await writeFile(file, JSON.stringify({ schemaVersion: 1, accountId: '123456789012' }));
    const err = await rejection(a.sandbox.snapshot());
    assert.match(err.message, /missing or has malformed fields: region, seed, idCounter, createdAt, services/);
  });
});

describe('transactions', () => {
  const half: ServiceSimulator<{ items: string[] }> = {
    name: 'half',
    clientName: 'HalfClient',
    initialState: () => ({ items: [] }),
    operations: {
      Add(input: { item: string; fail?: boolean }, ctx) {
        ctx.state.items.push(input.item);
        ctx.ids.next('x');
        if (input.fail) ctx.fail('Boom', 'failed after mutating');
        return { items: ctx.state.items };
      },
    },
    errors: {
      throttling: { code: 'Throttling', status: 400 },
      serverError: { code: 'InternalFailure', status: 500 },
      toException: (e) => e,
    },
  };

  for (const mode of ['memory', 'file'] as const) {
    it(`rolls back a failed call (${mode})`, async () => {
      const { sandbox } = harness({ services: [...SIMULATORS, half], file: mode === 'file' ? fileIn('rollback') : undefined, ...fast });
      await sandbox.call('HalfClient', 'Add', { item: 'a' });
      const counter = (await sandbox.snapshot()).idCounter;
      await assert.rejects(sandbox.call('HalfClient', 'Add', { item: 'b', fail: true }), /failed after mutating/);
      const after = await sandbox.snapshot();
      assert.deepEqual(after.services['half'], { items: ['a'] });
      assert.equal(after.idCounter, counter);
      assert.deepEqual(await sandbox.call('HalfClient', 'Add', { item: 'c' }), { items: ['a', 'c'] });
    });
  }

  it('hands out ids that do not repeat across sandboxes sharing a file', async () => {
    const file = fileIn('ids');
    const clock = new ManualClock();
    const a = harness({ file, clock, ...fast });
    const b = harness({ file, clock, ...fast });
    const created = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? a : b).ec2.send(new CreateSecurityGroupCommand({ GroupName: `g${i}`, Description: 'd' })),
      ),
    );
    const ids = created.map((c) => c.GroupId!);
    assert.equal(new Set(ids).size, 10);
    const seen = await a.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ids }));
    assert.equal(seen.SecurityGroups?.length, 10);
    await Promise.all([a.sandbox.store.idle?.(), b.sandbox.store.idle?.()]);
  });
});
