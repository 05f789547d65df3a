/**
 * Launch templates and Auto Scaling, their own cases on the sandbox: a change is a new
 * default version (its number known beforehand, a version left by a cut-short run
 * reused); a new version rolls out by an instance refresh that reports progress, waits
 * out one already running and fails the action when it does not succeed; ignoreChanges
 * [desiredCapacity] leaves scaling in charge; IAM propagation; deletes confirmed; and a
 * scaling policy's owner record.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AutoScalingClient, CancelInstanceRefreshCommand, DescribeAutoScalingGroupsCommand, PutScalingPolicyCommand, StartInstanceRefreshCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateVersionCommand } from '@aws-sdk/client-ec2';
import type { Clock } from '../../src/reconciler/types.ts';
import { autoScalingGroupAdapter } from '../../src/resources/autoscaling-group/index.ts';
import { ownerKey, scalingPolicyAdapter } from '../../src/resources/autoscaling-policy/index.ts';
import { toLaunchTemplateData } from '../../src/resources/ec2-launch-template/data.ts';
import { launchTemplateAdapter } from '../../src/resources/ec2-launch-template/index.ts';
import { instanceProfileAdapter } from '../../src/resources/iam-instance-profile/index.ts';
import { roleAdapter } from '../../src/resources/iam-role/index.ts';
import { createIamSimulator } from '../../src/sandbox/iam/index.ts';
import { SIMULATORS } from '../../src/sandbox/services.ts';
import { harness, type Harness } from '../sandbox/harness.ts';
import { groupAndTemplate, groupDesired, launchTemplateDesired, roleDesired } from './apptier-fixtures.ts';
import { engineClock, only, sandboxContext, testContext, type TestContext } from './contract.ts';
import { rolloutSuite } from './rollout-suite.ts';
import { captureLog, sandboxEngine, specOf, withLog } from './sandbox-engine.ts';

const contextOn = (h: Harness, clock: Clock = engineClock(h.clock)): TestContext => testContext(h.clients, h.sandbox.region, 'app', clock);

/** A group on launch template version 1 with instance refresh preferences, and the template. */
async function groupWithTemplate(ctx: TestContext) {
  const { group: g, template: ltDesired } = await groupAndTemplate(ctx);
  const desired = { ...g, instanceRefresh: { minHealthyPercentage: 50 } };
  const group = await autoScalingGroupAdapter.create('asg', desired, ctx);
  const lt = only(await launchTemplateAdapter.observe([], ctx), 'lt')!.state;
  return { desired, group, lt, ltDesired };
}

/** A new release: the template's next version, and the group's desired state following it. */
async function release(ctx: TestContext, fx: Awaited<ReturnType<typeof groupWithTemplate>>) {
  const next = { ...fx.ltDesired, userData: '#!/bin/bash\necho release 2\n' };
  const changes = launchTemplateAdapter.diff(next, fx.lt);
  const lt = await launchTemplateAdapter.update('lt', next, fx.lt, changes, ctx);
  const desired = { ...fx.desired, launchTemplate: { ...fx.desired.launchTemplate, version: String(lt.latestVersion) } };
  const seen = only(await autoScalingGroupAdapter.observe([], ctx), 'asg')!.state;
  return { desired, seen, lt };
}

describe('ec2.launch-template', () => {
  it('makes each change a new default version, whose number the plan knows beforehand; tags alone make none', async () => {
    const ctx = contextOn(harness());
    const desired = await launchTemplateDesired(ctx);
    const v1 = await launchTemplateAdapter.create('lt', desired, ctx);
    const next = { ...desired, userData: '#!/bin/bash\necho v2\n' };
    const changes = launchTemplateAdapter.diff(next, v1);
    assert.deepEqual(changes.map((c) => c.path), ['userData']);
    assert.equal(launchTemplateAdapter.outputsAfterUpdate!(next, v1, changes).latestVersion, '2');
    const v2 = await launchTemplateAdapter.update('lt', next, v1, changes, ctx);
    const seen = only(await launchTemplateAdapter.observe([], ctx), 'lt')!.state;
    assert.deepEqual([v2.latestVersion, seen.defaultVersion, seen.latestVersion, seen.data.userData], [2, 2, 2, '#!/bin/bash\necho v2\n']);
    const tagsOnly = [{ path: 'tags.Team', from: undefined, to: 'blog' }];
    assert.equal(launchTemplateAdapter.outputsAfterUpdate!(next, seen, tagsOnly).latestVersion, '2');
    await launchTemplateAdapter.update('lt', { ...next, tags: { ...next.tags, Team: 'blog' } }, seen, tagsOnly, ctx);
    assert.equal(ctx.ec2Calls('CreateLaunchTemplateVersion'), 1);
  });

  it('reuses a version a cut-short run made but did not make the default', async () => {
    const h = harness();
    const ctx = contextOn(h);
    const desired = await launchTemplateDesired(ctx);
    const v1 = await launchTemplateAdapter.create('lt', desired, ctx);
    const next = { ...desired, instanceType: 't3.small' };
    await h.ec2.send(new CreateLaunchTemplateVersionCommand({ LaunchTemplateId: v1.launchTemplateId, LaunchTemplateData: toLaunchTemplateData(next) }));
    const seen = only(await launchTemplateAdapter.observe([], ctx), 'lt')!.state;
    assert.deepEqual([seen.defaultVersion, seen.latestVersion], [1, 2]);
    const changes = launchTemplateAdapter.diff(next, seen);
    assert.equal(launchTemplateAdapter.outputsAfterUpdate!(next, seen, changes).latestVersion, '2');
    await launchTemplateAdapter.update('lt', next, seen, changes, ctx);
    const after = only(await launchTemplateAdapter.observe([], ctx), 'lt')!.state;
    assert.deepEqual([after.defaultVersion, after.latestVersion, ctx.ec2Calls('CreateLaunchTemplateVersion')], [2, 2, 1]);
  });
});

