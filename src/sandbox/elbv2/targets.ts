/**
 * Targets: RegisterTargets (running EC2 instances in the group's VPC, or IP addresses),
 * DeregisterTargets (draining for the deregistration delay), DescribeTargetHealth.
 * The instances of an Auto Scaling group attached to a target group are its targets too,
 * as AWS registers them. Health on the clock: unused while no listener forwards to the
 * group, initial for the first health checks, then healthy.
 */
import type {
  DeregisterTargetsCommandInput,
  DeregisterTargetsCommandOutput,
  DescribeTargetHealthCommandInput,
  DescribeTargetHealthCommandOutput,
  RegisterTargetsCommandInput,
  RegisterTargetsCommandOutput,
  TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { attachedInstances } from '../autoscaling/capacity.ts';
import type { OperationTable } from '../service.ts';
import { DURATIONS } from '../time.ts';
import { ec2Instance } from './network.ts';
import { required, targetGroupOf } from './query.ts';
import { type ElbCtx, type ElbState, loadBalancersOf, type TargetGroupRec, type TargetRec } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;
type Health = TargetHealthDescription['TargetHealth'];

function autoScalingState(ctx: ElbCtx): unknown {
  return ctx.maybeServiceState<unknown>('autoscaling');
}

/** Registered targets plus the instances of Auto Scaling groups attached to the group. */
function allTargets(ctx: ElbCtx, tg: TargetGroupRec): (TargetRec & { az?: string })[] {
  const explicit = tg.targets.filter((t) => t.drainingUntil === null || ctx.now < t.drainingUntil);
  const fromGroups = attachedInstances(autoScalingState(ctx), tg.arn, ctx.now)
    .filter((i) => !explicit.some((t) => t.id === i.id))
    .map((i) => ({ id: i.id, port: tg.port ?? 80, registeredAt: i.inServiceAt, drainingUntil: i.terminatingAt === null ? null : i.terminatingAt, az: i.az }));
  return [...explicit, ...fromGroups];
}

function health(ctx: ElbCtx, tg: TargetGroupRec, t: TargetRec): Health {
  if (t.drainingUntil !== null) return { State: 'draining', Reason: 'Target.DeregistrationInProgress', Description: 'Target deregistration is in progress' };
  const lbs = loadBalancersOf(ctx.state, tg.arn);
  if (lbs.length === 0) return { State: 'unused', Reason: 'Target.NotInUse', Description: 'Target group is not configured to receive traffic from the load balancer' };
  if (tg.targetType === 'instance') {
    const i = ec2Instance(ctx, t.id);
    if (i && !i.running) return { State: 'unused', Reason: 'Target.InvalidState', Description: 'Target is in the stopped state' };
  }
  if (!tg.healthCheck.enabled) return { State: 'unavailable', Reason: 'Target.HealthCheckDisabled', Description: 'Health checks are disabled' };
  const activeAt = Math.max(...lbs.map((arn) => ctx.state.loadBalancers[arn]?.activeAt ?? 0));
  const checks = ctx.durations.of({
    quick: DURATIONS['elbv2.target.initial'].quick,
    realistic: tg.healthCheck.intervalSeconds * tg.healthCheck.healthyThreshold * 1000,
  });
  if (ctx.now < Math.max(t.registeredAt, activeAt) + checks) {
    return { State: 'initial', Reason: ctx.now < activeAt ? 'Elb.InitialHealthChecking' : 'Elb.RegistrationInProgress', Description: 'Target registration is in progress' };
  }
  return { State: 'healthy' };
}

function checkTargets(ctx: ElbCtx, tg: TargetGroupRec, targets: RegisterTargetsCommandInput['Targets']): { id: string; port: number }[] {
  const list = required(ctx, targets, 'targets');
  if (list.length === 0) ctx.fail('ValidationError', 'Targets cannot be empty');
  return list.map((t) => {
    const id = required(ctx, t.Id, 'targets.member.id');
    const port = t.Port ?? tg.port;
    if (port === null || port === undefined) ctx.fail('ValidationError', `A port must be specified for target '${id}'`);
    if (tg.targetType === 'instance') {
      const i = ec2Instance(ctx, id);
      const virtual = attachedInstances(autoScalingState(ctx), null, ctx.now).some((x) => x.id === id);
      if (!i && !virtual) ctx.fail('InvalidTarget', `The following targets are not valid instances: '${id}'`);
      if (i && i.vpcId !== tg.vpcId) ctx.fail('InvalidTarget', `The following targets are not in the target group VPC '${tg.vpcId}': '${id}'`);
      if (i && !i.running) ctx.fail('InvalidTarget', `The following targets are not in a running state and cannot be registered: '${id}'`);
    } else if (tg.targetType === 'ip' && !/^(\d{1,3}\.){3}\d{1,3}$/.test(id)) {
      ctx.fail('ValidationError', `The IP address '${id}' is not a valid IPv4 address`);
    }
    return { id, port };
  });
}

export const targetOperations = {
  RegisterTargets(input: RegisterTargetsCommandInput, ctx: ElbCtx): Out<RegisterTargetsCommandOutput> {
    const tg = targetGroupOf(ctx, input.TargetGroupArn);
    for (const { id, port } of checkTargets(ctx, tg, input.Targets)) {
      const existing = tg.targets.find((t) => t.id === id && t.port === port);
      if (existing && existing.drainingUntil === null) continue;
      tg.targets = tg.targets.filter((t) => t !== existing);
      tg.targets.push({ id, port, registeredAt: ctx.now, drainingUntil: null });
    }
    return {};
  },

  DeregisterTargets(input: DeregisterTargetsCommandInput, ctx: ElbCtx): Out<DeregisterTargetsCommandOutput> {
    const tg = targetGroupOf(ctx, input.TargetGroupArn);
    const delay = Number(tg.attributes['deregistration_delay.timeout_seconds'] ?? '300') * 1000;
    const drainMs = ctx.durations.of({ quick: Math.min(delay, 1000), realistic: delay });
    for (const t of required(ctx, input.Targets, 'targets')) {
      const matches = tg.targets.filter((r) => r.id === t.Id && (t.Port === undefined || r.port === t.Port) && r.drainingUntil === null);
      if (matches.length === 0) ctx.fail('InvalidTarget', `The following targets are not registered in the target group: '${t.Id ?? ''}'`);
      for (const m of matches) m.drainingUntil = ctx.now + drainMs;
    }
    tg.targets = tg.targets.filter((t) => t.drainingUntil === null || ctx.now < t.drainingUntil);
    return {};
  },

  DescribeTargetHealth(input: DescribeTargetHealthCommandInput, ctx: ElbCtx): Out<DescribeTargetHealthCommandOutput> {
    const tg = targetGroupOf(ctx, input.TargetGroupArn);
    const targets = allTargets(ctx, tg);
    const describe = (t: TargetRec & { az?: string }): TargetHealthDescription => ({
      Target: { Id: t.id, Port: t.port, ...(t.az !== undefined && { AvailabilityZone: t.az }) },
      HealthCheckPort: tg.healthCheck.port === 'traffic-port' ? String(t.port) : tg.healthCheck.port,
      TargetHealth: health(ctx, tg, t),
    });
    if (input.Targets?.length) {
      return {
        TargetHealthDescriptions: input.Targets.map((want) => {
          const found = targets.find((t) => t.id === want.Id && (want.Port === undefined || t.port === want.Port));
          if (found) return describe(found);
          return {
            Target: { Id: want.Id, Port: want.Port ?? tg.port ?? undefined },
            TargetHealth: { State: 'unused', Reason: 'Target.NotRegistered', Description: 'Target is not registered to the target group' },
          };
        }),
      };
    }
    return { TargetHealthDescriptions: targets.map(describe) };
  },
} satisfies OperationTable<ElbState>;
