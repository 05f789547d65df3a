/**
 * Reading Auto Scaling groups: one DescribeAutoScalingGroups with the stack's tag filter
 * (paged) gives every group with its instances and tags. Groups AWS is deleting count
 * only while their delete is being confirmed.
 */
import { AutoScalingClient, paginateDescribeAutoScalingGroups, type AutoScalingGroup, type Filter } from '@aws-sdk/client-auto-scaling';
import { TAG } from '../../reconciler/types.ts';

export interface GroupInstance {
  readonly instanceId: string;
  readonly launchTemplateId: string | undefined;
  /** The launch template version it was launched from (a number). */
  readonly version: string | undefined;
  readonly lifecycleState: string;
}

export interface ObservedGroup {
  readonly autoScalingGroupName: string;
  readonly arn: string;
  readonly launchTemplate: { readonly launchTemplateId: string; readonly version: string };
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredCapacity: number;
  readonly subnetIds: string[];
  readonly targetGroupArns: string[];
  readonly healthCheckType: string;
  readonly healthCheckGracePeriod: number;
  readonly defaultCooldown: number;
  readonly terminationPolicies: string[];
  readonly capacityRebalance: boolean;
  readonly instances: GroupInstance[];
  /** AWS is deleting it ("Delete in progress"). */
  readonly deleting: boolean;
  readonly tags: Record<string, string>;
}

export function fromAws(g: AutoScalingGroup): ObservedGroup {
  return {
    autoScalingGroupName: g.AutoScalingGroupName!,
    arn: g.AutoScalingGroupARN!,
    launchTemplate: { launchTemplateId: g.LaunchTemplate?.LaunchTemplateId ?? '', version: g.LaunchTemplate?.Version ?? '$Default' },
    minSize: g.MinSize ?? 0,
    maxSize: g.MaxSize ?? 0,
    desiredCapacity: g.DesiredCapacity ?? 0,
    subnetIds: (g.VPCZoneIdentifier ?? '').split(',').map((s) => s.trim()).filter(Boolean).sort(),
    targetGroupArns: [...(g.TargetGroupARNs ?? [])].sort(),
    healthCheckType: g.HealthCheckType ?? 'EC2',
    healthCheckGracePeriod: g.HealthCheckGracePeriod ?? 0,
    defaultCooldown: g.DefaultCooldown ?? 300,
    terminationPolicies: [...(g.TerminationPolicies ?? ['Default'])],
    capacityRebalance: g.CapacityRebalance ?? false,
    instances: (g.Instances ?? []).map((i) => ({
      instanceId: i.InstanceId!, launchTemplateId: i.LaunchTemplate?.LaunchTemplateId, version: i.LaunchTemplate?.Version, lifecycleState: i.LifecycleState ?? 'Pending',
    })),
    deleting: g.Status === 'Delete in progress',
    tags: Object.fromEntries((g.Tags ?? []).filter((t) => t.Key !== undefined).map((t) => [t.Key!, t.Value ?? ''])),
  };
}

export async function describeGroups(asg: AutoScalingClient, input: { Filters?: Filter[]; AutoScalingGroupNames?: string[] }): Promise<ObservedGroup[]> {
  const out: ObservedGroup[] = [];
  for await (const page of paginateDescribeAutoScalingGroups({ client: asg }, input)) out.push(...(page.AutoScalingGroups ?? []).map(fromAws));
  return out;
}

/** Every group carrying the stack's tag. */
export const stackGroups = (asg: AutoScalingClient, stack: string): Promise<ObservedGroup[]> =>
  describeGroups(asg, { Filters: [{ Name: `tag:${TAG.stack}`, Values: [stack] }] });

/** Instances that count: not leaving the group. */
export const serving = (g: ObservedGroup): GroupInstance[] => g.instances.filter((i) => !/^Terminating|^Detach|^EnteringStandby|^Standby/.test(i.lifecycleState));
