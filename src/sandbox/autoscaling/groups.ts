/**
 * CreateAutoScalingGroup, UpdateAutoScalingGroup, DeleteAutoScalingGroup (ForceDelete, or
 * refused while instances exist or scaling activities run), and Attach/Detach
 * LoadBalancerTargetGroups (how a group's target groups change after creation).
 */
import type {
  AttachLoadBalancerTargetGroupsCommandInput,
  AttachLoadBalancerTargetGroupsCommandOutput,
  CreateAutoScalingGroupCommandInput,
  CreateAutoScalingGroupCommandOutput,
  DeleteAutoScalingGroupCommandInput,
  DeleteAutoScalingGroupCommandOutput,
  DetachLoadBalancerTargetGroupsCommandInput,
  DetachLoadBalancerTargetGroupsCommandOutput,
  UpdateAutoScalingGroupCommandInput,
  UpdateAutoScalingGroupCommandOutput,
} from '@aws-sdk/client-auto-scaling';
import type { OperationTable } from '../service.ts';
import { activityInProgress, reconcileCapacity, settleGroups, terminate } from './capacity.ts';
import { groupNotFound, required } from './errors.ts';
import { checkSizes, checkTargetGroups, launchTemplateRef, resolveSubnets } from './group-rules.ts';
import type { AsgCtx, AsgState, GroupRec } from './state.ts';
import { putTags } from './tags.ts';

type Out<T> = Omit<T, '$metadata'>;

const TERMINATION_POLICIES = ['Default', 'AllocationStrategy', 'OldestLaunchTemplate', 'OldestLaunchConfiguration', 'ClosestToNextInstanceHour', 'NewestInstance', 'OldestInstance'];

export function groupOf(ctx: AsgCtx, name: string | undefined): GroupRec {
  const value = required(ctx, name, 'autoScalingGroupName');
  const g = ctx.state.groups[value];
  if (!g) groupNotFound(ctx, value);
  return g;
}

function checkTerminationPolicies(ctx: AsgCtx, policies: readonly string[]): string[] {
  const bad = policies.find((p) => !TERMINATION_POLICIES.includes(p));
  if (bad !== undefined) ctx.fail('ValidationError', `Termination policy '${bad}' is not valid`);
  return [...policies];
}

function checkHealthCheckType(ctx: AsgCtx, type: string): string {
  if (!['EC2', 'ELB', 'VPC_LATTICE', 'EBS'].includes(type)) ctx.fail('ValidationError', `Health check type '${type}' is not valid`);
  return type;
}

