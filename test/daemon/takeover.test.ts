/**
 * Two daemons, one writer. A holder that stalls mid-pass (a long GC pause, a stopped VM)
 * past its lease is taken over; when it resumes, its fence refuses its next write before
 * it reaches AWS, so after the takeover only the new holder writes. Also /healthz and
 * /metrics over HTTP.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeCalls } from '../../src/aws/read-operations.ts';
import { serve } from '../../src/daemon/http.ts';
import { writeNetworkSpec } from '../e2e/network-slice.ts';
import { mapPublicIp, physicalId, tamper, testDaemon, TTL_MS, world } from './harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'blogctl-takeover-'));

test('a holder stalled past its TTL is taken over, and writes nothing after the takeover', async () => {
  const w = world();
  const spec = writeNetworkSpec(undefined, dir);
  let stall: (() => Promise<void>) | undefined;
  const a = testDaemon(w, spec, {
    name: 'a',
    // Stalls right before its first update's AWS call, as a paused process would.
    wrapEngine: (engine) => ({
      ...engine,
      adapters: (kind) => {
        const real = engine.adapters(kind);
        if (!real || kind !== 'ec2.subnet') return real;
        return { ...real, update: async (...args: Parameters<typeof real.update>) => {
          await stall?.();
          return real.update(...args);
        } };
      },
    }),
  });
  const b = testDaemon(w, spec, { name: 'b' });
  assert.equal(await a.lease.tryAcquire(), true);
  assert.equal(await b.lease.tryAcquire(), false, 'one writer');
  assert.equal(b.lease.current?.holder, 'a');
  await a.daemon.pass();
  const subnet = await physicalId(w.sandbox, 'publicSubnetA');
  await tamper(w.sandbox, subnet);

  let writesAtTakeover: Record<string, number> | undefined;
  stall = async () => {
    stall = undefined;
    w.clock.advance(TTL_MS + 1);
    assert.equal(await b.lease.tryAcquire(), true, 'b takes over once a lease expired');
    writesAtTakeover = writeCalls(a.counter.snapshot());
  };
  const r = await a.daemon.pass();
  const failed = r?.outcomes.find((o) => o.id === 'publicSubnetA');
  assert.equal(failed?.status, 'failed');
  assert.match(failed?.reason ?? '', /LeaseLostError: refused ec2:ModifySubnetAttribute: the lease of stack "blog" could not be renewed in time/);
  assert.deepEqual(writeCalls(a.counter.snapshot()), writesAtTakeover, 'no AWS write from the old holder after the takeover');
  assert.equal(await mapPublicIp(w.sandbox, subnet), false);
  assert.match(await a.scrape(), /blogctl_fence_refused_writes_total 1/);
  assert.equal(await a.lease.renew(), false, 'its renewal is refused: it knows it lost');
  assert.equal(a.daemon.health().status, 'standby');

  const fixed = await b.daemon.pass();
  assert.equal(fixed?.outcomes.find((o) => o.id === 'publicSubnetA')?.status, 'updated', 'the new holder repairs it');
  assert.equal(await mapPublicIp(w.sandbox, subnet), true);
  assert.match(await b.scrape(), /blogctl_lease_token 2/);
});

test('/healthz and /metrics over HTTP', async () => {
  const w = world();
  const d = testDaemon(w, writeNetworkSpec(undefined, mkdtempSync(join(dir, 'h-'))));
  const served = await serve('127.0.0.1:0', () => d.daemon.health(), d.metrics.registry);
  try {
    const before = await fetch(`${served.url}/healthz`);
    assert.equal(before.status, 503, 'no pass yet');
    assert.equal(((await before.json()) as { status: string }).status, 'starting');
    await d.lease.tryAcquire();
    await d.daemon.pass();
    const after = await fetch(`${served.url}/healthz`);
    assert.equal(after.status, 200);
    const body = (await after.json()) as { status: string; lease: { held: boolean; holder: string } };
    assert.equal(body.status, 'ok');
    assert.match(body.lease.holder, /^host host-a, pid 1 \(daemon\), since /);
    const metrics = await fetch(`${served.url}/metrics`);
    assert.equal(metrics.status, 200);
    assert.match(metrics.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await metrics.text();
    for (const name of ['blogctl_passes_total', 'blogctl_pass_duration_seconds_bucket', 'blogctl_resources', 'blogctl_repairs_total', 'blogctl_failures_total', 'blogctl_api_calls_total', 'blogctl_api_throttles_total', 'blogctl_lease_holder', 'blogctl_lease_age_seconds'])
      assert.match(text, new RegExp(`^# TYPE ${name.replace(/_bucket$/, '')} `, 'm'), name);
    const names = [...text.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]!);
    assert.ok(names.every((n) => n.startsWith('blogctl_')), names.join(', '));
    assert.equal((await fetch(`${served.url}/nope`)).status, 404);
  } finally {
    await served.close();
  }
});
