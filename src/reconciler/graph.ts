/**
 * The dependency graph: references and dependsOn become edges; Kahn's algorithm gives
 * a deterministic order (ties broken by file order); a cycle is an error naming it.
 */
import { collectRefs } from './spec/cross-resource.ts';
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

/**
 * Kahn's algorithm: dependencies first; among ready nodes, file order. The ready nodes
 * wait in a binary min-heap of file ranks, so each step costs O(log n). Throws on a cycle.
 */
export function topoOrder(graph: Graph): LogicalId[] {
  const rank = new Map(graph.nodes.map((id, i) => [id, i]));
  const remaining = new Map(graph.nodes.map((id) => [id, graph.dependencies(id).length]));
  const ready = new RankHeap();
  graph.nodes.forEach((id, i) => {
    if (remaining.get(id) === 0) ready.push(i);
  });
  const order: LogicalId[] = [];
  while (ready.size > 0) {
    const id = graph.nodes[ready.pop()]!;
    order.push(id);
    for (const e of graph.dependents(id)) {
      const left = remaining.get(e.from)! - 1;
      remaining.set(e.from, left);
      if (left === 0) ready.push(rank.get(e.from)!);
    }
  }
  if (order.length !== graph.nodes.length) throw new Error('the graph has a cycle; validate the spec first');
  return order;
}

/** A binary min-heap of node ranks (positions in file order), for topoOrder. */
class RankHeap {
  private readonly items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  push(rank: number): void {
    const a = this.items;
    a.push(rank);
    for (let i = a.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (a[parent]! <= a[i]!) break;
      [a[parent], a[i]] = [a[i]!, a[parent]!];
      i = parent;
    }
  }
  pop(): number {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let least = i;
        if (l < a.length && a[l]! < a[least]!) least = l;
        if (r < a.length && a[r]! < a[least]!) least = r;
        if (least === i) break;
        [a[least], a[i]] = [a[i]!, a[least]!];
        i = least;
      }
    }
    return top;
  }
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
