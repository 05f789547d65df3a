/**
 * ec2.route-table on the sandbox: the shared contract, then routes and associations:
 * one DescribeRouteTables for the stack, endpoint routes left alone, a changed target
 * replaced in place, subnets taken over from other tables (the main one included), and
 * changes made outside the spec found and undone.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AssociateRouteTableCommand, CreateRouteCommand, CreateVpcEndpointCommand, DescribeRouteTablesCommand, DetachInternetGatewayCommand,
} from '@aws-sdk/client-ec2';
import { routeTableAdapter as rt } from '../../src/resources/ec2-route-table/index.ts';
import { contractSuite, only, sandboxContext } from './contract.ts';
import { makeIgw, makeSubnet, makeVpc, NETWORK_CONTRACTS } from './network-fixtures.ts';

contractSuite('ec2.route-table on the sandbox', { ...NETWORK_CONTRACTS['ec2.route-table'], makeContext: sandboxContext });

async function world() {
  const ctx = sandboxContext();
  const vpcId = await makeVpc(ctx, 'vpc');
  const igw = await makeIgw(ctx, 'igw', vpcId);
  const subnetA = await makeSubnet(ctx, 'subnetA', vpcId, '10.20.1.0/24');
  const subnetB = await makeSubnet(ctx, 'subnetB', vpcId, '10.20.2.0/24');
  const desired = { vpcId, routes: [{ destinationCidrBlock: '0.0.0.0/0', gatewayId: igw }], subnetIds: [subnetA] };
  const observe = async (id = 'public', d = desired) => only(await rt.observe([{ id, desired: d }], ctx), id)?.state;
  /** The table each subnet is explicitly associated with, as AWS has it. */
  const tableOf = async (subnetId: string) => {
    const out = await ctx.h.ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }] }));
    return out.RouteTables?.map((t) => t.RouteTableId);
  };
  return { ctx, vpcId, igw, subnetA, subnetB, desired, observe, tableOf };
}

describe('ec2.route-table', () => {
  it('reads every table of the stack, routes and associations included, in one DescribeRouteTables', async () => {
    const { ctx, desired, subnetB } = await world();
    await rt.create('public', desired, ctx);
    await rt.create('private', { ...desired, routes: [], subnetIds: [subnetB] }, ctx);
    const before = ctx.ec2Calls('DescribeRouteTables');
    const found = await rt.observe([{ id: 'public', desired }], ctx);
    assert.equal(ctx.ec2Calls('DescribeRouteTables') - before, 1);
    assert.deepEqual(found.map((o) => o.id).sort(), ['private', 'public']);
    assert.deepEqual(only(found, 'private')!.state.associations.map((a) => a.subnetId), [subnetB]);
  });

  it('leaves the local route and the routes of a gateway endpoint out of the comparison', async () => {
    const { ctx, vpcId, desired, observe } = await world();
    const made = await rt.create('public', desired, ctx);
    await ctx.h.ec2.send(new CreateVpcEndpointCommand({ VpcId: vpcId, ServiceName: 'com.amazonaws.us-east-1.s3', VpcEndpointType: 'Gateway', RouteTableIds: [made.routeTableId] }));
    const raw = await ctx.h.ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [made.routeTableId] }));
    assert.equal(raw.RouteTables![0]!.Routes!.length, 3, 'local, 0.0.0.0/0 and the endpoint prefix list');
    assert.deepEqual(rt.diff(desired, (await observe())!), []);
  });

  it('points an existing destination at a new gateway with ReplaceRoute, not delete + create', async () => {
    const { ctx, vpcId, igw, desired, observe } = await world();
    await rt.create('public', desired, ctx);
    // The gateway is swapped for another: the route turns blackhole until it follows.
    await ctx.h.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcId }));
    const igw2 = await makeIgw(ctx, 'igw2', vpcId);
    const changed = { ...desired, routes: [{ destinationCidrBlock: '0.0.0.0/0', gatewayId: igw2 }] };
    const seen = (await observe())!;
    const changes = rt.diff(changed, seen);
    assert.deepEqual(changes, [{ path: 'routes[0.0.0.0/0]', from: { destinationCidrBlock: '0.0.0.0/0', gatewayId: igw }, to: changed.routes[0] }]);
    await rt.update('public', changed, seen, changes, ctx);
    assert.deepEqual([ctx.ec2Calls('ReplaceRoute'), ctx.ec2Calls('DeleteRoute'), ctx.ec2Calls('CreateRoute')], [1, 0, 1]);
    assert.deepEqual(rt.diff(changed, (await observe())!), []);
  });

  it('takes a subnet over from another table, and from an explicit main-table association, with ReplaceRouteTableAssociation', async () => {
    const { ctx, vpcId, desired, subnetA, subnetB, observe, tableOf } = await world();
    const other = await rt.create('other', { vpcId, routes: [], subnetIds: [subnetA] }, ctx);
    const mainFilter = [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'association.main', Values: ['true'] }];
    const main = (await ctx.h.ec2.send(new DescribeRouteTablesCommand({ Filters: mainFilter }))).RouteTables![0]!;
    await ctx.h.ec2.send(new AssociateRouteTableCommand({ RouteTableId: main.RouteTableId!, SubnetId: subnetB }));
    const made = await rt.create('public', { ...desired, subnetIds: [subnetA, subnetB] }, ctx);
    assert.equal(ctx.ec2Calls('ReplaceRouteTableAssociation'), 2);
    assert.equal(ctx.ec2Calls('AssociateRouteTable'), 2, 'only the two setup associations');
    assert.deepEqual([await tableOf(subnetA), await tableOf(subnetB)], [[made.routeTableId], [made.routeTableId]]);
    assert.deepEqual(rt.diff({ ...desired, subnetIds: [subnetB, subnetA] }, (await observe())!), []);
    const left = only(await rt.observe([], ctx), 'other')!.state;
    assert.equal(left.routeTableId, other.routeTableId);
    assert.deepEqual(left.associations, []);
  });

  it('finds a route and an association made outside the spec, and update undoes them', async () => {
    const { ctx, desired, igw, subnetB, observe, tableOf } = await world();
    const made = await rt.create('public', desired, ctx);
    await ctx.h.ec2.send(new CreateRouteCommand({ RouteTableId: made.routeTableId, DestinationCidrBlock: '203.0.113.0/24', GatewayId: igw }));
    await ctx.h.ec2.send(new AssociateRouteTableCommand({ RouteTableId: made.routeTableId, SubnetId: subnetB }));
    const seen = (await observe())!;
    const changes = rt.diff(desired, seen);
    assert.deepEqual(changes.map((c) => [c.path, c.to]), [['routes[203.0.113.0/24]', undefined], [`subnetIds[${subnetB}]`, undefined]]);
    await rt.update('public', desired, seen, changes, ctx);
    assert.deepEqual(rt.diff(desired, (await observe())!), []);
    assert.deepEqual(await tableOf(subnetB), [], 'back on the main table');
  });

  it('disassociates its subnets before deleting, so the delete is not refused', async () => {
    const { ctx, desired, subnetA, observe, tableOf } = await world();
    await rt.create('public', desired, ctx);
    await rt.delete((await observe())!, ctx);
    assert.equal(await observe(), undefined);
    assert.deepEqual(await tableOf(subnetA), []);
  });
});
