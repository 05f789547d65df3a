/**
 * An aborted run (Ctrl-C, SIGTERM, a lost lease) starts no new operation: what is in
 * flight finishes, the rest is reported as skipped "interrupted before it started",
 * deletes included; the next run picks up where it stopped.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyStack, planStack } from '../../src/reconciler/reconcile.ts';
import { INTERRUPTED } from '../../src/reconciler/apply.ts';
import { fakeWorld, opts, res, spec } from './fake-engine.ts';

const chain = spec(res('vpc', 'ec2.vpc', { cidrBlock: '10.0.0.0/16' }) + res('subnet', 'ec2.subnet', { vpcId: '${vpc}' }) + res('sg', 'ec2.security-group', { vpcId: '${vpc}' }) + res('rt', 'ec2.route-table', { subnetId: '${subnet}' }));

test('aborted during the first create: it finishes, nothing else starts, every other node says why', async () => {
  const controller = new AbortController();
  const w = fakeWorld({ overrides: { 'ec2.vpc': { create: async (id, desired) => {
    controller.abort();
    return { physicalId: 'vpc-1', kind: 'ec2.vpc', props: desired, tags: { 'blogctl:stack': 'blog', 'blogctl:id': id }, pendingPolls: 0 };
  } } } });
  const engine = { ...w.engine(chain), signal: controller.signal };
  const planned = await planStack(chain, engine, opts());
  const outcomes = await applyStack(chain, engine, planned);
  const status = Object.fromEntries(outcomes.map((o) => [o.id, `${o.status}: ${o.reason ?? ''}`]));
  assert.equal(status.vpc, 'created: ');
  assert.equal(status.subnet, `skipped: ${INTERRUPTED}`);
  assert.equal(status.sg, `skipped: ${INTERRUPTED}`);
  assert.match(status.rt!, /^skipped: needs subnet/);
  assert.deepEqual(w.cloud.calls.filter((c) => c.startsWith('create')), [], 'the overridden create made no fake-cloud call; no other create started');
});

test('deletes check the signal too; a run without abort still applies everything', async () => {
  const w = fakeWorld();
  const done = await w.reconcile(chain);
  assert.equal(done.exit, 0);
  const controller = new AbortController();
  controller.abort();
  const engine = { ...w.engine(chain), signal: controller.signal };
  const planned = await planStack(chain, engine, opts({ destroy: true, allowDelete: true }));
  const outcomes = await applyStack(chain, engine, planned);
  assert.ok(outcomes.length === 4 && outcomes.every((o) => o.status === 'skipped' && o.reason === INTERRUPTED), JSON.stringify(outcomes));
  assert.equal(w.live('vpc').length, 1, 'nothing was deleted');
});
