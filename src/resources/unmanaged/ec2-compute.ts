/**
 * `drift --unmanaged` for the EC2 kinds besides the network: instances and S3/interface
 * endpoints in the stack's VPCs or named `<stack>-*`, and launch templates named
 * `<stack>-*` (they have no VPC). Instances an Auto Scaling group launched carry its
 * `aws:autoscaling:groupName` tag: they are the group's (its launch template tags them,
 * not blogctl), so they are only explained; terminated ones are not looked at.
 */
import { DescribeInstancesCommand, DescribeLaunchTemplatesCommand, DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import type { Kind } from '../../reconciler/types.ts';
import { ec2Finder, type UnmanagedFinder } from './ec2-network.ts';

/** What DescribeInstances still lists for a while after a terminate. */
const LIVE_STATES = ['pending', 'running', 'stopping', 'stopped'];

export const unmanagedEc2Compute: { readonly [K in Kind]?: UnmanagedFinder } = {
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
