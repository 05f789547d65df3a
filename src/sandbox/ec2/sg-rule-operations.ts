/**
 * AuthorizeSecurityGroupIngress/Egress, RevokeSecurityGroupIngress/Egress,
 * UpdateSecurityGroupRuleDescriptionsIngress/Egress and DescribeSecurityGroupRules.
 */
import type {
  AuthorizeSecurityGroupEgressCommandInput,
  AuthorizeSecurityGroupEgressCommandOutput,
  AuthorizeSecurityGroupIngressCommandInput,
  AuthorizeSecurityGroupIngressCommandOutput,
  DescribeSecurityGroupRulesCommandInput,
  DescribeSecurityGroupRulesCommandOutput,
  IpPermission,
  RevokedSecurityGroupRule,
  RevokeSecurityGroupEgressCommandInput,
  RevokeSecurityGroupEgressCommandOutput,
  RevokeSecurityGroupIngressCommandInput,
  RevokeSecurityGroupIngressCommandOutput,
  SecurityGroupRuleDescription,
  TagSpecification,
  UpdateSecurityGroupRuleDescriptionsEgressCommandInput,
  UpdateSecurityGroupRuleDescriptionsEgressCommandOutput,
  UpdateSecurityGroupRuleDescriptionsIngressCommandInput,
  UpdateSecurityGroupRuleDescriptionsIngressCommandOutput,
} from '@aws-sdk/client-ec2';
import type { OperationTable } from '../service.ts';
import { addTags, applyFilters, ec2Page, tagsFromSpecifications } from './query.ts';
import { checkIds, type Ec2Ctx, find, requireParam } from './resources.ts';
import {
  allRules,
  describeRule,
  newRule,
  renderPermissions,
  renderRule,
  RULES_PER_DIRECTION,
  rulesFromPermissions,
  sameRule,
} from './sg-rules.ts';
import type { Ec2State, SecurityGroupRec, SgRuleRec } from './state.ts';
import { groupNamed } from './lookups.ts';

type Out<T> = Omit<T, '$metadata'>;

interface AuthorizeInput {
  GroupId?: string | undefined;
  GroupName?: string | undefined;
  IpPermissions?: IpPermission[] | undefined;
  TagSpecifications?: TagSpecification[] | undefined;
  // The legacy single-rule form of ingress.
  CidrIp?: string | undefined;
  IpProtocol?: string | undefined;
  FromPort?: number | undefined;
  ToPort?: number | undefined;
}

/** The group by id, or by name in the default VPC (ingress only allows names). */
function groupOf(ctx: Ec2Ctx, input: { GroupId?: string | undefined; GroupName?: string | undefined }): SecurityGroupRec {
  if (input.GroupId === undefined && input.GroupName !== undefined) {
    const g = groupNamed(ctx.state, ctx.state.defaultVpcId, input.GroupName, true);
    if (!g) ctx.fail('InvalidGroup.NotFound', `The security group '${input.GroupName}' does not exist in default VPC '${ctx.state.defaultVpcId ?? 'none'}'`);
    return g;
  }
  return find(ctx, 'security-group', input.GroupId, 'groupId');
}

function permissionsOf(input: AuthorizeInput): IpPermission[] | undefined {
  if (input.IpPermissions !== undefined || input.CidrIp === undefined) return input.IpPermissions;
  return [{ IpProtocol: input.IpProtocol, FromPort: input.FromPort, ToPort: input.ToPort, IpRanges: [{ CidrIp: input.CidrIp }] }];
}

function authorize(ctx: Ec2Ctx, input: AuthorizeInput, egress: boolean) {
  const group = groupOf(ctx, input);
  const wanted = rulesFromPermissions(ctx, group, egress, permissionsOf(input));
  const tags = tagsFromSpecifications(ctx, input.TagSpecifications, 'security-group-rule');
  wanted.forEach((rule, i) => {
    if (group.rules.some((r) => sameRule(r, rule)) || wanted.slice(0, i).some((r) => sameRule(r, rule))) {
      ctx.fail('InvalidPermission.Duplicate', `the specified rule "${describeRule(rule)}" already exists`);
    }
  });
  if (group.rules.filter((r) => r.egress === egress).length + wanted.length > RULES_PER_DIRECTION) {
    ctx.fail('RulesPerSecurityGroupLimitExceeded', 'The maximum number of rules per security group has been reached.');
  }
  const created = wanted.map((rule) => newRule(ctx.ids, rule));
  group.rules.push(...created);
  for (const r of created) addTags(ctx, r.id, tags);
  return { Return: true, SecurityGroupRules: created.map((r) => renderRule(ctx, group, r)) };
}

interface RevokeInput extends AuthorizeInput {
  SecurityGroupRuleIds?: string[] | undefined;
}

function revoked(group: SecurityGroupRec, r: SgRuleRec): RevokedSecurityGroupRule {
  return {
    SecurityGroupRuleId: r.id,
    GroupId: group.id,
    IsEgress: r.egress,
    IpProtocol: r.protocol,
    FromPort: r.fromPort,
    ToPort: r.toPort,
    ...(r.cidrIpv4 !== null && { CidrIpv4: r.cidrIpv4 }),
    ...(r.cidrIpv6 !== null && { CidrIpv6: r.cidrIpv6 }),
    ...(r.prefixListId !== null && { PrefixListId: r.prefixListId }),
    ...(r.referencedGroupId !== null && { ReferencedSecurityGroupId: r.referencedGroupId }),
    ...(r.description !== null && { Description: r.description }),
  };
}

