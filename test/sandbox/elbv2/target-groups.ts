/** Target groups (AWS's health check defaults, idempotent creation, ModifyTargetGroup, attributes), targets and their health. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateListenerCommand,
  CreateTargetGroupCommand,
  DeleteTargetGroupCommand,
  DeregisterTargetsCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  DuplicateTargetGroupNameException,
  InvalidTargetException,
  ModifyTargetGroupAttributesCommand,
  ModifyTargetGroupCommand,
  RegisterTargetsCommand,
  ResourceInUseException,
  TargetGroupNotFoundException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeImagesCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { rejection } from '../harness.ts';
import { alb, elbHarness, targetGroup, tgInput } from './setup.ts';

describe('elbv2 target groups', () => {
  it('fills in the health check defaults of an HTTP instance target group', async () => {
    const h = await elbHarness();
    const tg = (await h.elb.send(new CreateTargetGroupCommand(tgInput(h.net, { Tags: [{ Key: 'blogctl:id', Value: 'tg' }] })))).TargetGroups![0]!;
    assert.match(tg.TargetGroupArn!, /^arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup\/blog-tg\/[0-9a-f]{16}$/);
    assert.deepEqual(
      [tg.HealthCheckProtocol, tg.HealthCheckPort, tg.HealthCheckEnabled, tg.HealthCheckPath, tg.HealthCheckIntervalSeconds, tg.HealthCheckTimeoutSeconds, tg.HealthyThresholdCount, tg.UnhealthyThresholdCount],
      ['HTTP', 'traffic-port', true, '/', 30, 5, 5, 2],
    );
    assert.deepEqual(tg.Matcher, { HttpCode: '200' });
    assert.equal(tg.ProtocolVersion, 'HTTP1');
    assert.deepEqual(tg.LoadBalancerArns, []);
    const attrs = Object.fromEntries((await h.elb.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: tg.TargetGroupArn }))).Attributes!.map((a) => [a.Key, a.Value]));
    assert.equal(attrs['deregistration_delay.timeout_seconds'], '300');
    assert.equal(attrs['stickiness.enabled'], 'false');
    await h.elb.send(new ModifyTargetGroupAttributesCommand({ TargetGroupArn: tg.TargetGroupArn, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '60' }] }));
    const tcp = (await h.elb.send(new CreateTargetGroupCommand(tgInput(h.net, { Name: 'tcp', Protocol: 'TCP' })))).TargetGroups![0]!;
    assert.equal(tcp.HealthCheckTimeoutSeconds, 10);
    assert.equal(tcp.HealthCheckPath, undefined);
    assert.equal(tcp.Matcher, undefined);
  });

  it('is idempotent for the same settings; checks the health check and the VPC', async () => {
    const h = await elbHarness();
    const hc = { HealthCheckPath: '/', HealthyThresholdCount: 5, UnhealthyThresholdCount: 2, HealthCheckTimeoutSeconds: 5, HealthCheckIntervalSeconds: 20, Matcher: { HttpCode: '200' } };
    const a = await targetGroup(h, hc);
    assert.equal(await targetGroup(h, hc), a);
    assert.ok((await rejection(targetGroup(h, { ...hc, Port: 8080 }))) instanceof DuplicateTargetGroupNameException);
    const timeout = await rejection(targetGroup(h, { Name: 'x', HealthCheckTimeoutSeconds: 30, HealthCheckIntervalSeconds: 30 }));
    assert.equal(timeout.name, 'ValidationError');
    assert.match(timeout.message, /must be smaller than the interval/);
    assert.equal((await rejection(targetGroup(h, { Name: 'x', VpcId: 'vpc-0123456789abcdef0' }))).name, 'ValidationError');
    assert.equal((await rejection(targetGroup(h, { Name: 'x', Matcher: { HttpCode: '600' } }))).name, 'ValidationError');
    const mod = (await h.elb.send(new ModifyTargetGroupCommand({ TargetGroupArn: a, HealthCheckPath: '/health', Matcher: { HttpCode: '200-299' } }))).TargetGroups![0]!;
    assert.equal(mod.HealthCheckPath, '/health');
    assert.deepEqual(mod.Matcher, { HttpCode: '200-299' });
    const byName = await h.elb.send(new DescribeTargetGroupsCommand({ Names: ['blog-tg'] }));
    assert.equal(byName.TargetGroups![0]!.HealthCheckPath, '/health');
    assert.ok((await rejection(h.elb.send(new DescribeTargetGroupsCommand({ Names: ['nope'] })))) instanceof TargetGroupNotFoundException);
  });

  it('cannot be deleted while a listener forwards to it', async () => {
    const h = await elbHarness();
    const lb = await alb(h);
    const tg = await targetGroup(h);
    await h.elb.send(new CreateListenerCommand({ LoadBalancerArn: lb, Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: tg }] }));
    const attached = (await h.elb.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: lb }))).TargetGroups!;
    assert.deepEqual(attached.map((t) => [t.TargetGroupArn, t.LoadBalancerArns]), [[tg, [lb]]]);
    assert.ok((await rejection(h.elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: tg })))) instanceof ResourceInUseException);
    const other = await targetGroup(h, { Name: 'other' });
    await h.elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: other }));
    assert.ok((await rejection(h.elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: other })))) instanceof TargetGroupNotFoundException);
  });
});

describe('elbv2 targets', () => {
  it('registers running instances of the VPC; health goes unused -> initial -> healthy; deregistering drains', async () => {
    const h = await elbHarness();
    const image = (await h.ec2.send(new DescribeImagesCommand({ Owners: ['099720109477'] }))).Images![0]!;
    const run = await h.ec2.send(new RunInstancesCommand({ ImageId: image.ImageId, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, SubnetId: h.net.privateA }));
    const id = run.Instances![0]!.InstanceId!;
    const tg = await targetGroup(h);
    const pending = await rejection(h.elb.send(new RegisterTargetsCommand({ TargetGroupArn: tg, Targets: [{ Id: id }] })));
    assert.ok(pending instanceof InvalidTargetException);
    assert.match(pending.message, /not in a running state/);
    h.clock.advance(1_000);
    await h.elb.send(new RegisterTargetsCommand({ TargetGroupArn: tg, Targets: [{ Id: id }] }));
    const state = async () => (await h.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }))).TargetHealthDescriptions!.map((d) => [d.Target!.Id, d.TargetHealth!.State, d.TargetHealth!.Reason]);
    assert.deepEqual(await state(), [[id, 'unused', 'Target.NotInUse']]);
    const lb = await alb(h);
    await h.elb.send(new CreateListenerCommand({ LoadBalancerArn: lb, Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: tg }] }));
    assert.deepEqual(await state(), [[id, 'initial', 'Elb.InitialHealthChecking']]);
    h.clock.advance(3_000);
    assert.deepEqual(await state(), [[id, 'healthy', undefined]]);
    await h.elb.send(new DeregisterTargetsCommand({ TargetGroupArn: tg, Targets: [{ Id: id }] }));
    assert.deepEqual(await state(), [[id, 'draining', 'Target.DeregistrationInProgress']]);
    h.clock.advance(1_000);
    assert.deepEqual(await state(), []);
    const asked = (await h.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg, Targets: [{ Id: id }] }))).TargetHealthDescriptions!;
    assert.equal(asked[0]!.TargetHealth!.Reason, 'Target.NotRegistered');
    assert.ok((await rejection(h.elb.send(new RegisterTargetsCommand({ TargetGroupArn: tg, Targets: [{ Id: 'i-0123456789abcdef0' }] })))) instanceof InvalidTargetException);
  });
});
