/**
 * Gateway VPC endpoints (S3, DynamoDB): CreateVpcEndpoint adds a prefix-list route to each
 * route table given, ModifyVpcEndpoint adds/removes tables and changes the policy,
 * DeleteVpcEndpoints reports ids it could not delete instead of failing.
 */
import type {
  CreateVpcEndpointCommandInput,
  CreateVpcEndpointCommandOutput,
  DeleteVpcEndpointsCommandInput,
  DeleteVpcEndpointsCommandOutput,
  DescribeVpcEndpointsCommandInput,
  DescribeVpcEndpointsCommandOutput,
  ModifyVpcEndpointCommandInput,
  ModifyVpcEndpointCommandOutput,
  VpcEndpoint,
} from '@aws-sdk/client-ec2';
import { hashHex } from '../ids.ts';
import type { OperationTable } from '../service.ts';
import { addTags, applyFilters, date, ec2Page, tagList, tagsFromSpecifications } from './query.ts';
import { type Ec2Ctx, find, findAll, isWellFormed, KINDS, requireParam } from './resources.ts';
import type { Ec2State, VpcEndpointRec } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;

export const DEFAULT_ENDPOINT_POLICY = '{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}';

const KNOWN_PREFIX_LISTS: Readonly<Record<string, string>> = {
  'com.amazonaws.us-east-1.s3': 'pl-63a5400a',
  'com.amazonaws.us-east-1.dynamodb': 'pl-02cd2c6b',
};

/** The AWS-managed prefix list of a gateway service, undefined if the service has none. */
export function gatewayPrefixList(region: string, serviceName: string): string | undefined {
  if (serviceName !== `com.amazonaws.${region}.s3` && serviceName !== `com.amazonaws.${region}.dynamodb`) return undefined;
  return KNOWN_PREFIX_LISTS[serviceName] ?? `pl-${hashHex('prefix-list', serviceName).slice(0, 8)}`;
}

function render(ctx: Ec2Ctx, e: VpcEndpointRec): VpcEndpoint {
  return {
    VpcEndpointId: e.id,
    VpcEndpointType: e.type,
    VpcId: e.vpcId,
    ServiceName: e.serviceName,
    // EC2 answers lowercase 'available' for endpoints (the SDK's State enum says 'Available').
    State: 'available' as VpcEndpoint['State'],
    PolicyDocument: e.policy,
    RouteTableIds: [...e.routeTableIds],
    SubnetIds: [],
    Groups: [],
    PrivateDnsEnabled: false,
    RequesterManaged: false,
    NetworkInterfaceIds: [],
    DnsEntries: [],
    CreationTimestamp: date(e.createdAt),
    OwnerId: ctx.accountId,
    Tags: tagList(ctx.state, e.id),
  };
}

function checkPolicy(ctx: Ec2Ctx, policy: string): string {
  try {
    JSON.parse(policy);
  } catch {
    ctx.fail('MalformedPolicyDocument', 'The policy document is not valid JSON.');
  }
  return policy;
}

/** Validates route tables for an endpoint and returns their ids (no mutation). */
function checkTables(ctx: Ec2Ctx, e: Pick<VpcEndpointRec, 'vpcId'>, prefixList: string, ids: readonly string[]): string[] {
  for (const id of ids) {
    const table = find(ctx, 'route-table', id, 'routeTableId');
    if (table.vpcId !== e.vpcId) ctx.fail('InvalidParameter', `Route table ${id} does not belong to ${e.vpcId}.`);
    if (table.routes.some((r) => r.destination === prefixList)) {
      ctx.fail('RouteAlreadyExists', `route table ${id} already has a route with destination-prefix-list-id ${prefixList}`);
    }
  }
  return [...new Set(ids)];
}

function addRoutes(state: Ec2State, endpointId: string, prefixList: string, tableIds: readonly string[]): void {
  for (const id of tableIds) {
    state.routeTables[id]!.routes.push({ destination: prefixList, destinationKind: 'prefix-list', target: { GatewayId: endpointId }, origin: 'CreateRoute' });
  }
}

function removeRoutes(state: Ec2State, endpointId: string, tableIds: readonly string[]): void {
  for (const id of tableIds) {
    const table = state.routeTables[id];
    if (table) table.routes = table.routes.filter((r) => r.target.GatewayId !== endpointId);
  }
}

