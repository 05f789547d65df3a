/**
 * ec2.vpc-endpoint: a VPC endpoint, e.g. the S3 gateway endpoint of the private route
 * table. A Gateway endpoint's routes (to the service's prefix list) are AWS's doing and
 * belong to it: ec2.route-table leaves them out (normalize/routes.ts).
 */
import { CreateVpcEndpointCommand, DeleteVpcEndpointsCommand, EC2Client, ModifyVpcEndpointCommand, paginateDescribeVpcEndpoints, type VpcEndpoint } from '@aws-sdk/client-ec2';
import type { DesiredOf, FieldChange, Observation, ResourceAdapter } from '../../reconciler/types.ts';
import { isNotFound } from '../aws-errors.ts';
import { fromEc2Tags, stackFilter, syncEc2Tags, tagged, tagSpecifications } from '../ec2/tags.ts';
import { diffFields, diffIdSet } from '../normalize/compare.ts';
import { canonicalPolicy, diffPolicy, parsePolicy } from '../normalize/policy.ts';
import { diffTags } from '../normalize/tags.ts';
import { vpcEndpointProperties } from './schema.ts';
type Desired = DesiredOf<typeof vpcEndpointProperties>;

export interface ObservedVpcEndpoint {
  readonly vpcEndpointId: string;
  readonly arn: string;
  readonly vpcId: string;
  readonly serviceName: string;
  readonly vpcEndpointType: string;
  readonly routeTableIds: string[];
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
  readonly privateDnsEnabled: boolean;
  /** The endpoint policy as a document (AWS sends JSON text). */
  readonly policy: Record<string, unknown> | undefined;
  /** AWS's state, lower-cased: available, pending, deleting... */
  readonly state: string;
  readonly tags: Record<string, string>;
}

/** What AWS gives an endpoint created without a policy: everything, to anyone, through it. */
const FULL_ACCESS = { Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] };

/** Is the policy AWS's default full access (whatever Version it carries)? */
const isFullAccess = (policy: unknown): boolean =>
  policy === undefined || JSON.stringify(canonicalPolicy(policy).Statement) === JSON.stringify(canonicalPolicy(FULL_ACCESS).Statement);

const GONE = new Set(['deleted', 'rejected', 'failed', 'expired']);

const fromAws = (e: VpcEndpoint, region: string): ObservedVpcEndpoint => ({
  vpcEndpointId: e.VpcEndpointId!,
  arn: `arn:aws:ec2:${region}:${e.OwnerId ?? ''}:vpc-endpoint/${e.VpcEndpointId!}`,
  vpcId: e.VpcId!,
  serviceName: e.ServiceName!,
  vpcEndpointType: e.VpcEndpointType ?? 'Gateway',
  routeTableIds: [...(e.RouteTableIds ?? [])].sort(),
  subnetIds: [...(e.SubnetIds ?? [])].sort(),
  securityGroupIds: (e.Groups ?? []).map((g) => g.GroupId!).sort(),
  privateDnsEnabled: e.PrivateDnsEnabled ?? false,
  policy: e.PolicyDocument ? parsePolicy(e.PolicyDocument) : undefined,
  state: String(e.State ?? 'available').toLowerCase(),
  tags: fromEc2Tags(e.Tags),
});

/** The ModifyVpcEndpoint lists that take `observed` to `desired`. */
function delta(desired: readonly string[], observed: readonly string[]): { add: string[]; remove: string[] } {
  return { add: desired.filter((x) => !observed.includes(x)), remove: observed.filter((x) => !desired.includes(x)) };
}

const isInterface = (type: string): boolean => type !== 'Gateway';

