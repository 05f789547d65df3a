/**
 * VPCs: CreateVpc (with its main route table and default security group),
 * DescribeVpcs, DeleteVpc, ModifyVpcAttribute, DescribeVpcAttribute.
 */
import type {
  CreateVpcCommandInput,
  CreateVpcCommandOutput,
  DeleteVpcCommandInput,
  DeleteVpcCommandOutput,
  DescribeVpcAttributeCommandInput,
  DescribeVpcAttributeCommandOutput,
  DescribeVpcsCommandInput,
  DescribeVpcsCommandOutput,
  ModifyVpcAttributeCommandInput,
  ModifyVpcAttributeCommandOutput,
  Vpc,
} from '@aws-sdk/client-ec2';
import type { IdGenerator } from '../ids.ts';
import type { OperationTable } from '../service.ts';
import { parseCidr } from './cidr.ts';
import { addTags, applyFilters, ec2Page, type FilterFields, tagList, tagsFromSpecifications } from './query.ts';
import { type Ec2Ctx, find, findAll, requireParam } from './resources.ts';
import { newMainRouteTable } from './route-tables.ts';
import { newDefaultSecurityGroup } from './security-groups.ts';
import { type Ec2State, isLive, type VpcRec } from './state.ts';
import { groupRemoved } from './lookups.ts';

type Out<T> = Omit<T, '$metadata'>;

/** What building a VPC needs: a CallContext, or the init context of a fresh account. */
export interface Ec2Env {
  readonly state: Ec2State;
  readonly ids: IdGenerator;
  readonly accountId: string;
}

export const VPC_QUOTA_DEFAULT = 5;

/** Creates the VPC record with its main route table and default security group. */
export function buildVpc(env: Ec2Env, cidr: string, options: { isDefault: boolean; tenancy: string }): VpcRec {
  const id = env.ids.next('vpc');
  const rtb = newMainRouteTable(env, id, cidr);
  const sg = newDefaultSecurityGroup(env, id);
  const vpc: VpcRec = {
    id,
    cidr,
    cidrAssociationId: env.ids.next('vpc-cidr-assoc'),
    dhcpOptionsId: env.state.dhcpOptionsId,
    tenancy: options.tenancy,
    isDefault: options.isDefault,
    dnsSupport: true,
    dnsHostnames: options.isDefault,
    mainRouteTableId: rtb.id,
    defaultSecurityGroupId: sg.id,
  };
  env.state.vpcs[id] = vpc;
  return vpc;
}

function renderVpc(ctx: Ec2Ctx, v: VpcRec, state = 'available'): Vpc {
  return {
    CidrBlock: v.cidr,
    DhcpOptionsId: v.dhcpOptionsId,
    State: state as Vpc['State'],
    VpcId: v.id,
    OwnerId: ctx.accountId,
    InstanceTenancy: v.tenancy as Vpc['InstanceTenancy'],
    CidrBlockAssociationSet: [{ AssociationId: v.cidrAssociationId, CidrBlock: v.cidr, CidrBlockState: { State: 'associated' } }],
    IsDefault: v.isDefault,
    BlockPublicAccessStates: { InternetGatewayBlockMode: 'off' },
    Tags: tagList(ctx.state, v.id),
  };
}

function vpcFilters(ctx: Ec2Ctx): FilterFields<VpcRec> {
  return {
    'vpc-id': (v) => v.id,
    cidr: (v) => v.cidr,
    'cidr-block-association.cidr-block': (v) => v.cidr,
    'cidr-block-association.association-id': (v) => v.cidrAssociationId,
    'cidr-block-association.state': () => 'associated',
    'dhcp-options-id': (v) => v.dhcpOptionsId,
    'is-default': (v) => v.isDefault,
    'owner-id': () => ctx.accountId,
    state: () => 'available',
  };
}

