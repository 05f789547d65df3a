/**
 * `drift --unmanaged` for the EC2 kinds: resources in the stack's VPCs, or whose Name tag
 * (a security group: its name; a launch template, which has no VPC: its name) starts
 * with `<stack>-`, that carry no blogctl tags. Two filtered Describe calls per kind at
 * most (by VPC, by name), never a listing of the account. Left out, and said so under
 * --explain: what AWS makes with every VPC (its main route table, its default security
 * group), and instances an Auto Scaling group launched (its `aws:autoscaling:groupName`
 * tag: they are the group's, tagged by its launch template, not by blogctl); terminated
 * instances are not looked at.
 */
import {
  DescribeInstancesCommand, DescribeInternetGatewaysCommand, DescribeLaunchTemplatesCommand, DescribeRouteTablesCommand, DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand, DescribeVpcEndpointsCommand, DescribeVpcsCommand, EC2Client, type Filter,
} from '@aws-sdk/client-ec2';
import type { Kind } from '../../reconciler/types.ts';
import { classify, type Item, type UnmanagedFinder } from './classify.ts';

interface Ec2FinderOptions {
  /** The filter naming the VPC (none: the kind has no VPC, only its name is looked at). */
  readonly vpcFilter?: string;
  /** The filter matching the name; default the Name tag. */
  readonly nameFilter?: string;
  /** Added to both queries (an instance: only those not terminated). */
  readonly always?: readonly Filter[];
}

/** Runs `list` with the name filter and with the VPC filter (when the stack has a VPC), and sorts out what they return. */
function ec2Finder(kind: Kind, o: Ec2FinderOptions, list: (ec2: EC2Client, filters: Filter[]) => Promise<Item[]>): UnmanagedFinder {
  return async (scope, clients) => {
    const ec2 = clients.get(EC2Client);
    const always = o.always ?? [];
    const queries: Filter[][] = [[{ Name: o.nameFilter ?? 'tag:Name', Values: [`${scope.stack}-*`] }, ...always]];
    if (o.vpcFilter && scope.vpcIds.length > 0) queries.push([{ Name: o.vpcFilter, Values: [...scope.vpcIds] }, ...always]);
    return classify(kind, (await Promise.all(queries.map((q) => list(ec2, q)))).flat(), scope);
  };
}

/** What DescribeInstances still lists for a while after a terminate. */
const LIVE_STATES = ['pending', 'running', 'stopping', 'stopped'];

export const unmanagedEc2: { readonly [K in Kind]?: UnmanagedFinder } = {
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
  'ec2.instance': ec2Finder('ec2.instance', { vpcFilter: 'vpc-id', always: [{ Name: 'instance-state-name', Values: LIVE_STATES }] }, async (ec2, Filters) =>
    ((await ec2.send(new DescribeInstancesCommand({ Filters }))).Reservations ?? []).flatMap((r) => r.Instances ?? []).map((i) => {
      const group = i.Tags?.find((t) => t.Key === 'aws:autoscaling:groupName')?.Value;
      return {
        id: i.InstanceId!, tags: i.Tags, vpcId: i.VpcId,
        ...(group ? { leaveOut: `launched by the Auto Scaling group ${group}: the group is what is managed` } : {}),
      };
    })),
  'ec2.vpc-endpoint': ec2Finder('ec2.vpc-endpoint', { vpcFilter: 'vpc-id' }, async (ec2, Filters) =>
    ((await ec2.send(new DescribeVpcEndpointsCommand({ Filters }))).VpcEndpoints ?? []).map((e) => ({ id: e.VpcEndpointId!, tags: e.Tags, vpcId: e.VpcId }))),
  'ec2.launch-template': ec2Finder('ec2.launch-template', { nameFilter: 'launch-template-name' }, async (ec2, Filters) =>
    ((await ec2.send(new DescribeLaunchTemplatesCommand({ Filters }))).LaunchTemplates ?? []).map((t) => ({
      id: t.LaunchTemplateId!, tags: t.Tags, name: t.LaunchTemplateName,
    }))),
};
