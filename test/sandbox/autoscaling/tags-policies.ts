/** Auto Scaling tags, target-tracking policies and instance refreshes on the manual clock. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ActiveInstanceRefreshNotFoundFault,
  CancelInstanceRefreshCommand,
  CreateAutoScalingGroupCommand,
  CreateOrUpdateTagsCommand,
  DeleteAutoScalingGroupCommand,
  DeletePolicyCommand,
  DeleteTagsCommand,
  DescribeAutoScalingGroupsCommand,
  DescribeInstanceRefreshesCommand,
  DescribePoliciesCommand,
  DescribeTagsCommand,
  InstanceRefreshInProgressFault,
  paginateDescribeTags,
  PutScalingPolicyCommand,
  StartInstanceRefreshCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { DeleteLaunchTemplateCommand } from '@aws-sdk/client-ec2';
import { rejection } from '../harness.ts';
import { appGroup, asgHarness } from './setup.ts';

const CPU70 = { PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' as const }, TargetValue: 70 };

describe('autoscaling tags', () => {
  it('creates, updates, deletes and describes tags with filters and paging', async () => {
    const h = await asgHarness();
    await h.asg.send(new CreateAutoScalingGroupCommand(appGroup(h, { MinSize: 0, DesiredCapacity: 0 })));
    const ref = { ResourceId: 'blog-app-asg', ResourceType: 'auto-scaling-group' };
    await h.asg.send(new CreateOrUpdateTagsCommand({ Tags: [{ ...ref, Key: 'Name', Value: 'renamed', PropagateAtLaunch: true }, { ...ref, Key: 'blogctl:spec', Value: 'h1' }] }));
    await h.asg.send(new DeleteTagsCommand({ Tags: [{ ...ref, Key: 'blogctl:id' }] }));
    const tags = (await h.asg.send(new DescribeTagsCommand({ Filters: [{ Name: 'auto-scaling-group', Values: ['blog-app-asg'] }] }))).Tags!;
    assert.deepEqual(tags.map((t) => [t.Key, t.Value, t.PropagateAtLaunch]), [['Name', 'renamed', true], ['blogctl:spec', 'h1', false]]);
    const byKey = (await h.asg.send(new DescribeTagsCommand({ Filters: [{ Name: 'key', Values: ['Name'] }, { Name: 'propagate-at-launch', Values: ['true'] }] }))).Tags!;
    assert.equal(byKey.length, 1);
    const sizes: number[] = [];
    for await (const page of paginateDescribeTags({ client: h.asg, pageSize: 1 }, {})) sizes.push(page.Tags!.length);
    assert.deepEqual(sizes, [1, 1]);
    const missing = await rejection(h.asg.send(new CreateOrUpdateTagsCommand({ Tags: [{ ResourceId: 'nope', ResourceType: 'auto-scaling-group', Key: 'k', Value: 'v' }] })));
    assert.equal(missing.name, 'ValidationError');
  });
});

describe('autoscaling policies', () => {
  it('puts a target-tracking policy with its two alarms; putting it again keeps its ARN', async () => {
    const h = await asgHarness();
    await h.asg.send(new CreateAutoScalingGroupCommand(appGroup(h)));
    const put = await h.asg.send(new PutScalingPolicyCommand({ AutoScalingGroupName: 'blog-app-asg', PolicyName: 'blog-cpu70', PolicyType: 'TargetTrackingScaling', TargetTrackingConfiguration: CPU70 }));
    assert.match(put.PolicyARN!, /^arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:[0-9a-f-]{36}:autoScalingGroupName\/blog-app-asg:policyName\/blog-cpu70$/);
    assert.deepEqual(put.Alarms!.map((a) => a.AlarmName!.replace(/-[0-9a-f-]{36}$/, '')), ['TargetTracking-blog-app-asg-AlarmHigh', 'TargetTracking-blog-app-asg-AlarmLow']);
    assert.match(put.Alarms![0]!.AlarmARN!, /^arn:aws:cloudwatch:us-east-1:123456789012:alarm:TargetTracking-/);
    const again = await h.asg.send(new PutScalingPolicyCommand({ AutoScalingGroupName: 'blog-app-asg', PolicyName: 'blog-cpu70', PolicyType: 'TargetTrackingScaling', TargetTrackingConfiguration: { ...CPU70, TargetValue: 60 } }));
    assert.equal(again.PolicyARN, put.PolicyARN);
    const described = (await h.asg.send(new DescribePoliciesCommand({ AutoScalingGroupName: 'blog-app-asg' }))).ScalingPolicies!;
    assert.equal(described.length, 1);
    assert.equal(described[0]!.PolicyType, 'TargetTrackingScaling');
    assert.deepEqual(described[0]!.TargetTrackingConfiguration, { ...CPU70, TargetValue: 60, DisableScaleIn: false });
    assert.equal(described[0]!.Enabled, true);
    const noLabel = await rejection(h.asg.send(new PutScalingPolicyCommand({
      AutoScalingGroupName: 'blog-app-asg', PolicyName: 'req', PolicyType: 'TargetTrackingScaling',
      TargetTrackingConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'ALBRequestCountPerTarget' }, TargetValue: 100 },
    })));
    assert.equal(noLabel.name, 'ValidationError');
    await h.asg.send(new DeletePolicyCommand({ AutoScalingGroupName: 'blog-app-asg', PolicyName: 'blog-cpu70' }));
    assert.deepEqual((await h.asg.send(new DescribePoliciesCommand({ AutoScalingGroupName: 'blog-app-asg' }))).ScalingPolicies, []);
    const noGroup = await rejection(h.asg.send(new PutScalingPolicyCommand({ AutoScalingGroupName: 'nope', PolicyName: 'p', PolicyType: 'TargetTrackingScaling', TargetTrackingConfiguration: CPU70 })));
    assert.equal(noGroup.name, 'ValidationError');
  });

  it('goes with its group', async () => {
    const h = await asgHarness();
    await h.asg.send(new CreateAutoScalingGroupCommand(appGroup(h, { MinSize: 0, DesiredCapacity: 0 })));
    await h.asg.send(new PutScalingPolicyCommand({ AutoScalingGroupName: 'blog-app-asg', PolicyName: 'p', PolicyType: 'TargetTrackingScaling', TargetTrackingConfiguration: CPU70 }));
    await h.asg.send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: 'blog-app-asg' }));
    assert.deepEqual((await h.asg.send(new DescribePoliciesCommand({}))).ScalingPolicies, []);
  });
});

describe('autoscaling instance refresh', () => {
  it('goes Pending -> InProgress -> Successful and replaces the instances with the new version', async () => {
    const h = await asgHarness();
    await h.asg.send(new CreateAutoScalingGroupCommand(appGroup(h, { LaunchTemplate: { LaunchTemplateId: h.lt, Version: '1' } })));
    h.clock.advance(1_000);
    const before = (await h.asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['blog-app-asg'] }))).AutoScalingGroups![0]!.Instances!.map((i) => i.InstanceId);
    const v2 = await h.newVersion('t3.small');
    const { InstanceRefreshId } = await h.asg.send(new StartInstanceRefreshCommand({
      AutoScalingGroupName: 'blog-app-asg', Preferences: { MinHealthyPercentage: 50 },
      DesiredConfiguration: { LaunchTemplate: { LaunchTemplateId: h.lt, Version: String(v2) } },
    }));
    assert.match(InstanceRefreshId!, /^[0-9a-f-]{36}$/);
    const refresh = async () => (await h.asg.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: 'blog-app-asg' }))).InstanceRefreshes![0]!;
    const first = await refresh();
    assert.deepEqual([first.Status, first.PercentageComplete, first.InstancesToUpdate, first.Preferences!.MinHealthyPercentage], ['Pending', 0, 2, 50]);
    const second = await rejection(h.asg.send(new StartInstanceRefreshCommand({ AutoScalingGroupName: 'blog-app-asg' })));
    assert.ok(second instanceof InstanceRefreshInProgressFault);
    h.clock.advance(1_500);
    const mid = await refresh();
    assert.equal(mid.Status, 'InProgress');
    assert.ok(mid.PercentageComplete! > 0 && mid.PercentageComplete! < 100);
    h.clock.advance(1_500);
    const done = await refresh();
    assert.deepEqual([done.Status, done.PercentageComplete, done.InstancesToUpdate], ['Successful', 100, 0]);
    assert.ok(done.EndTime instanceof Date);
    const g = (await h.asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['blog-app-asg'] }))).AutoScalingGroups![0]!;
    assert.equal(g.LaunchTemplate!.Version, String(v2));
    assert.deepEqual(g.Instances!.map((i) => [i.LaunchTemplate!.Version, i.InstanceType, i.LifecycleState]), [[String(v2), 't3.small', 'InService'], [String(v2), 't3.small', 'InService']]);
    assert.ok(g.Instances!.every((i) => !before.includes(i.InstanceId)), 'instances were replaced');
    assert.ok((await rejection(h.asg.send(new CancelInstanceRefreshCommand({ AutoScalingGroupName: 'blog-app-asg' })))) instanceof ActiveInstanceRefreshNotFoundFault);
  });

  it('replaces instances launched in the same instant it starts (a group created and refreshed at once)', async () => {
    const h = await asgHarness();
    await h.asg.send(new CreateAutoScalingGroupCommand(appGroup(h, { LaunchTemplate: { LaunchTemplateId: h.lt, Version: '1' } })));
    const v2 = await h.newVersion('t3.small');
    await h.asg.send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: 'blog-app-asg', LaunchTemplate: { LaunchTemplateId: h.lt, Version: String(v2) } }));
    await h.asg.send(new StartInstanceRefreshCommand({ AutoScalingGroupName: 'blog-app-asg' }));
    h.clock.advance(3_000);
    const g = (await h.asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['blog-app-asg'] }))).AutoScalingGroups![0]!;
    assert.deepEqual(g.Instances!.map((i) => i.LaunchTemplate!.Version), [String(v2), String(v2)]);
  });

  it('fails when the launch template is gone by the time it would launch', async () => {
    const h = await asgHarness();
    await h.asg.send(new CreateAutoScalingGroupCommand(appGroup(h)));
    await h.asg.send(new StartInstanceRefreshCommand({ AutoScalingGroupName: 'blog-app-asg' }));
    await h.ec2.send(new DeleteLaunchTemplateCommand({ LaunchTemplateId: h.lt }));
    h.clock.advance(3_000);
    const r = (await h.asg.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: 'blog-app-asg' }))).InstanceRefreshes![0]!;
    assert.equal(r.Status, 'Failed');
    assert.equal((await h.asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['blog-app-asg'] }))).AutoScalingGroups![0]!.Instances!.length, 2);
  });

  it('cancels: Cancelling, then Cancelled; lists the newest first', async () => {
    const h = await asgHarness();
    await h.asg.send(new CreateAutoScalingGroupCommand(appGroup(h)));
    const a = (await h.asg.send(new StartInstanceRefreshCommand({ AutoScalingGroupName: 'blog-app-asg' }))).InstanceRefreshId;
    h.clock.advance(1_500);
    assert.equal((await h.asg.send(new CancelInstanceRefreshCommand({ AutoScalingGroupName: 'blog-app-asg' }))).InstanceRefreshId, a);
    const status = async (id: string | undefined) => (await h.asg.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: 'blog-app-asg', InstanceRefreshIds: [id!] }))).InstanceRefreshes![0]!.Status;
    assert.equal(await status(a), 'Cancelling');
    h.clock.advance(1_000);
    assert.equal(await status(a), 'Cancelled');
    const b = (await h.asg.send(new StartInstanceRefreshCommand({ AutoScalingGroupName: 'blog-app-asg' }))).InstanceRefreshId;
    const list = (await h.asg.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: 'blog-app-asg' }))).InstanceRefreshes!;
    assert.deepEqual(list.map((r) => r.InstanceRefreshId), [b, a]);
  });
});
