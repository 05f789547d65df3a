/**
 * ec2.security-group's adapter. Rules cannot carry identity tags: they are part of the
 * group, compared as a set (src/resources/normalize/security-group-rules.ts).
 */
import {
  CreateSecurityGroupCommand, DeleteSecurityGroupCommand, EC2Client, paginateDescribeSecurityGroups, type Filter, type SecurityGroup,
} from '@aws-sdk/client-ec2';
import { KNOWN_AFTER_APPLY, type DesiredOf, type ObserveRequest, type Observation, type ResourceAdapter } from '../../reconciler/types.ts';
import { goneIsFine } from '../aws-errors.ts';
import { fromEc2Tags, logicalIdOf, markCreated, stackFilter, syncEc2Tags, tagSpecifications } from '../ec2/tags.ts';
import { diffFields } from '../normalize/compare.ts';
import { canonicalRule, DEFAULT_EGRESS, diffRules, rulesFromIpPermissions, type ObservedRule } from '../normalize/security-group-rules.ts';
import { diffTags } from '../normalize/tags.ts';
import { syncRules } from './rules.ts';
import { securityGroupProperties } from './schema.ts';

type Desired = DesiredOf<typeof securityGroupProperties>;

export interface ObservedSecurityGroup {
  readonly groupId: string;
  readonly arn: string;
  readonly vpcId: string;
  readonly groupName: string;
  readonly description: string;
  readonly ingress: readonly ObservedRule[];
  readonly egress: readonly ObservedRule[];
  readonly tags: Record<string, string>;
}

const groupArn = (region: string, g: SecurityGroup) => g.SecurityGroupArn ?? `arn:aws:ec2:${region}:${g.OwnerId ?? ''}:security-group/${g.GroupId}`;

async function describeGroups(ec2: EC2Client, Filters: Filter[]): Promise<SecurityGroup[]> {
  const groups: SecurityGroup[] = [];
  for await (const page of paginateDescribeSecurityGroups({ client: ec2 }, { Filters })) groups.push(...(page.SecurityGroups ?? []));
  return groups;
}

/** Known now: a literal id, not a reference to something not created yet. */
const known = (v: string | undefined): v is string => typeof v === 'string' && v !== '' && !v.includes(KNOWN_AFTER_APPLY);

/**
 * Groups with a requested groupName in the requested VPC, not found by our tags: adoption
 * candidates (returned with their own tags, which lack our blogctl:stack). Asked only
 * when such requests exist, in one call.
 */
async function adoptionCandidates(ec2: EC2Client, missing: readonly ObserveRequest<Desired>[]): Promise<Map<string, SecurityGroup>> {
  const wanted = missing.flatMap((r) =>
    r.desired && known(r.desired.vpcId) && r.desired.vpcId.startsWith('vpc-') && known(r.desired.groupName) ? [{ id: r.id, desired: r.desired }] : [],
  );
  if (wanted.length === 0) return new Map();
  const groups = await describeGroups(ec2, [
    { Name: 'vpc-id', Values: [...new Set(wanted.map((r) => r.desired.vpcId))] },
    { Name: 'group-name', Values: [...new Set(wanted.map((r) => r.desired.groupName))] },
  ]);
  const found = new Map<string, SecurityGroup>();
  for (const r of wanted) {
    const g = groups.find((x) => x.VpcId === r.desired.vpcId && x.GroupName === r.desired.groupName);
    if (g) found.set(r.id, g);
  }
  return found;
}

