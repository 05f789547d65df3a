import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Outcome } from '../../src/reconciler/apply.ts';
import { applyExitCode, applyStack, planExitCode, planStack, type Engine, type RunOptions } from '../../src/reconciler/reconcile.ts';
import { TAG, type Kind, type LogicalId, type Spec } from '../../src/reconciler/types.ts';
import { fakeWorld, opts, res, spec } from './fake-engine.ts';

function setup(unsupported: Kind[] = []) {
  const w = fakeWorld({ unsupported });
  return { ...w, engine: w.engine(spec(res('unused', 'ec2.vpc', { x: 'y' }))) };
}

const reconcile = async (s: Spec, engine: Engine, o: Partial<RunOptions> = {}) => {
  const planned = await planStack(s, engine, opts(o));
  const outcomes = await applyStack(s, engine, planned);
  const by = (id: string) => outcomes.find((x) => x.id === id) as Outcome;
  return { planned, outcomes, by, exit: applyExitCode(planned.plan, outcomes) };
};

const NET = res('vpc', 'ec2.vpc', { cidr: '10.0.0.0/16' }) + res('subnet', 'ec2.subnet', { vpcId: '${vpc}', cidr: '10.0.1.0/24' });

test('creates in dependency order and resolves references from outputs', async () => {
  const { cloud, engine } = setup();
  const r = await reconcile(spec(NET), engine);
  assert.equal(r.exit, 0);
  assert.ok(cloud.calls.indexOf('create vpc') < cloud.calls.indexOf('create subnet'));
  const subnet = [...cloud.resources.values()].find((x) => x.kind === 'ec2.subnet')!;
  assert.equal(subnet.props.vpcId, 'vpc-1');
  assert.deepEqual(subnet.tags, { [TAG.stack]: 'blog', [TAG.id]: 'subnet' });
});

test('plan shows references not known yet, and a second run has no changes', async () => {
  const { engine } = setup();
  const first = await planStack(spec(NET), engine, opts());
  const subnet = first.plan.actions.find((a) => a.id === 'subnet')!;
  assert.equal(subnet.type, 'create');
  assert.deepEqual(subnet.desired, { vpcId: '(known after apply)', cidr: '10.0.1.0/24' });
  assert.equal(planExitCode(first.plan), 2);
  await reconcile(spec(NET), engine);
  const again = await planStack(spec(NET), engine, opts());
  assert.deepEqual(again.plan.actions.map((a) => a.type), ['noop', 'noop']);
  assert.equal(planExitCode(again.plan), 0);
});

test('independent resources are created in parallel, up to what the clients allow', async () => {
  const { cloud, engine } = setup();
  const many = Array.from({ length: 12 }, (_, i) => res(`v${i}`, 'ec2.vpc', { cidr: `10.${i}.0.0/16` })).join('');
  const r = await reconcile(spec(many), engine);
  assert.equal(r.outcomes.filter((o) => o.status === 'created').length, 12);
  assert.equal(cloud.maxInFlight, 4, 'the fake cloud admits 4 calls at once, and the engine fills them');
});

test('a failure skips only its dependents; independent branches finish', async () => {
  const { cloud, engine } = setup();
  cloud.failCreate.add('vpc');
  const s = spec(NET + res('other', 'ec2.vpc', { cidr: '10.9.0.0/16' }) + res('deep', 'ec2.route-table', { subnet: '${subnet}' }));
  const r = await reconcile(s, engine);
  assert.equal(r.by('vpc').status, 'failed');
  assert.match(r.by('vpc').reason!, /boom creating vpc/);
  assert.equal(r.by('subnet').status, 'skipped');
  assert.match(r.by('subnet').reason!, /needs vpc: vpc failed/);
  assert.equal(r.by('deep').status, 'skipped');
  assert.match(r.by('deep').reason!, /needs subnet: subnet was skipped/);
  assert.equal(r.by('other').status, 'created');
  assert.equal(r.exit, 1);
});