export const vpcEndpointAdapter: ResourceAdapter<'ec2.vpc-endpoint', Desired, ObservedVpcEndpoint> = {
  kind: 'ec2.vpc-endpoint',
  replaceOn: ['vpcId', 'serviceName', 'vpcEndpointType'],
  // Another service, VPC or type: the new endpoint's routes and addresses do not clash with the old one's.
  replaceOrder: 'create-before-delete',
  timeouts: { create: 10 * 60_000, delete: 10 * 60_000 },

  async observe(requests, ctx) {
    // An endpoint being deleted counts only while its delete is being confirmed.
    const confirming = new Set(requests.map((r) => r.last?.vpcEndpointId).filter(Boolean));
    const found: Observation<ObservedVpcEndpoint>[] = [];
    for await (const page of paginateDescribeVpcEndpoints({ client: ctx.clients.get(EC2Client) }, { Filters: stackFilter(ctx.stack) }))
      for (const e of page.VpcEndpoints ?? []) {
        const state = fromAws(e, ctx.region);
        if (GONE.has(state.state) || (state.state === 'deleting' && !confirming.has(state.vpcEndpointId))) continue;
        const o = tagged(state);
        if (o) found.push(o);
      }
    return found;
  },

  diff(desired, observed, explain) {
    const policy: FieldChange[] = desired.policy !== undefined
      ? diffPolicy('policy', desired.policy, observed.policy, explain)
      : isFullAccess(observed.policy) ? [] : [{ path: 'policy', from: observed.policy, to: undefined }];
    return [
      ...diffFields(desired, observed, ['vpcId', 'serviceName', 'vpcEndpointType']),
      ...diffIdSet('routeTableIds', desired.routeTableIds, observed.routeTableIds),
      ...diffIdSet('subnetIds', desired.subnetIds, observed.subnetIds),
      ...diffIdSet('securityGroupIds', desired.securityGroupIds, observed.securityGroupIds),
      ...(isInterface(desired.vpcEndpointType) ? diffFields(desired, observed, ['privateDnsEnabled']) : []),
      ...policy,
      ...diffTags(desired.tags, observed.tags, explain),
    ];
  },

  async create(id, desired, ctx) {
    const iface = isInterface(desired.vpcEndpointType);
    const out = await ctx.clients.get(EC2Client).send(new CreateVpcEndpointCommand({
      VpcId: desired.vpcId,
      ServiceName: desired.serviceName,
      VpcEndpointType: desired.vpcEndpointType,
      ...(iface
        ? { SubnetIds: desired.subnetIds, SecurityGroupIds: desired.securityGroupIds, PrivateDnsEnabled: desired.privateDnsEnabled }
        : { RouteTableIds: desired.routeTableIds }),
      ...(desired.policy !== undefined && { PolicyDocument: JSON.stringify(desired.policy) }),
      // One call: the final identity tags at once. No ClientToken: EC2 would answer a
      // repeated one with the first endpoint even once it is deleted.
      TagSpecifications: tagSpecifications('vpc-endpoint', desired.tags, ctx.identityTags(id)),
    }));
    return fromAws({ ...out.VpcEndpoint!, Tags: tagSpecifications('vpc-endpoint', desired.tags, ctx.identityTags(id))[0]!.Tags }, ctx.region);
  },

  async update(id, desired, observed, changes, ctx) {
    const ec2 = ctx.clients.get(EC2Client);
    const tables = delta(desired.routeTableIds, observed.routeTableIds);
    const subnets = delta(desired.subnetIds, observed.subnetIds);
    const groups = delta(desired.securityGroupIds, observed.securityGroupIds);
    const policyChanged = changes.some((c) => c.path === 'policy' || c.path.startsWith('policy.'));
    const dns = isInterface(desired.vpcEndpointType) && changes.some((c) => c.path === 'privateDnsEnabled');
    if ([tables, subnets, groups].some((d) => d.add.length + d.remove.length > 0) || policyChanged || dns)
      await ec2.send(new ModifyVpcEndpointCommand({
        VpcEndpointId: observed.vpcEndpointId,
        ...(tables.add.length > 0 && { AddRouteTableIds: tables.add }),
        ...(tables.remove.length > 0 && { RemoveRouteTableIds: tables.remove }),
        ...(subnets.add.length > 0 && { AddSubnetIds: subnets.add }),
        ...(subnets.remove.length > 0 && { RemoveSubnetIds: subnets.remove }),
        ...(groups.add.length > 0 && { AddSecurityGroupIds: groups.add }),
        ...(groups.remove.length > 0 && { RemoveSecurityGroupIds: groups.remove }),
        ...(policyChanged && (desired.policy !== undefined ? { PolicyDocument: JSON.stringify(desired.policy) } : { ResetPolicy: true })),
        ...(dns && { PrivateDnsEnabled: desired.privateDnsEnabled }),
      }));
    const identity = ctx.identityTags(id);
    await syncEc2Tags(ec2, observed.vpcEndpointId, desired.tags, observed.tags, identity);
    return {
      ...observed,
      routeTableIds: [...desired.routeTableIds].sort(), subnetIds: [...desired.subnetIds].sort(), securityGroupIds: [...desired.securityGroupIds].sort(),
      privateDnsEnabled: dns ? desired.privateDnsEnabled ?? false : observed.privateDnsEnabled,
      policy: policyChanged ? (desired.policy as Record<string, unknown> | undefined) : observed.policy,
      tags: { ...(desired.tags ?? {}), ...identity },
    };
  },

  async delete(observed, ctx) {
    let out;
    try {
      out = await ctx.clients.get(EC2Client).send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [observed.vpcEndpointId] }));
    } catch (err) {
      if (isNotFound(err)) return 'deleted'; // already gone (or, on moto, its routes already gone with it)
      throw err;
    }
    const failed = (out.Unsuccessful ?? []).find((u) => !isNotFound({ name: u.Error?.Code }));
    if (failed) throw Object.assign(new Error(failed.Error?.Message ?? 'DeleteVpcEndpoints failed'), { name: failed.Error?.Code ?? 'Unsuccessful' });
    // Interface endpoints take their network interfaces away over minutes; gateway ones go at once.
    return isInterface(observed.vpcEndpointType) ? 'deleting' : 'deleted';
  },

  outputs: (o) => ({ id: o.vpcEndpointId, arn: o.arn }),
};
