/**
 * Deletes, after every create and update, in the order of real dependencies: a resource
 * goes only once everything that references it is gone (confirmed by observe when AWS
 * deletes slowly). What a resource references comes from the spec while it is in it
 * (destroy), else from its blogctl:deps tag (written at create and kept current), else
 * from its observed state (kinds AWS cannot tag, resources made before the tag existed):
 * a string in it equal to another resource's output (an id, an ARN) is a reference.
 */
import { INTERRUPTED, type Outcome } from './apply.ts';
import { deleteConfirmed, type Subject } from './converge.ts';
import { parseDepsTag } from './desired.ts';
import type { Graph } from './graph.ts';
import type { AdapterLookup, PlannedAction } from './plan.ts';
import { TAG, type Clock, type LogicalId } from './types.ts';
import { kahn, walk } from './walk.ts';


/** Every string inside a value (observed states are plain data). */
function strings(v: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof v === 'string') out.add(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

/** For each delete, the deletes it references (which must therefore wait for it). */
export function referencesAmong(deletes: readonly PlannedAction[], graph: Graph, adapters: AdapterLookup): Map<PlannedAction, Set<PlannedAction>> {
  const byId = new Map<LogicalId, PlannedAction[]>();
  for (const d of deletes) (byId.get(d.id) ?? byId.set(d.id, []).get(d.id)!).push(d);
  // Outputs (ids, ARNs) of every resource being deleted, for references found in state.
  const byOutput = new Map<string, PlannedAction[]>();
  for (const d of deletes) {
    const outs = d.observed ? adapters(d.kind)?.outputs(d.observed.state) ?? {} : {};
    for (const v of new Set(Object.values(outs))) if (v.length >= 8) (byOutput.get(v) ?? byOutput.set(v, []).get(v)!).push(d);
  }
  const refs = new Map<PlannedAction, Set<PlannedAction>>();
  for (const d of deletes) {
    const out = new Set<PlannedAction>();
    const addIds = (ids: Iterable<LogicalId>) => {
      for (const id of ids) if (id !== d.id) for (const t of byId.get(id) ?? []) out.add(t);
    };
    const tag = d.observed?.tags[TAG.deps];
    const parsed = tag === undefined ? undefined : parseDepsTag(tag);
    if (d.resource) addIds(graph.dependencies(d.id).map((e) => e.to));
    else if (parsed) addIds(parsed.ids);
    if (!d.resource && (!parsed || !parsed.complete) && d.observed) {
      for (const s of strings(d.observed.state)) for (const t of byOutput.get(s) ?? []) if (t !== d && t.id !== d.id) out.add(t);
    }
    refs.set(d, out);
  }
  return refs;
}

export async function runDeletes(
  deletes: readonly PlannedAction[],
  graph: Graph,
  adapters: AdapterLookup,
  subject: (a: PlannedAction) => Subject,
  clock: Clock,
  record: (o: Outcome) => void,
  signal?: AbortSignal,
): Promise<void> {
  if (deletes.length === 0) return;
  const refs = referencesAmong(deletes, graph, adapters);
  // d waits for every delete that references it.
  const waitsFor = new Map<PlannedAction, PlannedAction[]>(deletes.map((d) => [d, []]));
  for (const [d, targets] of refs) for (const t of targets) waitsFor.get(t)!.push(d);
  const input = { nodes: deletes, dependencies: (d: PlannedAction) => waitsFor.get(d)!, name: (d: PlannedAction) => d.id };
  // A cycle (references recorded by different spec versions) cannot be ordered: those fail, loudly.
  const cyclic = new Set(kahn(input).cyclic);
  const ordered = { ...input, dependencies: (d: PlannedAction) => (cyclic.has(d) ? [] : waitsFor.get(d)!) };

  await walk(ordered, async (a, upstream) => {
    const base = { id: a.id, kind: a.kind, action: a.type };
    if (cyclic.has(a)) {
      const reason = `cannot order the deletes of ${[...cyclic].map((c) => c.id).join(', ')}: they reference each other; delete one by hand`;
      record({ ...base, status: 'failed', ms: 0, reason });
      throw new Error(reason);
    }
    if (a.blocked) {
      record({ ...base, status: 'blocked', ms: 0, reason: a.blocked.message });
      throw new Error('blocked');
    }
    if (signal?.aborted) {
      record({ ...base, status: 'skipped', ms: 0, reason: INTERRUPTED });
      throw new Error('interrupted');
    }
    const stuck = [...upstream].filter(([, s]) => !s.ok).map(([d]) => d.id);
    if (stuck.length > 0) {
      record({ ...base, status: 'skipped', ms: 0, reason: `waits for ${[...new Set(stuck)].join(', ')} to be deleted first` });
      throw new Error('skipped');
    }
    const started = clock.now();
    try {
      await deleteConfirmed(subject(a), a.observed!.state);
      record({ ...base, status: 'deleted', ms: clock.now() - started, reason: a.reason });
    } catch (err) {
      record({ ...base, status: 'failed', ms: clock.now() - started, error: err as Error, reason: (err as Error).message });
      throw err;
    }
  });
}