export function vpcOperations(vpcQuota: number) {
  return {
    CreateVpc(input: CreateVpcCommandInput, ctx: Ec2Ctx): Out<CreateVpcCommandOutput> {
      if (input.CidrBlock === undefined) ctx.fail('MissingParameter', "Either 'cidrBlock' or 'ipv4IpamPoolId' should be provided.");
      const cidr = parseCidr(input.CidrBlock);
      if (!cidr) ctx.fail('InvalidParameterValue', `Value (${input.CidrBlock}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`);
      if (cidr.prefix < 16 || cidr.prefix > 28) ctx.fail('InvalidVpc.Range', `The CIDR '${input.CidrBlock}' is invalid.`);
      const tags = tagsFromSpecifications(ctx, input.TagSpecifications, 'vpc');
      if (Object.keys(ctx.state.vpcs).length >= vpcQuota) ctx.fail('VpcLimitExceeded', 'The maximum number of VPCs has been reached.');
      const vpc = buildVpc(ctx, cidr.text, { isDefault: false, tenancy: input.InstanceTenancy ?? 'default' });
      addTags(ctx, vpc.id, tags);
      return { Vpc: renderVpc(ctx, vpc, 'pending') };
    },

    DescribeVpcs(input: DescribeVpcsCommandInput, ctx: Ec2Ctx): Out<DescribeVpcsCommandOutput> {
      const matched = applyFilters(ctx, findAll(ctx, 'vpc', input.VpcIds), input.Filters, vpcFilters(ctx), (v) => v.id);
      const page = ec2Page(ctx, matched, (v) => v.id, input);
      return { Vpcs: page.items.map((v) => renderVpc(ctx, v)), NextToken: page.NextToken };
    },

    DeleteVpc(input: DeleteVpcCommandInput, ctx: Ec2Ctx): Out<DeleteVpcCommandOutput> {
      const vpc = find(ctx, 'vpc', input.VpcId, 'vpcId');
      const s = ctx.state;
      const inVpc = <T extends { vpcId: string }>(records: Record<string, T>) => Object.values(records).some((r) => r.vpcId === vpc.id);
      const dependent =
        inVpc(s.subnets) ||
        inVpc(s.vpcEndpoints) ||
        Object.values(s.internetGateways).some((g) => g.attachedVpcId === vpc.id) ||
        Object.values(s.securityGroups).some((g) => g.vpcId === vpc.id && g.id !== vpc.defaultSecurityGroupId) ||
        Object.values(s.routeTables).some((t) => t.vpcId === vpc.id && t.id !== vpc.mainRouteTableId) ||
        Object.values(s.instances).some((i) => i.vpcId === vpc.id && isLive(i, ctx.now));
      if (dependent) ctx.fail('DependencyViolation', `The vpc '${vpc.id}' has dependencies and cannot be deleted.`);
      for (const id of [vpc.mainRouteTableId, vpc.defaultSecurityGroupId, vpc.id]) delete s.tags[id];
      const defaultGroup = s.securityGroups[vpc.defaultSecurityGroupId];
      for (const rule of defaultGroup?.rules ?? []) delete s.tags[rule.id];
      if (defaultGroup) groupRemoved(s, defaultGroup);
      delete s.routeTables[vpc.mainRouteTableId];
      delete s.securityGroups[vpc.defaultSecurityGroupId];
      delete s.vpcs[vpc.id];
      if (s.defaultVpcId === vpc.id) s.defaultVpcId = null;
      return {};
    },

    ModifyVpcAttribute(input: ModifyVpcAttributeCommandInput, ctx: Ec2Ctx): Out<ModifyVpcAttributeCommandOutput> {
      const vpc = find(ctx, 'vpc', input.VpcId, 'vpcId');
      const given = [
        ['enableDnsHostnames', input.EnableDnsHostnames],
        ['enableDnsSupport', input.EnableDnsSupport],
        ['enableNetworkAddressUsageMetrics', input.EnableNetworkAddressUsageMetrics],
      ].filter(([, v]) => v !== undefined) as [string, { Value?: boolean }][];
      if (given.length !== 1) {
        ctx.fail('InvalidParameterCombination', given.length === 0
          ? 'No attributes specified.'
          : `Fields for multiple attribute types specified: ${given.map(([n]) => n).join(', ')}`);
      }
      const [name, value] = given[0]!;
      const v = requireParam(ctx, value.Value, `${name}.Value`);
      if (name === 'enableDnsHostnames') vpc.dnsHostnames = v;
      if (name === 'enableDnsSupport') vpc.dnsSupport = v;
      return {};
    },

    DescribeVpcAttribute(input: DescribeVpcAttributeCommandInput, ctx: Ec2Ctx): Out<DescribeVpcAttributeCommandOutput> {
      const vpc = find(ctx, 'vpc', input.VpcId, 'vpcId');
      switch (input.Attribute) {
        case 'enableDnsHostnames':
          return { VpcId: vpc.id, EnableDnsHostnames: { Value: vpc.dnsHostnames } };
        case 'enableDnsSupport':
          return { VpcId: vpc.id, EnableDnsSupport: { Value: vpc.dnsSupport } };
        case 'enableNetworkAddressUsageMetrics':
          return { VpcId: vpc.id, EnableNetworkAddressUsageMetrics: { Value: false } };
        default:
          return ctx.fail('InvalidParameterValue', `Value (${String(input.Attribute)}) for parameter attribute is invalid. Unknown attribute.`);
      }
    },
  } satisfies OperationTable<Ec2State>;
}
