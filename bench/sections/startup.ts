/**
 * Start-up (issue 9): whole `blogctl` processes as a user starts them, the bundle already
 * built: `--help`, `validate` of blog.spec.yaml, and a no-op `plan` of the network slice
 * (`-t` the network) on a sandbox file that holds it. Wall time to exit (the output is
 * all written by then), the median of several runs, and peak RSS.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchSection } from '../results.ts';

const root = join(import.meta.dirname, '..', '..');
const NETWORK = 'publicRouteTable,albSg,natSg,ec2Sg,dbSg,privateSubnetA,privateSubnetB';

function run(dir: string, argv: readonly string[], ok = [0]): { ms: number; rssMiB: number } {
  const rssFile = join(dir, 'rss.txt');
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--import', join(import.meta.dirname, 'max-rss.mjs'), join(root, 'bin', 'blogctl.js'), ...argv], {
    cwd: dir, encoding: 'utf8', env: { ...process.env, BLOGCTL_BENCH_RSS_FILE: rssFile },
  });
  const ms = performance.now() - started;
  if (!ok.includes(r.status ?? -1)) throw new Error(`blogctl ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, rssMiB: Number(readFileSync(rssFile, 'utf8')) / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export const startupSection: BenchSection = {
  name: 'startup',
  async run(dir, record) {
    copyFileSync(join(root, 'blog.spec.yaml'), join(dir, 'blog.spec.yaml'));
    run(dir, ['--help']); // builds the bundle if the sources changed
    run(dir, ['reconcile', '--once', '--sandbox-file', 'sandbox.json', '-t', NETWORK]);
    const cases: [string, string[]][] = [
      ['help', ['--help']],
      ['validate', ['validate']],
      ['noopPlan', ['plan', '--sandbox-file', 'sandbox.json', '-t', NETWORK]],
    ];
    for (const [name, argv] of cases) {
      const runs = Array.from({ length: 7 }, () => run(dir, argv));
      const ms = median(runs.map((r) => r.ms));
      const rss = Math.max(...runs.map((r) => r.rssMiB));
      console.log(`blogctl ${argv.join(' ')}: ${ms.toFixed(0)} ms (median of 7), peak RSS ${rss.toFixed(0)} MiB`);
      record(`startup.${name}Ms`, ms);
      record(`startup.${name}PeakRssMiB`, rss);
    }
  },
};
