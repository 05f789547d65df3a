/**
 * The optional adapter members the engine honours: preflight (checks only AWS can answer,
 * at plan time, anchored in the spec, never for destroy or resources in sync),
 * describeLookup (a lookup that matched nothing names what it looked for, is an error,
 * and nothing that needs it is written), and outputsAfterUpdate (an update's predictable
 * new outputs reach dependents in the plan).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PreflightError } from '../../src/reconciler/errors.ts';
import type { DesiredProblem, KindCatalog } from '../../src/reconciler/types.ts';
import { catalog, fakeWorld, res, spec } from './fake-engine.ts';

test('preflight: a problem stops the plan at the property\'s position; destroy and resources in sync skip it', async () => {
  const asked: string[][] = [];
  const w = fakeWorld({
    overrides: {
      'ec2.instance': {
        preflight: async (requests) => {
          asked.push(requests.map((r) => r.id));
          return requests
            .filter((r) => (r.desired as { type: string }).type === 'x9.huge')
            .map((r): DesiredProblem => ({ id: r.id, path: 'type', message: 'instance type x9.huge is not offered in us-east-1' }));
        },
      },
    },
  });
  const good = spec(res('nat', 'ec2.instance', { type: 't3.micro' }) + res('vpc', 'ec2.vpc', { cidr: '10.0.0.0/16' }));
  assert.equal((await w.reconcile(good)).exit, 0);
  assert.deepEqual(asked, [['nat']]);
  await w.plan(good);
  assert.equal(asked.length, 1, 'nothing to write: no preflight');

  const bad = spec(res('nat', 'ec2.instance', { type: 'x9.huge' }) + res('vpc', 'ec2.vpc', { cidr: '10.1.0.0/16' }));
  const before = w.cloud.calls.filter((c) => !c.startsWith('observe')).length;
  const err = await w.plan(bad).then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof PreflightError, String(err));
  assert.equal(err.message, 'e.yaml:7:13: nat: instance type x9.huge is not offered in us-east-1');
  await assert.rejects(w.reconcile(bad), PreflightError);
  assert.equal(w.cloud.calls.filter((c) => !c.startsWith('observe')).length, before, 'nothing written');

  const destroyed = await w.reconcile(bad, { destroy: true, allowDelete: true });
  assert.equal(destroyed.exit, 0);
  assert.equal(destroyed.by('nat').status, 'deleted');
});

const withLookup: KindCatalog = { ...catalog, 'ec2.ami': { ...catalog['ec2.ami'], lookup: true } };

test('a lookup that matches nothing names what it looked for, exits 1, and nothing that needs it is written', async () => {
  const w = fakeWorld({
    catalog: withLookup,
    overrides: { 'ec2.ami': { describeLookup: (d: Record<string, unknown>) => `no image named "${String(d.pattern)}"` } },
  });
  const s = spec(res('ami', 'ec2.ami', { pattern: 'ubuntu-nothing-*' }) + res('nat', 'ec2.instance', { imageId: '${ami}' }) + res('vpc', 'ec2.vpc', { cidr: '10.0.0.0/16' }));
  const planned = await w.plan(s);
  assert.equal(planned.action('ami').blocked?.code, 'lookup-missing');
  assert.equal(planned.action('ami').blocked?.message, 'lookup ec2.ami "ami" matched nothing in AWS: no image named "ubuntu-nothing-*"; check its properties');
  assert.equal(planned.exit, 1);
  const r = await w.reconcile(s);
  assert.equal(r.exit, 1);
  assert.equal(r.by('nat').status, 'skipped');
  assert.match(r.by('nat').reason!, /ami is blocked/);
  assert.deepEqual(w.live('nat'), []);
  assert.equal(r.by('vpc').status, 'created', 'what does not need the lookup goes on');
  const destroyed = await w.reconcile(s, { destroy: true, allowDelete: true });
  assert.equal(destroyed.exit, 0, 'destroying needs nothing the lookup finds');
  assert.equal(destroyed.planned.plan.actions.find((a) => a.id === 'ami')?.blocked, undefined);
});

test('outputsAfterUpdate: a dependent\'s reference to an output an update changes shows in the plan', async () => {
  const version = { outputs: (o: { physicalId: string; props: Record<string, unknown> }) => ({ id: o.physicalId, arn: `arn:aws:fake:::${o.physicalId}`, endpoint: `v${String(o.props.rev)}` }) };
  const lt = (rev: string) => spec(res('lt', 'ec2.launch-template', { rev }) + res('asg', 'autoscaling.group', { version: '${lt.endpoint}' }));
  const plain = fakeWorld({ overrides: { 'ec2.launch-template': version } });
  await plain.reconcile(lt('1'));
  assert.equal((await plain.plan(lt('2'))).action('asg').type, 'noop', 'without the hook the dependent looks in sync until apply');

  const w = fakeWorld({
    overrides: { 'ec2.launch-template': { ...version, outputsAfterUpdate: (d: Record<string, unknown>, o: { physicalId: string }) => ({ id: o.physicalId, endpoint: `v${String(d.rev)}` }) } },
  });
  await w.reconcile(lt('1'));
  const planned = await w.plan(lt('2'));
  assert.deepEqual(planned.action('asg').changes, [{ path: 'version', from: 'v1', to: 'v2' }]);
  const r = await w.reconcile(lt('2'));
  assert.deepEqual([r.by('lt').status, r.by('asg').status], ['updated', 'updated']);
  assert.equal(w.live('asg')[0]!.props.version, 'v2');
});

test('a dependent that differs because something it references changes in this plan is "spec not applied yet", not drift in AWS', async () => {
  const version = { outputs: (o: { physicalId: string; props: Record<string, unknown> }) => ({ id: o.physicalId, arn: `arn:aws:fake:::${o.physicalId}`, endpoint: `v${String(o.props.rev)}` }) };
  const w = fakeWorld({
    identity: 'spec',
    overrides: { 'ec2.launch-template': { ...version, outputsAfterUpdate: (d: Record<string, unknown>, o: { physicalId: string }) => ({ id: o.physicalId, endpoint: `v${String(d.rev)}` }) } },
  });
  const lt = (rev: string) => spec(res('lt', 'ec2.launch-template', { rev }) + res('asg', 'autoscaling.group', { version: '${lt.endpoint}' }));
  await w.reconcile(lt('1'));
  const planned = await w.plan(lt('2'));
  assert.deepEqual([planned.action('lt').drift, planned.action('asg').drift], ['spec', 'spec']);
  assert.equal(planned.exit, 2);
  // The same difference with nothing upstream changing is someone's change in AWS.
  w.live('asg')[0]!.props.version = 'v0';
  const tampered = await w.plan(lt('1'));
  assert.deepEqual([tampered.action('asg').type, tampered.action('asg').drift, tampered.exit], ['update', 'aws', 3]);
});
