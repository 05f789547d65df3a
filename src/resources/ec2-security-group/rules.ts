/**
 * The AWS side of security group rules: reading every rule of the stack's groups in one
 * DescribeSecurityGroupRules call, and bringing one direction of one group to the
 * desired set (authorize what is new, update descriptions in place, revoke the rest).
 */
import {
  AuthorizeSecurityGroupEgressCommand, AuthorizeSecurityGroupIngressCommand, type EC2Client, paginateDescribeSecurityGroupRules,
  RevokeSecurityGroupEgressCommand, RevokeSecurityGroupIngressCommand, UpdateSecurityGroupRuleDescriptionsEgressCommand,
  UpdateSecurityGroupRuleDescriptionsIngressCommand, type IpPermission,
} from '@aws-sdk/client-ec2';
import {
  ruleDelta, ruleFromAws, toIpPermission, type Direction, type ObservedRule, type Rule,
} from '../normalize/security-group-rules.ts';

export interface GroupRules {
  readonly ingress: ObservedRule[];
  readonly egress: ObservedRule[];
}

/** AWS takes at most 200 values per filter. */
const FILTER_VALUES = 200;

/** Every rule of these groups, by group id: one paginated call per 200 groups. */
export async function describeRules(ec2: EC2Client, groupIds: readonly string[]): Promise<Map<string, GroupRules>> {
  const byGroup = new Map<string, GroupRules>(groupIds.map((id) => [id, { ingress: [], egress: [] }]));
  for (let i = 0; i < groupIds.length; i += FILTER_VALUES) {
    const Filters = [{ Name: 'group-id', Values: groupIds.slice(i, i + FILTER_VALUES) }];
    for await (const page of paginateDescribeSecurityGroupRules({ client: ec2 }, { Filters }))
      for (const r of page.SecurityGroupRules ?? []) {
        const rules = byGroup.get(r.GroupId!);
        rules?.[r.IsEgress ? 'egress' : 'ingress'].push(ruleFromAws(r));
      }
  }
  return byGroup;
}

type RuleCall =
  | { op: 'authorize' | 'revoke'; input: { GroupId: string; IpPermissions?: IpPermission[]; SecurityGroupRuleIds?: string[] } }
  | { op: 'describe'; input: { GroupId: string; IpPermissions: IpPermission[] } };

/** The Ingress or Egress flavour of each rule operation. */
function send(ec2: EC2Client, direction: Direction, call: RuleCall): Promise<unknown> {
  const ingress = direction === 'ingress';
  switch (call.op) {
    case 'authorize':
      return ingress ? ec2.send(new AuthorizeSecurityGroupIngressCommand(call.input)) : ec2.send(new AuthorizeSecurityGroupEgressCommand(call.input));
    case 'revoke':
      return ingress ? ec2.send(new RevokeSecurityGroupIngressCommand(call.input)) : ec2.send(new RevokeSecurityGroupEgressCommand(call.input));
    case 'describe':
      return ingress
        ? ec2.send(new UpdateSecurityGroupRuleDescriptionsIngressCommand(call.input))
        : ec2.send(new UpdateSecurityGroupRuleDescriptionsEgressCommand(call.input));
  }
}

/**
 * Brings one direction of a group to `desired`. New rules are authorized before old
 * ones are revoked, so a changed rule never leaves a moment without access. A changed
 * description is updated in place (the rule keeps its id and never stops applying),
 * all of a direction's in one call.
 * Rules are revoked by id when observe saw them, by their permission otherwise (right
 * after create, the default egress rule).
 */
export async function syncRules(
  ec2: EC2Client, groupId: string, direction: Direction, desired: readonly Rule[], observed: readonly ObservedRule[],
): Promise<void> {
  const { add, remove, describe } = ruleDelta(desired, observed);
  if (add.length > 0) await send(ec2, direction, { op: 'authorize', input: { GroupId: groupId, IpPermissions: add.map(toIpPermission) } });
  // The IpPermissions form (one rule, its new description; none removes it) works on
  // every EC2 endpoint; moto ignores the SecurityGroupRuleDescriptions (by id) form.
  if (describe.length > 0) {
    const IpPermissions = describe.map(({ rule, description }) => toIpPermission({ ...rule, description }));
    await send(ec2, direction, { op: 'describe', input: { GroupId: groupId, IpPermissions } });
  }
  const byId = remove.filter((r) => r.ruleId !== undefined);
  const byPermission = remove.filter((r) => r.ruleId === undefined);
  if (byId.length > 0) await send(ec2, direction, { op: 'revoke', input: { GroupId: groupId, SecurityGroupRuleIds: byId.map((r) => r.ruleId!) } });
  if (byPermission.length > 0) {
    const IpPermissions = byPermission.map((r) => toIpPermission({ ...r, description: undefined }));
    await send(ec2, direction, { op: 'revoke', input: { GroupId: groupId, IpPermissions } });
  }
}
