/**
 * `blogctl graph`: the dependency graph as text (Kahn order), Mermaid, Graphviz dot or JSON.
 * Arrows point from a dependency to what needs it (the order things are built);
 * a solid arrow means "needs it ready", a dashed one "needs its id".
 */
import { topoOrder, type Graph } from '../graph.ts';
import type { Spec } from '../types.ts';

export const GRAPH_FORMATS = ['text', 'mermaid', 'dot', 'json'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export function renderGraph(spec: Spec, graph: Graph, format: GraphFormat): string {
  const order = topoOrder(graph);
  const kind = new Map(spec.resources.map((r) => [r.id, r.kind]));
  const rank = new Map(order.map((id, i) => [id, i]));
  const sorted = [...graph.edges].sort((a, b) => rank.get(a.to)! - rank.get(b.to)! || rank.get(a.from)! - rank.get(b.from)!);
  switch (format) {
    case 'json':
      return JSON.stringify(
        {
          stack: spec.stack,
          order,
          nodes: order.map((id) => ({ id, kind: kind.get(id) })),
          edges: sorted.map((e) => ({ from: e.to, to: e.from, need: e.need })),
        },
        null,
        2,
      );
    case 'mermaid': {
      const safe = (id: string) => id.replace(/[^A-Za-z0-9_]/g, '_');
      const lines = ['flowchart TD'];
      for (const id of order) lines.push(`  ${safe(id)}["${id}<br/><small>${kind.get(id)}</small>"]`);
      for (const e of sorted) lines.push(`  ${safe(e.to)} ${e.need === 'ready' ? '-->' : '-.->'} ${safe(e.from)}`);
      return lines.join('\n');
    }
    case 'dot': {
      const lines = [`digraph "${spec.stack}" {`, '  rankdir=LR;', '  node [shape=box, fontname="Helvetica"];'];
      for (const id of order) lines.push(`  "${id}" [label="${id}\\n${kind.get(id)}"];`);
      for (const e of sorted) lines.push(`  "${e.to}" -> "${e.from}"${e.need === 'exists' ? ' [style=dashed]' : ''};`);
      lines.push('}');
      return lines.join('\n');
    }
    case 'text': {
      const width = Math.max(...order.map((id) => id.length), 2);
      const lines = order.map((id, i) => {
        const deps = graph.dependencies(id).map((e) => (e.need === 'ready' ? `${e.to} (ready)` : e.to));
        return `${String(i + 1).padStart(3)}. ${id.padEnd(width)}  ${String(kind.get(id)).padEnd(32)}${deps.length ? ` <- ${deps.join(', ')}` : ''}`;
      });
      return [`${order.length} resources of stack "${spec.stack}", in the order they are built:`, ...lines].join('\n');
    }
  }
}
