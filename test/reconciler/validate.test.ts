/**
 * Adapters' plan-time checks (ResourceAdapter.validate): an error stops the plan at the
 * property's file:line:col before anything is written; warnings and notes go with the
 * plan (text, markdown, json); deletes are never checked.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SpecError } from '../../src/reconciler/errors.ts';
import { planJson, renderPlan } from '../../src/reconciler/render/plan.ts';
import type { PlanFinding } from '../../src/reconciler/types.ts';
import type { FakeResource } from './fake-cloud.ts';
import { fakeWorld, res, spec } from './fake-engine.ts';

const DB = res('db', 'rds.db-instance', { version: '8.0.28', name: 'blog' }) + res('fn', 'lambda.function', { runtime: 'nodejs20.x' });

function world(findings: (desired: Record<string, unknown>, observed?: FakeResource) => PlanFinding[]) {
  const seen: { desired: Record<string, unknown>; observed?: FakeResource }[] = [];
  const w = fakeWorld({
    overrides: {
      'rds.db-instance': {
        validate: async (desired: Record<string, unknown>, _ctx, observed?: FakeResource) => {
          seen.push({ desired, ...(observed ? { observed } : {}) });
          return findings(desired, observed);
        },
      },
    },
  });
  return { ...w, seen };
}

test('an error finding stops the plan at the property, before any write', async () => {
  const w = world((d) => (d.version === '8.0.28' ? [{ path: 'version', severity: 'error', message: 'RDS no longer offers mysql 8.0.28; offered: 8.0.42' }] : []));
  const err = await w.reconcile(spec(DB)).then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof SpecError, `expected a SpecError, got ${String(err)}`);
  // e.yaml: line 1 apiVersion, 2 stack, 3 resources, 4 db:, 5 kind, 6 properties, 7 version.
  assert.equal(err.message, 'e.yaml:7:16: db: RDS no longer offers mysql 8.0.28; offered: 8.0.42');
  assert.deepEqual(w.cloud.calls.filter((c) => !c.startsWith('observe')), [], 'nothing was written');
});

test('warnings and notes go with the plan, placed and shown in every format', async () => {
  const w = world(() => [
    { path: 'name', severity: 'warning', message: 'deprecated' },
    { path: 'nested.0.deeper', severity: 'note', message: 'falls back to the resource' },
  ]);
  const { plan } = await w.plan(spec(DB));
  assert.deepEqual(plan.notes?.map((n) => [n.severity, n.pos.line, n.pos.col, n.message]), [
    ['note', 7, 7, 'falls back to the resource'],
    ['warning', 8, 13, 'deprecated'],
  ]);
  const text = renderPlan(plan, 'text', false);
  assert.match(text, /^warning: e\.yaml:8:13: db: deprecated$/m);
  assert.match(renderPlan(plan, 'markdown', false), /^> warning: e\.yaml:8:13: db: deprecated$/m);
  const json = planJson(plan) as { notes: unknown[] };
  assert.deepEqual(json.notes[1], { id: 'db', kind: 'rds.db-instance', severity: 'warning', file: 'e.yaml', line: 8, col: 13, message: 'deprecated' });
  const r = await w.reconcile(spec(DB));
  assert.equal(r.by('db').status, 'created', 'a warning does not stop the apply');
});

test('validate sees the observed state once it exists; destroy and deletes are not checked', async () => {
  const w = world(() => []);
  await w.reconcile(spec(DB));
  assert.equal(w.seen.length, 1);
  assert.equal(w.seen[0]!.observed, undefined, 'nothing observed before the create');
  await w.plan(spec(DB));
  assert.equal(w.seen.at(-1)!.observed?.props.version, '8.0.28');
  const before = w.seen.length;
  await w.plan(spec(DB), { destroy: true });
  await w.plan(spec(res('fn', 'lambda.function', { runtime: 'nodejs20.x' })));
  assert.equal(w.seen.length, before, 'neither a destroy nor the prune of db validates it');
});
