/**
 * Identity tags are desired state (issue 7): protect, the spec hash and the recorded
 * dependencies are compared like any tag; drift made in AWS exits 3, spec changes 2;
 * a create cut short reads "spec not applied yet"; two resources carrying one id are a
 * problem of the plan, resolved only with --allow-delete.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { specHash } from '../../src/reconciler/desired.ts';
import { CREATING, TAG } from '../../src/reconciler/types.ts';
import { fakeWorld, res, spec } from './fake-engine.ts';

const VPC = res('vpc', 'ec2.vpc', { cidr: '10.0.0.0/16' });
const SUBNET = res('subnet', 'ec2.subnet', { vpcId: '${vpc}', cidr: '10.0.1.0/24' });
const PROTECTED_SUBNET = res('subnet', 'ec2.subnet', { vpcId: '${vpc}', cidr: '10.0.1.0/24' }, '    protect: true\n');

test('adding protect: true to an existing resource is an update that writes the tag, and then blocks its delete', async () => {
  const w = fakeWorld({ identity: 'spec' });
  await w.reconcile(spec(VPC + SUBNET));
  const protectedSpec = spec(VPC + PROTECTED_SUBNET);
  const planned = await w.plan(protectedSpec);
  const a = planned.action('subnet');
  assert.equal(a.type, 'update', 'not "No changes"');
  assert.equal(a.drift, 'spec');
  assert.deepEqual(a.changes.map((c) => c.path).sort(), ['tags.blogctl:protect', 'tags.blogctl:spec']);
  assert.equal(planned.exit, 2);
  assert.equal((await w.reconcile(protectedSpec)).by('subnet').status, 'updated');
  assert.equal(w.live('subnet')[0]!.tags[TAG.protect], 'true');
  assert.equal(w.live('subnet')[0]!.tags[TAG.spec], specHash(protectedSpec.resources[1]!));
  // The YAML is gone: protection lives on in AWS.
  const gone = await w.reconcile(spec(VPC), { allowDelete: true });
  assert.equal(gone.by('subnet').status, 'blocked');
  assert.match(gone.by('subnet').reason!, /^protected/);
  assert.equal(w.live('subnet').length, 1);
});

test('after a spec change is applied, a later change in AWS is "someone changed AWS" (exit 3), not "spec not applied yet"', async () => {
  const w = fakeWorld({ identity: 'spec' });
  await w.reconcile(spec(VPC + SUBNET));
  const changed = spec(VPC + res('subnet', 'ec2.subnet', { vpcId: '${vpc}', cidr: '10.0.1.0/24', zone: 'b' }));
  assert.equal((await w.plan(changed)).action('subnet').drift, 'spec');
  await w.reconcile(changed);
  assert.equal((await w.plan(changed)).exit, 0);
  w.live('subnet')[0]!.props.zone = 'c';
  const drift = await w.plan(changed);
  assert.deepEqual([drift.action('subnet').type, drift.action('subnet').drift], ['update', 'aws']);
  assert.deepEqual(drift.action('subnet').changes, [{ path: 'zone', from: 'c', to: 'b' }]);
  assert.equal(drift.exit, 3, 'only drift made outside the spec');
  // With a spec change pending beside it, the plan exits 2.
  const both = await w.plan(spec(VPC.replace('10.0.0.0/16', '10.0.0.0/16"\n      extra: "x') + res('subnet', 'ec2.subnet', { vpcId: '${vpc}', cidr: '10.0.1.0/24', zone: 'b' })));
  assert.equal(both.action('vpc').drift, 'spec');
  assert.equal(both.exit, 2);
});

test('the blogctl:deps tag records the ids a resource references; a changed one is an update', async () => {
  const w = fakeWorld({ identity: 'spec' });
  await w.reconcile(spec(VPC + SUBNET + res('rt', 'ec2.route-table', { vpcId: '${vpc}', subnet: '${subnet}' })));
  assert.equal(w.live('rt')[0]!.tags[TAG.deps], 'subnet+vpc');
  assert.equal(w.live('vpc')[0]!.tags[TAG.deps], undefined);
  delete w.live('rt')[0]!.tags[TAG.deps];
  const p = await w.plan(spec(VPC + SUBNET + res('rt', 'ec2.route-table', { vpcId: '${vpc}', subnet: '${subnet}' })));
  assert.deepEqual(p.action('rt').changes, [{ path: 'tags.blogctl:deps', from: undefined, to: 'subnet+vpc' }]);
});

test('a resource whose create did not finish (blogctl:spec=creating) is "spec not applied yet", never drift', async () => {
  const w = fakeWorld({ identity: 'spec' });
  const s = spec(VPC);
  await w.reconcile(s);
  const vpc = w.live('vpc')[0]!;
  vpc.tags[TAG.spec] = CREATING;
  vpc.props.cidr = '10.9.0.0/16';
  const p = await w.plan(s);
  assert.equal(p.action('vpc').drift, 'spec');
  assert.equal(p.exit, 2);
});

test('two resources carrying one blogctl:id: the plan says so, keeps the one closest to the spec, deletes the other only with --allow-delete', async () => {
  const w = fakeWorld({ identity: 'spec' });
  const s = spec(VPC + SUBNET);
  await w.reconcile(s);
  // A second run racing the first made another VPC and subnet.
  const twin = structuredClone(w.live('vpc')[0]!);
  twin.physicalId = 'vpc-twin';
  twin.props.cidr = '10.9.0.0/16';
  w.cloud.resources.set(twin.physicalId, twin);
  const p = await w.plan(s);
  const dupes = p.plan.actions.filter((a) => a.reasonCode === 'duplicate');
  assert.deepEqual(dupes.map((d) => [d.id, d.type, d.blocked?.code]), [['vpc', 'delete', 'needs-allow-delete']]);
  assert.notEqual((dupes[0]!.observed!.state as { physicalId: string }).physicalId, 'vpc-1', 'the one matching the spec is kept');
  assert.equal(p.action('vpc').type, 'noop');
  assert.equal(p.exit, 2, 'never silently "No changes"');
  const blocked = await w.reconcile(s);
  assert.equal(blocked.exit, 4);
  assert.equal(w.live('vpc').length, 2);
  const fixed = await w.reconcile(s, { allowDelete: true });
  assert.equal(fixed.exit, 0);
  assert.deepEqual(w.live('vpc').map((r) => r.physicalId), ['vpc-1']);
  assert.equal((await w.plan(s)).exit, 0);
});

test('a natural-key kind\'s adoption candidate that already matches is still an update: adopting writes its ownership', async () => {
  const w = fakeWorld({ identity: 'spec', overrides: { 'lambda.permission': { identifiedBy: 'natural-key' } } });
  w.cloud.resources.set('perm-legacy', { physicalId: 'perm-legacy', kind: 'lambda.permission', props: { name: 'p' }, tags: {}, pendingPolls: 0 });
  const s = spec(res('perm', 'lambda.permission', { name: 'p' }));
  const p = await w.plan(s);
  assert.deepEqual([p.action('perm').type, p.action('perm').reasonCode, p.action('perm').blocked?.code], ['update', 'adopt', 'needs-adopt']);
  const r = await w.reconcile(s, { adopt: true });
  assert.equal(r.by('perm').status, 'adopted');
  assert.equal(w.cloud.resources.get('perm-legacy')!.tags[TAG.stack], 'blog');
});
