/**
 * apply: a DAG walk. A node starts when what it needs is there (its id, or its
 * readiness); a p-limit slot is held only around the adapter's AWS calls; a failure
 * skips only its dependents. Deletes run afterwards, in reverse dependency order.
 */
import pLimit from 'p-limit';
import { Deferred, waitUntilReady, type Clock } from './wait.ts';
import { resolveProperties, withoutIgnored, type Builtins } from './desired.ts';
import type { Graph } from './graph.ts';
import { topField, type AdapterLookup, type Plan, type PlannedAction } from './plan.ts';
import { orderDeletes } from './delete-order.ts';
import type { AdapterContext, KindCatalog, LogicalId, Observation, Spec } from './types.ts';

export type OutcomeStatus = 'unchanged' | 'created' | 'updated' | 'replaced' | 'deleted' | 'adopted' | 'failed' | 'skipped' | 'blocked';

export interface Outcome {
  readonly id: LogicalId;
  readonly kind: string;
  readonly action: PlannedAction['type'];
  readonly status: OutcomeStatus;
  readonly ms: number;
  readonly reason?: string;
  readonly error?: Error;
}

export interface ApplyOptions {
  readonly concurrency: number;
  readonly clock: Clock;
  /** How long to wait for a resource to become ready before failing it. */
  readonly readyTimeoutMs?: number;
  readonly onOutcome?: (o: Outcome) => void;
}

/** Thrown into dependents of a node that will not exist in its desired form. */
class Unavailable extends Error {}

export async function applyPlan(
  spec: Spec, graph: Graph, plan: Plan, catalog: KindCatalog, adapters: AdapterLookup, ctx: AdapterContext, builtins: Builtins, opts: ApplyOptions,
): Promise<Outcome[]> {
  const limit = pLimit(opts.concurrency);
  const byId = new Map(spec.resources.map((r) => [r.id, r]));
  const actions = new Map(plan.actions.filter((a) => a.resource).map((a) => [a.id, a]));
  const exists = new Map<LogicalId, Deferred<Observation<unknown>>>();
  const readyCache = new Map<LogicalId, Promise<Observation<unknown>>>();
  for (const id of actions.keys()) exists.set(id, new Deferred());
  const outcomes: Outcome[] = [];
  const lateDeletes: PlannedAction[] = [];
  const record = (o: Outcome) => {
    outcomes.push(o);
    opts.onOutcome?.(o);
  };
  const outputs = (id: LogicalId) => {
    const d = exists.get(id);
    const a = actions.get(id);
    return d?.value && a ? adapters(a.kind)?.outputs(d.value.state) : undefined;
  };

  const whenReady = (id: LogicalId): Promise<Observation<unknown>> => {
    let p = readyCache.get(id);
    if (!p) {
      const a = actions.get(id)!;
      const adapter = adapters(a.kind)!;
      p = exists.get(id)!.promise.then((obs) => {
        if (!adapter.readiness) return obs;
        const desired = resolveProperties(byId.get(id)!, outputs, catalog, (x) => byId.get(x)?.kind, builtins).value;
        return waitUntilReady(id, obs, adapter, desired, limit, ctx, opts.clock, opts.readyTimeoutMs ?? 45 * 60_000);
      });
      readyCache.set(id, p);
    }
    return p;
  };

  const run = async (a: PlannedAction): Promise<void> => {
    const done = exists.get(a.id)!;
    try {
      for (const e of graph.dependencies(a.id)) {
        if (!actions.has(e.to)) continue; // outside --target: it exists already
        try {
          await (e.need === 'ready' ? whenReady(e.to) : exists.get(e.to)!.promise);
        } catch (err) {
          const why = err instanceof Unavailable ? err.message : `${e.to} failed`;
          throw new Unavailable(`needs ${e.to}${e.need === 'ready' ? ' ready' : ''}: ${why}`);
        }
      }
    } catch (err) {
      record({ id: a.id, kind: a.kind, action: a.type, status: 'skipped', ms: 0, reason: (err as Error).message });
      done.reject(new Unavailable(`${a.id} was skipped`));
      return;
    }
    const started = opts.clock.now();
    const finish = (status: OutcomeStatus, extra: Partial<Outcome> = {}) =>
      record({ id: a.id, kind: a.kind, action: a.type, status, ms: opts.clock.now() - started, ...extra });
    if (a.blocked) {
      finish('blocked', { reason: a.blocked });
      if (a.observed && !a.adopt) done.resolve(a.observed);
      else done.reject(new Unavailable(`${a.id} is blocked (${a.blocked})`));
      return;
    }
    const adapter = adapters(a.kind)!;
    try {
      if (a.type === 'noop') {
        done.resolve(a.observed!);
        return finish('unchanged');
      }
      const desired = resolveProperties(a.resource!, outputs, catalog, (x) => byId.get(x)?.kind, builtins).value;
      if (a.type === 'create') {
        const state = await limit(() => adapter.create(a.id, desired, ctx));
        done.resolve({ state });
        return finish('created');
      }
      const observed = a.observed!;
      const changes = withoutIgnored(adapter.diff(desired, observed.state), a.resource!.ignoreChanges);
      if (a.type === 'update' || changes.every((c) => !adapter.replaceOn.includes(topField(c.path)))) {
        if (changes.length === 0 && !a.adopt) {
          done.resolve(observed);
          return finish('unchanged', { reason: 'in sync once references resolved' });
        }
        const state = await limit(() => adapter.update(a.id, desired, observed.state, changes, ctx));
        done.resolve({ state });
        return finish(a.adopt ? 'adopted' : 'updated');
      }
      if (adapter.replaceOrder === 'delete-before-create') {
        await limit(() => adapter.delete(observed.state, ctx));
        done.resolve({ state: await limit(() => adapter.create(a.id, desired, ctx)) });
      } else {
        done.resolve({ state: await limit(() => adapter.create(a.id, desired, ctx)) });
        lateDeletes.push({ ...a, type: 'delete', reason: 'replaced' });
      }
      return finish('replaced');
    } catch (err) {
      done.reject(new Unavailable(`${a.id} failed`));
      finish('failed', { error: err as Error, reason: (err as Error).message });
    }
  };

  // Resources being destroyed exist until the delete phase: what waits on them may go on.
  for (const a of plan.actions) if (a.type === 'delete' && a.resource && a.observed) exists.get(a.id)?.resolve(a.observed);
  const forward = plan.actions.filter((a) => a.type !== 'delete');
  await Promise.all(forward.map(run));
  // Replacements made readiness promises others may not have awaited: settle them quietly.
  for (const p of readyCache.values()) p.catch(() => undefined);

  const deletes = [...plan.actions.filter((a) => a.type === 'delete'), ...lateDeletes];
  await orderDeletes(deletes, graph, adapters, ctx, limit, opts.clock, record);
  return outcomes;
}
