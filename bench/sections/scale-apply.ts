/**
 * Generated network specs of 100, 1,000 and 5,000 resources (bench/scale-spec.ts) as a
 * user runs them, whole `blogctl` processes on a sandbox file: the first `reconcile
 * --once` (the sandbox's rate limits off: what blogctl itself costs), the no-op `plan`
 * after it at 20 ms per call, and the 1,000 one again with AWS-like rate limits on (it
 * must succeed: throttled calls are retried by the SDK and counted). Wall time, API calls
 * and peak RSS per run; the 1,000 -> 5,000 ratios show the growth (linear: <= 6).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchSection, Recorder } from '../results.ts';
import { writeScaleSpec } from '../scale-spec.ts';
import { SCALE_SIZES } from './scale.ts';

const root = join(import.meta.dirname, '..', '..');

interface Run {
  readonly ms: number;
  readonly rssMiB: number;
  readonly apiCalls: number;
  readonly out: string;
}

/** One whole blogctl process on `sandboxFile`: wall time, peak RSS and the API calls it reports. */
function blogctl(dir: string, argv: readonly string[], env: Record<string, string> = {}): Run {
  const rssFile = join(dir, 'rss.txt');
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--import', join(import.meta.dirname, 'max-rss.mjs'), join(root, 'bin', 'blogctl.js'), ...argv], {
    encoding: 'utf8',
    env: { ...process.env, BLOGCTL_BENCH_RSS_FILE: rssFile, ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`blogctl ${argv.join(' ')} exited ${run.status}: ${run.stderr.slice(-2000)}`);
  const apiCalls = Number(/(\d+) API calls/.exec(run.stdout.split('\n').reverse().find((l) => /API calls/.test(l)) ?? '')?.[1] ?? NaN);
  return { ms, rssMiB: Number(readFileSync(rssFile, 'utf8')) / 1024, apiCalls, out: run.stdout };
}

async function measure(dir: string, n: number, record: Recorder): Promise<{ reconcileMs: number; planMs: number }> {
  const spec = writeScaleSpec(dir, n);
  const file = join(dir, `sandbox-${n}.json`);
  const unlimited = { BLOGCTL_SANDBOX_RATE_LIMITS: 'off' };
  const built = blogctl(dir, ['reconcile', '--once', '-f', spec, '--sandbox-file', file], unlimited);
  const plan = blogctl(dir, ['plan', '-f', spec, '--sandbox-file', file, '--sandbox-latency-ms', '20'], unlimited);
  if (!/No changes/.test(plan.out)) throw new Error(`the plan after reconciling ${n} resources is not clean`);
  console.log(
    `${String(n).padStart(5)} resources: reconcile ${(built.ms / 1000).toFixed(1)} s, ${built.apiCalls} API calls, ${built.rssMiB.toFixed(0)} MiB; ` +
      `no-op plan at 20 ms/call ${(plan.ms / 1000).toFixed(1)} s, ${plan.apiCalls} API calls, ${plan.rssMiB.toFixed(0)} MiB`,
  );
  record(`scale.${n}.reconcileMs`, built.ms);
  record(`scale.${n}.reconcileApiCalls`, built.apiCalls);
  record(`scale.${n}.reconcilePeakRssMiB`, built.rssMiB);
  record(`scale.${n}.noopPlanMs`, plan.ms);
  record(`scale.${n}.noopPlanApiCalls`, plan.apiCalls);
  record(`scale.${n}.noopPlanPeakRssMiB`, plan.rssMiB);
  if (n === 1000) {
    const paced = blogctl(dir, ['reconcile', '--once', '-f', spec, '--sandbox-file', join(dir, 'limited.json')]);
    const throttled = Number(/(\d+) throttled/.exec(paced.out)?.[1] ?? 0);
    console.log(`  with AWS-like rate limits: reconcile ${(paced.ms / 1000).toFixed(1)} s, ${paced.apiCalls} API calls (${throttled} throttled and retried), every resource created`);
    record('scale.1000.rateLimited.reconcileMs', paced.ms);
    record('scale.1000.rateLimited.apiCalls', paced.apiCalls);
    record('scale.1000.rateLimited.throttled', throttled);
  }
  return { reconcileMs: built.ms, planMs: plan.ms };
}

export const scaleApplySection: BenchSection = {
  name: 'scaleApply',
  async run(dir, record) {
    const byN = new Map<number, { reconcileMs: number; planMs: number }>();
    for (const n of SCALE_SIZES) byN.set(n, await measure(dir, n, record));
    const [small, large] = [byN.get(1000)!, byN.get(5000)!];
    console.log(`1,000 -> 5,000 resources: reconcile x${(large.reconcileMs / small.reconcileMs).toFixed(2)}, no-op plan x${(large.planMs / small.planMs).toFixed(2)} (linear: <= 6)`);
    record('scale.reconcileGrowth1000to5000', large.reconcileMs / small.reconcileMs);
    record('scale.noopPlanGrowth1000to5000', large.planMs / small.planMs);
  },
};
