/**
 * Security groups: CreateSecurityGroup (with the default egress rule), DescribeSecurityGroups,
 * DeleteSecurityGroup, and the default group every VPC gets.
 */
import type {
  CreateSecurityGroupCommandInput,
  CreateSecurityGroupCommandOutput,
  DeleteSecurityGroupCommandInput,
  DeleteSecurityGroupCommandOutput,
  DescribeSecurityGroupsCommandInput,
  DescribeSecurityGroupsCommandOutput,
  SecurityGroup,
} from '@aws-sdk/client-ec2';
import type { IdGenerator } from '../ids.ts';
import type { OperationTable } from '../service.ts';
import { addTags, applyFilters, ec2Page, type FilterFields, tagList, tagsFromSpecifications } from './query.ts';
import { type Ec2Ctx, find, findAll, requireParam } from './resources.ts';
import { newRule, renderPermissions } from './sg-rules.ts';
import { type Ec2State, isLive, type SecurityGroupRec, type SgRuleRec } from './state.ts';
import { groupAdded, groupNamed, groupRemoved, groupsOf } from './lookups.ts';

type Out<T> = Omit<T, '$metadata'>;

const NO_PEER = { cidrIpv4: null, cidrIpv6: null, prefixListId: null, referencedGroupId: null, description: null };

function allTrafficOut(ids: IdGenerator): SgRuleRec {
  return newRule(ids, { egress: true, protocol: '-1', fromPort: -1, toPort: -1, ...NO_PEER, cidrIpv4: '0.0.0.0/0' });
}

function newGroup(env: { state: Ec2State; ids: IdGenerator }, vpcId: string, name: string, description: string): SecurityGroupRec {
  const group: SecurityGroupRec = { id: env.ids.next('sg'), name, description, vpcId, rules: [] };
  group.rules.push(allTrafficOut(env.ids));
  env.state.securityGroups[group.id] = group;
  groupAdded(env.state, group);
  return group;
}

/** The 'default' group of a new VPC: all traffic in from itself, all traffic out. */
export function newDefaultSecurityGroup(env: { state: Ec2State; ids: IdGenerator }, vpcId: string): SecurityGroupRec {
  const group = newGroup(env, vpcId, 'default', 'default VPC security group');
  group.rules.unshift(newRule(env.ids, { egress: false, protocol: '-1', fromPort: -1, toPort: -1, ...NO_PEER, referencedGroupId: group.id }));
  return group;
}

function render(ctx: Ec2Ctx, g: SecurityGroupRec): SecurityGroup {
  return {
    GroupId: g.id,
    GroupName: g.name,
    Description: g.description,
    OwnerId: ctx.accountId,
    VpcId: g.vpcId,
    IpPermissions: renderPermissions(g.rules.filter((r) => !r.egress), ctx.accountId),
    IpPermissionsEgress: renderPermissions(g.rules.filter((r) => r.egress), ctx.accountId),
    SecurityGroupArn: ctx.arn(`security-group/${g.id}`),
    Tags: tagList(ctx.state, g.id),
  };
}

function groupFilters(ctx: Ec2Ctx): FilterFields<SecurityGroupRec> {
  const rules = (g: SecurityGroupRec, egress: boolean) => g.rules.filter((r) => r.egress === egress);
  const perRule = (prefix: string, egress: boolean): FilterFields<SecurityGroupRec> => ({
    [`${prefix}.cidr`]: (g) => rules(g, egress).map((r) => r.cidrIpv4),
    [`${prefix}.ipv6-cidr`]: (g) => rules(g, egress).map((r) => r.cidrIpv6),
    [`${prefix}.prefix-list-id`]: (g) => rules(g, egress).map((r) => r.prefixListId),
    [`${prefix}.group-id`]: (g) => rules(g, egress).map((r) => r.referencedGroupId),
    [`${prefix}.protocol`]: (g) => rules(g, egress).map((r) => r.protocol),
    [`${prefix}.from-port`]: (g) => rules(g, egress).map((r) => r.fromPort),
    [`${prefix}.to-port`]: (g) => rules(g, egress).map((r) => r.toPort),
  });
  return {
    'group-id': (g) => g.id,
    'group-name': (g) => g.name,
    'vpc-id': (g) => g.vpcId,
    description: (g) => g.description,
    'owner-id': () => ctx.accountId,
    ...perRule('ip-permission', false),
    ...perRule('egress.ip-permission', true),
  };
}

