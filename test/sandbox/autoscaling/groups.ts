/**
 * Auto Scaling groups through the real AutoScalingClient: launch templates and subnets
 * from the simulated EC2 account, target groups from ELBv2, simulated instances going
 * Pending -> InService on the clock, scaling, deletion rules, filters and paging.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AlreadyExistsFault,
  AttachLoadBalancerTargetGroupsCommand,
  AutoScalingServiceException,
  CreateAutoScalingGroupCommand,
  DeleteAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
  DetachLoadBalancerTargetGroupsCommand,
  paginateDescribeAutoScalingGroups,
  ResourceInUseFault,
  ScalingActivityInProgressFault,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { CreateListenerCommand, CreateLoadBalancerCommand, DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { rejection } from '../harness.ts';
import { appGroup, asgHarness } from './setup.ts';

type H = Awaited<ReturnType<typeof asgHarness>>;

async function group(h: H, name = 'blog-app-asg') {
  return (await h.asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }))).AutoScalingGroups![0];
}

describe('autoscaling groups', () => {
  it('creates a group whose instances are Pending, then InService, spread over its zones', async () => {
    const h = await asgHarness();
    await h.asg.send(new CreateAutoScalingGroupCommand(appGroup(h)));
    const g = (await group(h))!;
    assert.match(g.AutoScalingGroupARN!, /^arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:[0-9a-f-]{36}:autoScalingGroupName\/blog-app-asg$/);
    assert.deepEqual(g.LaunchTemplate, { LaunchTemplateId: h.lt, LaunchTemplateName: 'blog-app', Version: '$Latest' });
    assert.deepEqual(g.AvailabilityZones, ['us-east-1a', 'us-east-1b']);
    assert.equal(g.VPCZoneIdentifier, `${h.net.privateA},${h.net.privateB}`);
    assert.deepEqual(g.TargetGroupARNs, [h.tg]);
    assert.deepEqual([g.HealthCheckType, g.HealthCheckGracePeriod, g.MinSize, g.MaxSize, g.DesiredCapacity], ['ELB', 300, 2, 4, 2]);
    assert.deepEqual(g.Tags!.map((t) => [t.Key, t.Value, t.PropagateAtLaunch, t.ResourceType]), [
      ['Name', 'blog-app-asg', false, 'auto-scaling-group'], ['blogctl:id', 'appAsg', true, 'auto-scaling-group'],
    ]);
    assert.deepEqual(g.Instances!.map((i) => [i.LifecycleState, i.AvailabilityZone, i.InstanceType, i.LaunchTemplate!.Version]).sort(), [
      ['Pending', 'us-east-1a', 't3.micro', '1'], ['Pending', 'us-east-1b', 't3.micro', '1'],
    ]);
    assert.ok(g.Instances!.every((i) => /^i-0[0-9a-f]{16}$/.test(i.InstanceId!)));
    h.clock.advance(1_000);
    assert.deepEqual((await group(h))!.Instances!.map((i) => i.LifecycleState), ['InService', 'InService']);
    const noVersion = appGroup(h, { AutoScalingGroupName: 'plain', LaunchTemplate: { LaunchTemplateName: 'blog-app' } });
    await h.asg.send(new CreateAutoScalingGroupCommand(noVersion));
    assert.deepEqual((await group(h, 'plain'))!.LaunchTemplate, { LaunchTemplateId: h.lt, LaunchTemplateName: 'blog-app' });
  });

  it('refuses duplicates and what does not exist in EC2 or ELBv2', async () => {
    const h = await asgHarness();
    await h.asg.send(new CreateAutoScalingGroupCommand(appGroup(h)));
    const dup = await rejection(h.asg.send(new CreateAutoScalingGroupCommand(appGroup(h))));
    assert.ok(dup instanceof AlreadyExistsFault);
    assert.equal((dup as unknown as { Code: string }).Code, 'AlreadyExists');
    const invalid = async (overrides: Parameters<typeof appGroup>[1]) => {
      const e = await rejection(h.asg.send(new CreateAutoScalingGroupCommand(appGroup(h, { AutoScalingGroupName: 'x', ...overrides }))));
      assert.ok(e instanceof AutoScalingServiceException);
      assert.equal(e.name, 'ValidationError');
      return e.message;
    };
    assert.match(await invalid({ LaunchTemplate: { LaunchTemplateId: 'lt-0123456789abcdef0' } }), /does not exist/);
    assert.match(await invalid({ LaunchTemplate: { LaunchTemplateId: h.lt, Version: '7' } }), /version 7/);
    assert.match(await invalid({ LaunchTemplate: undefined }), /Valid requests must contain/);
    assert.match(await invalid({ VPCZoneIdentifier: 'subnet-0123456789abcdef0' }), /does not exist/);
    assert.match(await invalid({ TargetGroupARNs: [h.tg.replace(/[0-9a-f]{16}$/, '0000000000000000')] }), /Target Groups may not be valid/);
    assert.match(await invalid({ DesiredCapacity: 5 }), /Desired capacity:5 must be between the specified min size:2 and max size:4/);
    assert.match(await invalid({ MinSize: 5 }), /must be greater than or equal to min bound/);
    assert.equal(await group(h, 'x'), undefined, 'describing a missing group gives an empty list');
  });

  it('scales out and in as the desired capacity changes; bounds pull it along', async () => {
    const h = await asgHarness();
    await h.asg.send(new CreateAutoScalingGroupCommand(appGroup(h)));
    h.clock.advance(1_000);
    await h.asg.send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: 'blog-app-asg', DesiredCapacity: 3 }));
    const states = async () => (await group(h))!.Instances!.map((i) => i.LifecycleState).sort();
    assert.deepEqual(await states(), ['InService', 'InService', 'Pending']);
    h.clock.advance(1_000);
    await h.asg.send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: 'blog-app-asg', MinSize: 1, DesiredCapacity: 1 }));
    assert.deepEqual(await states(), ['InService', 'Terminating', 'Terminating']);
    h.clock.advance(1_000);
    assert.deepEqual(await states(), ['InService']);
    await h.asg.send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: 'blog-app-asg', MinSize: 3 }));
    const g = (await group(h))!;
    assert.equal(g.DesiredCapacity, 3, 'a larger MinSize raises the desired capacity');
    assert.equal(g.Instances!.length, 3);
    const bad = await rejection(h.asg.send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: 'blog-app-asg', DesiredCapacity: 9 })));
    assert.equal(bad.name, 'ValidationError');
    const missing = await rejection(h.asg.send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: 'nope', DesiredCapacity: 1 })));
    assert.match(missing.message, /AutoScalingGroup name not found/);
  });

  it('refuses to delete a group with instances unless forced; a forced delete takes a while', async () => {
    const h = await asgHarness();
    await h.asg.send(new CreateAutoScalingGroupCommand(appGroup(h)));
    const launching = await rejection(h.asg.send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: 'blog-app-asg' })));
    assert.ok(launching instanceof ScalingActivityInProgressFault);
    h.clock.advance(1_000);
    const inUse = await rejection(h.asg.send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: 'blog-app-asg' })));
    assert.ok(inUse instanceof ResourceInUseFault);
    assert.equal((inUse as unknown as { Code: string }).Code, 'ResourceInUse');
    await h.asg.send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: 'blog-app-asg', ForceDelete: true }));
    const deleting = (await group(h))!;
    assert.equal(deleting.Status, 'Delete in progress');
    assert.ok(deleting.Instances!.every((i) => i.LifecycleState === 'Terminating'));
    h.clock.advance(1_000);
    assert.equal(await group(h), undefined);
    const gone = await rejection(h.asg.send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: 'blog-app-asg' })));
    assert.equal(gone.name, 'ValidationError');
    assert.match(gone.message, /AutoScalingGroup name not found/);
  });

  it('deletes an emptied group without forcing, once its instances are gone', async () => {
    const h = await asgHarness();
    await h.asg.send(new CreateAutoScalingGroupCommand(appGroup(h, { MinSize: 0, DesiredCapacity: 1 })));
    h.clock.advance(1_000);
    await h.asg.send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: 'blog-app-asg', DesiredCapacity: 0 }));
    assert.ok((await rejection(h.asg.send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: 'blog-app-asg' })))) instanceof ScalingActivityInProgressFault);
    h.clock.advance(1_000);
    await h.asg.send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: 'blog-app-asg' }));
    assert.equal(await group(h), undefined);
  });

  it('registers its instances in attached target groups, as ELBv2 shows', async () => {
    const h = await asgHarness();
    const lb = (await h.elb.send(new CreateLoadBalancerCommand({ Name: 'blog-alb', Subnets: [h.net.publicA, h.net.publicB], SecurityGroups: [h.net.sgId] }))).LoadBalancers![0]!.LoadBalancerArn!;
    await h.elb.send(new CreateListenerCommand({ LoadBalancerArn: lb, Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: h.tg }] }));
    await h.asg.send(new CreateAutoScalingGroupCommand(appGroup(h, { TargetGroupARNs: [] })));
    const health = async () => (await h.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: h.tg }))).TargetHealthDescriptions!;
    assert.deepEqual(await health(), []);
    await h.asg.send(new AttachLoadBalancerTargetGroupsCommand({ AutoScalingGroupName: 'blog-app-asg', TargetGroupARNs: [h.tg] }));
    const ids = (await group(h))!.Instances!.map((i) => i.InstanceId).sort();
    assert.deepEqual((await health()).map((d) => d.Target!.Id).sort(), ids);
    assert.ok((await health()).every((d) => d.TargetHealth!.State === 'initial'));
    h.clock.advance(5_000);
    assert.ok((await health()).every((d) => d.TargetHealth!.State === 'healthy'));
    await h.asg.send(new DetachLoadBalancerTargetGroupsCommand({ AutoScalingGroupName: 'blog-app-asg', TargetGroupARNs: [h.tg] }));
    assert.deepEqual(await health(), []);
  });

  it('filters by tag and pages with NextToken', async () => {
    const h = await asgHarness();
    for (let i = 0; i < 5; i++) {
      await h.asg.send(new CreateAutoScalingGroupCommand(appGroup(h, {
        AutoScalingGroupName: `g-${i}`, MinSize: 0, DesiredCapacity: 0, Tags: [{ Key: 'blogctl:stack', Value: i % 2 ? 'blog' : 'other' }],
      })));
    }
    const byTag = await h.asg.send(new DescribeAutoScalingGroupsCommand({ Filters: [{ Name: 'tag:blogctl:stack', Values: ['blog'] }] }));
    assert.deepEqual(byTag.AutoScalingGroups!.map((g) => g.AutoScalingGroupName), ['g-1', 'g-3']);
    const byKey = await h.asg.send(new DescribeAutoScalingGroupsCommand({ Filters: [{ Name: 'tag-key', Values: ['blogctl:stack'] }] }));
    assert.equal(byKey.AutoScalingGroups!.length, 5);
    const sizes: number[] = [];
    for await (const page of paginateDescribeAutoScalingGroups({ client: h.asg, pageSize: 2 }, {})) sizes.push(page.AutoScalingGroups!.length);
    assert.deepEqual(sizes, [2, 2, 1]);
    const bad = await rejection(h.asg.send(new DescribeAutoScalingGroupsCommand({ NextToken: 'garbage' })));
    assert.equal(bad.name, 'InvalidNextToken');
  });
});

describe('autoscaling faults', () => {
  it('throttles with Throttling, which the SDK retries', async () => {
    const h = await asgHarness();
    h.sandbox.faults.inject({ service: 'autoscaling', fault: 'throttle', times: 2 });
    const out = await h.asg.send(new DescribeAutoScalingGroupsCommand({}));
    assert.equal(out.$metadata.attempts, 3);
  });
});
