/**
 * The EC2 kinds of the application tier, their own cases on the sandbox: the AMI lookup
 * (newest, one call per query, what it says when nothing matches), the S3 gateway
 * endpoint (its routes are not the route table's drift; its default policy), and the NAT
 * instance (waits for running with progress, IAM propagation retried and nothing else,
 * replaced new-first with the route moved before the old one goes, instance types checked).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DescribeInstancesCommand, DescribeRouteTablesCommand, DescribeVolumesCommand, ModifyVpcEndpointCommand } from '@aws-sdk/client-ec2';
import { amiAdapter } from '../../src/resources/ec2-ami/index.ts';
import { instanceAdapter } from '../../src/resources/ec2-instance/index.ts';
import { routeTableAdapter } from '../../src/resources/ec2-route-table/index.ts';
import { vpcEndpointAdapter } from '../../src/resources/ec2-vpc-endpoint/index.ts';
import { instanceProfileAdapter } from '../../src/resources/iam-instance-profile/index.ts';
import { roleAdapter } from '../../src/resources/iam-role/index.ts';
import { createIamSimulator } from '../../src/sandbox/iam/index.ts';
import { SIMULATORS } from '../../src/sandbox/services.ts';
import { harness, rejection } from '../sandbox/harness.ts';
import { instanceFixture, roleDesired, vpcEndpointFixture } from './apptier-fixtures.ts';
import { engineClock, only, sandboxContext, testContext } from './contract.ts';
import { captureLog, sandboxEngine, specOf, withLog } from './sandbox-engine.ts';

const ami = (namePattern: string, architecture: 'x86_64' | 'arm64' = 'x86_64') => ({
  owners: ['099720109477'], namePattern, architecture, virtualizationType: 'hvm' as const, rootDeviceType: 'ebs' as const,
});

describe('ec2.ami', () => {
  it('finds the newest image of the pattern and architecture, with its root device', async () => {
    const ctx = sandboxContext();
    const focal = 'ubuntu/images/hvm-ssd/ubuntu-focal-20.04-*-server-*';
    const found = await amiAdapter.observe([{ id: 'amd', desired: ami(focal) }, { id: 'arm', desired: ami(focal, 'arm64') }], ctx);
    const amd = only(found, 'amd')!.state;
    assert.equal(amd.name, 'ubuntu/images/hvm-ssd/ubuntu-focal-20.04-amd64-server-20240228', 'the newer of two amd64 builds');
    assert.equal(amd.rootDeviceName, '/dev/sda1');
    assert.equal(only(found, 'arm')!.state.architecture, 'arm64');
    assert.deepEqual(Object.keys(amiAdapter.outputs(amd)).sort(), ['arn', 'creationDate', 'id', 'name', 'rootDeviceName']);
  });

  it('asks once per distinct query, and says what it looked for when nothing matches', async () => {
    const ctx = sandboxContext();
    const jammy = ami('ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*');
    const found = await amiAdapter.observe([{ id: 'a', desired: jammy }, { id: 'b', desired: jammy }, { id: 'c', desired: ami('ubuntu/images/nothing-*') }], ctx);
    assert.equal(ctx.ec2Calls('DescribeImages'), 2);
    assert.equal(only(found, 'a')!.state.imageId, only(found, 'b')!.state.imageId);
    assert.equal(only(found, 'c'), undefined);
    assert.equal(amiAdapter.describeLookup!(ami('ubuntu/images/nothing-*')), 'no x86_64 hvm/ebs image named "ubuntu/images/nothing-*" owned by 099720109477');
  });
});

describe('ec2.vpc-endpoint', () => {
  it('adds its prefix-list route to the table, which the route table does not report as drift', async () => {
    const ctx = sandboxContext();
    const fx = await vpcEndpointFixture(ctx);
    const table = fx.desired.routeTableIds[0]!;
    await vpcEndpointAdapter.create('s3Endpoint', fx.desired, ctx);
    const routes = (await ctx.h.ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [table] }))).RouteTables![0]!.Routes!;
    assert.ok(routes.some((r) => r.DestinationPrefixListId !== undefined), 'AWS added the endpoint route');
    const seen = only(await routeTableAdapter.observe([], ctx), 'rtA')!;
    assert.deepEqual(routeTableAdapter.diff({ vpcId: fx.desired.vpcId, routes: [], subnetIds: [] }, seen.state), []);
  });

  it('keeps AWS\'s default full-access policy when the spec names none, and resets one changed in AWS', async () => {
    const ctx = sandboxContext();
    const fx = await vpcEndpointFixture(ctx);
    const made = await vpcEndpointAdapter.create('s3Endpoint', fx.desired, ctx);
    assert.deepEqual(vpcEndpointAdapter.diff(fx.desired, made), []);
    const narrow = { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::other/*' }] };
    await ctx.h.ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: made.vpcEndpointId, PolicyDocument: JSON.stringify(narrow) }));
    const tampered = only(await vpcEndpointAdapter.observe([], ctx), 's3Endpoint')!;
    const changes = vpcEndpointAdapter.diff(fx.desired, tampered.state);
    assert.deepEqual(changes.map((c) => [c.path, c.to]), [['policy', undefined]]);
    await vpcEndpointAdapter.update('s3Endpoint', fx.desired, tampered.state, changes, ctx);
    assert.deepEqual(vpcEndpointAdapter.diff(fx.desired, only(await vpcEndpointAdapter.observe([], ctx), 's3Endpoint')!.state), []);
  });
});

describe('ec2.instance (the NAT instance)', () => {
  it('waits until it runs, saying so, with source/dest check off, IMDSv2 and an encrypted gp3 root', async () => {
    const h = harness({ profile: 'realistic' });
    const base = testContext(h.clients, h.sandbox.region, 'nat', engineClock(h.clock));
    const log = captureLog();
    const ctx = withLog(base, log);
    const fx = await instanceFixture(base);
    const made = await instanceAdapter.create('natInstance', fx.desired, ctx);
    assert.equal(made.state, 'running');
    assert.match(log.lines.join('\n'), /Still creating\.\.\. \[\d+s elapsed\]/, 'a 35 s launch reports progress');
    const inst = (await h.ec2.send(new DescribeInstancesCommand({ InstanceIds: [made.instanceId] }))).Reservations![0]!.Instances![0]!;
    assert.deepEqual([inst.SourceDestCheck, inst.MetadataOptions!.HttpTokens, inst.Tags!.find((t) => t.Key === 'blogctl:spec')!.Value], [false, 'required', 'c0ffee0000000001']);
    const vol = (await h.ec2.send(new DescribeVolumesCommand({ VolumeIds: [inst.BlockDeviceMappings![0]!.Ebs!.VolumeId!] }))).Volumes![0]!;
    assert.deepEqual([vol.VolumeType, vol.Encrypted, vol.Size], ['gp3', true, 10]);
    assert.equal(instanceAdapter.readiness!(made), 'ready');
  });

  it('retries a launch refused while IAM propagates its instance profile, and no other error', async () => {
    const h = harness({ services: SIMULATORS.map((s) => (s.name === 'iam' ? createIamSimulator({ propagationMs: 20_000 }) : s)) });
    const base = testContext(h.clients, h.sandbox.region, 'iam', engineClock(h.clock));
    const log = captureLog();
    const ctx = withLog(base, log);
    const fx = await instanceFixture(base);
    const role = await roleAdapter.create('natRole', roleDesired(base, 'nat'), base);
    const profile = await instanceProfileAdapter.create('natProfile', { instanceProfileName: 'iam-nat', path: '/', roleName: role.roleName }, base);
    const started = h.clock.now();
    const made = await instanceAdapter.create('natInstance', { ...fx.desired, iamInstanceProfileArn: profile.arn }, ctx);
    assert.equal(made.iamInstanceProfileArn, profile.arn);
    assert.ok(h.clock.now() - started >= 20_000, 'it waited for IAM');
    assert.ok(base.ec2Calls('RunInstances') > 1);
    assert.match(log.lines.join('\n'), /IAM has not propagated the role or instance profile yet; retrying[\s\S]*Still waiting for IAM to propagate\.\.\. \[\d+s elapsed\]/);

    const before = base.ec2Calls('RunInstances');
    const err = await rejection(instanceAdapter.create('other', { ...fx.desired, imageId: 'ami-0000000000000000a' }, ctx));
    assert.equal(err.name, 'InvalidAMIID.NotFound');
    assert.equal(base.ec2Calls('RunInstances'), before + 1, 'not retried');
  });

  it('checks instance types against what the region offers, in one call', async () => {
    const ctx = sandboxContext();
    const fx = await instanceFixture(ctx);
    const problems = await instanceAdapter.preflight!([{ id: 'a', desired: fx.desired }, { id: 'b', desired: { ...fx.desired, instanceType: 't3.mega' } }], ctx);
    assert.deepEqual(problems, [{ id: 'b', path: 'instanceType', message: 'instance type t3.mega is not offered in us-east-1 (DescribeInstanceTypeOfferings); pick one the region offers, e.g. t3.micro' }]);
    assert.equal(ctx.ec2Calls('DescribeInstanceTypeOfferings'), 1);
  });

  it('is replaced new-first: the route moves to the new instance before the old one is terminated', async () => {
    const h = harness();
    const w = sandboxEngine(h);
    const yaml = (script: string) => specOf(`
  vpc: { kind: ec2.vpc, properties: { cidrBlock: 10.0.0.0/16 } }
  publicSubnet: { kind: ec2.subnet, properties: { vpcId: "\${vpc}", cidrBlock: 10.0.1.0/24, availabilityZone: us-east-1a, mapPublicIpOnLaunch: true } }
  natSg: { kind: ec2.security-group, properties: { vpcId: "\${vpc}", groupName: nat, description: nat } }
  ubuntu: { kind: ec2.ami, properties: { owners: ["099720109477"], namePattern: "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*" } }
  nat:
    kind: ec2.instance
    properties: { imageId: "\${ubuntu}", instanceType: t3.micro, subnetId: "\${publicSubnet}", securityGroupIds: ["\${natSg}"], sourceDestCheck: false, userData: "${script}" }
  privateRt:
    kind: ec2.route-table
    properties: { vpcId: "\${vpc}", routes: [{ destinationCidrBlock: 0.0.0.0/0, instanceId: "\${nat}" }] }
`);
    assert.equal((await w.reconcile(yaml('echo v1'))).exit, 0);
    const oldId = (await w.plan(yaml('echo v1'))).action('nat').observed!.state as { instanceId: string };
    const plan = await w.plan(yaml('echo v2'));
    assert.deepEqual([plan.action('nat').type, plan.action('nat').forcedBy, plan.action('nat').blocked?.code], ['create-then-delete', ['userData'], 'needs-allow-replace']);
    const r = await w.reconcile(yaml('echo v2'), { allowReplace: true });
    assert.equal(r.exit, 0);
    const order = r.outcomes.filter((o) => o.status !== 'unchanged').map((o) => `${o.id}:${o.status}`);
    assert.deepEqual(order, ['nat:replaced', 'privateRt:updated', 'nat:deleted']);
    const table = (await w.plan(yaml('echo v2'))).action('privateRt').observed!.state as { routes: { instanceId?: string }[] };
    const newId = table.routes[0]!.instanceId!;
    assert.notEqual(newId, oldId.instanceId);
    const old = (await h.ec2.send(new DescribeInstancesCommand({ InstanceIds: [oldId.instanceId] }))).Reservations![0]!.Instances![0]!;
    assert.equal(old.State!.Name, 'terminated', 'deleted means terminated: what it used can go after it');
    assert.equal((await w.plan(yaml('echo v2'))).exit, 0);
  });
});
