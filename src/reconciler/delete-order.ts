/**
 * Deletes, after every create and update: a resource is deleted only once everything
 * that depends on it is gone. Resources still in the spec use the graph; resources that
 * left it (no spec, no edges) use the registry's kind order in reverse.
 */
import type { LimitFunction } from 'p-limit';
import type { Outcome } from './apply.ts';
import type { Graph } from './graph.ts';
import type { AdapterLookup, PlannedAction } from './plan.ts';
import { KINDS, type AdapterContext } from './types.ts';
import type { Clock } from './wait.ts';

const key = (a: PlannedAction) => `${a.kind}/${a.id}`;

/** Must `later` be deleted before `earlier`? (later depends on earlier) */
function mustGoFirst(first: PlannedAction, then: PlannedAction, graph: Graph, inSpec: ReadonlySet<string>): boolean {
  if (first.resource && then.resource && inSpec.has(key(first)) && inSpec.has(key(then)))
    return graph.dependencies(first.id).some((e) => e.to === then.id);
  return KINDS.indexOf(first.kind) > KINDS.indexOf(then.kind);
}

export async function orderDeletes(
  deletes: readonly PlannedAction[],
  graph: Graph,
  adapters: AdapterLookup,
  ctx: AdapterContext,
  limit: LimitFunction,
  clock: Clock,
  record: (o: Outcome) => void,
): Promise<void> {
  const inSpec = new Set(deletes.filter((d) => d.resource && d.reason !== 'replaced').map(key));
  const done = new Map<string, Promise<boolean>>();
  const run = async (a: PlannedAction): Promise<boolean> => {
    await Promise.resolve(); // every delete registers before any waits
    const before = deletes.filter((d) => d !== a && mustGoFirst(d, a, graph, inSpec));
    const results = await Promise.all(before.map((d) => done.get(key(d)) ?? Promise.resolve(true)));
    const started = clock.now();
    const base = { id: a.id, kind: a.kind, action: 'delete' as const };
    if (a.blocked) {
      record({ ...base, status: 'blocked', ms: 0, reason: a.blocked });
      return false;
    }
    if (results.some((ok) => !ok)) {
      const stuck = before.filter((_, i) => !results[i]).map((d) => d.id);
      record({ ...base, status: 'skipped', ms: 0, reason: `waits for ${stuck.join(', ')} to be deleted first` });
      return false;
    }
    try {
      await limit(() => adapters(a.kind)!.delete(a.observed!.state, ctx));
      record({ ...base, status: 'deleted', ms: clock.now() - started, reason: a.reason });
      return true;
    } catch (err) {
      record({ ...base, status: 'failed', ms: clock.now() - started, error: err as Error, reason: (err as Error).message });
      return false;
    }
  };
  for (const d of deletes) done.set(key(d), run(d));
  await Promise.all(done.values());
}
