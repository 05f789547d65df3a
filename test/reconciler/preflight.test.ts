/**
 * Plan-time checks only AWS can answer (an adapter's `preflight`: a cache policy id no
 * account has, an engine version no longer offered): each problem is a spec error at the
 * property's file:line:col, the run stops before any write, and destroy skips them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SpecError } from '../../src/reconciler/errors.ts';
import { KNOWN_AFTER_APPLY, type ObserveRequest } from '../../src/reconciler/types.ts';
import { fakeWorld, res, spec } from './fake-engine.ts';

function world() {
  const seen: ObserveRequest[][] = [];
  const w = fakeWorld({
    overrides: {
      'cloudfront.distribution': {
        preflight: async (requests) => {
          seen.push([...requests]);
          return requests.flatMap((r) => {
            const policy = (r.desired as { policy?: string }).policy;
            return policy === undefined || policy.includes(KNOWN_AFTER_APPLY) || policy.startsWith('good')
              ? []
              : [{ id: r.id, path: 'policy', message: `cache policy ${policy} does not exist` }];
          });
        },
      },
    },
  });
  return { w, seen };
}

const cdn = (policy: string) => res('vpc', 'ec2.vpc', { name: 'v' }) + res('cdn', 'cloudfront.distribution', { name: 'cdn', policy });

test('a problem preflight finds is a spec error at the property, and nothing is written', async () => {
  const { w, seen } = world();
  const err = await w.plan(spec(cdn('bad-1'))).catch((e: unknown) => e);
  assert.ok(err instanceof SpecError, `expected a SpecError, got ${String(err)}`);
  assert.equal(err.message, 'e.yaml:12:15: cdn: cache policy bad-1 does not exist');
  assert.deepEqual(seen.at(-1)?.map((r) => r.id), ['cdn'], 'one batched call for the kind, with its requests');
  const before = w.cloud.calls.length;
  await assert.rejects(w.reconcile(spec(cdn('bad-1'))), SpecError);
  assert.ok(w.cloud.calls.slice(before).every((c) => c.startsWith('observe')), `only reads: ${w.cloud.calls.slice(before).join(', ')}`);
  assert.equal(w.cloud.resources.size, 0);
});

test('a good value plans normally; destroy does not check the spec values', async () => {
  const { w, seen } = world();
  const r = await w.reconcile(spec(cdn('good-1')));
  assert.equal(r.by('cdn').status, 'created');
  const checks = seen.length;
  const d = await w.reconcile(spec(cdn('bad-2')), { destroy: true, allowDelete: true });
  assert.equal(d.by('cdn').status, 'deleted');
  assert.equal(seen.length, checks, 'destroy ran no preflight');
});