test('a resource that left the spec is deleted only with --allow-delete (exit 4 without)', async () => {
  const { cloud, engine } = setup();
  await reconcile(spec(NET), engine);
  const vpcOnly = spec(res('vpc', 'ec2.vpc', { cidr: '10.0.0.0/16' }));
  const blocked = await reconcile(vpcOnly, engine);
  assert.equal(blocked.by('subnet').status, 'blocked');
  assert.equal(blocked.by('subnet').reason, 'needs --allow-delete');
  assert.equal(blocked.exit, 4);
  assert.equal(cloud.resources.size, 2);
  const allowed = await reconcile(vpcOnly, engine, { allowDelete: true });
  assert.equal(allowed.by('subnet').status, 'deleted');
  assert.equal(allowed.exit, 0);
  assert.equal(cloud.resources.size, 1);
});

test('protection is a tag: it survives deleting the YAML and blocks even --allow-delete', async () => {
  const { cloud, engine } = setup();
  await reconcile(spec(NET), engine);
  for (const r of cloud.resources.values()) if (r.kind === 'ec2.subnet') r.tags[TAG.protect] = 'true';
  const r = await reconcile(spec(res('vpc', 'ec2.vpc', { cidr: '10.0.0.0/16' })), engine, { allowDelete: true });
  assert.equal(r.by('subnet').status, 'blocked');
  assert.match(r.by('subnet').reason!, /^protected/);
  const destroyed = await reconcile(spec(NET), engine, { destroy: true, allowDelete: true });
  assert.equal(destroyed.by('subnet').status, 'blocked');
  assert.equal(destroyed.by('vpc').status, 'skipped', 'the VPC cannot go while its protected subnet stays');
  assert.equal(cloud.resources.size, 2);
});

test('destroy deletes in reverse dependency order', async () => {
  const { cloud, engine } = setup();
  await reconcile(spec(NET), engine);
  const r = await reconcile(spec(NET), engine, { destroy: true, allowDelete: true });
  assert.deepEqual(r.outcomes.map((o) => `${o.status} ${o.id}`), ['deleted subnet', 'deleted vpc']);
  assert.ok(cloud.calls.indexOf('delete subnet') < cloud.calls.indexOf('delete vpc'));
  assert.equal(cloud.resources.size, 0);
});

test('an untagged resource with our name is never taken over silently; --adopt takes it', async () => {
  const { cloud, engine } = setup();
  cloud.resources.set('sg-legacy', { physicalId: 'sg-legacy', kind: 'ec2.security-group', props: { name: 'web' }, tags: {}, pendingPolls: 0 });
  const s = spec(res('web', 'ec2.security-group', { name: 'web' }));
  const blocked = await reconcile(s, engine);
  assert.equal(blocked.planned.plan.actions[0]!.adopt, true);
  assert.match(blocked.by('web').reason!, /rerun with --adopt/);
  assert.equal(cloud.calls.filter((c) => c.startsWith('create')).length, 0);
  const adopted = await reconcile(s, engine, { adopt: true });
  assert.equal(adopted.by('web').status, 'adopted');
  assert.equal(cloud.resources.get('sg-legacy')!.tags[TAG.id], 'web');
});

test('a replaceOn change is a replace: blocked without --allow-replace, create-before-delete with it', async () => {
  const { cloud, engine } = setup();
  await reconcile(spec(res('vpc', 'ec2.vpc', { immutable: 'a' })), engine);
  const changed = spec(res('vpc', 'ec2.vpc', { immutable: 'b' }));
  const planned = await planStack(changed, engine, opts());
  assert.deepEqual(planned.plan.actions[0]!.forcedBy, ['immutable']);
  const blocked = await reconcile(changed, engine);
  assert.equal(blocked.by('vpc').status, 'blocked');
  assert.equal(blocked.exit, 4);
  const done = await reconcile(changed, engine, { allowReplace: true });
  assert.deepEqual(done.outcomes.map((o) => `${o.status} ${o.id}`), ['replaced vpc', 'deleted vpc']);
  assert.ok(cloud.calls.lastIndexOf('create vpc') < cloud.calls.lastIndexOf('delete vpc'));
  assert.equal([...cloud.resources.values()][0]!.props.immutable, 'b');
});

