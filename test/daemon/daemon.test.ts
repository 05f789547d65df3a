/**
 * The daemon's passes in process, on the sandbox and a virtual clock: drift made in AWS
 * is repaired by the next pass; --observe-only reports it and writes nothing; a broken
 * spec keeps the last good one running and /healthz says why; a failing resource backs
 * off on its own while the others go on.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeCalls } from '../../src/aws/read-operations.ts';
import { Backoff, BACKOFF_CAP_MS, backoffFor } from '../../src/daemon/backoff.ts';
import { healthOf } from '../../src/daemon/health.ts';
import { writeNetworkSpec } from '../e2e/network-slice.ts';
import { mapPublicIp, physicalId, tamper, testDaemon, world } from './harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'blogctl-daemon-'));

test('someone changes AWS: the next pass repairs it, with a repair counted and one log line per event', async () => {
  const w = world();
  const d = testDaemon(w, writeNetworkSpec(undefined, mkdtempSync(join(dir, 'a-'))));
  assert.equal(await d.lease.tryAcquire(), true);
  const first = await d.daemon.pass();
  assert.equal(first?.outcomes.filter((o) => o.status === 'created').length, 11);
  const subnet = await physicalId(w.sandbox, 'publicSubnetA');
  await tamper(w.sandbox, subnet);
  w.clock.advance(1000);
  const second = await d.daemon.pass();
  assert.deepEqual(second?.outcomes.filter((o) => o.status !== 'unchanged').map((o) => `${o.status} ${o.id}`), ['updated publicSubnetA']);
  assert.equal(await mapPublicIp(w.sandbox, subnet), true);
  const metrics = await d.scrape();
  assert.match(metrics, /blogctl_repairs_total\{kind="ec2.subnet",action="updated"\} 1/);
  assert.match(metrics, /blogctl_passes_total\{result="ok"\} 2/);
  assert.match(metrics, /blogctl_resources\{state="in_sync"\} 11/);
  assert.match(metrics, /blogctl_api_calls_total\{service="ec2",operation="ModifySubnetAttribute"\} \d+/);
  assert.match(metrics, /blogctl_lease_held 1/);
  assert.ok(d.lines.some((l) => l.pass === 2 && l.resource === 'publicSubnetA' && l.msg === 'updated publicSubnetA'), 'a child logger per pass and per resource');
  assert.equal(d.daemon.health().code, 200);
});

test('--observe-only reports the drift (log, metric) and writes nothing', async () => {
  const w = world();
  const spec = writeNetworkSpec(undefined, mkdtempSync(join(dir, 'b-')));
  const writer = testDaemon(w, spec);
  await writer.lease.tryAcquire();
  await writer.daemon.pass();
  const subnet = await physicalId(w.sandbox, 'publicSubnetA');
  await tamper(w.sandbox, subnet);
  const watcher = testDaemon(w, spec, { observeOnly: true, name: 'watcher' });
  const r = await watcher.daemon.pass();
  assert.equal(r?.drifted, 1);
  assert.deepEqual(writeCalls(watcher.counter.snapshot()), {}, 'not one write call');
  assert.equal(await mapPublicIp(w.sandbox, subnet), false, 'not repaired');
  const line = watcher.lines.find((l) => l.resource === 'publicSubnetA' && String(l.msg).startsWith('drift'));
  assert.deepEqual(line?.changes, ['mapPublicIpOnLaunch: false -> true']);
  assert.equal(line?.drift, 'aws');
  assert.match(await watcher.scrape(), /blogctl_resources\{state="drifted"\} 1/);
  assert.match(watcher.daemon.writeRefusal() ?? '', /observe-only/, 'its fence refuses every write');
});

test('a broken spec: the last good one keeps running, /healthz says why (503), the metric too; fixed, healthy again', async () => {
  const w = world();
  const specFile = writeNetworkSpec(undefined, mkdtempSync(join(dir, 'c-')));
  const good = readFileSync(specFile, 'utf8');
  const d = testDaemon(w, specFile);
  await d.lease.tryAcquire();
  await d.daemon.pass();
  writeFileSync(specFile, good.replace('kind: ec2.subnet', 'kind: ec2.subnett'));
  const subnet = await physicalId(w.sandbox, 'publicSubnetA');
  await tamper(w.sandbox, subnet);
  const r = await d.daemon.pass();
  assert.ok(r, 'the pass ran');
  assert.equal(await mapPublicIp(w.sandbox, subnet), true, 'repaired with the last good spec');
  const h = d.daemon.health();
  assert.equal(h.code, 503);
  assert.match(h.reasons[0]!, new RegExp(`^the spec is invalid, running the last good one: ${specFile.replaceAll('/', '\\/')}:\\d+:\\d+: unknown kind "ec2.subnett"`));
  const metrics = await d.scrape();
  assert.match(metrics, /blogctl_spec_valid 0/);
  assert.match(metrics, /blogctl_spec_errors_total 1/);
  assert.ok(d.lines.some((l) => l.level === 50 && String(l.msg).startsWith('the spec is invalid; running the last good one')));
  writeFileSync(specFile, good);
  await d.daemon.pass();
  assert.equal(d.daemon.health().code, 200);
});

test('a failing resource backs off (1 s, 2 s, ...) while the others go on; success forgets it', async () => {
  const w = world();
  const d = testDaemon(w, writeNetworkSpec(undefined, mkdtempSync(join(dir, 'd-'))));
  await d.lease.tryAcquire();
  w.sandbox.faults.inject({ service: 'ec2', operation: 'CreateRoute', fault: { code: 'UnauthorizedOperation', status: 403 }, times: 2 });
  const creates = () => d.counter.count('ec2', 'CreateRoute');
  const p1 = await d.daemon.pass();
  assert.equal(p1?.outcomes.find((o) => o.id === 'publicRouteTable')?.status, 'failed');
  assert.equal(p1?.outcomes.filter((o) => o.status === 'created').length, 10, 'the others were made');
  assert.equal(d.daemon.health().status, 'degraded');
  assert.equal(d.daemon.health().code, 200, 'within its backoff: healthy');
  assert.equal(creates(), 1);

  w.clock.advance(500);
  await tamper(w.sandbox, await physicalId(w.sandbox, 'publicSubnetA'));
  const p2 = await d.daemon.pass();
  assert.equal(creates(), 1, 'not tried during its backoff');
  assert.match(p2?.outcomes.find((o) => o.id === 'publicRouteTable')?.reason ?? '', /^failed 1 time in a row; next try in 1 s/);
  assert.equal(p2?.outcomes.find((o) => o.id === 'publicSubnetA')?.status, 'updated', 'the others go on');

  w.clock.advance(600);
  await d.daemon.pass();
  assert.equal(creates(), 2, 'tried again once 1 s passed; fails again');
  assert.equal(d.daemon.backoff.failing[0]?.delayMs, 2000);
  w.clock.advance(1500);
  await d.daemon.pass();
  assert.equal(creates(), 2, 'now 2 s');
  w.clock.advance(600);
  const p5 = await d.daemon.pass();
  assert.equal(p5?.outcomes.find((o) => o.id === 'publicRouteTable')?.status, 'updated', 'the half-made table is finished');
  assert.deepEqual(d.daemon.backoff.failing, []);
  assert.equal(d.daemon.health().status, 'ok');
});

test('backoff doubles to 5 minutes; a resource at the cap makes /healthz 503', () => {
  assert.deepEqual([1, 2, 3, 9, 10, 50].map(backoffFor), [1000, 2000, 4000, 256_000, BACKOFF_CAP_MS, BACKOFF_CAP_MS]);
  const b = new Backoff();
  const status = { passes: 3, failuresInRow: 0, standby: false };
  for (let i = 0; i < 9; i++) b.fail('db', 'rds.db-instance', 'AccessDenied', 0);
  assert.equal(healthOf(status, b, undefined, 0).code, 200);
  b.fail('db', 'rds.db-instance', 'AccessDenied', 0);
  const h = healthOf(status, b, undefined, 0);
  assert.equal(h.code, 503);
  assert.deepEqual(h.reasons, ['db (rds.db-instance) keeps failing (10 times in a row): AccessDenied']);
  assert.equal(healthOf({ ...status, failuresInRow: 3, lastError: 'ExpiredToken' }, new Backoff(), undefined, 0).reasons[0], 'the last 3 passes failed: ExpiredToken');
});
