/**
 * EC2 route tables, routes, subnet associations and gateway VPC endpoints through the
 * real EC2Client.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  type CreateRouteCommandInput,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DeleteRouteCommand,
  DeleteRouteTableCommand,
  DeleteSubnetCommand,
  DeleteVpcEndpointsCommand,
  DescribeRouteTablesCommand,
  DescribeVpcEndpointsCommand,
  DetachInternetGatewayCommand,
  DisassociateRouteTableCommand,
  type EC2Client,
  ModifyVpcEndpointCommand,
  ReplaceRouteCommand,
  ReplaceRouteTableAssociationCommand,
} from '@aws-sdk/client-ec2';
import { harness, rejection, tag } from '../harness.ts';

async function network(ec2: EC2Client) {
  const VpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
  const SubnetId = (await ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.1.0/24' }))).Subnet!.SubnetId!;
  const igw = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
  await ec2.send(new AttachInternetGatewayCommand({ VpcId, InternetGatewayId: igw }));
  const table = await ec2.send(new CreateRouteTableCommand({ VpcId, TagSpecifications: [{ ResourceType: 'route-table', Tags: [tag('Name', 'public')] }] }));
  return { VpcId, SubnetId, igw, RouteTableId: table.RouteTable!.RouteTableId!, table: table.RouteTable! };
}

async function table(ec2: EC2Client, RouteTableId: string) {
  return (await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [RouteTableId] }))).RouteTables![0]!;
}

describe('ec2 route tables', () => {
  it('creates a table with the local route, adds, replaces and deletes routes', async () => {
    const { ec2 } = harness();
    const n = await network(ec2);
    assert.match(n.RouteTableId, /^rtb-0[0-9a-f]{16}$/);
    assert.deepEqual(n.table.Routes, [{ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' }]);
    assert.deepEqual(n.table.Associations, []);
    assert.equal((await ec2.send(new CreateRouteCommand({ RouteTableId: n.RouteTableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: n.igw }))).Return, true);
    const dup = await rejection(ec2.send(new CreateRouteCommand({ RouteTableId: n.RouteTableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: n.igw })));
    assert.equal(dup.name, 'RouteAlreadyExists');
    assert.equal(dup.message, 'The route identified by 0.0.0.0/0 already exists.');
    const local = await rejection(ec2.send(new CreateRouteCommand({ RouteTableId: n.RouteTableId, DestinationCidrBlock: '10.0.0.0/16', GatewayId: n.igw })));
    assert.equal(local.name, 'RouteAlreadyExists');

    const byRoute = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'route.gateway-id', Values: [n.igw] }] }));
    assert.deepEqual(byRoute.RouteTables?.map((t) => t.RouteTableId), [n.RouteTableId]);

    // Detaching the gateway leaves a blackhole, as in AWS.
    await ec2.send(new DetachInternetGatewayCommand({ VpcId: n.VpcId, InternetGatewayId: n.igw }));
    assert.equal((await table(ec2, n.RouteTableId)).Routes?.[1]?.State, 'blackhole');
    const foreign = await rejection(ec2.send(new ReplaceRouteCommand({ RouteTableId: n.RouteTableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: n.igw })));
    assert.equal(foreign.name, 'InvalidParameterValue');
    await ec2.send(new AttachInternetGatewayCommand({ VpcId: n.VpcId, InternetGatewayId: n.igw }));
    await ec2.send(new ReplaceRouteCommand({ RouteTableId: n.RouteTableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: n.igw }));
    assert.equal((await table(ec2, n.RouteTableId)).Routes?.[1]?.State, 'active');

    await ec2.send(new DeleteRouteCommand({ RouteTableId: n.RouteTableId, DestinationCidrBlock: '0.0.0.0/0' }));
    const missing = await rejection(ec2.send(new DeleteRouteCommand({ RouteTableId: n.RouteTableId, DestinationCidrBlock: '0.0.0.0/0' })));
    assert.equal(missing.name, 'InvalidRoute.NotFound');
    const localDelete = await rejection(ec2.send(new DeleteRouteCommand({ RouteTableId: n.RouteTableId, DestinationCidrBlock: '10.0.0.0/16' })));
    assert.equal(localDelete.name, 'InvalidParameterValue');
  });

  it('checks route targets', async () => {
    const { ec2 } = harness();
    const n = await network(ec2);
    const cases: [Omit<CreateRouteCommandInput, 'RouteTableId'>, string][] = [
      [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-0cccccccccccccccc' }, 'InvalidGatewayID.NotFound'],
      [{ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-0123456789abcdef0' }, 'InvalidNatGatewayID.NotFound'],
      [{ DestinationCidrBlock: '0.0.0.0/0' }, 'MissingParameter'],
      [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: n.igw, NatGatewayId: 'nat-1' }, 'InvalidParameterCombination'],
      [{ DestinationCidrBlock: 'nowhere', GatewayId: n.igw }, 'InvalidParameterValue'],
      [{ GatewayId: n.igw }, 'MissingParameter'],
    ];
    for (const [input, code] of cases) {
      assert.equal((await rejection(ec2.send(new CreateRouteCommand({ RouteTableId: n.RouteTableId, ...input })))).name, code, JSON.stringify(input));
    }
    assert.equal((await rejection(ec2.send(new CreateRouteCommand({ RouteTableId: 'rtb-0123456789abcdef0', DestinationCidrBlock: '0.0.0.0/0', GatewayId: n.igw })))).name, 'InvalidRouteTableID.NotFound');
  });

  it('associates subnets, refuses a second association, and protects what is in use', async () => {
    const { ec2 } = harness();
    const n = await network(ec2);
    const assoc = await ec2.send(new AssociateRouteTableCommand({ RouteTableId: n.RouteTableId, SubnetId: n.SubnetId }));
    assert.match(assoc.AssociationId!, /^rtbassoc-0[0-9a-f]{16}$/);
    assert.equal(assoc.AssociationState?.State, 'associated');
    const t = await table(ec2, n.RouteTableId);
    assert.deepEqual(t.Associations, [{ Main: false, RouteTableAssociationId: assoc.AssociationId, RouteTableId: n.RouteTableId, SubnetId: n.SubnetId, AssociationState: { State: 'associated' } }]);
    const bySubnet = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [n.SubnetId] }] }));
    assert.deepEqual(bySubnet.RouteTables?.map((x) => x.RouteTableId), [n.RouteTableId]);

    const other = (await ec2.send(new CreateRouteTableCommand({ VpcId: n.VpcId }))).RouteTable!.RouteTableId!;
    const twice = await rejection(ec2.send(new AssociateRouteTableCommand({ RouteTableId: other, SubnetId: n.SubnetId })));
    assert.equal(twice.name, 'Resource.AlreadyAssociated');
    assert.equal((await rejection(ec2.send(new DeleteRouteTableCommand({ RouteTableId: n.RouteTableId })))).name, 'DependencyViolation');

    const main = (await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [n.VpcId] }, { Name: 'association.main', Values: ['true'] }] }))).RouteTables![0]!;
    const mainAssoc = main.Associations![0]!.RouteTableAssociationId!;
    assert.equal((await rejection(ec2.send(new DisassociateRouteTableCommand({ AssociationId: mainAssoc })))).name, 'InvalidParameterValue');
    assert.equal((await rejection(ec2.send(new DeleteRouteTableCommand({ RouteTableId: main.RouteTableId })))).name, 'DependencyViolation');

    await ec2.send(new DisassociateRouteTableCommand({ AssociationId: assoc.AssociationId }));
    assert.equal((await rejection(ec2.send(new DisassociateRouteTableCommand({ AssociationId: assoc.AssociationId })))).name, 'InvalidAssociationID.NotFound');
    await ec2.send(new DeleteRouteTableCommand({ RouteTableId: n.RouteTableId }));
    assert.equal((await rejection(ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [n.RouteTableId] })))).name, 'InvalidRouteTableID.NotFound');

    // Deleting a subnet drops its explicit association.
    await ec2.send(new AssociateRouteTableCommand({ RouteTableId: other, SubnetId: n.SubnetId }));
    await ec2.send(new DeleteSubnetCommand({ SubnetId: n.SubnetId }));
    assert.deepEqual((await table(ec2, other)).Associations, []);
  });

  it('moves a subnet association, or the main one, to another table of the VPC under a new id', async () => {
    const { ec2 } = harness();
    const n = await network(ec2);
    const assoc = await ec2.send(new AssociateRouteTableCommand({ RouteTableId: n.RouteTableId, SubnetId: n.SubnetId }));
    const other = (await ec2.send(new CreateRouteTableCommand({ VpcId: n.VpcId }))).RouteTable!.RouteTableId!;
    const moved = await ec2.send(new ReplaceRouteTableAssociationCommand({ AssociationId: assoc.AssociationId, RouteTableId: other }));
    assert.notEqual(moved.NewAssociationId, assoc.AssociationId);
    assert.deepEqual([(await table(ec2, n.RouteTableId)).Associations, (await table(ec2, other)).Associations?.map((a) => [a.SubnetId, a.RouteTableAssociationId])], [
      [], [[n.SubnetId, moved.NewAssociationId]],
    ]);
    const main = (await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [n.VpcId] }, { Name: 'association.main', Values: ['true'] }] }))).RouteTables![0]!;
    const newMain = await ec2.send(new ReplaceRouteTableAssociationCommand({ AssociationId: main.Associations![0]!.RouteTableAssociationId, RouteTableId: n.RouteTableId }));
    assert.deepEqual((await table(ec2, n.RouteTableId)).Associations?.map((a) => [a.Main, a.RouteTableAssociationId]), [[true, newMain.NewAssociationId]]);
    const otherVpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }))).Vpc!.VpcId!;
    const foreign = (await ec2.send(new CreateRouteTableCommand({ VpcId: otherVpc }))).RouteTable!.RouteTableId!;
    const err = await rejection(ec2.send(new ReplaceRouteTableAssociationCommand({ AssociationId: moved.NewAssociationId, RouteTableId: foreign })));
    assert.equal(err.name, 'InvalidParameterValue');
    assert.equal((await rejection(ec2.send(new ReplaceRouteTableAssociationCommand({ AssociationId: assoc.AssociationId, RouteTableId: other })))).name, 'InvalidAssociationID.NotFound');
  });
});

describe('ec2 gateway VPC endpoints', () => {
  it('adds a prefix-list route to each table, moves between tables, and cleans up', async () => {
    const { ec2 } = harness();
    const n = await network(ec2);
    const second = (await ec2.send(new CreateRouteTableCommand({ VpcId: n.VpcId }))).RouteTable!.RouteTableId!;
    const created = await ec2.send(new CreateVpcEndpointCommand({
      VpcId: n.VpcId, ServiceName: 'com.amazonaws.us-east-1.s3', VpcEndpointType: 'Gateway', RouteTableIds: [n.RouteTableId],
      TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: [tag('blogctl:id', 's3Endpoint')] }], ClientToken: 'token-1',
    }));
    const e = created.VpcEndpoint!;
    assert.match(e.VpcEndpointId!, /^vpce-0[0-9a-f]{16}$/);
    assert.equal(e.State, 'available');
    assert.deepEqual(e.RouteTableIds, [n.RouteTableId]);
    assert.deepEqual(JSON.parse(e.PolicyDocument!).Statement[0].Effect, 'Allow');
    const again = await ec2.send(new CreateVpcEndpointCommand({ VpcId: n.VpcId, ServiceName: 'com.amazonaws.us-east-1.s3', RouteTableIds: [n.RouteTableId], ClientToken: 'token-1' }));
    assert.equal(again.VpcEndpoint?.VpcEndpointId, e.VpcEndpointId, 'same client token, same endpoint');

    const routes = (await table(ec2, n.RouteTableId)).Routes!;
    assert.deepEqual(routes[1], { DestinationPrefixListId: 'pl-63a5400a', GatewayId: e.VpcEndpointId, Origin: 'CreateRoute', State: 'active' });
    const dup = await rejection(ec2.send(new CreateVpcEndpointCommand({ VpcId: n.VpcId, ServiceName: 'com.amazonaws.us-east-1.s3', RouteTableIds: [n.RouteTableId] })));
    assert.equal(dup.name, 'RouteAlreadyExists');

    await ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: e.VpcEndpointId, AddRouteTableIds: [second], RemoveRouteTableIds: [n.RouteTableId], PolicyDocument: '{"Statement":[]}' }));
    const described = await ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'tag:blogctl:id', Values: ['s3Endpoint'] }] }));
    assert.deepEqual(described.VpcEndpoints?.[0]?.RouteTableIds, [second]);
    assert.equal(described.VpcEndpoints?.[0]?.PolicyDocument, '{"Statement":[]}');
    assert.equal((await table(ec2, n.RouteTableId)).Routes?.length, 1);
    assert.equal((await table(ec2, second)).Routes?.[1]?.GatewayId, e.VpcEndpointId);

    const deleted = await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [e.VpcEndpointId!, 'vpce-0123456789abcdef0'] }));
    assert.deepEqual(deleted.Unsuccessful?.map((u) => [u.ResourceId, u.Error?.Code]), [['vpce-0123456789abcdef0', 'InvalidVpcEndpointId.NotFound']]);
    assert.equal((await table(ec2, second)).Routes?.length, 1, 'its routes went with it');
    assert.equal((await rejection(ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [e.VpcEndpointId!] })))).name, 'InvalidVpcEndpointId.NotFound');
  });

  it('refuses unknown services and bad policies', async () => {
    const { ec2 } = harness();
    const n = await network(ec2);
    const service = await rejection(ec2.send(new CreateVpcEndpointCommand({ VpcId: n.VpcId, ServiceName: 'com.amazonaws.us-east-1.sqs-gw' })));
    assert.equal(service.name, 'InvalidServiceName');
    const policy = await rejection(ec2.send(new CreateVpcEndpointCommand({ VpcId: n.VpcId, ServiceName: 'com.amazonaws.us-east-1.dynamodb', PolicyDocument: '{' })));
    assert.equal(policy.name, 'MalformedPolicyDocument');
    const table404 = await rejection(ec2.send(new CreateVpcEndpointCommand({ VpcId: n.VpcId, ServiceName: 'com.amazonaws.us-east-1.dynamodb', RouteTableIds: ['rtb-0123456789abcdef0'] })));
    assert.equal(table404.name, 'InvalidRouteTableID.NotFound');
    const none = await ec2.send(new DescribeVpcEndpointsCommand({}));
    assert.deepEqual(none.VpcEndpoints, []);
  });
});
