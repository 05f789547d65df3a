/**
 * Instance refresh: when the launch template version a group uses changes, its running
 * instances are replaced gradually (StartInstanceRefresh with the spec's preferences).
 * Never a second one while one runs: an active refresh is waited for first. Progress is
 * logged while waiting; a refresh that fails or is cancelled is this resource's failure.
 */
import {
  DescribeInstanceRefreshesCommand, StartInstanceRefreshCommand, type AutoScalingClient, type InstanceRefresh,
} from '@aws-sdk/client-auto-scaling';
import type { AdapterContext } from '../../reconciler/types.ts';

const ACTIVE = new Set(['Pending', 'InProgress', 'Cancelling', 'RollbackInProgress', 'Baking']);
const FAILED = new Set(['Failed', 'Cancelled', 'RollbackSuccessful', 'RollbackFailed']);

export interface RefreshPreferences {
  readonly minHealthyPercentage: number;
  readonly instanceWarmup?: number | undefined;
}

/** Thrown when a refresh ends other than Successful: not retryable, the action fails. */
export class InstanceRefreshFailed extends Error {
  override name = 'InstanceRefreshFailed';
}

async function latest(asg: AutoScalingClient, group: string, id?: string): Promise<InstanceRefresh | undefined> {
  const out = await asg.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: group, ...(id && { InstanceRefreshIds: [id] }), MaxRecords: 1 }));
  return out.InstanceRefreshes?.[0];
}

/** Waits for one refresh to end, logging its progress as it changes; its final record. */
function untilDone(asg: AutoScalingClient, group: string, id: string, ctx: AdapterContext, timeoutMs: number): Promise<InstanceRefresh> {
  let said = '';
  return ctx.waitFor(async () => {
    const r = await latest(asg, group, id);
    if (!r) throw new InstanceRefreshFailed(`instance refresh ${id} of ${group} is no longer listed`);
    const note = `${r.Status} ${r.PercentageComplete ?? 0}%`;
    if (note !== said) {
      said = note;
      ctx.log.info({ instanceRefreshId: id, status: r.Status, percentageComplete: r.PercentageComplete ?? 0, instancesToUpdate: r.InstancesToUpdate },
        `instance refresh ${r.Status} ${r.PercentageComplete ?? 0}% (${r.InstancesToUpdate ?? 0} instances to update)`);
    }
    return ACTIVE.has(r.Status ?? '') ? undefined : r;
  }, { what: 'refreshing instances', timeoutMs });
}

/**
 * Replaces the group's instances with ones from its current launch template version:
 * waits out a refresh already running, starts one with `prefs`, waits for it.
 */
export async function refreshInstances(asg: AutoScalingClient, group: string, prefs: RefreshPreferences, ctx: AdapterContext, timeoutMs: number): Promise<void> {
  const running = await latest(asg, group);
  if (running && ACTIVE.has(running.Status ?? '')) {
    ctx.log.info({ instanceRefreshId: running.InstanceRefreshId }, 'an instance refresh is already running: waiting for it before starting ours');
    await untilDone(asg, group, running.InstanceRefreshId!, ctx, timeoutMs);
  }
  const started = await asg.send(new StartInstanceRefreshCommand({
    AutoScalingGroupName: group,
    Strategy: 'Rolling',
    Preferences: { MinHealthyPercentage: prefs.minHealthyPercentage, ...(prefs.instanceWarmup !== undefined && { InstanceWarmup: prefs.instanceWarmup }) },
  }));
  const id = started.InstanceRefreshId!;
  ctx.log.info({ instanceRefreshId: id, minHealthyPercentage: prefs.minHealthyPercentage }, 'instance refresh started');
  const done = await untilDone(asg, group, id, ctx, timeoutMs);
  if (FAILED.has(done.Status ?? '') || done.Status !== 'Successful')
    throw new InstanceRefreshFailed(`instance refresh ${id} of ${group} ended ${done.Status}${done.StatusReason ? `: ${done.StatusReason}` : ''}`);
}
