/**
 * Groups as Auto Scaling shows them: DescribeAutoScalingGroups (names, tag filters,
 * MaxRecords/NextToken) and DescribeAutoScalingInstances, with the simulated instances
 * and their lifecycle states.
 */
import type {
  AutoScalingGroup,
  DescribeAutoScalingGroupsCommandInput,
  DescribeAutoScalingGroupsCommandOutput,
  DescribeAutoScalingInstancesCommandInput,
  DescribeAutoScalingInstancesCommandOutput,
  Instance,
} from '@aws-sdk/client-auto-scaling';
import type { OperationTable } from '../service.ts';
import { lifecycleState, settleGroups } from './capacity.ts';
import { asgPage } from './errors.ts';
import type { AsgCtx, AsgInstanceRec, AsgState, GroupRec } from './state.ts';
import { tagDescriptions } from './tags.ts';

type Out<T> = Omit<T, '$metadata'>;

function renderInstance(ctx: AsgCtx, i: AsgInstanceRec): Instance {
  return {
    InstanceId: i.id,
    InstanceType: i.instanceType,
    AvailabilityZone: i.az,
    LifecycleState: lifecycleState(i, ctx.now),
    HealthStatus: 'Healthy',
    LaunchTemplate: { LaunchTemplateId: i.launchTemplate.id, LaunchTemplateName: i.launchTemplate.name, Version: i.launchTemplate.version },
    ProtectedFromScaleIn: false,
  };
}

export function renderGroup(ctx: AsgCtx, g: GroupRec): AutoScalingGroup {
  return {
    AutoScalingGroupName: g.name,
    AutoScalingGroupARN: g.arn,
    LaunchTemplate: {
      LaunchTemplateId: g.launchTemplate.id,
      LaunchTemplateName: g.launchTemplate.name,
      ...(g.launchTemplate.version !== null && { Version: g.launchTemplate.version }),
    },
    MinSize: g.minSize,
    MaxSize: g.maxSize,
    DesiredCapacity: g.desiredCapacity,
    DefaultCooldown: g.defaultCooldown,
    AvailabilityZones: [...new Set(g.subnets.map((s) => s.az))].sort(),
    LoadBalancerNames: [],
    TargetGroupARNs: [...g.targetGroupArns],
    HealthCheckType: g.healthCheckType,
    HealthCheckGracePeriod: g.healthCheckGracePeriod,
    Instances: g.instances.map((i) => renderInstance(ctx, i)),
    CreatedTime: new Date(g.createdAt),
    SuspendedProcesses: [],
    VPCZoneIdentifier: g.vpcZoneIdentifier,
    EnabledMetrics: [],
    ...(g.deleting && { Status: 'Delete in progress' }),
    Tags: tagDescriptions(ctx, g.name),
    TerminationPolicies: [...g.terminationPolicies],
    NewInstancesProtectedFromScaleIn: g.newInstancesProtectedFromScaleIn,
    ServiceLinkedRoleARN: `arn:aws:iam::${ctx.accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
    CapacityRebalance: g.capacityRebalance,
    TrafficSources: g.targetGroupArns.map((arn) => ({ Identifier: arn, Type: 'elbv2' })),
    AvailabilityZoneDistribution: { CapacityDistributionStrategy: 'balanced-best-effort' },
  };
}

export const groupViewOperations = {
  DescribeAutoScalingGroups(input: DescribeAutoScalingGroupsCommandInput, ctx: AsgCtx): Out<DescribeAutoScalingGroupsCommandOutput> {
    settleGroups(ctx);
    let groups = Object.values(ctx.state.groups);
    const names = input.AutoScalingGroupNames ?? [];
    if (names.length > 0) groups = groups.filter((g) => names.includes(g.name));
    for (const f of input.Filters ?? []) {
      const name = f.Name ?? '';
      const values = f.Values ?? [];
      const tags = (g: GroupRec) => Object.entries(ctx.state.tags[g.name] ?? {});
      if (name.startsWith('tag:')) {
        const key = name.slice(4);
        groups = groups.filter((g) => tags(g).some(([k, t]) => k === key && values.includes(t.value)));
      } else if (name === 'tag-key') {
        groups = groups.filter((g) => tags(g).some(([k]) => values.includes(k)));
      } else if (name === 'tag-value') {
        groups = groups.filter((g) => tags(g).some(([, t]) => values.includes(t.value)));
      } else {
        ctx.fail('ValidationError', `Filter name '${name}' is not valid`);
      }
    }
    const page = asgPage(ctx, groups, (g) => g.name, input);
    return { AutoScalingGroups: page.items.map((g) => renderGroup(ctx, g)), NextToken: page.NextToken };
  },

  DescribeAutoScalingInstances(input: DescribeAutoScalingInstancesCommandInput, ctx: AsgCtx): Out<DescribeAutoScalingInstancesCommandOutput> {
    settleGroups(ctx);
    const wanted = input.InstanceIds ?? [];
    const rows = Object.values(ctx.state.groups).flatMap((g) =>
      g.instances.filter((i) => wanted.length === 0 || wanted.includes(i.id)).map((i) => ({ g, i })),
    );
    const page = asgPage(ctx, rows, ({ i }) => i.id, input, 50);
    return {
      AutoScalingInstances: page.items.map(({ g, i }) => ({ ...renderInstance(ctx, i), AutoScalingGroupName: g.name, LifecycleState: lifecycleState(i, ctx.now), HealthStatus: 'HEALTHY' })),
      NextToken: page.NextToken,
    };
  },
} satisfies OperationTable<AsgState>;
