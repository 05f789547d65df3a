/**
 * EC2 subnets and internet gateways through the real EC2Client.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteInternetGatewayCommand,
  DeleteSubnetCommand,
  DescribeAvailabilityZonesCommand,
  DescribeInternetGatewaysCommand,
  DescribeSubnetsCommand,
  DetachInternetGatewayCommand,
  type EC2Client,
  ModifySubnetAttributeCommand,
} from '@aws-sdk/client-ec2';
import { harness, rejection, tag } from '../harness.ts';

async function vpc(ec2: EC2Client, cidr = '10.0.0.0/16'): Promise<string> {
  return (await ec2.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc!.VpcId!;
}

describe('ec2 subnets', () => {
  it('creates a subnet in the chosen zone, with AWS-shaped fields', async () => {
    const { ec2 } = harness();
    const VpcId = await vpc(ec2);
    const { Subnet } = await ec2.send(new CreateSubnetCommand({
      VpcId, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1b',
      TagSpecifications: [{ ResourceType: 'subnet', Tags: [tag('tier', 'public')] }],
    }));
    assert.match(Subnet!.SubnetId!, /^subnet-0[0-9a-f]{16}$/);
    assert.equal(Subnet!.AvailabilityZone, 'us-east-1b');
    assert.equal(Subnet!.AvailabilityZoneId, 'use1-az2');
    assert.equal(Subnet!.AvailableIpAddressCount, 251);
    assert.equal(Subnet!.MapPublicIpOnLaunch, false);
    assert.equal(Subnet!.SubnetArn, `arn:aws:ec2:us-east-1:123456789012:subnet/${Subnet!.SubnetId}`);
    const found = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [VpcId] }, { Name: 'tag:tier', Values: ['pub*'] }] }));
    assert.deepEqual(found.Subnets?.map((s) => s.SubnetId), [Subnet!.SubnetId]);
  });

  it('toggles MapPublicIpOnLaunch', async () => {
    const { ec2 } = harness();
    const VpcId = await vpc(ec2);
    const { Subnet } = await ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.1.0/24' }));
    await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: Subnet!.SubnetId, MapPublicIpOnLaunch: { Value: true } }));
    const found = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'map-public-ip-on-launch', Values: ['true'] }, { Name: 'vpc-id', Values: [VpcId] }] }));
    assert.equal(found.Subnets?.[0]?.MapPublicIpOnLaunch, true);
  });

  it('refuses ranges outside the VPC, overlaps, and unknown zones', async () => {
    const { ec2 } = harness();
    const VpcId = await vpc(ec2);
    await ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.0.0/20' }));
    const outside = await rejection(ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.1.0.0/24' })));
    assert.equal(outside.name, 'InvalidSubnet.Range');
    assert.equal(outside.message, "The CIDR '10.1.0.0/24' is invalid.");
    assert.equal((await rejection(ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.0.0/29' })))).name, 'InvalidSubnet.Range');
    const overlap = await rejection(ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.4.0/24' })));
    assert.equal(overlap.name, 'InvalidSubnet.Conflict');
    const zone = await rejection(ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.16.0/24', AvailabilityZone: 'eu-west-1a' })));
    assert.equal(zone.name, 'InvalidParameterValue');
    assert.match(zone.message, /us-east-1a, us-east-1b/);
    assert.equal((await rejection(ec2.send(new CreateSubnetCommand({ VpcId: 'vpc-0bbbbbbbbbbbbbbbb', CidrBlock: '10.0.16.0/24' })))).name, 'InvalidVpcID.NotFound');
    assert.equal((await rejection(ec2.send(new DeleteSubnetCommand({ SubnetId: 'subnet-0bbbbbbbbbbbbbbbb' })))).name, 'InvalidSubnetID.NotFound');
  });

  it('lists the region zones', async () => {
    const { ec2 } = harness({ region: 'eu-west-1' });
    const zones = await ec2.send(new DescribeAvailabilityZonesCommand({}));
    assert.deepEqual(zones.AvailabilityZones?.map((z) => `${z.ZoneName}/${z.ZoneId}`), ['eu-west-1a/euw1-az1', 'eu-west-1b/euw1-az2', 'eu-west-1c/euw1-az3']);
  });
});

describe('ec2 internet gateways', () => {
  it('attaches, describes as available, detaches and deletes', async () => {
    const { ec2 } = harness();
    const VpcId = await vpc(ec2);
    const { InternetGateway } = await ec2.send(new CreateInternetGatewayCommand({ TagSpecifications: [{ ResourceType: 'internet-gateway', Tags: [tag('Name', 'gw')] }] }));
    const InternetGatewayId = InternetGateway!.InternetGatewayId!;
    assert.match(InternetGatewayId, /^igw-0[0-9a-f]{16}$/);
    assert.deepEqual(InternetGateway!.Attachments, []);
    await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId, VpcId }));
    const byVpc = await ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [VpcId] }] }));
    assert.deepEqual(byVpc.InternetGateways?.[0]?.Attachments, [{ State: 'available', VpcId }]);
    assert.deepEqual(byVpc.InternetGateways?.[0]?.Tags, [tag('Name', 'gw')]);

    const again = await rejection(ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId, VpcId })));
    assert.equal(again.name, 'Resource.AlreadyAssociated');
    const { InternetGateway: second } = await ec2.send(new CreateInternetGatewayCommand({}));
    const two = await rejection(ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: second!.InternetGatewayId, VpcId })));
    assert.equal(two.name, 'Resource.AlreadyAssociated');
    assert.equal((await rejection(ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId })))).name, 'DependencyViolation');

    await ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId, VpcId }));
    const notAttached = await rejection(ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId, VpcId })));
    assert.equal(notAttached.name, 'Gateway.NotAttached');
    await ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId }));
    const gone = await rejection(ec2.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [InternetGatewayId] })));
    assert.equal(gone.name, 'InvalidInternetGatewayID.NotFound');
  });
});
