/**
 * Routes inside route tables: CreateRoute, ReplaceRoute, DeleteRoute, and how a route
 * looks when described (a route to a detached gateway or a terminated instance is a
 * 'blackhole', as in AWS).
 */
import type {
  CreateRouteCommandInput,
  CreateRouteCommandOutput,
  DeleteRouteCommandInput,
  DeleteRouteCommandOutput,
  ReplaceRouteCommandInput,
  ReplaceRouteCommandOutput,
  Route,
} from '@aws-sdk/client-ec2';
import type { OperationTable } from '../service.ts';
import { isIpv6Cidr, parseCidr } from './cidr.ts';
import { type Ec2Ctx, find } from './resources.ts';
import type { Ec2State, RouteRec, RouteTableRec, RouteTarget } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;

type DestinationInput = Pick<CreateRouteCommandInput, 'DestinationCidrBlock' | 'DestinationIpv6CidrBlock' | 'DestinationPrefixListId'>;
type TargetInput = Omit<CreateRouteCommandInput, keyof DestinationInput | 'RouteTableId' | 'DryRun'>;

function destinationOf(ctx: Ec2Ctx, input: DestinationInput): Pick<RouteRec, 'destination' | 'destinationKind'> {
  const given = [input.DestinationCidrBlock, input.DestinationIpv6CidrBlock, input.DestinationPrefixListId].filter((d) => d !== undefined);
  if (given.length === 0) {
    ctx.fail('MissingParameter', 'The request must contain the parameter destinationCidrBlock or destinationIpv6CidrBlock or destinationPrefixListId');
  }
  if (given.length > 1) ctx.fail('InvalidParameterCombination', 'Only one destination may be specified.');
  if (input.DestinationCidrBlock !== undefined) {
    if (!parseCidr(input.DestinationCidrBlock)) {
      ctx.fail('InvalidParameterValue', `Value (${input.DestinationCidrBlock}) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.`);
    }
    return { destination: input.DestinationCidrBlock, destinationKind: 'ipv4' };
  }
  if (input.DestinationIpv6CidrBlock !== undefined) {
    if (!isIpv6Cidr(input.DestinationIpv6CidrBlock)) {
      ctx.fail('InvalidParameterValue', `Value (${input.DestinationIpv6CidrBlock}) for parameter destinationIpv6CidrBlock is invalid.`);
    }
    return { destination: input.DestinationIpv6CidrBlock.toLowerCase(), destinationKind: 'ipv6' };
  }
  return { destination: input.DestinationPrefixListId!, destinationKind: 'prefix-list' };
}

/** Checks the single target of a route against the table's VPC. */
function targetOf(ctx: Ec2Ctx, table: RouteTableRec, input: TargetInput): RouteTarget {
  const candidates = {
    GatewayId: input.GatewayId,
    NatGatewayId: input.NatGatewayId,
    InstanceId: input.InstanceId,
    NetworkInterfaceId: input.NetworkInterfaceId,
    VpcPeeringConnectionId: input.VpcPeeringConnectionId,
    TransitGatewayId: input.TransitGatewayId,
    EgressOnlyInternetGatewayId: input.EgressOnlyInternetGatewayId,
    VpcEndpointId: input.VpcEndpointId,
    LocalGatewayId: input.LocalGatewayId,
    CarrierGatewayId: input.CarrierGatewayId,
    CoreNetworkArn: input.CoreNetworkArn,
  };
  const given = Object.entries(candidates).filter(([, v]) => v !== undefined) as [string, string][];
  if (given.length !== 1) {
    ctx.fail(given.length === 0 ? 'MissingParameter' : 'InvalidParameterCombination',
      'The request must contain exactly one of gatewayId, natGatewayId, networkInterfaceId, vpcPeeringConnectionId, egressOnlyInternetGatewayId, transitGatewayId, localGatewayId, carrierGatewayId, coreNetworkArn or instanceId');
  }
  const [kind, id] = given[0]!;
  const s = ctx.state;
  switch (kind) {
    case 'GatewayId': {
      const igw = s.internetGateways[id];
      if (!igw) ctx.fail('InvalidGatewayID.NotFound', `The gateway ID '${id}' does not exist`);
      if (igw.attachedVpcId !== table.vpcId) {
        ctx.fail('InvalidParameterValue', `route table ${table.id} and network gateway ${id} belong to different networks`);
      }
      return { GatewayId: id };
    }
    case 'InstanceId': {
      const inst = find(ctx, 'instance', id);
      if (inst.terminateRequestedAt !== null) ctx.fail('IncorrectInstanceState', `The instance '${id}' is not in a valid state for this operation.`);
      if (inst.vpcId !== table.vpcId) ctx.fail('InvalidParameterValue', `route table ${table.id} and instance ${id} belong to different networks`);
      return { InstanceId: id, NetworkInterfaceId: inst.networkInterfaceId };
    }
    case 'NetworkInterfaceId': {
      const inst = Object.values(s.instances).find((i) => i.networkInterfaceId === id && i.terminateRequestedAt === null);
      if (!inst) ctx.fail('InvalidNetworkInterfaceID.NotFound', `The networkInterface ID '${id}' does not exist`);
      if (inst.vpcId !== table.vpcId) ctx.fail('InvalidParameterValue', `route table ${table.id} and interface ${id} belong to different networks`);
      return { InstanceId: inst.id, NetworkInterfaceId: id };
    }
    case 'NatGatewayId':
      return ctx.fail('InvalidNatGatewayID.NotFound', `The natGateway ID '${id}' does not exist`);
    case 'VpcPeeringConnectionId':
      return ctx.fail('InvalidVpcPeeringConnectionID.NotFound', `The vpcPeeringConnection ID '${id}' does not exist`);
    case 'TransitGatewayId':
      return ctx.fail('InvalidTransitGatewayID.NotFound', `Transit Gateway ${id} was deleted or does not exist.`);
    case 'VpcEndpointId':
      return ctx.fail('InvalidVpcEndpointId.NotFound', `The Vpc Endpoint Id '${id}' does not exist`);
    default:
      return ctx.fail('InvalidGatewayID.NotFound', `The gateway ID '${id}' does not exist`);
  }
}

