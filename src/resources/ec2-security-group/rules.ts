/**
 * The AWS side of security group rules: bringing one direction of one group to the
 * desired set (authorize what is new, update descriptions in place, revoke the rest).
 * Reading them needs no call of its own: DescribeSecurityGroups gives each group's
 * IpPermissions, one rule per peer once normalised (normalize/security-group-rules.ts).
 */
import {
  AuthorizeSecurityGroupEgressCommand, AuthorizeSecurityGroupIngressCommand, type EC2Client,
  RevokeSecurityGroupEgressCommand, RevokeSecurityGroupIngressCommand, UpdateSecurityGroupRuleDescriptionsEgressCommand,
  UpdateSecurityGroupRuleDescriptionsIngressCommand, type IpPermission,
} from '@aws-sdk/client-ec2';
import { ruleDelta, toIpPermission, type Direction, type ObservedRule, type Rule } from '../normalize/security-group-rules.ts';

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
