/**
 * Deletes in the order of real dependencies (issue 7): resources that left the spec are
 * ordered by the blogctl:deps tag written at create, else by the ids their observed
 * state names; a delete AWS carries out slowly is observed until gone before what it
 * depended on goes; each kind's limit bounds the wait.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TAG } from '../../src/reconciler/types.ts';
import { fakeWorld, res, spec } from './fake-engine.ts';

const CERT = res('cert', 'acm.certificate', { domain: 'blog.example.com' });
const LB = res('alb', 'elbv2.load-balancer', { name: 'alb' });
const LISTENER = res('https', 'elbv2.listener', { lb: '${alb}', certificateArn: '${cert.arn}' });
const KEEP = res('zone', 'route53.hosted-zone', { name: 'example.com' });

const deletedOrder = (outcomes: readonly { id: string; status: string }[]) => outcomes.filter((o) => o.status === 'deleted').map((o) => o.id);

test('a listener and its certificate pruned together: the listener goes first (kind order would be wrong)', async () => {
  const w = fakeWorld({ identity: 'spec' });
  await w.reconcile(spec(KEEP + CERT + LB + LISTENER));
  const r = await w.reconcile(spec(KEEP), { allowDelete: true });
  assert.equal(r.exit, 0);
  const order = deletedOrder(r.outcomes);
  assert.deepEqual(order.slice().sort(), ['alb', 'cert', 'https']);
  assert.ok(order.indexOf('https') < order.indexOf('cert') && order.indexOf('https') < order.indexOf('alb'), order.join(', '));
  assert.ok(w.cloud.calls.indexOf('delete https') < w.cloud.calls.indexOf('delete cert'));
});

test('without a blogctl:deps tag, the order comes from the ids and ARNs the observed state names', async () => {
  const w = fakeWorld({ identity: 'spec' });
  await w.reconcile(spec(KEEP + CERT + LB + LISTENER));
  for (const r of w.cloud.resources.values()) delete r.tags[TAG.deps];
  const r = await w.reconcile(spec(KEEP), { allowDelete: true });
  const order = deletedOrder(r.outcomes);
  assert.ok(order.indexOf('https') < order.indexOf('cert') && order.indexOf('https') < order.indexOf('alb'), order.join(', '));
});

test('a delete that takes minutes of virtual time is waited for (observe confirms) before its dependency is deleted', async () => {
  const w = fakeWorld({ identity: 'spec' });
  await w.reconcile(spec(KEEP + CERT + LB + LISTENER));
  w.cloud.deleteTakesMs['elbv2.listener'] = 4 * 60_000;
  const start = w.clock.t;
  const observesBefore = w.cloud.calls.filter((c) => c === 'observe elbv2.listener').length;
  const r = await w.reconcile(spec(KEEP), { allowDelete: true });
  assert.equal(r.exit, 0, JSON.stringify(r.outcomes));
  const listenerGone = start + 4 * 60_000;
  assert.ok(w.clock.t >= listenerGone, 'the run lasted until the listener was gone');
  const polls = w.cloud.calls.filter((c) => c === 'observe elbv2.listener').length - observesBefore - 1;
  assert.ok(polls >= 3, `observe polled the listener until it was absent (${polls} polls)`);
  const certDelete = w.cloud.calls.lastIndexOf('delete cert');
  const lastListenerPoll = w.cloud.calls.lastIndexOf('observe elbv2.listener');
  assert.ok(lastListenerPoll < certDelete, 'the certificate is deleted only after the listener is confirmed gone');
  assert.equal(w.live('https').length + w.live('cert').length, 0);
});

test('a kind\'s delete limit bounds the wait: past it the delete fails and what it depended on stays', async () => {
  const w = fakeWorld({ identity: 'spec', overrides: { 'elbv2.listener': { timeouts: { delete: 60_000 } } } });
  await w.reconcile(spec(KEEP + CERT + LB + LISTENER));
  w.cloud.deleteTakesMs['elbv2.listener'] = 10 * 60_000;
  const r = await w.reconcile(spec(KEEP), { allowDelete: true });
  assert.equal(r.by('https').status, 'failed');
  assert.match(r.by('https').reason!, /delete https \(elbv2\.listener\): still destroying after 1m0s/);
  assert.equal(r.by('cert').status, 'skipped');
  assert.match(r.by('cert').reason!, /waits for https to be deleted first/);
  assert.equal(r.exit, 1);
});

test('create-then-delete: the old copy goes only after what referenced it points at the new one', async () => {
  const w = fakeWorld({ identity: 'spec' });
  await w.reconcile(spec(KEEP + CERT + LB + LISTENER));
  const renamed = spec(KEEP + CERT + res('alb', 'elbv2.load-balancer', { name: 'alb', immutable: 'v2' }) + LISTENER);
  const p = await w.plan(renamed, { allowReplace: true });
  assert.equal(p.action('alb').type, 'create-then-delete');
  const r = await w.reconcile(renamed, { allowReplace: true });
  assert.equal(r.exit, 0, JSON.stringify(r.outcomes));
  assert.deepEqual(r.outcomes.filter((o) => o.id !== 'zone' && o.id !== 'cert').map((o) => `${o.status} ${o.id}`), ['replaced alb', 'updated https', 'deleted alb']);
  const calls = w.cloud.calls;
  assert.ok(calls.indexOf('update https') < calls.lastIndexOf('delete alb'));
  assert.equal(w.live('https')[0]!.props.lb, w.live('alb')[0]!.physicalId);
});

test('delete-before-replace from a change: the adapter\'s diff can ask for the old one to go first', async () => {
  const w = fakeWorld({
    identity: 'spec',
    overrides: {
      'elbv2.target-group': {
        diff: (d: Record<string, unknown>, o: { props: Record<string, unknown> }) =>
          Object.keys(d).filter((k) => d[k] !== o.props[k]).map((k) => ({ path: k, from: o.props[k], to: d[k], deleteBeforeReplace: k === 'immutable' })),
      },
    },
  });
  await w.reconcile(spec(res('tg', 'elbv2.target-group', { name: 'tg', immutable: 'a' })));
  const changed = spec(res('tg', 'elbv2.target-group', { name: 'tg', immutable: 'b' }));
  assert.equal((await w.plan(changed, { allowReplace: true })).action('tg').type, 'delete-then-create');
  const r = await w.reconcile(changed, { allowReplace: true });
  assert.deepEqual(r.outcomes.map((o) => `${o.status} ${o.id}`), ['replaced tg']);
  assert.ok(w.cloud.calls.lastIndexOf('delete tg') < w.cloud.calls.lastIndexOf('create tg'));
});
