/**
 * Route tables and their subnet associations: CreateRouteTable, DescribeRouteTables,
 * DeleteRouteTable, AssociateRouteTable, DisassociateRouteTable,
 * ReplaceRouteTableAssociation. Every VPC has a main
 * route table (made with the VPC) holding the local route.
 */
import type {
  AssociateRouteTableCommandInput,
  AssociateRouteTableCommandOutput,
  CreateRouteTableCommandInput,
  CreateRouteTableCommandOutput,
  DeleteRouteTableCommandInput,
  DeleteRouteTableCommandOutput,
  DescribeRouteTablesCommandInput,
  DescribeRouteTablesCommandOutput,
  DisassociateRouteTableCommandInput,
  DisassociateRouteTableCommandOutput,
  ReplaceRouteTableAssociationCommandInput,
  ReplaceRouteTableAssociationCommandOutput,
  RouteTable,
} from '@aws-sdk/client-ec2';
import type { IdGenerator } from '../ids.ts';
import type { OperationTable } from '../service.ts';
import { addTags, applyFilters, ec2Page, type FilterFields, tagList, tagsFromSpecifications } from './query.ts';
import { type Ec2Ctx, find, findAll, requireParam } from './resources.ts';
import { renderRoute } from './routes.ts';
import type { Ec2State, RouteTableRec } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;

function newTable(env: { state: Ec2State; ids: IdGenerator }, vpcId: string, vpcCidr: string): RouteTableRec {
  const table: RouteTableRec = {
    id: env.ids.next('rtb'),
    vpcId,
    routes: [{ destination: vpcCidr, destinationKind: 'ipv4', target: { GatewayId: 'local' }, origin: 'CreateRouteTable' }],
    associations: [],
  };
  env.state.routeTables[table.id] = table;
  return table;
}

/** The main route table of a new VPC. */
export function newMainRouteTable(env: { state: Ec2State; ids: IdGenerator }, vpcId: string, vpcCidr: string): RouteTableRec {
  const table = newTable(env, vpcId, vpcCidr);
  table.associations.push({ id: env.ids.next('rtbassoc'), main: true, subnetId: null });
  return table;
}

function renderTable(ctx: Ec2Ctx, t: RouteTableRec): RouteTable {
  return {
    Associations: t.associations.map((a) => ({
      Main: a.main,
      RouteTableAssociationId: a.id,
      RouteTableId: t.id,
      ...(a.subnetId !== null && { SubnetId: a.subnetId }),
      AssociationState: { State: 'associated' },
    })),
    PropagatingVgws: [],
    RouteTableId: t.id,
    Routes: t.routes.map((r) => renderRoute(ctx.state, ctx.accountId, t, r)),
    Tags: tagList(ctx.state, t.id),
    VpcId: t.vpcId,
    OwnerId: ctx.accountId,
  };
}

function tableFilters(ctx: Ec2Ctx): FilterFields<RouteTableRec> {
  const routes = (t: RouteTableRec) => t.routes.map((r) => renderRoute(ctx.state, ctx.accountId, t, r));
  return {
    'route-table-id': (t) => t.id,
    'vpc-id': (t) => t.vpcId,
    'owner-id': () => ctx.accountId,
    'association.main': (t) => t.associations.map((a) => a.main),
    'association.subnet-id': (t) => t.associations.map((a) => a.subnetId),
    'association.route-table-association-id': (t) => t.associations.map((a) => a.id),
    'association.route-table-id': (t) => (t.associations.length > 0 ? t.id : null),
    'route.destination-cidr-block': (t) => routes(t).map((r) => r.DestinationCidrBlock),
    'route.destination-ipv6-cidr-block': (t) => routes(t).map((r) => r.DestinationIpv6CidrBlock),
    'route.destination-prefix-list-id': (t) => routes(t).map((r) => r.DestinationPrefixListId),
    'route.gateway-id': (t) => routes(t).map((r) => r.GatewayId),
    'route.instance-id': (t) => routes(t).map((r) => r.InstanceId),
    'route.nat-gateway-id': (t) => routes(t).map((r) => r.NatGatewayId),
    'route.origin': (t) => routes(t).map((r) => r.Origin),
    'route.state': (t) => routes(t).map((r) => r.State),
  };
}

/** The table holding an association id, and the association's index. */
function findAssociation(ctx: Ec2Ctx, associationId: string | undefined): { table: RouteTableRec; index: number } {
  const id = requireParam(ctx, associationId, 'associationId');
  for (const table of Object.values(ctx.state.routeTables)) {
    const index = table.associations.findIndex((a) => a.id === id);
    if (index >= 0) return { table, index };
  }
  return ctx.fail('InvalidAssociationID.NotFound', `The association ID '${id}' does not exist`);
}

