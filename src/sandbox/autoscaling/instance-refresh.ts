/**
 * Instance refreshes: StartInstanceRefresh (one active per group), DescribeInstanceRefreshes
 * (newest first; paging), CancelInstanceRefresh. Status on the clock: Pending, InProgress,
 * then Successful after 'autoscaling.instance-refresh', when the group's instances are
 * replaced by ones from the (new) launch template version; Cancelling, then Cancelled.
 */
import type {
  CancelInstanceRefreshCommandInput,
  CancelInstanceRefreshCommandOutput,
  DescribeInstanceRefreshesCommandInput,
  DescribeInstanceRefreshesCommandOutput,
  InstanceRefresh,
  StartInstanceRefreshCommandInput,
  StartInstanceRefreshCommandOutput,
} from '@aws-sdk/client-auto-scaling';
import type { OperationTable } from '../service.ts';
import { settleGroups } from './capacity.ts';
import { asgPage, required } from './errors.ts';
import { launchTemplateRef } from './group-rules.ts';
import { groupOf } from './groups.ts';
import type { AsgCtx, AsgState, RefreshRec } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;
type Status = 'Pending' | 'InProgress' | 'Successful' | 'Failed' | 'Cancelling' | 'Cancelled';

const CANCEL_MS = 1_000;

function pendingUntil(r: RefreshRec): number {
  return r.startedAt + Math.min(1_000, Math.floor((r.endsAt - r.startedAt) / 10));
}

function statusOf(r: RefreshRec, now: number): Status {
  if (r.cancelledAt !== null) return now < r.cancelledAt + CANCEL_MS ? 'Cancelling' : 'Cancelled';
  if (now >= r.endsAt) return r.failed ? 'Failed' : 'Successful';
  return now < pendingUntil(r) ? 'Pending' : 'InProgress';
}

const isActive = (s: Status) => s === 'Pending' || s === 'InProgress' || s === 'Cancelling';

function render(r: RefreshRec, now: number): InstanceRefresh {
  const status = statusOf(r, now);
  const at = r.cancelledAt ?? now;
  const span = r.endsAt - pendingUntil(r);
  const progress = status === 'Successful' ? 100 : span <= 0 ? 0 : Math.max(0, Math.min(99, Math.floor(((at - pendingUntil(r)) / span) * 100)));
  const done = Math.floor((progress / 100) * r.instancesToUpdate);
  return {
    InstanceRefreshId: r.id,
    AutoScalingGroupName: r.groupName,
    Status: status,
    ...(status === 'Failed' && { StatusReason: 'The launch template for the instance refresh could not be found.' }),
    StartTime: new Date(r.startedAt),
    ...((status === 'Successful' || status === 'Failed') && { EndTime: new Date(r.endsAt) }),
    ...(status === 'Cancelled' && { EndTime: new Date(r.cancelledAt! + CANCEL_MS) }),
    PercentageComplete: progress,
    InstancesToUpdate: status === 'Successful' ? 0 : r.instancesToUpdate - done,
    Preferences: {
      MinHealthyPercentage: r.preferences.MinHealthyPercentage,
      ...(r.preferences.InstanceWarmup !== undefined && { InstanceWarmup: r.preferences.InstanceWarmup }),
      SkipMatching: r.preferences.SkipMatching,
      AutoRollback: false,
      ScaleInProtectedInstances: 'Ignore',
      StandbyInstances: 'Ignore',
    },
    ...(r.desiredLaunchTemplate && {
      DesiredConfiguration: { LaunchTemplate: { LaunchTemplateId: r.desiredLaunchTemplate.id, LaunchTemplateName: r.desiredLaunchTemplate.name, ...(r.desiredLaunchTemplate.version !== null && { Version: r.desiredLaunchTemplate.version }) } },
    }),
  };
}

export const instanceRefreshOperations = {
  StartInstanceRefresh(input: StartInstanceRefreshCommandInput, ctx: AsgCtx): Out<StartInstanceRefreshCommandOutput> {
    settleGroups(ctx);
    const g = groupOf(ctx, input.AutoScalingGroupName);
    if (ctx.state.refreshes.some((r) => r.groupName === g.name && isActive(statusOf(r, ctx.now)))) {
      ctx.fail('InstanceRefreshInProgress', 'An Instance Refresh is already in progress and blocks the execution of this Instance Refresh.');
    }
    if ((input.Strategy ?? 'Rolling') !== 'Rolling') ctx.fail('ValidationError', `Strategy '${input.Strategy}' is not valid`);
    const p = input.Preferences ?? {};
    const min = p.MinHealthyPercentage ?? 90;
    if (!Number.isInteger(min) || min < 0 || min > 100) ctx.fail('ValidationError', 'MinHealthyPercentage must be between 0 and 100');
    const desired = input.DesiredConfiguration?.LaunchTemplate ? launchTemplateRef(ctx, input.DesiredConfiguration.LaunchTemplate) : null;
    const r: RefreshRec = {
      id: ctx.ids.uuid(), groupName: g.name, startedAt: ctx.now,
      endsAt: ctx.now + ctx.durations.of('autoscaling.instance-refresh'),
      cancelledAt: null, applied: false, failed: false,
      instancesToUpdate: g.instances.filter((i) => i.terminatingAt === null).length,
      preferences: { MinHealthyPercentage: min, ...(p.InstanceWarmup !== undefined && { InstanceWarmup: p.InstanceWarmup }), SkipMatching: p.SkipMatching ?? false },
      desiredLaunchTemplate: desired,
    };
    ctx.state.refreshes.push(r);
    return { InstanceRefreshId: r.id };
  },

  DescribeInstanceRefreshes(input: DescribeInstanceRefreshesCommandInput, ctx: AsgCtx): Out<DescribeInstanceRefreshesCommandOutput> {
    settleGroups(ctx);
    const g = groupOf(ctx, input.AutoScalingGroupName);
    const ids = input.InstanceRefreshIds ?? [];
    const refreshes = ctx.state.refreshes.filter((r) => r.groupName === g.name && (ids.length === 0 || ids.includes(r.id)));
    // Newest first: the key inverts the start time (the id breaks ties).
    const page = asgPage(ctx, refreshes, (r) => `${String(Number.MAX_SAFE_INTEGER - r.startedAt).padStart(16, '0')}\u0000${r.id}`, input);
    return { InstanceRefreshes: page.items.map((r) => render(r, ctx.now)), NextToken: page.NextToken };
  },

  CancelInstanceRefresh(input: CancelInstanceRefreshCommandInput, ctx: AsgCtx): Out<CancelInstanceRefreshCommandOutput> {
    settleGroups(ctx);
    const g = groupOf(ctx, required(ctx, input.AutoScalingGroupName, 'autoScalingGroupName'));
    const r = ctx.state.refreshes.find((x) => x.groupName === g.name && x.cancelledAt === null && isActive(statusOf(x, ctx.now)));
    if (!r) ctx.fail('ActiveInstanceRefreshNotFound', `No in progress or pending Instance Refresh found for Auto Scaling group ${g.name}`);
    r.cancelledAt = ctx.now;
    return { InstanceRefreshId: r.id };
  },
} satisfies OperationTable<AsgState>;