export const securityGroupAdapter: ResourceAdapter<'ec2.security-group', Desired, ObservedSecurityGroup> = {
  kind: 'ec2.security-group',
  replaceOn: ['vpcId', 'groupName', 'description'],
  // A group name is unique in its VPC and AWS cannot rename a group or change its
  // description: for a description change (same name, same VPC) create-before-delete
  // can only fail with InvalidGroup.Duplicate. The old group goes first; while anything
  // still uses it, AWS refuses (DependencyViolation), the replace fails before creating
  // anything, and the old group stays intact.
  replaceOrder: 'delete-before-create',

  async observe(requests, ctx) {
    const ec2 = ctx.clients.get(EC2Client);
    // Every group carrying our tags, each once (two carrying one id are duplicates the plan reports).
    const ours: [string, SecurityGroup][] = [];
    for (const g of await describeGroups(ec2, stackFilter(ctx.stack))) {
      const id = logicalIdOf(fromEc2Tags(g.Tags));
      if (id) ours.push([id, g]);
    }
    const found = new Set(ours.map(([id]) => id));
    const taken = new Set(ours.map(([, g]) => g.GroupId));
    for (const [id, g] of await adoptionCandidates(ec2, requests.filter((r) => !found.has(r.id))))
      if (!taken.has(g.GroupId)) ours.push([id, g]);
    // The rules come with the groups (IpPermissions): no DescribeSecurityGroupRules call.
    return ours.map(([id, g]): Observation<ObservedSecurityGroup> => {
      const tags = fromEc2Tags(g.Tags);
      const state = {
        groupId: g.GroupId!, arn: groupArn(ctx.region, g), vpcId: g.VpcId!, groupName: g.GroupName!, description: g.Description ?? '',
        ingress: rulesFromIpPermissions(g.IpPermissions), egress: rulesFromIpPermissions(g.IpPermissionsEgress), tags,
      };
      return { id, state, tags };
    });
  },

  diff: (desired, observed, explain) => [
    ...diffFields(desired, observed, ['vpcId', 'groupName', 'description']),
    ...diffRules('ingress', desired.ingress, observed.ingress, explain),
    ...diffRules('egress', desired.egress, observed.egress, explain),
    ...diffTags(desired.tags, observed.tags, explain),
  ],

  async create(id, desired, ctx) {
    const ec2 = ctx.clients.get(EC2Client);
    const identity = ctx.identityTags(id);
    const out = await ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: desired.groupName,
        Description: desired.description,
        VpcId: desired.vpcId,
        TagSpecifications: tagSpecifications('security-group', desired.tags, ctx.identityTags(id, 'creating')),
      }),
    );
    const groupId = out.GroupId!;
    // AWS gives every new group the all-traffic egress rule; the spec's egress decides.
    // A failure below leaves a group tagged "creating": the next reconcile finds it and fixes its rules.
    await syncRules(ec2, groupId, 'egress', desired.egress, [DEFAULT_EGRESS]);
    await syncRules(ec2, groupId, 'ingress', desired.ingress, []);
    await markCreated(ec2, groupId, identity);
    return {
      groupId,
      arn: out.SecurityGroupArn ?? `arn:aws:ec2:${ctx.region}::security-group/${groupId}`,
      vpcId: desired.vpcId,
      groupName: desired.groupName,
      description: desired.description,
      ingress: desired.ingress.map(canonicalRule),
      egress: desired.egress.map(canonicalRule),
      tags: { ...(desired.tags ?? {}), ...identity },
    };
  },

  async update(id, desired, observed, _changes, ctx) {
    const ec2 = ctx.clients.get(EC2Client);
    await syncRules(ec2, observed.groupId, 'ingress', desired.ingress, observed.ingress);
    await syncRules(ec2, observed.groupId, 'egress', desired.egress, observed.egress);
    const identity = ctx.identityTags(id);
    await syncEc2Tags(ec2, observed.groupId, desired.tags, observed.tags, identity);
    return {
      ...observed,
      ingress: desired.ingress.map(canonicalRule),
      egress: desired.egress.map(canonicalRule),
      tags: { ...(desired.tags ?? {}), ...identity },
    };
  },

  // DependencyViolation (an instance or another group still uses it) is AWS's answer to
  // report, not to retry: the caller sees it as this resource's failure.
  delete: (observed, ctx) => goneIsFine(() => ctx.clients.get(EC2Client).send(new DeleteSecurityGroupCommand({ GroupId: observed.groupId }))),

  outputs: (o) => ({ id: o.groupId, arn: o.arn, groupName: o.groupName }),
};

