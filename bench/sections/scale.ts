/**
 * Generated specs of 100, 1,000 and 5,000 network resources (bench/scale-spec.ts):
 * `validate` in process (load + checks), `graph` in process, and `validate` as a whole
 * process (`node bin/blogctl.js validate -f ...`, wall time and peak RSS). Each figure is
 * the best of several runs: on a shared 2-core machine the other runs measure the
 * neighbours. The 1,000 -> 5,000 ratio shows whether the loader stays linear (<= 6).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildGraph } from '../../src/reconciler/graph.ts';
import { renderGraph } from '../../src/reconciler/render/graph.ts';
import { loadSpecFile } from '../../src/reconciler/spec/load.ts';
import { kindCatalog } from '../../src/resources/registry.ts';
import type { BenchSection, Recorder } from '../results.ts';
import { writeScaleSpec } from '../scale-spec.ts';

export const SCALE_SIZES = [100, 1000, 5000] as const;

const root = join(import.meta.dirname, '..', '..');

/**
 * Best wall time and best CPU time (all the process's threads, GC included) of `runs`
 * calls of fn, after one warm-up call. CPU time hardly moves when neighbours load the
 * machine; wall time does.
 */
function timeIt(runs: number, fn: () => void): { ms: number; cpuMs: number } {
  fn();
  let ms = Infinity;
  let cpuMs = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    fn();
    const used = process.cpuUsage(cpu);
    ms = Math.min(ms, performance.now() - started);
    cpuMs = Math.min(cpuMs, (used.user + used.system) / 1000);
  }
  return { ms, cpuMs };
}

/** One whole `blogctl validate` process: wall time and peak RSS (MiB). */
function validateProcess(dir: string, file: string): { ms: number; rssMiB: number } {
  const rssFile = join(dir, 'rss.txt');
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--import', join(import.meta.dirname, 'max-rss.mjs'), join(root, 'bin', 'blogctl.js'), 'validate', '-f', file], {
    encoding: 'utf8',
    env: { ...process.env, BLOGCTL_BENCH_RSS_FILE: rssFile },
  });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`validate of ${file} failed (${run.status}): ${run.stderr}`);
  return { ms, rssMiB: Number(readFileSync(rssFile, 'utf8')) / 1024 };
}

interface Measured {
  readonly validateMs: number;
  readonly validateCpuMs: number;
}

async function measure(dir: string, n: number, record: Recorder): Promise<Measured> {
  const file = writeScaleSpec(dir, n);
  const load = () => loadSpecFile(file, { catalog: kindCatalog, env: {} });
  const validate = timeIt(5, load);
  const spec = load();
  const graph = timeIt(3, () => renderGraph(spec, buildGraph(spec, kindCatalog), 'text'));
  const processes = [validateProcess(dir, file), validateProcess(dir, file), validateProcess(dir, file)];
  const processMs = Math.min(...processes.map((p) => p.ms));
  const rssMiB = Math.max(...processes.map((p) => p.rssMiB));
  console.log(
    `${String(n).padStart(5)} resources: validate ${validate.ms.toFixed(0)} ms in process (${validate.cpuMs.toFixed(0)} ms CPU), ` +
      `graph ${graph.ms.toFixed(0)} ms; whole process ${processMs.toFixed(0)} ms, peak RSS ${rssMiB.toFixed(0)} MiB`,
  );
  record(`scale.${n}.validateMs`, validate.ms);
  record(`scale.${n}.validateCpuMs`, validate.cpuMs);
  record(`scale.${n}.graphMs`, graph.ms);
  record(`scale.${n}.validateProcessMs`, processMs);
  record(`scale.${n}.validateProcessPeakRssMiB`, rssMiB);
  return { validateMs: validate.ms, validateCpuMs: validate.cpuMs };
}

export const scaleSection: BenchSection = {
  name: 'scale',
  async run(dir, record) {
    const byN = new Map<number, Measured>();
    for (const n of SCALE_SIZES) byN.set(n, await measure(dir, n, record));
    const [small, large] = [byN.get(1000)!, byN.get(5000)!];
    const wall = large.validateMs / small.validateMs;
    const cpu = large.validateCpuMs / small.validateCpuMs;
    console.log(`validate 1,000 -> 5,000 resources: x${wall.toFixed(2)} wall, x${cpu.toFixed(2)} CPU, in process (linear: <= 6)`);
    record('scale.validateGrowth1000to5000', wall);
    record('scale.validateCpuGrowth1000to5000', cpu);
  },
};
