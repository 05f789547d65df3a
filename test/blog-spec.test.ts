import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildGraph, topoOrder } from '../src/reconciler/graph.ts';
import { specJsonSchema } from '../src/reconciler/spec/json-schema.ts';
import { loadSpecFile } from '../src/reconciler/spec/load.ts';
import { KINDS } from '../src/reconciler/types.ts';
import { kindCatalog } from '../src/resources/registry.ts';

const root = join(import.meta.dirname, '..');

test('blog.spec.yaml validates, covers every kind, and orders its 41 resources', () => {
  const spec = loadSpecFile(join(root, 'blog.spec.yaml'), { catalog: kindCatalog, env: {} });
  assert.equal(spec.stack, 'blog');
  assert.equal(spec.region, 'us-east-1');
  assert.deepEqual([...new Set(spec.resources.map((r) => r.kind))].sort(), [...KINDS].sort());
  const order = topoOrder(buildGraph(spec, kindCatalog));
  assert.equal(order.length, spec.resources.length);
  assert.ok(order.indexOf('vpc') < order.indexOf('publicSubnetA'));
  assert.ok(order.indexOf('db') < order.indexOf('appLaunchTemplate'));
});

test('the admin CIDR param switches SSH rules on', () => {
  const rules = (params: Record<string, string>) => {
    const spec = loadSpecFile(join(root, 'blog.spec.yaml'), { catalog: kindCatalog, params, env: {} });
    const nat = spec.resources.find((r) => r.id === 'natSg')!;
    return (nat.properties.ingress as { fromPort: number }[]).map((r) => r.fromPort);
  };
  assert.ok(!rules({}).includes(22));
  assert.ok(rules({ adminCidr: '203.0.113.7/32' }).includes(22));
});

test('blog.spec.schema.json is the current output of `blogctl schema`', () => {
  const committed = JSON.parse(readFileSync(join(root, 'blog.spec.schema.json'), 'utf8'));
  assert.deepEqual(committed, specJsonSchema(kindCatalog), 'run: npx blogctl schema -o blog.spec.schema.json');
  assert.match(readFileSync(join(root, 'blog.spec.yaml'), 'utf8'), /^# yaml-language-server: \$schema=\.\/blog\.spec\.schema\.json/);
});

test('no secret in the spec: no password field, and the DB password comes from the managed secret', () => {
  const text = readFileSync(join(root, 'blog.spec.yaml'), 'utf8');
  assert.doesNotMatch(text, /^\s*(masterUserPassword|password)\s*:/im);
  assert.match(text, /secretsmanager get-secret-value/);
});