function revoke(ctx: Ec2Ctx, input: RevokeInput, egress: boolean) {
  const group = groupOf(ctx, input);
  let targets: SgRuleRec[];
  let unknown: SgRuleRec[] = [];
  if (input.SecurityGroupRuleIds !== undefined && input.SecurityGroupRuleIds.length > 0) {
    const ids = input.SecurityGroupRuleIds;
    checkIds(ctx, 'security-group-rule', ids, (id) => group.rules.some((r) => r.id === id && r.egress === egress));
    targets = group.rules.filter((r) => ids.includes(r.id));
  } else {
    const wanted = rulesFromPermissions(ctx, group, egress, permissionsOf(input));
    targets = group.rules.filter((r) => wanted.some((w) => sameRule(r, w)));
    const missing = wanted.filter((w) => !group.rules.some((r) => sameRule(r, w)));
    if (missing.length > 0 && group.vpcId !== ctx.state.defaultVpcId) {
      ctx.fail('InvalidPermission.NotFound', 'The specified rule does not exist in this security group.');
    }
    unknown = missing.map((m, i) => ({ id: `unknown-${i}`, ...m }));
  }
  group.rules = group.rules.filter((r) => !targets.includes(r));
  for (const r of targets) delete ctx.state.tags[r.id];
  return {
    Return: true,
    ...(unknown.length > 0 && { UnknownIpPermissions: renderPermissions(unknown, ctx.accountId) }),
    RevokedSecurityGroupRules: targets.map((r) => revoked(group, r)),
  };
}

interface DescribeInput extends AuthorizeInput {
  SecurityGroupRuleDescriptions?: SecurityGroupRuleDescription[] | undefined;
}

/** Sets (or, when absent, removes) descriptions of existing rules, named by id or by permission. */
function describeRules(ctx: Ec2Ctx, input: DescribeInput, egress: boolean) {
  const group = groupOf(ctx, input);
  const byId = input.SecurityGroupRuleDescriptions ?? [];
  if (byId.length > 0) {
    const ids = byId.map((d) => requireParam(ctx, d.SecurityGroupRuleId, 'securityGroupRuleId'));
    checkIds(ctx, 'security-group-rule', ids, (id) => group.rules.some((r) => r.id === id && r.egress === egress));
    for (const d of byId) group.rules.find((r) => r.id === d.SecurityGroupRuleId)!.description = d.Description || null;
    return { Return: true };
  }
  const wanted = rulesFromPermissions(ctx, group, egress, input.IpPermissions);
  const matches = wanted.map((w) => group.rules.find((r) => sameRule(r, w)));
  if (matches.some((m) => m === undefined)) ctx.fail('InvalidPermission.NotFound', 'The specified rule does not exist in this security group.');
  matches.forEach((m, i) => (m!.description = wanted[i]!.description || null));
  return { Return: true };
}

export const sgRuleOperations = {
  AuthorizeSecurityGroupIngress(input: AuthorizeSecurityGroupIngressCommandInput, ctx: Ec2Ctx): Out<AuthorizeSecurityGroupIngressCommandOutput> {
    return authorize(ctx, input, false);
  },
  AuthorizeSecurityGroupEgress(input: AuthorizeSecurityGroupEgressCommandInput, ctx: Ec2Ctx): Out<AuthorizeSecurityGroupEgressCommandOutput> {
    return authorize(ctx, { ...input, GroupId: requireGroupId(ctx, input.GroupId) }, true);
  },
  RevokeSecurityGroupIngress(input: RevokeSecurityGroupIngressCommandInput, ctx: Ec2Ctx): Out<RevokeSecurityGroupIngressCommandOutput> {
    return revoke(ctx, input, false);
  },
  RevokeSecurityGroupEgress(input: RevokeSecurityGroupEgressCommandInput, ctx: Ec2Ctx): Out<RevokeSecurityGroupEgressCommandOutput> {
    return revoke(ctx, { ...input, GroupId: requireGroupId(ctx, input.GroupId) }, true);
  },

  UpdateSecurityGroupRuleDescriptionsIngress(
    input: UpdateSecurityGroupRuleDescriptionsIngressCommandInput, ctx: Ec2Ctx,
  ): Out<UpdateSecurityGroupRuleDescriptionsIngressCommandOutput> {
    return describeRules(ctx, input, false);
  },
  UpdateSecurityGroupRuleDescriptionsEgress(
    input: UpdateSecurityGroupRuleDescriptionsEgressCommandInput, ctx: Ec2Ctx,
  ): Out<UpdateSecurityGroupRuleDescriptionsEgressCommandOutput> {
    return describeRules(ctx, input, true);
  },

  DescribeSecurityGroupRules(input: DescribeSecurityGroupRulesCommandInput, ctx: Ec2Ctx): Out<DescribeSecurityGroupRulesCommandOutput> {
    let rules = allRules(ctx.state);
    if (input.SecurityGroupRuleIds !== undefined && input.SecurityGroupRuleIds.length > 0) {
      const ids = input.SecurityGroupRuleIds;
      checkIds(ctx, 'security-group-rule', ids, (id) => rules.some((x) => x.rule.id === id));
      rules = rules.filter((x) => ids.includes(x.rule.id));
    }
    const matched = applyFilters(ctx, rules, input.Filters, {
      'group-id': (x) => x.group.id,
      'security-group-rule-id': (x) => x.rule.id,
    }, (x) => x.rule.id);
    const page = ec2Page(ctx, matched, (x) => x.rule.id, input);
    return { SecurityGroupRules: page.items.map((x) => renderRule(ctx, x.group, x.rule)), NextToken: page.NextToken };
  },
} satisfies OperationTable<Ec2State>;

function requireGroupId(ctx: Ec2Ctx, id: string | undefined): string {
  if (id === undefined) ctx.fail('MissingParameter', 'The request must contain the parameter groupId');
  return id;
}