describe('autoscaling.group', () => {
  it('rolls a new template version out by an instance refresh, reporting its progress', async () => {
    const h = harness({ profile: 'realistic' });
    const log = captureLog();
    const ctx = withLog(contextOn(h), log);
    const fx = await groupWithTemplate(ctx);
    const { desired, seen } = await release(ctx, fx);
    const changes = autoScalingGroupAdapter.diff(desired, seen);
    assert.deepEqual(changes.map((c) => c.path), ['launchTemplate.version', 'instances']);
    const after = await autoScalingGroupAdapter.update('asg', desired, seen, changes, ctx);
    const text = log.lines.join('\n');
    assert.match(text, /instance refresh started/);
    assert.match(text, /instance refresh InProgress \d+% \(1 instances to update\)/);
    assert.match(text, /Still refreshing instances\.\.\. \[\d+m\d+s elapsed\]/, 'a 10-minute refresh says it is still going');
    assert.match(text, /instance refresh Successful 100%/);
    assert.deepEqual(autoScalingGroupAdapter.diff(desired, after), [], 'every instance on the new version');
  });

  it('never starts a second refresh while one runs: it waits for it, then starts its own', async () => {
    const h = harness();
    const log = captureLog();
    const ctx = withLog(contextOn(h), log);
    const fx = await groupWithTemplate(ctx);
    const { desired, seen } = await release(ctx, fx);
    const asg = h.clients.get(AutoScalingClient);
    await asg.send(new StartInstanceRefreshCommand({ AutoScalingGroupName: seen.autoScalingGroupName }));
    await autoScalingGroupAdapter.update('asg', desired, seen, autoScalingGroupAdapter.diff(desired, seen), ctx);
    assert.match(log.lines.join('\n'), /an instance refresh is already running: waiting for it before starting ours[\s\S]*instance refresh started/);
    assert.equal(ctx.counter.count('autoscaling', 'StartInstanceRefresh'), 2, 'the one running, then ours: never refused as in progress');
  });

  it('fails the action when its refresh is cancelled', async () => {
    const h = harness();
    const base = engineClock(h.clock);
    let cancel: (() => Promise<unknown>) | undefined;
    // The first wait of the update comes once the refresh has started: someone cancels it then.
    const clock: Clock = { ...base, sleep: async (ms) => { const c = cancel; cancel = undefined; await c?.(); await base.sleep(ms); } };
    const ctx = contextOn(h, clock);
    const fx = await groupWithTemplate(contextOn(h));
    const { desired, seen } = await release(contextOn(h), fx);
    cancel = () => h.clients.get(AutoScalingClient).send(new CancelInstanceRefreshCommand({ AutoScalingGroupName: seen.autoScalingGroupName }));
    await assert.rejects(autoScalingGroupAdapter.update('asg', desired, seen, autoScalingGroupAdapter.diff(desired, seen), ctx), (err: Error) => {
      assert.equal(err.name, 'InstanceRefreshFailed');
      assert.match(err.message, /^instance refresh [0-9a-f-]+ of app-app-asg ended Cancelled$/);
      return true;
    });
  });

  it('retries its create while IAM propagates the template\'s instance profile', async () => {
    const h = harness({ services: SIMULATORS.map((s) => (s.name === 'iam' ? createIamSimulator({ propagationMs: 15_000 }) : s)) });
    const ctx = contextOn(h);
    const desired = await groupDesired(ctx);
    const role = await roleAdapter.create('role', roleDesired(ctx), ctx);
    const profile = await instanceProfileAdapter.create('profile', { instanceProfileName: 'app', path: '/', roleName: role.roleName }, ctx);
    const lt = await launchTemplateAdapter.create('lt2', { ...(await launchTemplateDesired(ctx)), launchTemplateName: 'app-with-profile', iamInstanceProfileArn: profile.arn }, ctx);
    const made = await autoScalingGroupAdapter.create('asg', { ...desired, launchTemplate: { launchTemplateId: lt.launchTemplateId, version: '1' } }, ctx);
    assert.equal(made.launchTemplate.launchTemplateId, lt.launchTemplateId);
    assert.ok(ctx.counter.count('autoscaling', 'CreateAutoScalingGroup') > 1);
  });

  it('deletes by force: AWS answers at once, the group is there until its instances are gone', async () => {
    const h = harness({ profile: 'realistic', timeScale: 0.1 });
    const ctx = contextOn(h);
    const made = await autoScalingGroupAdapter.create('asg', await groupDesired(ctx), ctx);
    assert.equal(await autoScalingGroupAdapter.delete(made, ctx), 'deleting');
    const still = await autoScalingGroupAdapter.observe([{ id: 'asg', last: made }], ctx);
    assert.equal(only(still, 'asg')?.state.deleting, true, 'seen while its delete is being confirmed');
    assert.deepEqual(await autoScalingGroupAdapter.observe([], ctx), [], 'not a resource of the stack any more');
    await ctx.waitFor(async () => ((await autoScalingGroupAdapter.observe([{ id: 'asg', last: made }], ctx)).length === 0 ? true : undefined), { what: 'destroying', timeoutMs: 600_000 });
    const left = await h.clients.get(AutoScalingClient).send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [made.autoScalingGroupName] }));
    assert.deepEqual(left.AutoScalingGroups, []);
  });

  it('with ignoreChanges [desiredCapacity], leaves the capacity to scaling and never sends it on update', async () => {
    const h = harness();
    const w = sandboxEngine(h);
    const yaml = (maxSize: number, ignore: boolean) => specOf(`
  vpc: { kind: ec2.vpc, properties: { cidrBlock: 10.0.0.0/16 } }
  subnetA: { kind: ec2.subnet, properties: { vpcId: "\${vpc}", cidrBlock: 10.0.1.0/24, availabilityZone: us-east-1a } }
  sg: { kind: ec2.security-group, properties: { vpcId: "\${vpc}", groupName: app, description: app } }
  ubuntu: { kind: ec2.ami, properties: { owners: ["099720109477"], namePattern: "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*" } }
  lt: { kind: ec2.launch-template, properties: { launchTemplateName: app, imageId: "\${ubuntu}", instanceType: t3.micro, securityGroupIds: ["\${sg}"] } }
  asg:
    kind: autoscaling.group
    ${ignore ? 'ignoreChanges: [desiredCapacity]' : ''}
    properties: { autoScalingGroupName: app, launchTemplate: { launchTemplateId: "\${lt}", version: "\${lt.latestVersion}" }, minSize: 1, maxSize: ${maxSize}, desiredCapacity: 2, subnetIds: ["\${subnetA}"] }
`);
    assert.equal((await w.reconcile(yaml(4, true))).exit, 0);
    const asg = h.clients.get(AutoScalingClient);
    await asg.send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: 'app', DesiredCapacity: 3 }));
    assert.equal((await w.plan(yaml(4, true))).exit, 0, 'scaling changed the capacity: not a difference');
    assert.deepEqual((await w.plan(yaml(4, false))).action('asg').changes.map((c) => [c.path, c.from, c.to]), [['desiredCapacity', 3, 2]]);
    assert.equal((await w.reconcile(yaml(5, true))).by('asg').status, 'updated');
    const g = (await asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['app'] }))).AutoScalingGroups![0]!;
    assert.deepEqual([g.MaxSize, g.DesiredCapacity], [5, 3]);
  });
});

