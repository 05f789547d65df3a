/**
 * What a region gives a new account: its availability zones (us-east-1a..f as
 * use1-az1..6, three zones elsewhere; DescribeAvailabilityZones) and the default VPC
 * (172.31.0.0/16, one public /20 subnet per zone, an attached internet gateway and a
 * route to it in the main route table).
 */
import type {
  DescribeAvailabilityZonesCommandInput,
  DescribeAvailabilityZonesCommandOutput,
} from '@aws-sdk/client-ec2';
import type { IdGenerator } from '../ids.ts';
import type { OperationTable } from '../service.ts';
import { newInternetGateway } from './internet-gateways.ts';
import { applyFilters } from './query.ts';
import type { Ec2Ctx } from './resources.ts';
import type { Ec2State } from './state.ts';
import { buildVpc } from './vpcs.ts';
import { subnetAdded } from './lookups.ts';

export interface Zone {
  readonly name: string;
  readonly id: string;
}

const DIRECTIONS: Readonly<Record<string, string>> = {
  north: 'n', south: 's', east: 'e', west: 'w', central: 'c', northeast: 'ne', northwest: 'nw', southeast: 'se', southwest: 'sw',
};

/** The region's zones: us-east-1a..f (use1-az1..6), three for other regions. */
export function availabilityZones(region: string): Zone[] {
  const [area = '', direction = '', number = ''] = region.split('-');
  const short = `${area}${DIRECTIONS[direction] ?? direction.slice(0, 1)}${number}`;
  const letters = region === 'us-east-1' ? 'abcdef' : 'abc';
  return [...letters].map((letter, i) => ({ name: `${region}${letter}`, id: `${short}-az${i + 1}` }));
}

export const zoneOperations = {
  DescribeAvailabilityZones(input: DescribeAvailabilityZonesCommandInput, ctx: Ec2Ctx): Omit<DescribeAvailabilityZonesCommandOutput, '$metadata'> {
    let zones = availabilityZones(ctx.region);
    for (const name of input.ZoneNames ?? []) {
      if (!zones.some((z) => z.name === name)) ctx.fail('InvalidParameterValue', `Invalid availability zone: [${name}]`);
    }
    for (const id of input.ZoneIds ?? []) {
      if (!zones.some((z) => z.id === id)) ctx.fail('InvalidParameterValue', `Invalid availability zone ID: [${id}]`);
    }
    if (input.ZoneNames?.length) zones = zones.filter((z) => input.ZoneNames!.includes(z.name));
    if (input.ZoneIds?.length) zones = zones.filter((z) => input.ZoneIds!.includes(z.id));
    const matched = applyFilters(ctx, zones, input.Filters, {
      'zone-name': (z) => z.name,
      'zone-id': (z) => z.id,
      'region-name': () => ctx.region,
      state: () => 'available',
      'zone-type': () => 'availability-zone',
      'opt-in-status': () => 'opt-in-not-required',
    }, (z) => z.name);
    return {
      AvailabilityZones: matched.map((z) => ({
        ZoneName: z.name,
        ZoneId: z.id,
        State: 'available',
        RegionName: ctx.region,
        ZoneType: 'availability-zone',
        OptInStatus: 'opt-in-not-required',
        GroupName: ctx.region,
        NetworkBorderGroup: ctx.region,
        Messages: [],
      })),
    };
  },
} satisfies OperationTable<Ec2State>;

/** The default VPC of a new account in `region`. */
export function createDefaultVpc(env: { state: Ec2State; ids: IdGenerator; accountId: string; region: string }): void {
  const vpc = buildVpc(env, '172.31.0.0/16', { isDefault: true, tenancy: 'default' });
  env.state.defaultVpcId = vpc.id;
  availabilityZones(env.region).forEach((zone, i) => {
    const id = env.ids.next('subnet');
    env.state.subnets[id] = {
      id,
      vpcId: vpc.id,
      cidr: `172.31.${i * 16}.0/20`,
      az: zone.name,
      azId: zone.id,
      mapPublicIpOnLaunch: true,
      defaultForAz: true,
      used: 0,
    };
    subnetAdded(env.state, env.state.subnets[id]!);
  });
  const igw = newInternetGateway(env);
  igw.attachedVpcId = vpc.id;
  env.state.routeTables[vpc.mainRouteTableId]!.routes.push({
    destination: '0.0.0.0/0',
    destinationKind: 'ipv4',
    target: { GatewayId: igw.id },
    origin: 'CreateRoute',
  });
}
