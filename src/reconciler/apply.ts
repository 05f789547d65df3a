/**
 * apply: the graph walker over the plan. A node starts once what it references exists;
 * it waits for readiness only where an edge needs it ready; a failure skips only its
 * dependents. AWS calls are bounded by the clients' limiter, so waiting holds nothing.
 * Deletes run afterwards, in the order of real dependencies (delete-order.ts).
 */
import { resolveProperties, type Builtins } from './desired.ts';
import { forResource } from './context.ts';
import { changesFor, converge, deleteConfirmed, untilReady, type Subject } from './converge.ts';
import { runDeletes } from './delete-order.ts';
import type { Graph } from './graph.ts';
import { isReplace, type ActionType, type AdapterLookup, type Plan, type PlannedAction } from './plan.ts';
import type { RetryCounter } from './retry.ts';
import type { AdapterContext, KindCatalog, LogicalId, Observation, Spec } from './types.ts';
import { walk } from './walk.ts';

export type OutcomeStatus = 'unchanged' | 'created' | 'updated' | 'replaced' | 'deleted' | 'adopted' | 'failed' | 'skipped' | 'blocked';

export interface Outcome {
  readonly id: LogicalId;
  readonly kind: string;
  readonly action: ActionType;
  readonly status: OutcomeStatus;
  readonly ms: number;
  readonly reason?: string;
  readonly error?: Error;
}

export interface ApplyOptions {
  readonly onOutcome?: (o: Outcome) => void;
  readonly retries?: RetryCounter;
  /** Checked before each operation starts: once aborted, the rest are skipped as interrupted. */
  readonly signal?: AbortSignal;
}

/** The reason of an operation not started because the run was interrupted. */
export const INTERRUPTED = 'interrupted before it started';

/** Thrown to dependents of a node that will not exist in its desired form. */
export class Unavailable extends Error {}

