/**
 * Issue 8's fault run through the CLI: the network slice of blog.spec.yaml reconciled on
 * a new sandbox that throttles 30% of calls and fails 20% with a 5xx, seeds 1 to 5; each
 * converges in one `reconcile --once` (the clients' retry policy absorbs the faults),
 * and the next plan, under the same faults, finds nothing to change.
 * The retry backoff is shortened to 1 ms (BLOGCTL_RETRY_BASE_DELAY_MS) to keep this fast.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from './cli-run.ts';
import { NETWORK_IDS, writeNetworkSpec } from '../e2e/network-slice.ts';

const dir = mkdtempSync(join(tmpdir(), 'blogctl-faults-cli-'));
const spec = writeNetworkSpec(undefined, dir);

const run = runCli;

let saved: string | undefined;
before(() => {
  saved = process.env['BLOGCTL_RETRY_BASE_DELAY_MS'];
  process.env['BLOGCTL_RETRY_BASE_DELAY_MS'] = '1';
});
after(() => {
  if (saved === undefined) delete process.env['BLOGCTL_RETRY_BASE_DELAY_MS'];
  else process.env['BLOGCTL_RETRY_BASE_DELAY_MS'] = saved;
});

describe('the network slice under 30% throttling and 20% 5xx', () => {
  for (const seed of ['1', '2', '3', '4', '5']) {
    it(`seed ${seed}: converges in one reconcile, then plans no changes`, async () => {
      const faults = ['--sandbox-file', join(dir, `seed-${seed}.json`), '--sandbox-seed', seed, '--sandbox-throttle-rate', '0.3', '--sandbox-5xx-rate', '0.2'];
      const applied = await run('reconcile', '--once', '-f', spec, '--output', 'json', ...faults);
      assert.equal(applied.code, 0, applied.out + applied.err);
      const report = JSON.parse(applied.out) as { outcomes: { id: string; status: string }[]; throttled: number; throttledWaitMs: number };
      assert.deepEqual(report.outcomes.filter((o) => o.status === 'created').map((o) => o.id).sort(), [...NETWORK_IDS].sort());
      assert.ok(report.throttled > 0 && report.throttledWaitMs > 0, `the report says what throttling cost: ${report.throttled} throttled, ${report.throttledWaitMs} ms`);
      const plan = await run('plan', '-f', spec, ...faults);
      assert.equal(plan.code, 0, plan.out + plan.err);
      assert.match(plan.out, /No changes/);
    });
  }
});
