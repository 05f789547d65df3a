/**
 * One pass of the daemon on a loaded spec: observe and plan; defer what is backing off;
 * then apply (or, observe-only, just report). The result says what each resource is
 * now, for metrics, logs and /healthz.
 */
import type { Outcome } from '../reconciler/apply.ts';
import { isPending, type Plan, type PlannedAction } from '../reconciler/plan.ts';
import { applyStack, planStack, type Engine, type RunOptions } from '../reconciler/reconcile.ts';
import { showValue } from '../reconciler/render/plan.ts';
import type { Log, Spec } from '../reconciler/types.ts';
import { Backoff } from './backoff.ts';

export interface PassInput {
  readonly spec: Spec;
  readonly engine: Engine;
  readonly run: RunOptions;
  readonly observeOnly: boolean;
  readonly backoff: Backoff;
  readonly now: () => number;
  readonly log: Log;
}

export interface PassResult {
  readonly plan: Plan;
  readonly outcomes: readonly Outcome[];
  readonly inSync: number;
  /** Differences left (observe-only, or blocked by a missing permission). */
  readonly drifted: number;
  /** Failed now, or waiting out a backoff. */
  readonly failed: number;
}

const APPLIED = new Set(['created', 'updated', 'replaced', 'deleted', 'adopted']);

/** The plan with every action of a resource in its backoff turned into a blocked one. */
export function deferBackingOff(plan: Plan, backoff: Backoff, now: number): Plan {
  const actions = plan.actions.map((a): PlannedAction => {
    if (a.type === 'noop' || a.blocked) return a;
    const f = backoff.deferred(a.id, a.kind, now);
    if (!f) return a;
    const inS = Math.ceil((f.retryAt - now) / 1000);
    return { ...a, blocked: { code: 'backoff', message: `failed ${f.failures} time${f.failures === 1 ? '' : 's'} in a row; next try in ${inS} s (${f.error})` } };
  });
  return { ...plan, actions };
}

function logDrift(log: Log, a: PlannedAction): void {
  const changes = a.changes.map((c) => `${c.path}: ${showValue(c.from)} -> ${showValue(c.to)}`);
  log.child({ resource: a.id, kind: a.kind }).warn({ action: a.type, drift: a.drift ?? null, changes }, `drift: ${a.reason}`);
}

export async function runPass(p: PassInput): Promise<PassResult> {
  const planned = await planStack(p.spec, p.engine, p.run);
  const plan = deferBackingOff(planned.plan, p.backoff, p.now());
  const pending = plan.actions.filter(isPending);
  if (p.observeOnly) {
    for (const a of pending) logDrift(p.log, a);
    const failed = plan.actions.filter((a) => a.blocked?.code === 'backoff').length;
    return { plan, outcomes: [], inSync: plan.actions.length - pending.length, drifted: pending.length - failed, failed };
  }
  if (pending.length === 0) {
    for (const a of plan.actions) p.backoff.succeed(a.id, a.kind);
    return { plan, outcomes: [], inSync: plan.actions.length, drifted: 0, failed: 0 };
  }
  const outcomes = await applyStack(p.spec, p.engine, { ...planned, plan }, (o) => {
    const log = p.log.child({ resource: o.id, kind: o.kind });
    if (o.status === 'failed') {
      const f = p.backoff.fail(o.id, o.kind, o.reason ?? 'failed', p.now());
      log.error({ action: o.action, failures: f.failures, retryInMs: f.delayMs }, o.reason ?? 'failed');
    } else if (o.status !== 'blocked' && o.status !== 'skipped') {
      p.backoff.succeed(o.id, o.kind);
      if (APPLIED.has(o.status)) log.info({ action: o.action, ms: o.ms }, `${o.status} ${o.id}`);
    } else if (o.status === 'blocked' || o.reason) log.info({ action: o.action }, `${o.status}: ${o.reason ?? ''}`);
  });
  const backingOff = new Set(plan.actions.filter((a) => a.blocked?.code === 'backoff').map((a) => Backoff.key(a.id, a.kind)));
  let inSync = 0;
  let drifted = 0;
  let failed = 0;
  for (const o of outcomes) {
    if (o.status === 'failed' || (o.status === 'blocked' && backingOff.has(Backoff.key(o.id, o.kind)))) failed += 1;
    else if (o.status === 'blocked' || o.status === 'skipped') drifted += 1;
    else inSync += 1;
  }
  return { plan, outcomes, inSync, drifted, failed };
}
