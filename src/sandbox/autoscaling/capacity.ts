/**
 * The instances of a group, simulated here (no EC2 instances are created): launched to
 * match the desired capacity, spread over the group's zones, Pending then InService after
 * 'autoscaling.instance.launch'; removed ones are Terminating for
 * 'autoscaling.instance.terminate'. Every Auto Scaling call first settles what is due:
 * gone instances, finished deletions, finished instance refreshes.
 */
import { SimulatedError } from '../service.ts';
import { resolveLaunchTemplate } from './group-rules.ts';
import type { AsgCtx, AsgInstanceRec, GroupRec, RefreshRec } from './state.ts';

export type LifecycleState = 'Pending' | 'InService' | 'Terminating';

export function lifecycleState(i: AsgInstanceRec, now: number): LifecycleState {
  if (i.terminatingAt !== null) return 'Terminating';
  return now < i.inServiceAt ? 'Pending' : 'InService';
}

const live = (g: GroupRec) => g.instances.filter((i) => i.terminatingAt === null);

/** Is an instance of the group launching or terminating? */
export function activityInProgress(g: GroupRec, now: number): boolean {
  return g.instances.some((i) => (i.terminatingAt === null && now < i.inServiceAt) || (i.goneAt !== null && now < i.goneAt));
}

function launch(ctx: AsgCtx, g: GroupRec, az: string, at: number): AsgInstanceRec {
  const { version, instanceType } = resolveLaunchTemplate(ctx, g.launchTemplate);
  const subnet = g.subnets.find((s) => s.az === az)!;
  return {
    id: ctx.ids.next('i'), az, subnetId: subnet.id, instanceType,
    launchTemplate: { id: g.launchTemplate.id, name: g.launchTemplate.name, version: String(version) },
    launchedAt: at, inServiceAt: at + ctx.durations.of('autoscaling.instance.launch'), terminatingAt: null, goneAt: null,
  };
}

export function terminate(ctx: AsgCtx, i: AsgInstanceRec): void {
  if (i.terminatingAt !== null) return;
  i.terminatingAt = ctx.now;
  i.goneAt = ctx.now + ctx.durations.of('autoscaling.instance.terminate');
}

/** Launches or terminates instances until the live ones match the desired capacity. */
export function reconcileCapacity(ctx: AsgCtx, g: GroupRec): void {
  const zones = [...new Set(g.subnets.map((s) => s.az))];
  const count = (az: string) => live(g).filter((i) => i.az === az).length;
  while (live(g).length < g.desiredCapacity) {
    const az = [...zones].sort((a, b) => count(a) - count(b) || zones.indexOf(a) - zones.indexOf(b))[0]!;
    g.instances.push(launch(ctx, g, az, ctx.now));
  }
  while (live(g).length > g.desiredCapacity) {
    // The Default termination policy: the zone with the most instances, then the oldest template version.
    const busiest = [...new Set(live(g).map((i) => i.az))].sort((a, b) => count(b) - count(a))[0]!;
    const victim = live(g)
      .filter((i) => i.az === busiest)
      .sort((a, b) => Number(a.launchTemplate.version) - Number(b.launchTemplate.version) || a.launchedAt - b.launchedAt)[0]!;
    terminate(ctx, victim);
  }
}

/** A finished refresh replaces the group's instances with ones from the new template version. */
function applyRefresh(ctx: AsgCtx, g: GroupRec, r: RefreshRec): void {
  if (r.desiredLaunchTemplate) g.launchTemplate = r.desiredLaunchTemplate;
  const { version } = resolveLaunchTemplate(ctx, g.launchTemplate);
  for (const old of live(g)) {
    // Launched after the refresh began: already what it would launch.
    if (old.launchedAt > r.startedAt) continue;
    if (r.preferences.SkipMatching && old.launchTemplate.id === g.launchTemplate.id && old.launchTemplate.version === String(version)) continue;
    const fresh = launch(ctx, g, old.az, r.endsAt - ctx.durations.of('autoscaling.instance.launch'));
    g.instances.push(fresh);
    old.terminatingAt = r.endsAt;
    old.goneAt = r.endsAt;
  }
  r.applied = true;
}

export function settleGroups(ctx: AsgCtx): void {
  for (const r of ctx.state.refreshes) {
    const g = ctx.state.groups[r.groupName];
    if (!g || r.applied || r.cancelledAt !== null || ctx.now < r.endsAt) continue;
    const before = structuredClone(g);
    try {
      applyRefresh(ctx, g, r);
    } catch (e) {
      if (!(e instanceof SimulatedError)) throw e;
      ctx.state.groups[g.name] = before;
      r.applied = true;
      r.failed = true;
    }
  }
  for (const g of Object.values(ctx.state.groups)) {
    g.instances = g.instances.filter((i) => i.goneAt === null || ctx.now < i.goneAt);
    if (g.deleting && g.instances.length === 0) {
      delete ctx.state.groups[g.name];
      delete ctx.state.tags[g.name];
      for (const p of Object.values(ctx.state.policies)) if (p.groupName === g.name) delete ctx.state.policies[p.arn];
      ctx.state.refreshes = ctx.state.refreshes.filter((r) => r.groupName !== g.name);
    }
  }
}

export interface AttachedInstance {
  readonly id: string;
  readonly az: string;
  readonly inServiceAt: number;
  /** When termination began, if it has. */
  readonly terminatingAt: number | null;
}

/**
 * For ELBv2: the instances of groups attached to a target group (any group when `tgArn` is
 * null) that are not gone at `now`. Reads the state defensively (it may be absent).
 */
export function attachedInstances(state: unknown, tgArn: string | null, now: number): AttachedInstance[] {
  const groups = (state as { groups?: Record<string, GroupRec> } | undefined)?.groups ?? {};
  const out: AttachedInstance[] = [];
  for (const g of Object.values(groups)) {
    if (tgArn !== null && !g.targetGroupArns.includes(tgArn)) continue;
    for (const i of g.instances) {
      if (i.goneAt !== null && now >= i.goneAt) continue;
      const terminating = i.terminatingAt !== null && now >= i.terminatingAt ? i.terminatingAt : null;
      out.push({ id: i.id, az: i.az, inServiceAt: i.inServiceAt, terminatingAt: terminating });
    }
  }
  return out;
}
