/**
 * The dependency graph: references and dependsOn become edges; Kahn's algorithm gives
 * a deterministic order (ties broken by file order); a cycle is an error naming it.
 */
import { collectRefs } from './spec/cross-resource.ts';
import { kahn } from './walk.ts';
import type { KindCatalog, LogicalId, OutputAvailability, SourcePos, Spec, SpecProblem } from './types.ts';

export interface Edge {
  /** The dependent. */
  readonly from: LogicalId;
  /** What it depends on. */
  readonly to: LogicalId;
  /** 'exists': needs the id; 'ready': needs it usable (a 'ready' output, or dependsOn). */
  readonly need: OutputAvailability;
  readonly pos: SourcePos;
}

export interface Graph {
  readonly nodes: readonly LogicalId[];
  /** One edge per (from, to), the strongest need wins. */
  readonly edges: readonly Edge[];
  dependencies(id: LogicalId): readonly Edge[];
  dependents(id: LogicalId): readonly Edge[];
}

export function buildGraph(spec: Spec, catalog: KindCatalog): Graph {
  const ids = new Set(spec.resources.map((r) => r.id));
  const byPair = new Map<string, Edge>();
  const add = (e: Edge): void => {
    const key = `${e.from}\u0000${e.to}`;
    const prev = byPair.get(key);
    if (!prev || (prev.need === 'exists' && e.need === 'ready')) byPair.set(key, e);
  };
  const kindOf = new Map(spec.resources.map((r) => [r.id, r.kind]));
  for (const r of spec.resources) {
    for (const ref of collectRefs(r.properties)) {
      const kind = kindOf.get(ref.target);
      if (!kind || !ids.has(ref.target) || ref.target === r.id) continue;
      const schema = catalog[kind];
      const need = schema.outputs[ref.attr ?? schema.defaultOutput] ?? 'exists';
      add({ from: r.id, to: ref.target, need, pos: ref.pos });
    }
    r.dependsOn.forEach((dep, i) => {
      if (ids.has(dep)) add({ from: r.id, to: dep, need: 'ready', pos: r.positions.get(`dependsOn.${i}`) ?? r.pos });
    });
  }
  const edges = [...byPair.values()];
  const out = new Map<LogicalId, Edge[]>();
  const inc = new Map<LogicalId, Edge[]>();
  for (const e of edges) {
    (out.get(e.from) ?? out.set(e.from, []).get(e.from)!).push(e);
    (inc.get(e.to) ?? inc.set(e.to, []).get(e.to)!).push(e);
  }
  return {
    nodes: spec.resources.map((r) => r.id),
    edges,
    dependencies: (id) => out.get(id) ?? [],
    dependents: (id) => inc.get(id) ?? [],
  };
}

/** Kahn's algorithm (walk.ts's, with a heap of file ranks): dependencies first; among ready nodes, file order. Throws on a cycle. */
export function topoOrder(graph: Graph): LogicalId[] {
  const { order, cyclic } = kahn({ nodes: graph.nodes, dependencies: (id) => graph.dependencies(id).map((e) => e.to) });
  if (cyclic.length > 0) throw new Error('the graph has a cycle; validate the spec first');
  return order;
}

/** Each cycle once, as `a -> b -> c -> a`, anchored at the reference that closes it. */
export function cyclesOf(graph: Graph): { path: LogicalId[]; pos: SourcePos }[] {
  const state = new Map<LogicalId, 'open' | 'done'>();
  const stack: LogicalId[] = [];
  const found: { path: LogicalId[]; pos: SourcePos }[] = [];
  const visit = (id: LogicalId): void => {
    state.set(id, 'open');
    stack.push(id);
    for (const e of graph.dependencies(id)) {
      const s = state.get(e.to);
      if (s === 'open') {
        const path = [...stack.slice(stack.indexOf(e.to)), e.to];
        found.push({ path, pos: graph.dependencies(path[0]!).find((x) => x.to === path[1])?.pos ?? e.pos });
      } else if (s === undefined) visit(e.to);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of graph.nodes) if (!state.has(id)) visit(id);
  return found;
}

export function findCycles(spec: Spec, catalog: KindCatalog): SpecProblem[] {
  return cyclesOf(buildGraph(spec, catalog)).map((c) => ({
    pos: c.pos,
    message: `reference cycle: ${c.path.join(' -> ')}; remove one of these references or dependsOn entries`,
  }));
}
