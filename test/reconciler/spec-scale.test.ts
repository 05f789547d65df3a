/**
 * A generated spec of 2,000 network resources (bench/scale-spec.ts) loads, and its broken
 * variant gives exactly the findings the loader gave before it was made linear (recorded
 * from the quadratic version): speed must not change what is reported. No timing here;
 * `npm run bench -- scale` measures it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scaleSpecText } from '../../bench/scale-spec.ts';
import { cidrsOverlap, earlierOverlaps, formatCidr, parseCidr } from '../../src/net/cidr.ts';
import { SpecError } from '../../src/reconciler/errors.ts';
import { buildGraph, topoOrder, type Edge, type Graph } from '../../src/reconciler/graph.ts';
import { loadSpec } from '../../src/reconciler/spec/load.ts';
import { kindCatalog } from '../../src/resources/registry.ts';

const N = 2000;
const load = (text: string) => loadSpec(text, 'scale.yaml', { catalog: kindCatalog, env: {} });

test(`a generated spec of ${N} resources validates, with positions for each resource`, () => {
  const spec = load(scaleSpecText(N));
  assert.equal(spec.resources.length, N);
  const kinds = new Map<string, number>();
  for (const r of spec.resources) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries(kinds), { 'ec2.vpc': 4, 'ec2.subnet': 1000, 'ec2.security-group': 996 });
  const sg = spec.resources.find((r) => r.id === 'v3-sg248')!;
  assert.deepEqual(sg.positions.get('properties.ingress.2.sourceSecurityGroupId'), { file: 'scale.yaml', line: sg.pos.line + 9, col: 81 });
  assert.equal(sg.positions.get('properties.vpcId')?.line, sg.pos.line + 3);
  // Groups come after the groups they reference, subnets after their VPC.
  const order = topoOrder(buildGraph(spec, kindCatalog));
  const at = new Map(order.map((id, i) => [id, i]));
  assert.ok(at.get('v3-sg247')! < at.get('v3-sg248')! && at.get('v3')! < at.get('v3-subnet0')!);
});

test(`the broken variant of ${N} resources gives the same findings as the quadratic loader did`, () => {
  let error: unknown;
  try {
    load(scaleSpecText(N, { broken: true }));
  } catch (err) {
    error = err;
  }
  assert.ok(error instanceof SpecError);
  assert.deepEqual(error.problems.map((p) => `${p.pos.line}:${p.pos.col}: ${p.message}`), [
    '4051:18: subnet 10.1.0.64/26 overlaps subnet "v1-subnet1" (10.1.0.64/26) in the same VPC',
    '4067:18: subnet 10.200.0.0/26 is outside its VPC "v1" (10.1.0.0/16); pick a block inside it',
    '4081:5: missing required field "availabilityZone"',
    '4084:7: unknown field "availabiltyZone" in ec2.subnet properties; did you mean "availabilityZone"?',
    '4109:82: reference to unknown resource "v1-sgx5"; did you mean "v1-sg5"?',
    '4125:81: security group "v0-sg6" is in VPC "v0", not in this group\'s VPC "v1"',
    '4195:18: subnet 10.1.2.0/24 overlaps subnet "v1-subnet8" (10.1.2.0/26) in the same VPC',
    '4195:18: subnet 10.1.2.0/24 overlaps subnet "v1-subnet9" (10.1.2.64/26) in the same VPC',
    '4195:18: subnet 10.1.2.0/24 overlaps subnet "v1-subnet10" (10.1.2.128/26) in the same VPC',
    '4195:18: subnet 10.1.2.0/24 overlaps subnet "v1-subnet11" (10.1.2.192/26) in the same VPC',
    '4227:18: subnet 10.1.2.128/25 overlaps subnet "v1-subnet10" (10.1.2.128/26) in the same VPC',
    '4227:18: subnet 10.1.2.128/25 overlaps subnet "v1-subnet11" (10.1.2.192/26) in the same VPC',
    '4227:18: subnet 10.1.2.128/25 overlaps subnet "v1-subnet12" (10.1.2.0/24) in the same VPC',
  ]);
});

/** A seeded pseudo-random generator (mulberry32), so a failure repeats. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

test('earlierOverlaps finds exactly the pairs a comparison of every pair finds, in list order', () => {
  const next = random(7);
  for (let round = 0; round < 20; round++) {
    // Objects, not strings: the same block may come twice, and each is its own item.
    const blocks = Array.from({ length: 60 }, () => {
      const prefix = 20 + Math.floor(next() * 9);
      return { cidr: `${formatCidr({ base: (0x0a000000 + Math.floor(next() * 512) * 256) >>> 0, prefix: 32 }).slice(0, -3)}/${prefix}` };
    });
    const cidrOf = (b: { cidr: string }) => parseCidr(b.cidr);
    const found = earlierOverlaps(blocks, cidrOf);
    assert.ok([...found.values()].some((earlier) => earlier.length > 1), 'some block overlaps several earlier ones');
    blocks.forEach((b, i) => {
      const naive = blocks.slice(0, i).filter((a) => cidrsOverlap(cidrOf(a)!, cidrOf(b)!));
      assert.deepEqual(found.get(b) ?? [], naive, `round ${round}, block ${i} (${b.cidr})`);
    });
  }
});

test('topoOrder gives the order of the sort-every-step version on random graphs', () => {
  const next = random(11);
  for (let round = 0; round < 20; round++) {
    const nodes = Array.from({ length: 80 }, (_, i) => `n${i}`);
    // Edges go from a node to nodes of a random permutation's earlier places: a DAG whose
    // build order differs from file order.
    const place = nodes.map((id) => ({ id, key: next() })).sort((a, b) => a.key - b.key).map((x) => x.id);
    const edges: Edge[] = [];
    place.forEach((from, i) => {
      for (let j = 0; j < i; j++) if (next() < 0.05) edges.push({ from, to: place[j]!, need: 'exists', pos: { file: 'x', line: 1, col: 1 } });
    });
    const graph: Graph = {
      nodes,
      edges,
      dependencies: (id) => edges.filter((e) => e.from === id),
      dependents: (id) => edges.filter((e) => e.to === id),
    };
    const naive: string[] = [];
    const left = new Map(nodes.map((id) => [id, graph.dependencies(id).length]));
    const ready = nodes.filter((id) => left.get(id) === 0);
    while (ready.length > 0) {
      ready.sort((a, b) => nodes.indexOf(a) - nodes.indexOf(b));
      const id = ready.shift()!;
      naive.push(id);
      for (const e of graph.dependents(id)) {
        left.set(e.from, left.get(e.from)! - 1);
        if (left.get(e.from) === 0) ready.push(e.from);
      }
    }
    assert.deepEqual(topoOrder(graph), naive, `round ${round}`);
  }
});
