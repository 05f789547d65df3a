/**
 * EC2 instances, launch templates and the AMI catalogue through the real EC2Client,
 * with lifecycle states driven by the manual clock.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteLaunchTemplateCommand,
  DeleteLaunchTemplateVersionsCommand,
  DeleteSecurityGroupCommand,
  DeleteSubnetCommand,
  DescribeImagesCommand,
  DescribeInstanceAttributeCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  type EC2Client,
  ModifyInstanceAttributeCommand,
  ModifyLaunchTemplateCommand,
  RunInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { harness, rejection, tag } from '../harness.ts';

async function ubuntu(ec2: EC2Client, series = 'jammy-22.04', arch = 'amd64') {
  const images = await ec2.send(new DescribeImagesCommand({
    Owners: ['099720109477'],
    Filters: [{ Name: 'name', Values: [`ubuntu/images/hvm-ssd/ubuntu-${series}-${arch}-server-*`] }, { Name: 'state', Values: ['available'] }],
  }));
  return images.Images!.sort((a, b) => b.CreationDate!.localeCompare(a.CreationDate!));
}

async function subnet(ec2: EC2Client) {
  const VpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
  const SubnetId = (await ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.1.0/24' }))).Subnet!.SubnetId!;
  const GroupId = (await ec2.send(new CreateSecurityGroupCommand({ VpcId, GroupName: 'nat', Description: 'nat' }))).GroupId!;
  return { VpcId, SubnetId, GroupId };
}

describe('ec2 images', () => {
  it('finds the newest Ubuntu image by name pattern, with region-specific ids', async () => {
    const { ec2 } = harness();
    const focal = await ubuntu(ec2, 'focal-20.04');
    assert.deepEqual(focal.map((i) => i.Name), [
      'ubuntu/images/hvm-ssd/ubuntu-focal-20.04-amd64-server-20240228',
      'ubuntu/images/hvm-ssd/ubuntu-focal-20.04-amd64-server-20240112',
    ]);
    assert.match(focal[0]!.ImageId!, /^ami-0[0-9a-f]{16}$/);
    assert.equal(focal[0]!.OwnerId, '099720109477');
    assert.equal(focal[0]!.Architecture, 'x86_64');
    const arm = await ec2.send(new DescribeImagesCommand({ Owners: ['099720109477'], Filters: [{ Name: 'architecture', Values: ['arm64'] }] }));
    assert.equal(arm.Images?.length, 2);
    const { ec2: west } = harness({ region: 'eu-west-1' });
    assert.notEqual((await ubuntu(west, 'focal-20.04'))[0]!.ImageId, focal[0]!.ImageId, 'AMI ids differ by region');
    assert.equal((await rejection(ec2.send(new DescribeImagesCommand({ ImageIds: ['ami-0123456789abcdef0'] })))).name, 'InvalidAMIID.NotFound');
    const none = await ec2.send(new DescribeImagesCommand({ Owners: ['self'] }));
    assert.deepEqual(none.Images, []);
  });
});

describe('ec2 instances', () => {
  it('launches pending, runs after the launch duration, and terminates through shutting-down', async () => {
    const { ec2, clock } = harness();
    const { SubnetId, GroupId, VpcId } = await subnet(ec2);
    const [image] = await ubuntu(ec2);
    const run = await ec2.send(new RunInstancesCommand({
      ImageId: image!.ImageId, InstanceType: 't4g.nano', MinCount: 1, MaxCount: 1, SubnetId, SecurityGroupIds: [GroupId],
      TagSpecifications: [{ ResourceType: 'instance', Tags: [tag('blogctl:id', 'nat')] }], ClientToken: 'nat-1',
    }));
    assert.match(run.ReservationId!, /^r-0[0-9a-f]{16}$/);
    const launched = run.Instances![0]!;
    const InstanceId = launched.InstanceId!;
    assert.match(InstanceId, /^i-0[0-9a-f]{16}$/);
    assert.deepEqual(launched.State, { Code: 0, Name: 'pending' });
    assert.equal(launched.PrivateIpAddress, '10.0.1.4');
    assert.equal(launched.SourceDestCheck, true);
    assert.equal(launched.VpcId, VpcId);
    const retried = await ec2.send(new RunInstancesCommand({ ImageId: image!.ImageId, MinCount: 1, MaxCount: 1, SubnetId, ClientToken: 'nat-1' }));
    assert.equal(retried.Instances?.[0]?.InstanceId, InstanceId, 'the client token makes RunInstances idempotent');

    const describe = async () => (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [InstanceId] }))).Reservations![0]!.Instances![0]!;
    clock.advance(999);
    assert.equal((await describe()).State?.Name, 'pending');
    clock.advance(1);
    assert.deepEqual((await describe()).State, { Code: 16, Name: 'running' });
    const byTag = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:blogctl:id', Values: ['nat'] }, { Name: 'instance-state-name', Values: ['running'] }] }));
    assert.equal(byTag.Reservations?.[0]?.Instances?.[0]?.InstanceId, InstanceId);
    assert.equal((await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [SubnetId] }))).Subnets?.[0]?.AvailableIpAddressCount, 250);

    assert.equal((await rejection(ec2.send(new DeleteSubnetCommand({ SubnetId })))).name, 'DependencyViolation');
    assert.equal((await rejection(ec2.send(new DeleteSecurityGroupCommand({ GroupId })))).name, 'DependencyViolation');

    const term = await ec2.send(new TerminateInstancesCommand({ InstanceIds: [InstanceId] }));
    assert.deepEqual(term.TerminatingInstances?.[0], { InstanceId, PreviousState: { Code: 16, Name: 'running' }, CurrentState: { Code: 32, Name: 'shutting-down' } });
    clock.advance(1000);
    const dead = await describe();
    assert.deepEqual(dead.State, { Code: 48, Name: 'terminated' });
    assert.equal('PrivateIpAddress' in dead, false, 'a terminated instance has no network interface');
    await ec2.send(new DeleteSubnetCommand({ SubnetId }));
    clock.advance(3_600_000);
    assert.equal((await rejection(describe())).name, 'InvalidInstanceID.NotFound', 'gone from DescribeInstances an hour later');
  });

  it('turns off source/dest check for a NAT instance and routes through it', async () => {
    const { ec2, clock } = harness();
    const { SubnetId, VpcId } = await subnet(ec2);
    const [image] = await ubuntu(ec2);
    const InstanceId = (await ec2.send(new RunInstancesCommand({ ImageId: image!.ImageId, MinCount: 1, MaxCount: 1, SubnetId }))).Instances![0]!.InstanceId!;
    clock.advance(5000);
    await ec2.send(new ModifyInstanceAttributeCommand({ InstanceId, SourceDestCheck: { Value: false } }));
    const attr = await ec2.send(new DescribeInstanceAttributeCommand({ InstanceId, Attribute: 'sourceDestCheck' }));
    assert.equal(attr.SourceDestCheck?.Value, false);
    const inst = (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [InstanceId] }))).Reservations![0]!.Instances![0]!;
    assert.equal(inst.SourceDestCheck, false);
    assert.equal(inst.NetworkInterfaces?.[0]?.SourceDestCheck, false);

    const RouteTableId = (await ec2.send(new CreateRouteTableCommand({ VpcId }))).RouteTable!.RouteTableId!;
    await ec2.send(new CreateRouteCommand({ RouteTableId, DestinationCidrBlock: '0.0.0.0/0', InstanceId }));
    const route = (await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [RouteTableId] }))).RouteTables![0]!.Routes![1]!;
    assert.equal(route.InstanceId, InstanceId);
    assert.equal(route.NetworkInterfaceId, inst.NetworkInterfaces?.[0]?.NetworkInterfaceId);
    assert.equal(route.State, 'active');
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [InstanceId] }));
    const after = (await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [RouteTableId] }))).RouteTables![0]!.Routes![1]!;
    assert.equal(after.State, 'blackhole');
  });

  it('answers AWS errors for bad launches', async () => {
    const { ec2 } = harness();
    const { SubnetId } = await subnet(ec2);
    const [image] = await ubuntu(ec2);
    assert.equal((await rejection(ec2.send(new RunInstancesCommand({ ImageId: 'ami-0123456789abcdef0', MinCount: 1, MaxCount: 1, SubnetId })))).name, 'InvalidAMIID.NotFound');
    assert.equal((await rejection(ec2.send(new RunInstancesCommand({ ImageId: image!.ImageId, MinCount: 2, MaxCount: 1, SubnetId })))).name, 'InvalidParameterValue');
    const otherVpcGroup = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'x', Description: 'x' }))).GroupId!;
    assert.equal((await rejection(ec2.send(new RunInstancesCommand({ ImageId: image!.ImageId, MinCount: 1, MaxCount: 1, SubnetId, SecurityGroupIds: [otherVpcGroup] })))).name, 'InvalidParameter');
    assert.equal((await rejection(ec2.send(new TerminateInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })))).name, 'InvalidInstanceID.NotFound');
    assert.equal((await rejection(ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-nope'] })))).name, 'InvalidInstanceID.Malformed');
  });
});

describe('ec2 launch templates', () => {
  it('creates versions, sets the default, launches from it, and deletes', async () => {
    const { ec2 } = harness();
    const { SubnetId, GroupId } = await subnet(ec2);
    const [image, older] = await ubuntu(ec2);
    const created = await ec2.send(new CreateLaunchTemplateCommand({
      LaunchTemplateName: 'blog-web',
      VersionDescription: 'first',
      LaunchTemplateData: { ImageId: older!.ImageId, InstanceType: 't3.micro', SecurityGroupIds: [GroupId], UserData: 'IyEvYmluL3NoCg==' },
      TagSpecifications: [{ ResourceType: 'launch-template', Tags: [tag('blogctl:id', 'web')] }],
    }));
    const lt = created.LaunchTemplate!;
    assert.match(lt.LaunchTemplateId!, /^lt-0[0-9a-f]{16}$/);
    assert.deepEqual([lt.DefaultVersionNumber, lt.LatestVersionNumber], [1, 1]);
    assert.equal(lt.CreatedBy, 'arn:aws:iam::123456789012:root');
    const dup = await rejection(ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'blog-web', LaunchTemplateData: {} })));
    assert.equal(dup.name, 'InvalidLaunchTemplateName.AlreadyExistsException');

    const v2 = await ec2.send(new CreateLaunchTemplateVersionCommand({ LaunchTemplateId: lt.LaunchTemplateId, SourceVersion: '1', LaunchTemplateData: { ImageId: image!.ImageId } }));
    assert.equal(v2.LaunchTemplateVersion?.VersionNumber, 2);
    assert.equal(v2.LaunchTemplateVersion?.DefaultVersion, false);
    assert.deepEqual(v2.LaunchTemplateVersion?.LaunchTemplateData, { ImageId: image!.ImageId, InstanceType: 't3.micro', SecurityGroupIds: [GroupId], UserData: 'IyEvYmluL3NoCg==' });
    const latest = await ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateName: 'blog-web', Versions: ['$Latest'] }));
    assert.equal(latest.LaunchTemplateVersions?.[0]?.VersionNumber, 2);
    await ec2.send(new ModifyLaunchTemplateCommand({ LaunchTemplateId: lt.LaunchTemplateId, DefaultVersion: '2' }));
    const byTag = await ec2.send(new DescribeLaunchTemplatesCommand({ Filters: [{ Name: 'tag:blogctl:id', Values: ['web'] }] }));
    assert.deepEqual([byTag.LaunchTemplates?.[0]?.DefaultVersionNumber, byTag.LaunchTemplates?.[0]?.LatestVersionNumber], [2, 2]);

    const run = await ec2.send(new RunInstancesCommand({ LaunchTemplate: { LaunchTemplateName: 'blog-web', Version: '$Default' }, MinCount: 2, MaxCount: 2, SubnetId }));
    assert.equal(run.Instances?.length, 2);
    assert.equal(run.Instances?.[0]?.ImageId, image!.ImageId);
    assert.equal(run.Instances?.[0]?.InstanceType, 't3.micro');
    assert.deepEqual(run.Instances?.[0]?.SecurityGroups?.map((g) => g.GroupId), [GroupId]);
    assert.deepEqual(run.Instances?.[1]?.Tags, [tag('aws:ec2launchtemplate:id', lt.LaunchTemplateId!), tag('aws:ec2launchtemplate:version', '2')]);

    const del = await ec2.send(new DeleteLaunchTemplateVersionsCommand({ LaunchTemplateId: lt.LaunchTemplateId, Versions: ['1', '2', '7'] }));
    assert.deepEqual(del.SuccessfullyDeletedLaunchTemplateVersions?.map((v) => v.VersionNumber), [1]);
    assert.deepEqual(del.UnsuccessfullyDeletedLaunchTemplateVersions?.map((v) => v.ResponseError?.Code), ['unexpectedError', 'launchTemplateVersionDoesNotExist']);
    assert.equal((await rejection(ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: lt.LaunchTemplateId, Versions: ['1'] })))).name, 'InvalidLaunchTemplateId.VersionNotFound');
    await ec2.send(new DeleteLaunchTemplateCommand({ LaunchTemplateId: lt.LaunchTemplateId }));
    assert.equal((await rejection(ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [lt.LaunchTemplateId!] })))).name, 'InvalidLaunchTemplateId.NotFound');
    assert.equal((await rejection(ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: ['blog-web'] })))).name, 'InvalidLaunchTemplateName.NotFoundException');
  });
});
