import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildGraph, cyclesOf, topoOrder } from '../../src/reconciler/graph.ts';
import { renderGraph } from '../../src/reconciler/render/graph.ts';
import { loadSpec } from '../../src/reconciler/spec/load.ts';
import { kindCatalog } from '../../src/resources/registry.ts';
import type { Spec } from '../../src/reconciler/types.ts';

const load = (resources: string): Spec =>
  loadSpec(`apiVersion: blogctl/v1\nstack: blog\nresources:\n${resources}`, 'g.yaml', { catalog: kindCatalog, env: {} });

const subnet = (id: string, vpc: string, cidr: string, extra = '') =>
  `  ${id}:\n    kind: ec2.subnet\n${extra}    properties:\n      vpcId: ${vpc}\n      cidrBlock: ${cidr}\n      availabilityZone: us-east-1a\n`;
const vpc = (id: string, cidr = '10.0.0.0/16', extra = '') => `  ${id}:\n    kind: ec2.vpc\n${extra}    properties:\n      cidrBlock: ${cidr}\n`;

test('dependencies come first; ties keep file order', () => {
  const spec = load(subnet('s2', '${v}', '10.0.2.0/24') + subnet('s1', '${v}', '10.0.1.0/24') + vpc('v') + vpc('w', '10.1.0.0/16'));
  assert.deepEqual(topoOrder(buildGraph(spec, kindCatalog)), ['v', 's2', 's1', 'w']);
});

test('the order is the same on every run and for every format', () => {
  const spec = load(vpc('v') + subnet('a', '${v}', '10.0.1.0/24') + subnet('b', '${v.id}', '10.0.2.0/24'));
  const runs = Array.from({ length: 5 }, () => renderGraph(spec, buildGraph(spec, kindCatalog), 'json'));
  assert.equal(new Set(runs).size, 1);
  const json = JSON.parse(runs[0]!);
  assert.deepEqual(json.order, ['v', 'a', 'b']);
  assert.deepEqual(json.edges, [
    { from: 'v', to: 'a', need: 'exists' },
    { from: 'v', to: 'b', need: 'exists' },
  ]);
});

test('dependsOn is a "needs it ready" edge and wins over an id edge to the same resource', () => {
  const spec = load(vpc('v') + subnet('a', '${v}', '10.0.1.0/24', '    dependsOn: [v]\n'));
  const g = buildGraph(spec, kindCatalog);
  assert.deepEqual(g.dependencies('a').map((e) => [e.to, e.need]), [['v', 'ready']]);
  assert.deepEqual(g.dependents('v').map((e) => e.from), ['a']);
});

test('references inside strings are edges too', () => {
  const spec = load(vpc('v') + `  w:\n    kind: ec2.vpc\n    properties:\n      cidrBlock: 10.1.0.0/16\n      tags: { Peer: "peer-\${v.cidrBlock}" }\n`);
  assert.deepEqual(buildGraph(spec, kindCatalog).dependencies('w').map((e) => e.to), ['v']);
});

test('a cycle is found and named in order, each only once', () => {
  const spec: Spec = load(vpc('a', '10.0.0.0/16', '    dependsOn: [b]\n') + vpc('b', '10.1.0.0/16', '    dependsOn: [c]\n') + vpc('c', '10.2.0.0/16'));
  const g = buildGraph(spec, kindCatalog);
  assert.deepEqual(cyclesOf(g), []);
  const cyclic = { ...spec, resources: spec.resources.map((r) => (r.id === 'c' ? { ...r, dependsOn: ['a'] } : r)) };
  const cycles = cyclesOf(buildGraph(cyclic, kindCatalog));
  assert.deepEqual(cycles.map((c) => c.path.join(' -> ')), ['a -> b -> c -> a']);
  assert.throws(() => topoOrder(buildGraph(cyclic, kindCatalog)), /cycle/);
});

test('mermaid and dot mark id-only edges dashed', () => {
  const spec = load(vpc('v') + subnet('a', '${v}', '10.0.1.0/24', '    dependsOn: [v]\n') + subnet('b', '${v}', '10.0.2.0/24'));
  const g = buildGraph(spec, kindCatalog);
  const mermaid = renderGraph(spec, g, 'mermaid');
  assert.match(mermaid, /^flowchart TD/);
  assert.match(mermaid, /v --> a/);
  assert.match(mermaid, /v -\.-> b/);
  const dot = renderGraph(spec, g, 'dot');
  assert.match(dot, /"v" -> "a";/);
  assert.match(dot, /"v" -> "b" \[style=dashed\];/);
});