function findRoute(ctx: Ec2Ctx, table: RouteTableRec, dest: Pick<RouteRec, 'destination' | 'destinationKind'>): number {
  const i = table.routes.findIndex((r) => r.destination === dest.destination);
  if (i < 0) {
    const param = { ipv4: 'destination-cidr-block', ipv6: 'destination-ipv6-cidr-block', 'prefix-list': 'destination-prefix-list-id' }[dest.destinationKind];
    ctx.fail('InvalidRoute.NotFound', `no route with ${param} ${dest.destination} in route table ${table.id}`);
  }
  const route = table.routes[i]!;
  if (route.origin === 'CreateRouteTable') ctx.fail('InvalidParameterValue', `cannot remove local route ${route.destination} in route table ${table.id}`);
  if (route.target.GatewayId?.startsWith('vpce-')) {
    ctx.fail('InvalidParameterValue', `route ${route.destination} in route table ${table.id} is managed by VPC endpoint ${route.target.GatewayId}`);
  }
  return i;
}

/** Is the route's target still there (and attached)? */
function routeState(state: Ec2State, table: RouteTableRec, r: RouteRec): 'active' | 'blackhole' {
  const t = r.target;
  if (t.GatewayId === 'local') return 'active';
  if (t.GatewayId?.startsWith('igw-')) return state.internetGateways[t.GatewayId]?.attachedVpcId === table.vpcId ? 'active' : 'blackhole';
  if (t.GatewayId?.startsWith('vpce-')) return state.vpcEndpoints[t.GatewayId] ? 'active' : 'blackhole';
  if (t.InstanceId) {
    const inst = state.instances[t.InstanceId];
    return inst && inst.terminateRequestedAt === null ? 'active' : 'blackhole';
  }
  return 'active';
}

export function renderRoute(state: Ec2State, accountId: string, table: RouteTableRec, r: RouteRec): Route {
  const dest =
    r.destinationKind === 'ipv4'
      ? { DestinationCidrBlock: r.destination }
      : r.destinationKind === 'ipv6'
        ? { DestinationIpv6CidrBlock: r.destination }
        : { DestinationPrefixListId: r.destination };
  return {
    ...dest,
    ...r.target,
    ...(r.target.InstanceId !== undefined && { InstanceOwnerId: accountId }),
    Origin: r.origin,
    State: routeState(state, table, r),
  };
}

export const routeOperations = {
  CreateRoute(input: CreateRouteCommandInput, ctx: Ec2Ctx): Out<CreateRouteCommandOutput> {
    const table = find(ctx, 'route-table', input.RouteTableId, 'routeTableId');
    const dest = destinationOf(ctx, input);
    const target = targetOf(ctx, table, input);
    if (table.routes.some((r) => r.destination === dest.destination)) {
      ctx.fail('RouteAlreadyExists', `The route identified by ${dest.destination} already exists.`);
    }
    table.routes.push({ ...dest, target, origin: 'CreateRoute' });
    return { Return: true };
  },

  ReplaceRoute(input: ReplaceRouteCommandInput, ctx: Ec2Ctx): Out<ReplaceRouteCommandOutput> {
    const table = find(ctx, 'route-table', input.RouteTableId, 'routeTableId');
    const dest = destinationOf(ctx, input);
    const i = findRoute(ctx, table, dest);
    const target = targetOf(ctx, table, input);
    table.routes[i] = { ...dest, target, origin: 'CreateRoute' };
    return {};
  },

  DeleteRoute(input: DeleteRouteCommandInput, ctx: Ec2Ctx): Out<DeleteRouteCommandOutput> {
    const table = find(ctx, 'route-table', input.RouteTableId, 'routeTableId');
    const i = findRoute(ctx, table, destinationOf(ctx, input));
    table.routes.splice(i, 1);
    return {};
  },
} satisfies OperationTable<Ec2State>;
