/**
 * End to end through the CLI on a file-backed sandbox, with the network part of
 * blog.spec.yaml: create -> no changes -> tamper (drift) -> repair -> change a field
 * (update) -> remove a resource (blocked delete, then allowed) -> destroy.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { main, type Io } from '../../src/index.ts';
import { NETWORK_IDS, writeNetworkSpec } from './network-slice.ts';

const dir = mkdtempSync(join(tmpdir(), 'blogctl-e2e-'));
const box = ['--sandbox-file', join(dir, 'sandbox.json')];

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), color: false };
  const code = await main([...argv, ...box], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const spec = writeNetworkSpec(undefined, dir);
const json = (text: string) => JSON.parse(text) as { plan: { actions: { id: string; action: string; drift: string | null; blocked: string | null }[] }; outcomes: { id: string; status: string }[] };

test('the network slice: create, no changes, drift, repair, update, blocked delete, destroy', async (t) => {
  await t.test('create: every resource of the slice, exit 0', async () => {
    const r = await run('reconcile', '--once', '-f', spec, '--output', 'json');
    assert.equal(r.code, 0, r.err);
    const created = json(r.out).outcomes.filter((o) => o.status === 'created').map((o) => o.id);
    assert.deepEqual(created.sort(), [...NETWORK_IDS].sort());
  });

  await t.test('a second plan shows no changes and exits 0', async () => {
    const r = await run('plan', '-f', spec);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /No changes: AWS matches the spec\./);
    assert.match(r.out, /11 unchanged/);
  });

  await t.test('someone changes AWS: plan says so, exit 3; reconcile repairs it', async () => {
    const show = await run('sandbox', 'show', '--output', 'json');
    const state = JSON.parse(show.out);
    const tags = state.services.ec2.tags as Record<string, Record<string, string>>;
    const subnetId = Object.keys(tags).find((id) => tags[id]!['blogctl:id'] === 'publicSubnetA')!;
    const tamper = await run('sandbox', 'tamper', 'ec2', 'ModifySubnetAttribute', JSON.stringify({ SubnetId: subnetId, MapPublicIpOnLaunch: { Value: false } }));
    assert.equal(tamper.code, 0, tamper.err);
    const plan = await run('plan', '-f', spec, '--output', 'json');
    assert.equal(plan.code, 3, 'every change is drift made outside the spec');
    const action = JSON.parse(plan.out).actions.find((a: { id: string }) => a.id === 'publicSubnetA');
    assert.deepEqual([action.action, action.drift], ['update', 'aws']);
    assert.deepEqual(action.changes, [{ path: 'mapPublicIpOnLaunch', from: false, to: true }]);
    const fix = await run('reconcile', '--once', '-f', spec);
    assert.equal(fix.code, 0, fix.out + fix.err);
    assert.match(fix.out, /updated {3}publicSubnetA/);
    assert.equal((await run('plan', '-f', spec)).code, 0);
  });

  await t.test('a spec change is an update classified "spec not applied yet"', async () => {
    const changed = writeNetworkSpec((doc) => doc.setIn(['resources', 'privateSubnetA', 'properties', 'tags', 'Tier'], 'data'), mkdtempSync(join(dir, 'c-')));
    const plan = await run('plan', '-f', changed);
    assert.equal(plan.code, 2);
    assert.match(plan.out, /~ privateSubnetA .*spec not applied yet/);
    assert.match(plan.out, /tags\.Tier: \(none\) -> "data"/);
    assert.equal((await run('reconcile', '--once', '-f', changed)).code, 0);
    assert.equal((await run('plan', '-f', changed)).code, 0);
  });

  await t.test('a resource removed from the spec is a blocked delete without --allow-delete (exit 4)', async () => {
    const without = writeNetworkSpec((doc) => doc.deleteIn(['resources', 'dbSg']), mkdtempSync(join(dir, 'd-')));
    const blocked = await run('reconcile', '--once', '-f', without, '--output', 'json');
    assert.equal(blocked.code, 4);
    const out = json(blocked.out);
    assert.deepEqual(out.outcomes.find((o) => o.id === 'dbSg')?.status, 'blocked');
    const allowed = await run('reconcile', '--once', '-f', without, '--allow-delete', '--output', 'json');
    assert.equal(allowed.code, 0, allowed.err);
    assert.equal(json(allowed.out).outcomes.find((o) => o.id === 'dbSg')?.status, 'deleted');
  });

  await t.test('destroy needs --allow-delete, then removes everything in reverse order', async () => {
    assert.equal((await run('destroy', '-f', spec)).code, 4);
    const r = await run('destroy', '-f', spec, '--allow-delete', '--output', 'json');
    assert.equal(r.code, 0, r.err);
    const order = json(r.out).outcomes.filter((o) => o.status === 'deleted').map((o) => o.id);
    assert.ok(order.indexOf('vpc') === order.length - 1, `the VPC goes last: ${order.join(', ')}`);
    const plan = await run('plan', '-f', spec, '--output', 'json');
    assert.ok(JSON.parse(plan.out).actions.every((a: { action: string }) => a.action === 'create'));
  });
});

test('under injected throttling and 5xx (seeded), the SDK retries and the slice converges', async () => {
  const faulty = ['--sandbox-file', join(dir, 'faulty.json'), '--sandbox-throttle-rate', '0.05', '--sandbox-5xx-rate', '0.05', '--sandbox-seed', 'e2e'];
  const out: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => out.push(t), color: false };
  const calls = () => Number(/(\d+) API calls/.exec(out.join('\n').split('Applied:').at(-1)!)?.[1]);
  assert.equal(await main(['reconcile', '--once', '-f', spec, ...faulty], io), 0, out.join('\n'));
  const withFaults = calls();
  out.length = 0;
  assert.equal(await main(['reconcile', '--once', '-f', spec, '--sandbox-file', join(dir, 'clean.json')], io), 0);
  assert.ok(withFaults > calls(), `retried attempts are counted: ${withFaults} > ${calls()}`);
  assert.equal(await main(['plan', '-f', spec, ...faulty], io), 0, out.join('\n'));
  assert.match(out.join('\n'), /No changes/);
  assert.equal(await main(['plan', '-f', spec, '--sandbox-throttle-rate', '2'], io), 1, 'a rate above 1 is a usage error');
});
