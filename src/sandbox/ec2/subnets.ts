/**
 * Subnets: CreateSubnet (inside the VPC's CIDR, no overlap, in one of the region's zones),
 * DescribeSubnets, DeleteSubnet, ModifySubnetAttribute.
 */
import type {
  CreateSubnetCommandInput,
  CreateSubnetCommandOutput,
  DeleteSubnetCommandInput,
  DeleteSubnetCommandOutput,
  DescribeSubnetsCommandInput,
  DescribeSubnetsCommandOutput,
  ModifySubnetAttributeCommandInput,
  ModifySubnetAttributeCommandOutput,
  Subnet,
} from '@aws-sdk/client-ec2';
import type { OperationTable } from '../service.ts';
import { contains, parseCidr, size } from './cidr.ts';
import { addTags, applyFilters, ec2Page, type FilterFields, tagList, tagsFromSpecifications } from './query.ts';
import { type Ec2Ctx, find, findAll, requireParam } from './resources.ts';
import { subnetAdded, subnetRemoved, subnetRoom } from './lookups.ts';
import { forgetSubnetAssociations } from './route-tables.ts';
import { type Ec2State, isLive, type SubnetRec } from './state.ts';
import { availabilityZones, type Zone } from './region.ts';

type Out<T> = Omit<T, '$metadata'>;

/** Addresses AWS reserves in every subnet (network, router, DNS, future, broadcast). */
const RESERVED = 5;

function render(ctx: Ec2Ctx, s: SubnetRec): Subnet {
  const cidr = parseCidr(s.cidr)!;
  const inUse = Object.values(ctx.state.instances).filter((i) => i.subnetId === s.id && isLive(i, ctx.now)).length;
  return {
    AvailabilityZone: s.az,
    AvailabilityZoneId: s.azId,
    AvailableIpAddressCount: size(cidr) - RESERVED - inUse,
    CidrBlock: s.cidr,
    DefaultForAz: s.defaultForAz,
    MapPublicIpOnLaunch: s.mapPublicIpOnLaunch,
    MapCustomerOwnedIpOnLaunch: false,
    State: 'available',
    SubnetId: s.id,
    VpcId: s.vpcId,
    OwnerId: ctx.accountId,
    AssignIpv6AddressOnCreation: false,
    Ipv6CidrBlockAssociationSet: [],
    SubnetArn: ctx.arn(`subnet/${s.id}`),
    EnableDns64: false,
    Ipv6Native: false,
    PrivateDnsNameOptionsOnLaunch: { HostnameType: 'ip-name', EnableResourceNameDnsARecord: false, EnableResourceNameDnsAAAARecord: false },
    Tags: tagList(ctx.state, s.id),
  };
}

function subnetFilters(ctx: Ec2Ctx): FilterFields<SubnetRec> {
  return {
    'subnet-id': (s) => s.id,
    'vpc-id': (s) => s.vpcId,
    'availability-zone': (s) => s.az,
    availabilityZone: (s) => s.az,
    'availability-zone-id': (s) => s.azId,
    'cidr-block': (s) => s.cidr,
    cidr: (s) => s.cidr,
    cidrBlock: (s) => s.cidr,
    'default-for-az': (s) => s.defaultForAz,
    defaultForAz: (s) => s.defaultForAz,
    'map-public-ip-on-launch': (s) => s.mapPublicIpOnLaunch,
    'owner-id': () => ctx.accountId,
    state: () => 'available',
    'subnet-arn': (s) => ctx.arn(`subnet/${s.id}`),
  };
}

export const subnetOperations = {
  CreateSubnet(input: CreateSubnetCommandInput, ctx: Ec2Ctx): Out<CreateSubnetCommandOutput> {
    const vpc = find(ctx, 'vpc', input.VpcId, 'vpcId');
    const text = requireParam(ctx, input.CidrBlock, 'cidrBlock');
    const cidr = parseCidr(text);
    if (!cidr) ctx.fail('InvalidParameterValue', `Value (${text}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`);
    if (!contains(parseCidr(vpc.cidr)!, cidr) || cidr.prefix < 16 || cidr.prefix > 28) {
      ctx.fail('InvalidSubnet.Range', `The CIDR '${text}' is invalid.`);
    }
    const siblings = subnetRoom(ctx.state, vpc.id, cidr);
    if (siblings.overlap) {
      ctx.fail('InvalidSubnet.Conflict', `The CIDR '${text}' conflicts with another subnet`);
    }
    const zones = availabilityZones(ctx.region);
    let zone: Zone | undefined;
    if (input.AvailabilityZone !== undefined) zone = zones.find((z) => z.name === input.AvailabilityZone);
    else if (input.AvailabilityZoneId !== undefined) zone = zones.find((z) => z.id === input.AvailabilityZoneId);
    else zone = zones[siblings.count % zones.length];
    if (!zone) {
      const given = input.AvailabilityZone ?? input.AvailabilityZoneId;
      ctx.fail('InvalidParameterValue', `Value (${given}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ${zones.map((z) => z.name).join(', ')}.`);
    }
    const tags = tagsFromSpecifications(ctx, input.TagSpecifications, 'subnet');
    const subnet: SubnetRec = {
      id: ctx.ids.next('subnet'), vpcId: vpc.id, cidr: text, az: zone.name, azId: zone.id,
      mapPublicIpOnLaunch: false, defaultForAz: false, used: 0,
    };
    ctx.state.subnets[subnet.id] = subnet;
    subnetAdded(ctx.state, subnet);
    addTags(ctx, subnet.id, tags);
    return { Subnet: render(ctx, subnet) };
  },

  DescribeSubnets(input: DescribeSubnetsCommandInput, ctx: Ec2Ctx): Out<DescribeSubnetsCommandOutput> {
    const matched = applyFilters(ctx, findAll(ctx, 'subnet', input.SubnetIds), input.Filters, subnetFilters(ctx), (s) => s.id);
    const page = ec2Page(ctx, matched, (s) => s.id, input);
    return { Subnets: page.items.map((s) => render(ctx, s)), NextToken: page.NextToken };
  },

  DeleteSubnet(input: DeleteSubnetCommandInput, ctx: Ec2Ctx): Out<DeleteSubnetCommandOutput> {
    const subnet = find(ctx, 'subnet', input.SubnetId, 'subnetId');
    if (Object.values(ctx.state.instances).some((i) => i.subnetId === subnet.id && isLive(i, ctx.now))) {
      ctx.fail('DependencyViolation', `The subnet '${subnet.id}' has dependencies and cannot be deleted.`);
    }
    forgetSubnetAssociations(ctx.state, subnet.id);
    subnetRemoved(ctx.state, subnet);
    delete ctx.state.subnets[subnet.id];
    delete ctx.state.tags[subnet.id];
    return {};
  },

  ModifySubnetAttribute(input: ModifySubnetAttributeCommandInput, ctx: Ec2Ctx): Out<ModifySubnetAttributeCommandOutput> {
    const subnet = find(ctx, 'subnet', input.SubnetId, 'subnetId');
    const { SubnetId: _id, ...attributes } = input;
    const given = Object.entries(attributes).filter(([, v]) => v !== undefined);
    if (given.length !== 1) {
      ctx.fail('InvalidParameterCombination', given.length === 0 ? 'No attributes specified.' : 'You can only modify one attribute at a time.');
    }
    if (input.MapPublicIpOnLaunch !== undefined) {
      subnet.mapPublicIpOnLaunch = requireParam(ctx, input.MapPublicIpOnLaunch.Value, 'mapPublicIpOnLaunch.value');
    }
    return {};
  },
} satisfies OperationTable<Ec2State>;