test('a "ready" edge waits with backoff; an id edge does not wait', async () => {
  const { cloud, clock, engine } = setup();
  cloud.pendingPollsByKind['rds.db-instance'] = 3;
  const s = spec(
    res('db', 'rds.db-instance', { name: 'db' }) +
      res('app', 'ec2.launch-template', { host: '${db.endpoint}' }) +
      res('tag', 'ec2.vpc', { dbId: '${db}' }),
  );
  const r = await reconcile(s, engine);
  assert.equal(r.by('app').status, 'created');
  assert.ok(cloud.calls.filter((c) => c === 'observe rds.db-instance').length >= 4, 'polled until ready');
  assert.ok(cloud.calls.indexOf('create tag') < cloud.calls.indexOf('create app'), 'the id edge did not wait for readiness');
  const waits = clock.slept.filter((ms) => ms !== 10);
  assert.deepEqual(waits, [500, 1000, 2000], 'exponential backoff with (fixed-seed) jitter');
});

test('a kind without an adapter is reported, never skipped silently, and its dependents wait', async () => {
  const { engine } = setup(['ec2.subnet']);
  const s = spec(NET + res('rt', 'ec2.route-table', { subnet: '${subnet}' }));
  const r = await reconcile(s, engine);
  const subnet = r.planned.plan.actions.find((a) => a.id === 'subnet')!;
  assert.equal(subnet.reasonCode, 'unsupported');
  assert.equal(r.by('vpc').status, 'created');
  assert.equal(r.by('rt').status, 'skipped');
  assert.equal(r.exit, 1);
});

test('drift: an AWS change with the applied spec hash is "aws"; a spec change is "spec"', async () => {
  const { cloud, engine } = setup();
  const tagged = (id: LogicalId) => ({ [TAG.stack]: 'blog', [TAG.id]: id, [TAG.spec]: 'h' });
  const s = spec(res('vpc', 'ec2.vpc', { cidr: '10.0.0.0/16' }));
  const { specHash } = await import('../../src/reconciler/desired.ts');
  cloud.resources.set('vpc-x', { physicalId: 'vpc-x', kind: 'ec2.vpc', props: { cidr: '10.1.0.0/16' }, tags: { ...tagged('vpc'), [TAG.spec]: specHash(s.resources[0]!) }, pendingPolls: 0 });
  assert.equal((await planStack(s, engine, opts())).plan.actions[0]!.drift, 'aws');
  cloud.resources.get('vpc-x')!.tags[TAG.spec] = 'older';
  assert.equal((await planStack(s, engine, opts())).plan.actions[0]!.drift, 'spec');
});

test('--target builds the target and what it depends on, nothing else, and prunes nothing', async () => {
  const { cloud, engine } = setup();
  const s = spec(NET + res('other', 'ec2.vpc', { cidr: '10.9.0.0/16' }));
  const r = await reconcile(s, engine, { targets: ['subnet'] });
  assert.deepEqual(r.outcomes.map((o) => o.id).sort(), ['subnet', 'vpc']);
  assert.equal(cloud.resources.size, 2);
  await assert.rejects(planStack(s, engine, opts({ targets: ['subnt'] })), /did you mean "subnet"/);
});

test('destroy after a dependent is already gone finishes (nothing waits on a delete)', async () => {
  const { cloud, engine } = setup();
  const s = spec(NET + res('rt', 'ec2.route-table', { subnet: '${subnet}' }));
  await reconcile(s, engine);
  for (const [k, r] of cloud.resources) if (r.kind === 'ec2.route-table') cloud.resources.delete(k);
  const r = await reconcile(s, engine, { destroy: true, allowDelete: true });
  assert.deepEqual(r.outcomes.filter((o) => o.status === 'deleted').map((o) => o.id), ['subnet', 'vpc']);
  assert.equal(r.by('rt').status, 'unchanged');
});