export const securityGroupOperations = {
  CreateSecurityGroup(input: CreateSecurityGroupCommandInput, ctx: Ec2Ctx): Out<CreateSecurityGroupCommandOutput> {
    const name = requireParam(ctx, input.GroupName, 'groupName');
    const description = requireParam(ctx, input.Description, 'groupDescription');
    if (name.length > 255) ctx.fail('InvalidParameterValue', `Value (${name}) for parameter groupName is invalid. Group name exceeds 255 characters.`);
    if (name.startsWith('sg-')) ctx.fail('InvalidParameterValue', 'Group names may not be in the format sg-*.');
    if (description.length > 255) ctx.fail('InvalidParameterValue', 'Value for parameter groupDescription is invalid. Description exceeds 255 characters.');
    let vpcId = input.VpcId;
    if (vpcId === undefined) {
      if (ctx.state.defaultVpcId === null) ctx.fail('VPCIdNotSpecified', 'No default VPC for this user');
      vpcId = ctx.state.defaultVpcId;
    }
    const vpc = find(ctx, 'vpc', vpcId, 'vpcId');
    const tags = tagsFromSpecifications(ctx, input.TagSpecifications, 'security-group');
    if (groupNamed(ctx.state, vpc.id, name, true) !== undefined) {
      ctx.fail('InvalidGroup.Duplicate', `The security group '${name}' already exists for VPC '${vpc.id}'`);
    }
    const group = newGroup(ctx, vpc.id, name, description);
    addTags(ctx, group.id, tags);
    return { GroupId: group.id, Tags: tagList(ctx.state, group.id), SecurityGroupArn: ctx.arn(`security-group/${group.id}`) };
  },

  DescribeSecurityGroups(input: DescribeSecurityGroupsCommandInput, ctx: Ec2Ctx): Out<DescribeSecurityGroupsCommandOutput> {
    let groups = findAll(ctx, 'security-group', input.GroupIds);
    if (input.GroupNames !== undefined && input.GroupNames.length > 0) {
      const inDefault = groupsOf(ctx.state, ctx.state.defaultVpcId);
      for (const name of input.GroupNames) {
        if (!inDefault.some((g) => g.name === name)) {
          ctx.fail('InvalidGroup.NotFound', `The security group '${name}' does not exist in default VPC '${ctx.state.defaultVpcId ?? 'none'}'`);
        }
      }
      const byName = inDefault.filter((g) => input.GroupNames!.includes(g.name));
      groups = input.GroupIds?.length ? [...new Set([...groups, ...byName])] : byName;
    }
    const matched = applyFilters(ctx, groups, input.Filters, groupFilters(ctx), (g) => g.id);
    const page = ec2Page(ctx, matched, (g) => g.id, input);
    return { SecurityGroups: page.items.map((g) => render(ctx, g)), NextToken: page.NextToken };
  },

  DeleteSecurityGroup(input: DeleteSecurityGroupCommandInput, ctx: Ec2Ctx): Out<DeleteSecurityGroupCommandOutput> {
    let group: SecurityGroupRec;
    if (input.GroupId === undefined && input.GroupName !== undefined) {
      const g = groupNamed(ctx.state, ctx.state.defaultVpcId, input.GroupName, true);
      if (!g) ctx.fail('InvalidGroup.NotFound', `The security group '${input.GroupName}' does not exist in default VPC '${ctx.state.defaultVpcId ?? 'none'}'`);
      group = g;
    } else {
      group = find(ctx, 'security-group', input.GroupId, 'groupId');
    }
    if (group.name === 'default' && ctx.state.vpcs[group.vpcId]?.defaultSecurityGroupId === group.id) {
      ctx.fail('CannotDelete', `the specified group: "${group.id}" name: "default" cannot be deleted by a user`);
    }
    const referenced = Object.values(ctx.state.securityGroups).some(
      (g) => g.id !== group.id && g.rules.some((r) => r.referencedGroupId === group.id),
    );
    const inUse = Object.values(ctx.state.instances).some((i) => isLive(i, ctx.now) && i.securityGroupIds.includes(group.id));
    if (referenced || inUse) ctx.fail('DependencyViolation', `resource ${group.id} has a dependent object`);
    for (const r of group.rules) delete ctx.state.tags[r.id];
    delete ctx.state.tags[group.id];
    groupRemoved(ctx.state, group);
    delete ctx.state.securityGroups[group.id];
    return { Return: true, GroupId: group.id };
  },
} satisfies OperationTable<Ec2State>;
