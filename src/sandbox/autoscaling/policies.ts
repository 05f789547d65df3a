/**
 * Target-tracking scaling policies: PutScalingPolicy (creates or replaces by name; makes
 * the two CloudWatch alarms AWS makes), DescribePolicies (group, names, types; paging),
 * DeletePolicy (by name or ARN).
 */
import type {
  DeletePolicyCommandInput,
  DeletePolicyCommandOutput,
  DescribePoliciesCommandInput,
  DescribePoliciesCommandOutput,
  PutScalingPolicyCommandInput,
  PutScalingPolicyCommandOutput,
  ScalingPolicy,
  TargetTrackingConfiguration,
} from '@aws-sdk/client-auto-scaling';
import type { ElbState } from '../elbv2/state.ts';
import type { OperationTable } from '../service.ts';
import { settleGroups } from './capacity.ts';
import { asgPage, groupNotFound, required } from './errors.ts';
import { groupOf } from './groups.ts';
import type { AsgCtx, AsgState, GroupRec, PolicyRec } from './state.ts';
import { copyJson } from '../json.ts';

type Out<T> = Omit<T, '$metadata'>;

const METRICS = ['ASGAverageCPUUtilization', 'ASGAverageNetworkIn', 'ASGAverageNetworkOut', 'ALBRequestCountPerTarget'];

function checkTargetTracking(ctx: AsgCtx, g: GroupRec, t: TargetTrackingConfiguration | undefined): TargetTrackingConfiguration {
  if (!t) ctx.fail('ValidationError', 'TargetTrackingConfiguration is required for a policy of type TargetTrackingScaling');
  const target = required(ctx, t.TargetValue, 'targetTrackingConfiguration.targetValue');
  const predefined = t.PredefinedMetricSpecification;
  if (!predefined && !t.CustomizedMetricSpecification) ctx.fail('ValidationError', 'Either PredefinedMetricSpecification or CustomizedMetricSpecification must be specified');
  if (predefined) {
    const type = predefined.PredefinedMetricType ?? '';
    if (!METRICS.includes(type)) ctx.fail('ValidationError', `Predefined metric type '${type}' is not valid`);
    if (type === 'ALBRequestCountPerTarget') {
      const label = predefined.ResourceLabel ?? '';
      const m = /^app\/[^/]+\/[0-9a-f]+\/targetgroup\/([^/]+)\/([0-9a-f]+)$/.exec(label);
      const elb = ctx.serviceState<ElbState>('elbv2');
      const tg = m && Object.values(elb.targetGroups).find((x) => x.arn.endsWith(`:targetgroup/${m[1]}/${m[2]}`));
      if (!tg || !g.targetGroupArns.includes(tg.arn)) ctx.fail('ValidationError', `Invalid resource label '${label}': it must name a target group attached to the Auto Scaling group.`);
    } else if (predefined.ResourceLabel !== undefined) {
      ctx.fail('ValidationError', `A resource label can only be set for the metric type ALBRequestCountPerTarget`);
    }
  }
  if (!(target > 0)) ctx.fail('ValidationError', 'TargetValue must be greater than 0');
  return JSON.parse(JSON.stringify({ ...t, DisableScaleIn: t.DisableScaleIn ?? false })) as TargetTrackingConfiguration;
}

function render(p: PolicyRec): ScalingPolicy {
  return {
    AutoScalingGroupName: p.groupName,
    PolicyName: p.name,
    PolicyARN: p.arn,
    PolicyType: p.type,
    StepAdjustments: [],
    Alarms: p.alarms.map((a) => ({ ...a })),
    TargetTrackingConfiguration: copyJson(p.targetTracking),
    ...(p.estimatedInstanceWarmup !== null && { EstimatedInstanceWarmup: p.estimatedInstanceWarmup }),
    Enabled: p.enabled,
  };
}

export const policyOperations = {
  PutScalingPolicy(input: PutScalingPolicyCommandInput, ctx: AsgCtx): Out<PutScalingPolicyCommandOutput> {
    settleGroups(ctx);
    const g = groupOf(ctx, input.AutoScalingGroupName);
    const name = required(ctx, input.PolicyName, 'policyName');
    const type = input.PolicyType ?? 'SimpleScaling';
    if (type !== 'TargetTrackingScaling') ctx.fail('ValidationError', `blogctl sandbox: only TargetTrackingScaling policies are simulated, not ${type}`);
    const targetTracking = checkTargetTracking(ctx, g, input.TargetTrackingConfiguration);
    const existing = Object.values(ctx.state.policies).find((p) => p.groupName === g.name && p.name === name);
    const alarm = (which: 'High' | 'Low') => {
      const AlarmName = `TargetTracking-${g.name}-Alarm${which}-${ctx.ids.uuid()}`;
      return { AlarmName, AlarmARN: `arn:aws:cloudwatch:${ctx.region}:${ctx.accountId}:alarm:${AlarmName}` };
    };
    const p: PolicyRec = {
      arn: existing?.arn ?? ctx.arn(`scalingPolicy:${ctx.ids.uuid()}:autoScalingGroupName/${g.name}:policyName/${name}`),
      name, groupName: g.name, type, targetTracking,
      estimatedInstanceWarmup: input.EstimatedInstanceWarmup ?? null,
      enabled: input.Enabled ?? true,
      alarms: existing?.alarms ?? (targetTracking.DisableScaleIn ? [alarm('High')] : [alarm('High'), alarm('Low')]),
    };
    ctx.state.policies[p.arn] = p;
    return { PolicyARN: p.arn, Alarms: p.alarms.map((a) => ({ ...a })) };
  },

  DescribePolicies(input: DescribePoliciesCommandInput, ctx: AsgCtx): Out<DescribePoliciesCommandOutput> {
    settleGroups(ctx);
    let policies = Object.values(ctx.state.policies);
    if (input.AutoScalingGroupName !== undefined) {
      if (!ctx.state.groups[input.AutoScalingGroupName]) groupNotFound(ctx, input.AutoScalingGroupName);
      policies = policies.filter((p) => p.groupName === input.AutoScalingGroupName);
    }
    const names = input.PolicyNames ?? [];
    if (names.length > 0) policies = policies.filter((p) => names.includes(p.name) || names.includes(p.arn));
    const types = input.PolicyTypes ?? [];
    if (types.length > 0) policies = policies.filter((p) => types.includes(p.type));
    const page = asgPage(ctx, policies, (p) => `${p.groupName}\u0000${p.name}`, input);
    return { ScalingPolicies: page.items.map(render), NextToken: page.NextToken };
  },

  DeletePolicy(input: DeletePolicyCommandInput, ctx: AsgCtx): Out<DeletePolicyCommandOutput> {
    settleGroups(ctx);
    const name = required(ctx, input.PolicyName, 'policyName');
    if (name.startsWith('arn:')) {
      delete ctx.state.policies[name];
      return {};
    }
    const group = required(ctx, input.AutoScalingGroupName, 'autoScalingGroupName');
    if (!ctx.state.groups[group]) groupNotFound(ctx, group);
    const p = Object.values(ctx.state.policies).find((x) => x.groupName === group && x.name === name);
    if (p) delete ctx.state.policies[p.arn];
    return {};
  },
} satisfies OperationTable<AsgState>;