export const vpcEndpointOperations = {
  CreateVpcEndpoint(input: CreateVpcEndpointCommandInput, ctx: Ec2Ctx): Out<CreateVpcEndpointCommandOutput> {
    const vpc = find(ctx, 'vpc', input.VpcId, 'vpcId');
    const serviceName = requireParam(ctx, input.ServiceName, 'serviceName');
    if (input.ClientToken) {
      const same = Object.values(ctx.state.vpcEndpoints).find((e) => e.clientToken === input.ClientToken);
      if (same) return { VpcEndpoint: render(ctx, same), ClientToken: input.ClientToken };
    }
    if ((input.VpcEndpointType ?? 'Gateway') !== 'Gateway') {
      ctx.fail('InvalidParameter', `blogctl sandbox: only Gateway endpoints are simulated, not ${input.VpcEndpointType}`);
    }
    const prefixList = gatewayPrefixList(ctx.region, serviceName);
    if (!prefixList) ctx.fail('InvalidServiceName', `The Vpc Endpoint Service '${serviceName}' does not exist`);
    const policy = checkPolicy(ctx, input.PolicyDocument ?? DEFAULT_ENDPOINT_POLICY);
    const tableIds = checkTables(ctx, { vpcId: vpc.id }, prefixList, input.RouteTableIds ?? []);
    const tags = tagsFromSpecifications(ctx, input.TagSpecifications, 'vpc-endpoint');
    const endpoint: VpcEndpointRec = {
      id: ctx.ids.next('vpce'), vpcId: vpc.id, serviceName, type: 'Gateway', routeTableIds: tableIds,
      policy, createdAt: ctx.now, clientToken: input.ClientToken ?? null,
    };
    ctx.state.vpcEndpoints[endpoint.id] = endpoint;
    addRoutes(ctx.state, endpoint.id, prefixList, tableIds);
    addTags(ctx, endpoint.id, tags);
    return { VpcEndpoint: render(ctx, endpoint), ClientToken: input.ClientToken };
  },

  DescribeVpcEndpoints(input: DescribeVpcEndpointsCommandInput, ctx: Ec2Ctx): Out<DescribeVpcEndpointsCommandOutput> {
    const matched = applyFilters(ctx, findAll(ctx, 'vpc-endpoint', input.VpcEndpointIds), input.Filters, {
      'vpc-endpoint-id': (e) => e.id,
      'vpc-id': (e) => e.vpcId,
      'service-name': (e) => e.serviceName,
      'vpc-endpoint-state': () => 'available',
      'vpc-endpoint-type': (e) => e.type,
      'owner-id': () => ctx.accountId,
    }, (e) => e.id);
    const page = ec2Page(ctx, matched, (e) => e.id, input, [1, 1000]);
    return { VpcEndpoints: page.items.map((e) => render(ctx, e)), NextToken: page.NextToken };
  },

  ModifyVpcEndpoint(input: ModifyVpcEndpointCommandInput, ctx: Ec2Ctx): Out<ModifyVpcEndpointCommandOutput> {
    const endpoint = find(ctx, 'vpc-endpoint', input.VpcEndpointId, 'vpcEndpointId');
    const prefixList = gatewayPrefixList(ctx.region, endpoint.serviceName)!;
    const remove = input.RemoveRouteTableIds ?? [];
    for (const id of remove) find(ctx, 'route-table', id, 'routeTableId');
    const add = checkTables(ctx, endpoint, prefixList, (input.AddRouteTableIds ?? []).filter((id) => !endpoint.routeTableIds.includes(id)));
    const policy = input.ResetPolicy ? DEFAULT_ENDPOINT_POLICY : input.PolicyDocument !== undefined ? checkPolicy(ctx, input.PolicyDocument) : endpoint.policy;
    removeRoutes(ctx.state, endpoint.id, remove);
    addRoutes(ctx.state, endpoint.id, prefixList, add);
    endpoint.routeTableIds = [...endpoint.routeTableIds.filter((id) => !remove.includes(id)), ...add];
    endpoint.policy = policy;
    return { Return: true };
  },

  DeleteVpcEndpoints(input: DeleteVpcEndpointsCommandInput, ctx: Ec2Ctx): Out<DeleteVpcEndpointsCommandOutput> {
    const ids = requireParam(ctx, input.VpcEndpointIds, 'VpcEndpointId');
    const unsuccessful: NonNullable<DeleteVpcEndpointsCommandOutput['Unsuccessful']> = [];
    for (const id of ids) {
      const endpoint = ctx.state.vpcEndpoints[id];
      if (!endpoint) {
        const code = isWellFormed('vpc-endpoint', id) ? KINDS['vpc-endpoint'].notFound : KINDS['vpc-endpoint'].malformed;
        unsuccessful.push({ ResourceId: id, Error: { Code: code, Message: `The VPC endpoint '${id}' does not exist` } });
        continue;
      }
      removeRoutes(ctx.state, endpoint.id, endpoint.routeTableIds);
      delete ctx.state.vpcEndpoints[id];
      delete ctx.state.tags[id];
    }
    return { Unsuccessful: unsuccessful };
  },
} satisfies OperationTable<Ec2State>;
