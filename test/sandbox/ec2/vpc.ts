/**
 * EC2 VPCs through the real EC2Client: create/describe/delete, attributes, what a new
 * VPC comes with, and AWS's errors.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteInternetGatewayCommand,
  DeleteSecurityGroupCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcsCommand,
  DetachInternetGatewayCommand,
  EC2ServiceException,
  ModifyVpcAttributeCommand,
} from '@aws-sdk/client-ec2';
import { harness, rejection, tag } from '../harness.ts';

describe('ec2 vpcs', () => {
  it('creates a tagged VPC that describes by id and by tag', async () => {
    const { ec2 } = harness();
    const created = await ec2.send(new CreateVpcCommand({
      CidrBlock: '10.0.0.0/16',
      TagSpecifications: [{ ResourceType: 'vpc', Tags: [tag('blogctl:stack', 'blog'), tag('Name', 'main')] }],
    }));
    const vpc = created.Vpc!;
    assert.match(vpc.VpcId!, /^vpc-0[0-9a-f]{16}$/);
    assert.equal(vpc.State, 'pending');
    assert.equal(vpc.OwnerId, '123456789012');
    assert.equal(vpc.IsDefault, false);
    assert.deepEqual(vpc.Tags, [tag('blogctl:stack', 'blog'), tag('Name', 'main')]);
    const byId = await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpc.VpcId!] }));
    assert.equal(byId.Vpcs?.[0]?.State, 'available');
    assert.equal(byId.Vpcs?.[0]?.CidrBlockAssociationSet?.[0]?.CidrBlockState?.State, 'associated');
    const byTag = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:blogctl:stack', Values: ['blog'] }] }));
    assert.deepEqual(byTag.Vpcs?.map((v) => v.VpcId), [vpc.VpcId]);
    const byDefault = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
    assert.equal(byDefault.Vpcs?.[0]?.CidrBlock, '172.31.0.0/16');
  });

  it('gives a new VPC a main route table with the local route and a default security group', async () => {
    const { ec2 } = harness();
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
    const vpcFilter = [{ Name: 'vpc-id', Values: [Vpc!.VpcId!] }];
    const tables = await ec2.send(new DescribeRouteTablesCommand({ Filters: [...vpcFilter, { Name: 'association.main', Values: ['true'] }] }));
    assert.equal(tables.RouteTables?.length, 1);
    assert.deepEqual(tables.RouteTables![0]!.Routes, [{ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' }]);
    const groups = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: vpcFilter }));
    assert.equal(groups.SecurityGroups?.length, 1);
    const sg = groups.SecurityGroups![0]!;
    assert.equal(sg.GroupName, 'default');
    assert.deepEqual(sg.IpPermissions?.[0]?.UserIdGroupPairs, [{ GroupId: sg.GroupId, UserId: '123456789012' }]);
    assert.deepEqual(sg.IpPermissionsEgress?.[0]?.IpRanges, [{ CidrIp: '0.0.0.0/0' }]);
    const deleteDefault = await rejection(ec2.send(new DeleteSecurityGroupCommand({ GroupId: sg.GroupId })));
    assert.equal(deleteDefault.name, 'CannotDelete');
  });

  it('modifies and describes DNS attributes one at a time', async () => {
    const { ec2 } = harness();
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
    const VpcId = Vpc!.VpcId!;
    const hostnames = () => ec2.send(new DescribeVpcAttributeCommand({ VpcId, Attribute: 'enableDnsHostnames' }));
    assert.equal((await hostnames()).EnableDnsHostnames?.Value, false);
    assert.equal((await ec2.send(new DescribeVpcAttributeCommand({ VpcId, Attribute: 'enableDnsSupport' }))).EnableDnsSupport?.Value, true);
    await ec2.send(new ModifyVpcAttributeCommand({ VpcId, EnableDnsHostnames: { Value: true } }));
    assert.equal((await hostnames()).EnableDnsHostnames?.Value, true);
    const both = await rejection(ec2.send(new ModifyVpcAttributeCommand({ VpcId, EnableDnsHostnames: { Value: true }, EnableDnsSupport: { Value: true } })));
    assert.equal(both.name, 'InvalidParameterCombination');
  });

  it('refuses to delete a VPC with subnets, an attached gateway or its own security groups', async () => {
    const { ec2 } = harness();
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
    const VpcId = Vpc!.VpcId!;
    const deleteVpc = () => ec2.send(new DeleteVpcCommand({ VpcId }));

    const { Subnet } = await ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.1.0/24' }));
    const withSubnet = await rejection(deleteVpc());
    assert.ok(withSubnet instanceof EC2ServiceException);
    assert.equal(withSubnet.name, 'DependencyViolation');
    assert.equal(withSubnet.message, `The vpc '${VpcId}' has dependencies and cannot be deleted.`);
    await ec2.send(new DeleteSubnetCommand({ SubnetId: Subnet!.SubnetId }));

    const { InternetGateway } = await ec2.send(new CreateInternetGatewayCommand({}));
    const igwId = InternetGateway!.InternetGatewayId!;
    await ec2.send(new AttachInternetGatewayCommand({ VpcId, InternetGatewayId: igwId }));
    assert.equal((await rejection(deleteVpc())).name, 'DependencyViolation');
    await ec2.send(new DetachInternetGatewayCommand({ VpcId, InternetGatewayId: igwId }));
    await ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igwId }));

    const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ VpcId, GroupName: 'web', Description: 'web' }));
    assert.equal((await rejection(deleteVpc())).name, 'DependencyViolation');
    await ec2.send(new DeleteSecurityGroupCommand({ GroupId }));

    await deleteVpc();
    const gone = await rejection(ec2.send(new DescribeVpcsCommand({ VpcIds: [VpcId] })));
    assert.equal(gone.name, 'InvalidVpcID.NotFound');
    const tables = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [VpcId] }] }));
    assert.deepEqual(tables.RouteTables, [], 'the main route table went with the VPC');
  });

  it('answers AWS errors for bad input', async () => {
    const { ec2 } = harness();
    const cases: [Promise<unknown>, string][] = [
      [ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/8' })), 'InvalidVpc.Range'],
      [ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/29' })), 'InvalidVpc.Range'],
      [ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.300/16' })), 'InvalidParameterValue'],
      [ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.1/16' })), 'InvalidParameterValue'],
      [ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', TagSpecifications: [{ ResourceType: 'subnet', Tags: [tag('a', 'b')] }] })), 'InvalidParameterValue'],
      [ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [tag('aws:x', 'b')] }] })), 'InvalidParameterValue'],
      [ec2.send(new DescribeVpcsCommand({ VpcIds: ['vpc-nope'] })), 'InvalidVpcID.Malformed'],
      [ec2.send(new DeleteVpcCommand({ VpcId: 'vpc-0aaaaaaaaaaaaaaaa' })), 'InvalidVpcID.NotFound'],
      [ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'colour', Values: ['red'] }] })), 'InvalidParameterValue'],
    ];
    for (const [call, code] of cases) assert.equal((await rejection(call)).name, code);
    const vpcs = await ec2.send(new DescribeVpcsCommand({}));
    assert.equal(vpcs.Vpcs?.length, 1, 'no failed create left anything behind');
  });

  it('stops at the VPC quota', async () => {
    const { ec2 } = harness();
    for (let i = 1; i <= 4; i++) await ec2.send(new CreateVpcCommand({ CidrBlock: `10.${i}.0.0/16` }));
    const err = await rejection(ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' })));
    assert.equal(err.name, 'VpcLimitExceeded');
  });

  it('hands out the same ids for the same seed, others for another', async () => {
    const ids = async (seed: string) => {
      const { ec2 } = harness({ seed });
      const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
      const subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.0.0.0/24' }))).Subnet!.SubnetId!;
      return [vpc, subnet];
    };
    const a = await ids('seed-a');
    assert.deepEqual(await ids('seed-a'), a);
    const b = await ids('seed-b');
    assert.notEqual(b[0], a[0]);
    assert.notEqual(b[1], a[1]);
  });
});