export const routeTableOperations = {
  CreateRouteTable(input: CreateRouteTableCommandInput, ctx: Ec2Ctx): Out<CreateRouteTableCommandOutput> {
    const vpc = find(ctx, 'vpc', input.VpcId, 'vpcId');
    const tags = tagsFromSpecifications(ctx, input.TagSpecifications, 'route-table');
    const table = newTable(ctx, vpc.id, vpc.cidr);
    addTags(ctx, table.id, tags);
    return { RouteTable: renderTable(ctx, table), ClientToken: input.ClientToken };
  },

  DescribeRouteTables(input: DescribeRouteTablesCommandInput, ctx: Ec2Ctx): Out<DescribeRouteTablesCommandOutput> {
    const matched = applyFilters(ctx, findAll(ctx, 'route-table', input.RouteTableIds), input.Filters, tableFilters(ctx), (t) => t.id);
    const page = ec2Page(ctx, matched, (t) => t.id, input, [5, 100]);
    return { RouteTables: page.items.map((t) => renderTable(ctx, t)), NextToken: page.NextToken };
  },

  DeleteRouteTable(input: DeleteRouteTableCommandInput, ctx: Ec2Ctx): Out<DeleteRouteTableCommandOutput> {
    const table = find(ctx, 'route-table', input.RouteTableId, 'routeTableId');
    if (table.associations.length > 0) {
      ctx.fail('DependencyViolation', `The routeTable '${table.id}' has dependencies and cannot be deleted.`);
    }
    for (const endpoint of Object.values(ctx.state.vpcEndpoints)) {
      endpoint.routeTableIds = endpoint.routeTableIds.filter((id) => id !== table.id);
    }
    delete ctx.state.routeTables[table.id];
    delete ctx.state.tags[table.id];
    return {};
  },

  AssociateRouteTable(input: AssociateRouteTableCommandInput, ctx: Ec2Ctx): Out<AssociateRouteTableCommandOutput> {
    const table = find(ctx, 'route-table', input.RouteTableId, 'routeTableId');
    if (input.GatewayId !== undefined) ctx.fail('InvalidParameterValue', 'blogctl sandbox: gateway (edge) associations are not simulated');
    const subnet = find(ctx, 'subnet', input.SubnetId, 'subnetId');
    if (subnet.vpcId !== table.vpcId) {
      ctx.fail('InvalidParameterValue', `Route table ${table.id} and subnet ${subnet.id} belong to different networks.`);
    }
    const taken = Object.values(ctx.state.routeTables).some((t) => t.associations.some((a) => a.subnetId === subnet.id));
    if (taken) {
      ctx.fail('Resource.AlreadyAssociated', `the specified association for route table ${table.id} conflicts with an existing association`);
    }
    const association = { id: ctx.ids.next('rtbassoc'), main: false, subnetId: subnet.id };
    table.associations.push(association);
    return { AssociationId: association.id, AssociationState: { State: 'associated' } };
  },

  DisassociateRouteTable(input: DisassociateRouteTableCommandInput, ctx: Ec2Ctx): Out<DisassociateRouteTableCommandOutput> {
    const { table, index } = findAssociation(ctx, input.AssociationId);
    if (table.associations[index]!.main) {
      ctx.fail('InvalidParameterValue', `cannot disassociate the main route table association ${input.AssociationId}`);
    }
    table.associations.splice(index, 1);
    return {};
  },

  /** Moves a subnet's (or the VPC's main) association to another table of the same VPC, under a new id. */
  ReplaceRouteTableAssociation(input: ReplaceRouteTableAssociationCommandInput, ctx: Ec2Ctx): Out<ReplaceRouteTableAssociationCommandOutput> {
    const { table: from, index } = findAssociation(ctx, input.AssociationId);
    const to = find(ctx, 'route-table', input.RouteTableId, 'routeTableId');
    if (to.vpcId !== from.vpcId) {
      ctx.fail('InvalidParameterValue', `Route table ${to.id} and association ${input.AssociationId} belong to different networks.`);
    }
    const old = from.associations.splice(index, 1)[0]!;
    const association = { id: ctx.ids.next('rtbassoc'), main: old.main, subnetId: old.subnetId };
    to.associations.push(association);
    const vpc = ctx.state.vpcs[to.vpcId];
    if (old.main && vpc) vpc.mainRouteTableId = to.id;
    return { NewAssociationId: association.id, AssociationState: { State: 'associated' } };
  },
} satisfies OperationTable<Ec2State>;

/** Drops a deleted subnet's explicit association (AWS removes it with the subnet). */
export function forgetSubnetAssociations(state: Ec2State, subnetId: string): void {
  for (const table of Object.values(state.routeTables)) {
    table.associations = table.associations.filter((a) => a.subnetId !== subnetId);
  }
}