export const groupOperations = {
  CreateAutoScalingGroup(input: CreateAutoScalingGroupCommandInput, ctx: AsgCtx): Out<CreateAutoScalingGroupCommandOutput> {
    settleGroups(ctx);
    const name = required(ctx, input.AutoScalingGroupName, 'autoScalingGroupName');
    if (!/^[\x20-\x7e]{1,255}$/.test(name) || name.includes(':')) ctx.fail('ValidationError', `The Auto Scaling group name '${name}' is not valid`);
    if (ctx.state.groups[name]) ctx.fail('AlreadyExists', `AutoScalingGroup by this name already exists - A group with the name ${name} already exists`);
    const sources = [input.LaunchTemplate, input.LaunchConfigurationName, input.InstanceId, input.MixedInstancesPolicy].filter((x) => x !== undefined);
    if (sources.length !== 1) ctx.fail('ValidationError', 'Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter.');
    if (!input.LaunchTemplate) ctx.fail('ValidationError', 'blogctl sandbox: only groups with a LaunchTemplate are simulated');
    const launchTemplate = launchTemplateRef(ctx, input.LaunchTemplate);
    const min = required(ctx, input.MinSize, 'minSize');
    const max = required(ctx, input.MaxSize, 'maxSize');
    const desired = input.DesiredCapacity ?? min;
    checkSizes(ctx, min, max, desired);
    const subnets = resolveSubnets(ctx, input.VPCZoneIdentifier, input.AvailabilityZones);
    const healthCheckType = checkHealthCheckType(ctx, input.HealthCheckType ?? 'EC2');
    const g: GroupRec = {
      name,
      arn: ctx.arn(`autoScalingGroup:${ctx.ids.uuid()}:autoScalingGroupName/${name}`),
      launchTemplate, minSize: min, maxSize: max, desiredCapacity: desired,
      defaultCooldown: input.DefaultCooldown ?? 300,
      vpcZoneIdentifier: input.VPCZoneIdentifier!, subnets,
      targetGroupArns: checkTargetGroups(ctx, input.TargetGroupARNs ?? []),
      healthCheckType, healthCheckGracePeriod: input.HealthCheckGracePeriod ?? 0,
      terminationPolicies: checkTerminationPolicies(ctx, input.TerminationPolicies ?? ['Default']),
      capacityRebalance: input.CapacityRebalance ?? false,
      newInstancesProtectedFromScaleIn: input.NewInstancesProtectedFromScaleIn ?? false,
      createdAt: ctx.now, instances: [], deleting: false,
    };
    ctx.state.groups[name] = g;
    putTags(ctx, (input.Tags ?? []).map((t) => ({ ...t, ResourceId: name, ResourceType: 'auto-scaling-group' })));
    reconcileCapacity(ctx, g);
    return {};
  },

  UpdateAutoScalingGroup(input: UpdateAutoScalingGroupCommandInput, ctx: AsgCtx): Out<UpdateAutoScalingGroupCommandOutput> {
    settleGroups(ctx);
    const g = groupOf(ctx, input.AutoScalingGroupName);
    if (g.deleting) ctx.fail('ScalingActivityInProgress', `The Auto Scaling group ${g.name} is being deleted.`);
    if (input.LaunchTemplate) g.launchTemplate = launchTemplateRef(ctx, input.LaunchTemplate);
    const min = input.MinSize ?? g.minSize;
    const max = input.MaxSize ?? g.maxSize;
    let desired = input.DesiredCapacity ?? g.desiredCapacity;
    // Without a DesiredCapacity, new bounds pull the current one inside them.
    if (input.DesiredCapacity === undefined) desired = Math.min(Math.max(desired, min), max);
    checkSizes(ctx, min, max, desired);
    if (input.VPCZoneIdentifier !== undefined) {
      g.subnets = resolveSubnets(ctx, input.VPCZoneIdentifier, input.AvailabilityZones);
      g.vpcZoneIdentifier = input.VPCZoneIdentifier;
      const zones = g.subnets.map((s) => s.az);
      for (const i of g.instances) if (!zones.includes(i.az)) terminate(ctx, i);
    }
    if (input.HealthCheckType !== undefined) g.healthCheckType = checkHealthCheckType(ctx, input.HealthCheckType);
    if (input.HealthCheckGracePeriod !== undefined) g.healthCheckGracePeriod = input.HealthCheckGracePeriod;
    if (input.DefaultCooldown !== undefined) g.defaultCooldown = input.DefaultCooldown;
    if (input.TerminationPolicies !== undefined) g.terminationPolicies = checkTerminationPolicies(ctx, input.TerminationPolicies);
    if (input.CapacityRebalance !== undefined) g.capacityRebalance = input.CapacityRebalance;
    if (input.NewInstancesProtectedFromScaleIn !== undefined) g.newInstancesProtectedFromScaleIn = input.NewInstancesProtectedFromScaleIn;
    g.minSize = min;
    g.maxSize = max;
    g.desiredCapacity = desired;
    reconcileCapacity(ctx, g);
    return {};
  },

  DeleteAutoScalingGroup(input: DeleteAutoScalingGroupCommandInput, ctx: AsgCtx): Out<DeleteAutoScalingGroupCommandOutput> {
    settleGroups(ctx);
    const g = groupOf(ctx, input.AutoScalingGroupName);
    if (g.deleting) return {};
    if (input.ForceDelete !== true) {
      if (activityInProgress(g, ctx.now)) ctx.fail('ScalingActivityInProgress', 'You cannot delete an AutoScalingGroup while there are scaling activities in progress for that group.');
      if (g.instances.length > 0) ctx.fail('ResourceInUse', 'You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.');
    }
    for (const i of g.instances) terminate(ctx, i);
    for (const r of ctx.state.refreshes) if (r.groupName === g.name && r.cancelledAt === null && !r.applied) r.cancelledAt = ctx.now;
    g.deleting = true;
    g.desiredCapacity = 0;
    g.minSize = 0;
    settleGroups(ctx);
    return {};
  },

  AttachLoadBalancerTargetGroups(input: AttachLoadBalancerTargetGroupsCommandInput, ctx: AsgCtx): Out<AttachLoadBalancerTargetGroupsCommandOutput> {
    settleGroups(ctx);
    const g = groupOf(ctx, input.AutoScalingGroupName);
    const arns = checkTargetGroups(ctx, required(ctx, input.TargetGroupARNs, 'targetGroupARNs'));
    g.targetGroupArns = [...new Set([...g.targetGroupArns, ...arns])];
    return {};
  },

  DetachLoadBalancerTargetGroups(input: DetachLoadBalancerTargetGroupsCommandInput, ctx: AsgCtx): Out<DetachLoadBalancerTargetGroupsCommandOutput> {
    settleGroups(ctx);
    const g = groupOf(ctx, input.AutoScalingGroupName);
    const arns = required(ctx, input.TargetGroupARNs, 'targetGroupARNs');
    g.targetGroupArns = g.targetGroupArns.filter((a) => !arns.includes(a));
    return {};
  },
} satisfies OperationTable<AsgState>;
