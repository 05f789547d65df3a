/**
 * `drift --unmanaged` for the EC2 network kinds: resources in the stack's VPCs, or whose
 * Name tag (a security group: its name) starts with `<stack>-`, that carry no blogctl
 * tags. Two filtered Describe calls per kind at most (by VPC, by name), never a listing
 * of the account. What AWS makes with every VPC (its main route table, its default
 * security group) is left out, and said so under --explain.
 */
import {
  DescribeInternetGatewaysCommand, DescribeRouteTablesCommand, DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand,
  EC2Client, type Filter, type Tag,
} from '@aws-sdk/client-ec2';
import type { Ignored, UnmanagedResource } from '../../reconciler/drift.ts';
import type { ClientProvider, Kind } from '../../reconciler/types.ts';
import { TAG } from '../../reconciler/types.ts';

export interface UnmanagedScope {
  readonly stack: string;
  /** The stack's VPCs (observed ec2.vpc resources). */
  readonly vpcIds: readonly string[];
}

export interface UnmanagedFound {
  readonly found: UnmanagedResource[];
  readonly ignored: Ignored[];
}

export type UnmanagedFinder = (scope: UnmanagedScope, clients: ClientProvider) => Promise<UnmanagedFound>;

export interface Item {
  readonly id: string;
  readonly tags: readonly Tag[] | undefined;
  readonly vpcId?: string;
  readonly name?: string;
  /** Not unmanaged, only explained (AWS made it with the VPC, an Auto Scaling group launched it): the reason. */
  readonly leaveOut?: string;
}

const tagOf = (tags: readonly Tag[] | undefined, key: string) => tags?.find((t) => t.Key === key)?.Value;

export interface Ec2FinderOptions {
  /** The filter naming the VPC (none: the kind has no VPC, only its name is looked at). */
  readonly vpcFilter?: string;
  /** The filter matching the name; default the Name tag. */
  readonly nameFilter?: string;
  /** Added to both queries (an instance: only those not terminated). */
  readonly always?: readonly Filter[];
}

/** Runs `list` with the VPC filter and with the name filter (each only when it can match), merges by id, and sorts what it finds. */
export function ec2Finder(kind: Kind, o: Ec2FinderOptions, list: (ec2: EC2Client, filters: Filter[]) => Promise<Item[]>): UnmanagedFinder {
  return async (scope, clients) => {
    const ec2 = clients.get(EC2Client);
    const prefix = `${scope.stack}-*`;
    const always = o.always ?? [];
    const queries: Filter[][] = [[{ Name: o.nameFilter ?? 'tag:Name', Values: [prefix] }, ...always]];
    if (o.vpcFilter && scope.vpcIds.length > 0) queries.push([{ Name: o.vpcFilter, Values: [...scope.vpcIds] }, ...always]);
    const byId = new Map<string, Item>();
    for (const items of await Promise.all(queries.map((q) => list(ec2, q)))) for (const item of items) byId.set(item.id, item);
    const out: UnmanagedFound = { found: [], ignored: [] };
    for (const item of [...byId.values()].sort((a, b) => a.id.localeCompare(b.id))) {
      const stack = tagOf(item.tags, TAG.stack);
      if (stack === scope.stack) continue;
      if (stack !== undefined) {
        out.ignored.push({ kind, physicalId: item.id, reason: `managed by blogctl stack "${stack}"` });
        continue;
      }
      if (item.leaveOut) {
        out.ignored.push({ kind, physicalId: item.id, reason: item.leaveOut });
        continue;
      }
      const name = item.name ?? tagOf(item.tags, 'Name');
      const why = item.vpcId && scope.vpcIds.includes(item.vpcId) ? `in the stack's VPC ${item.vpcId}` : `its name starts with ${scope.stack}-`;
      out.found.push({ kind, physicalId: item.id, why, ...(name ? { name } : {}) });
    }
    return out;
  };
}

export const unmanagedEc2Network: { readonly [K in Kind]?: UnmanagedFinder } = {
  'ec2.vpc': ec2Finder('ec2.vpc', {}, async (ec2, Filters) =>
    ((await ec2.send(new DescribeVpcsCommand({ Filters }))).Vpcs ?? []).map((v) => ({ id: v.VpcId!, tags: v.Tags, vpcId: v.VpcId }))),
  'ec2.subnet': ec2Finder('ec2.subnet', { vpcFilter: 'vpc-id' }, async (ec2, Filters) =>
    ((await ec2.send(new DescribeSubnetsCommand({ Filters }))).Subnets ?? []).map((s) => ({ id: s.SubnetId!, tags: s.Tags, vpcId: s.VpcId }))),
  'ec2.internet-gateway': ec2Finder('ec2.internet-gateway', { vpcFilter: 'attachment.vpc-id' }, async (ec2, Filters) =>
    ((await ec2.send(new DescribeInternetGatewaysCommand({ Filters }))).InternetGateways ?? []).map((g) => ({ id: g.InternetGatewayId!, tags: g.Tags, vpcId: g.Attachments?.[0]?.VpcId }))),
  'ec2.route-table': ec2Finder('ec2.route-table', { vpcFilter: 'vpc-id' }, async (ec2, Filters) =>
    ((await ec2.send(new DescribeRouteTablesCommand({ Filters }))).RouteTables ?? []).map((t) => ({
      id: t.RouteTableId!, tags: t.Tags, vpcId: t.VpcId,
      ...(t.Associations?.some((a) => a.Main) ? { leaveOut: 'the main route table AWS makes with the VPC' } : {}),
    }))),
  'ec2.security-group': ec2Finder('ec2.security-group', { vpcFilter: 'vpc-id', nameFilter: 'group-name' }, async (ec2, Filters) =>
    ((await ec2.send(new DescribeSecurityGroupsCommand({ Filters }))).SecurityGroups ?? []).map((g) => ({
      id: g.GroupId!, tags: g.Tags, vpcId: g.VpcId, name: g.GroupName,
      ...(g.GroupName === 'default' ? { leaveOut: 'the default security group AWS makes with the VPC' } : {}),
    }))),
};