export async function applyPlan(
  spec: Spec, graph: Graph, plan: Plan, catalog: KindCatalog, adapters: AdapterLookup, ctx: AdapterContext, builtins: Builtins, opts: ApplyOptions,
): Promise<Outcome[]> {
  const clock = ctx.clock;
  const byId = new Map(spec.resources.map((r) => [r.id, r]));
  const outcomes: Outcome[] = [];
  const record = (o: Outcome) => {
    outcomes.push(o);
    opts.onOutcome?.(o);
  };
  const forward = plan.actions.filter((a) => a.resource && a.type !== 'delete');
  const forwardById = new Map(forward.map((a) => [a.id, a]));
  // What exists now, by id: observed, then what each node made. Resources being destroyed
  // exist until the delete phase, so what needs them may go on.
  const current = new Map<LogicalId, Observation>();
  for (const a of plan.actions) if (a.resource && a.observed && !(isReplace(a.type) && !a.blocked)) current.set(a.id, a.observed);
  const outputs = (id: LogicalId) => {
    const obs = current.get(id);
    const kind = byId.get(id)?.kind;
    return obs && kind ? adapters(kind)?.outputs(obs.state) : undefined;
  };
  const desiredOf = (id: LogicalId) => resolveProperties(byId.get(id)!, outputs, catalog, (x) => byId.get(x)?.kind, builtins).value;
  const subject = (a: PlannedAction): Subject => ({ id: a.id, adapter: adapters(a.kind)!, ctx: forResource(ctx, a.id, a.kind), stack: spec.stack, retries: opts.retries });

  const readyCache = new Map<LogicalId, Promise<Observation>>();
  const whenReady = (id: LogicalId): Promise<Observation> => {
    let p = readyCache.get(id);
    if (!p) {
      const a = forwardById.get(id)!;
      const what = a.type === 'create' || isReplace(a.type) ? 'creating' : a.type === 'update' ? 'modifying' : 'waiting to be ready';
      p = untilReady(subject(a), current.get(id)!, desiredOf(id), what);
      p.catch(() => undefined); // awaited by dependents; nobody else must see it unhandled
      readyCache.set(id, p);
    }
    return p;
  };

  const lateDeletes: PlannedAction[] = [];

  const visit = async (a: PlannedAction, upstream: ReadonlyMap<PlannedAction, { ok: boolean; error?: Error }>): Promise<Observation> => {
    try {
      for (const e of graph.dependencies(a.id)) {
        const dep = forwardById.get(e.to);
        if (!dep) continue; // outside --target, or being destroyed: it exists as it is
        const s = upstream.get(dep)!;
        if (!s.ok) throw new Unavailable(`needs ${e.to}: ${s.error instanceof Unavailable ? s.error.message : `${e.to} failed`}`);
        if (e.need === 'ready') {
          try {
            await whenReady(e.to);
          } catch (err) {
            throw new Unavailable(`needs ${e.to} ready: ${(err as Error).message}`);
          }
        }
      }
    } catch (err) {
      record({ id: a.id, kind: a.kind, action: a.type, status: 'skipped', ms: 0, reason: (err as Error).message });
      throw new Unavailable(`${a.id} was skipped`);
    }
    const started = clock.now();
    const finish = (status: OutcomeStatus, extra: Partial<Outcome> = {}) =>
      record({ id: a.id, kind: a.kind, action: a.type, status, ms: clock.now() - started, ...extra });
    if (a.blocked) {
      finish('blocked', { reason: a.blocked.message });
      if (a.observed && !a.adopt) return a.observed;
      throw new Unavailable(`${a.id} is blocked (${a.blocked.message})`);
    }
    if (a.type === 'noop') {
      finish('unchanged');
      return a.observed!;
    }
    if (opts.signal?.aborted) {
      record({ id: a.id, kind: a.kind, action: a.type, status: 'skipped', ms: 0, reason: INTERRUPTED });
      throw new Unavailable(`${a.id} was not started (interrupted)`);
    }
    const s = subject(a);
    const desired = desiredOf(a.id);
    const made = (state: unknown, status: OutcomeStatus, extra: Partial<Outcome> = {}): Observation => {
      const obs: Observation = { id: a.id, state, tags: s.ctx.identityTags(a.id) };
      current.set(a.id, obs);
      finish(status, extra);
      return obs;
    };
    try {
      s.ctx.log.debug({ action: a.type }, `${a.type} ${a.id}`);
      if (a.type === 'create') return made(await converge(s, a.resource!, desired, undefined), 'created');
      const old = a.observed!;
      const changes = changesFor(s, a.resource!, desired, old);
      // References resolved at apply time may show a replace is not needed after all.
      const forced = changes.some((c) => s.adapter.replaceOn.includes(c.path.split(/[.[]/)[0]!));
      if (a.type === 'update' || !forced) {
        if (changes.length === 0 && !a.adopt) return made(old.state, 'unchanged', { reason: 'in sync once references resolved' });
        return made(await converge(s, a.resource!, desired, old), a.adopt ? 'adopted' : 'updated');
      }
      if (a.type === 'delete-then-create') {
        await deleteConfirmed(s, old.state);
        return made(await converge(s, a.resource!, desired, undefined), 'replaced');
      }
      const state = await converge(s, a.resource!, desired, undefined, old.state);
      lateDeletes.push({ ...a, type: 'delete', reasonCode: a.reasonCode, reason: 'replaced', observed: old, resource: undefined });
      return made(state, 'replaced');
    } catch (err) {
      finish('failed', { error: err as Error, reason: (err as Error).message });
      throw err;
    }
  };

  await walk({ nodes: forward, dependencies: (a) => graph.dependencies(a.id).map((e) => forwardById.get(e.to)!).filter(Boolean), name: (a) => a.id }, visit);

  const deletes = [...plan.actions.filter((a) => a.type === 'delete'), ...lateDeletes];
  await runDeletes(deletes, graph, adapters, (a) => subject(a), clock, record, opts.signal);
  return outcomes;
}