describe('autoscaling.policy', () => {
  it('is ours by the owner record on its group; a policy without one is only an adoption candidate', async () => {
    const h = harness();
    const ctx = contextOn(h);
    const group = await autoScalingGroupAdapter.create('asg', await groupDesired(ctx), ctx);
    const desired = { autoScalingGroupName: group.autoScalingGroupName, policyName: 'cpu70', targetTracking: { predefinedMetricType: 'ASGAverageCPUUtilization' as const, targetValue: 70, disableScaleIn: false }, enabled: true };
    await h.clients.get(AutoScalingClient).send(new PutScalingPolicyCommand({
      AutoScalingGroupName: group.autoScalingGroupName, PolicyName: 'by-hand', PolicyType: 'TargetTrackingScaling',
      TargetTrackingConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' }, TargetValue: 50 },
    }));
    const made = await scalingPolicyAdapter.create('cpuPolicy', desired, ctx);
    const tags = only(await autoScalingGroupAdapter.observe([], ctx), 'asg')!.state.tags;
    assert.equal(tags[ownerKey('cpu70')], `${ctx.stack}/cpuPolicy/c0ffee0000000001`);
    assert.deepEqual((await scalingPolicyAdapter.observe([], ctx)).map((o) => o.id), ['cpuPolicy'], 'prune sees ours only');
    const asked = await scalingPolicyAdapter.observe([{ id: 'handPolicy', desired: { ...desired, policyName: 'by-hand' } }], ctx);
    assert.deepEqual(asked.map((o) => [o.id, o.tags['blogctl:stack']]).sort(), [['cpuPolicy', ctx.stack], ['handPolicy', undefined]]);
    await scalingPolicyAdapter.delete(made, ctx);
    assert.equal(only(await autoScalingGroupAdapter.observe([], ctx), 'asg')!.state.tags[ownerKey('cpu70')], undefined, 'the record goes with it');
  });
});

rolloutSuite('the sandbox', { makeContext: sandboxContext });
