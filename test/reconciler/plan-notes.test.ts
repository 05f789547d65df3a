/**
 * What goes with a plan besides its actions: a preflight problem marked as a warning (the
 * plan goes on), and the notes observe makes about resources as AWS holds them (a change
 * pending). Each is placed at the property it is about, or at the nearest enclosing one
 * the file spells out, and shown in text, markdown and json. Errors still stop the plan.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PreflightError } from '../../src/reconciler/errors.ts';
import { planJson, renderPlan } from '../../src/reconciler/render/plan.ts';
import type { DesiredProblem, Observation } from '../../src/reconciler/types.ts';
import type { FakeResource } from './fake-cloud.ts';
import { fakeWorld, res, spec } from './fake-engine.ts';

const DB = res('db', 'rds.db-instance', { version: '8.0.28', name: 'blog' }) + res('fn', 'lambda.function', { runtime: 'nodejs20.x' });

function world(problems: (desired: Record<string, unknown>) => Omit<DesiredProblem, 'id'>[]) {
  let w: ReturnType<typeof fakeWorld>;
  const base = () => w.cloud.adapter('rds.db-instance');
  w = fakeWorld({
    overrides: {
      'rds.db-instance': {
        preflight: async (requests) => requests.flatMap((r) => problems(r.desired as Record<string, unknown>).map((p) => ({ ...p, id: r.id }))),
        // What AWS holds pending, as observe tells it.
        observe: async (requests, ctx) =>
          (await base().observe(requests, ctx)).map((o: Observation<FakeResource>) =>
            o.state.props.pending ? { ...o, notes: [{ path: 'name', severity: 'note' as const, message: `name ${String(o.state.props.pending)} is pending` }] } : o),
      },
    },
  });
  return w;
}

test('a preflight error at a nested path stops the plan at the nearest property the file spells out', async () => {
  const w = world((d) => (d.version === '8.0.28' ? [{ path: 'version.minor.0', message: 'RDS no longer offers mysql 8.0.28' }] : []));
  const err = await w.reconcile(spec(DB)).then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof PreflightError, `expected a PreflightError, got ${String(err)}`);
  // e.yaml: line 1 apiVersion, 2 stack, 3 resources, 4 db:, 5 kind, 6 properties, 7 version.
  assert.equal(err.message, 'e.yaml:7:16: db: RDS no longer offers mysql 8.0.28');
  assert.deepEqual(w.cloud.calls.filter((c) => !c.startsWith('observe')), [], 'nothing was written');
});

test('warnings and observe\'s notes go with the plan, placed and shown in every format', async () => {
  const w = world(() => [{ path: 'name', severity: 'warning', message: 'deprecated' }]);
  const { plan } = await w.plan(spec(DB));
  assert.deepEqual(plan.notes?.map((n) => [n.severity, n.pos.line, n.pos.col, n.message]), [['warning', 8, 13, 'deprecated']]);
  assert.match(renderPlan(plan, 'text', false), /^warning: e\.yaml:8:13: db: deprecated$/m);
  assert.match(renderPlan(plan, 'markdown', false), /^> warning: e\.yaml:8:13: db: deprecated$/m);
  assert.deepEqual((planJson(plan) as { notes: unknown[] }).notes, [{ id: 'db', kind: 'rds.db-instance', severity: 'warning', file: 'e.yaml', line: 8, col: 13, message: 'deprecated' }]);
  const r = await w.reconcile(spec(DB));
  assert.equal(r.by('db').status, 'created', 'a warning does not stop the apply');

  // In sync now: preflight is not asked, but what observe says about the resource still shows.
  [...w.cloud.resources.values()].find((x) => x.kind === 'rds.db-instance')!.props.pending = 'blog-2';
  const again = await w.plan(spec(DB));
  assert.equal(again.action('db').type, 'noop');
  assert.deepEqual(again.plan.notes?.map((n) => [n.severity, n.pos.line, n.message]), [['note', 8, 'name blog-2 is pending']]);
  assert.match(renderPlan(again.plan, 'text', false), /^note: e\.yaml:8:13: db: name blog-2 is pending$/m);
});
