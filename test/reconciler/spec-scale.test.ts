/**
 * A generated spec of 2,000 network resources (bench/scale-spec.ts) loads, and its broken
 * variant gives exactly the findings the loader gave before it was made linear (recorded
 * from the quadratic version): speed must not change what is reported. No timing here;
 * `npm run bench -- scale` measures it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scaleSpecText } from '../../bench/scale-spec.ts';
import { SpecError } from '../../src/reconciler/errors.ts';
import { buildGraph, topoOrder } from '../../src/reconciler/graph.ts';
import { loadSpec } from '../../src/reconciler/spec/load.ts';
import { kindCatalog } from '../../src/resources/registry.ts';

const N = 2000;
const load = (text: string) => loadSpec(text, 'scale.yaml', { catalog: kindCatalog, env: {} });

test(`a generated spec of ${N} resources validates, with positions for each resource`, () => {
  const spec = load(scaleSpecText(N));
  assert.equal(spec.resources.length, N);
  const kinds = new Map<string, number>();
  for (const r of spec.resources) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries(kinds), { 'ec2.vpc': 20, 'ec2.subnet': 1000, 'ec2.security-group': 980 });
  const sg = spec.resources.find((r) => r.id === 'v19-sg48')!;
  assert.deepEqual(sg.positions.get('properties.ingress.2.sourceSecurityGroupId'), { file: 'scale.yaml', line: sg.pos.line + 9, col: 81 });
  assert.equal(sg.positions.get('properties.vpcId')?.line, sg.pos.line + 3);
  // Groups come after the groups they reference, subnets after their VPC.
  const order = topoOrder(buildGraph(spec, kindCatalog));
  const at = new Map(order.map((id, i) => [id, i]));
  assert.ok(at.get('v19-sg47')! < at.get('v19-sg48')! && at.get('v19')! < at.get('v19-subnet0')!);
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
    '851:18: subnet 10.1.0.64/26 overlaps subnet "v1-subnet1" (10.1.0.64/26) in the same VPC',
    '867:18: subnet 13.233.1.0/26 is outside its VPC "v1" (10.1.0.0/16); pick a block inside it',
    '881:5: missing required field "availabilityZone"',
    '884:7: unknown field "availabiltyZone" in ec2.subnet properties; did you mean "availabilityZone"?',
    '909:82: reference to unknown resource "v1-sgx5"; did you mean "v1-sg5"?',
    '925:81: security group "v0-sg6" is in VPC "v0", not in this group\'s VPC "v1"',
    '995:18: subnet 10.1.2.0/24 overlaps subnet "v1-subnet8" (10.1.2.0/26) in the same VPC',
    '995:18: subnet 10.1.2.0/24 overlaps subnet "v1-subnet9" (10.1.2.64/26) in the same VPC',
    '995:18: subnet 10.1.2.0/24 overlaps subnet "v1-subnet10" (10.1.2.128/26) in the same VPC',
    '995:18: subnet 10.1.2.0/24 overlaps subnet "v1-subnet11" (10.1.2.192/26) in the same VPC',
    '1027:18: subnet 10.1.2.128/25 overlaps subnet "v1-subnet10" (10.1.2.128/26) in the same VPC',
    '1027:18: subnet 10.1.2.128/25 overlaps subnet "v1-subnet11" (10.1.2.192/26) in the same VPC',
    '1027:18: subnet 10.1.2.128/25 overlaps subnet "v1-subnet12" (10.1.2.0/24) in the same VPC',
  ]);
});
