/**
 * The whole blog.spec.yaml on the sandbox through the engine, as `npm start` runs it:
 * the first reconcile (API calls, wall time on the quick profile), then a no-op plan at
 * 0 and 50 ms per call (API calls by operation: what a daemon pass costs when nothing
 * changed).
 */
import { join } from 'node:path';
import { parseCli } from '../../src/cli/args.ts';
import { prepareAdapters, wire } from '../../src/cli/wiring.ts';
import { applyStack, planStack } from '../../src/reconciler/reconcile.ts';
import { loadSpecFile } from '../../src/reconciler/spec/load.ts';
import { kindCatalog } from '../../src/resources/registry.ts';
import { createSandbox } from '../../src/sandbox/index.ts';
import type { BenchSection } from '../results.ts';

// The adapters wire() hands the engine: all of them, as the CLI loads them for an untargeted run.
await prepareAdapters();

const opts = { allowDelete: false, allowReplace: false, adopt: false, destroy: false };
const SPEC = new URL('../../blog.spec.yaml', import.meta.url).pathname;

export const blogSection: BenchSection = {
  name: 'blog',
  async run(dir, record) {
    const spec = loadSpecFile(SPEC, { catalog: kindCatalog, env: {} });
    const args = parseCli(['plan', '-f', SPEC]);
    const file = join(dir, 'sandbox.json');
    const build = wire(spec, args, createSandbox({ file, rateLimits: false }));
    let started = performance.now();
    const outcomes = await applyStack(spec, build.engine, await planStack(spec, build.engine, opts));
    const createMs = performance.now() - started;
    const made = outcomes.filter((o) => o.status === 'created').length;
    console.log(`create the blog (${spec.resources.length} resources, ${made} created): ${build.clients.counter.total} API calls, ${(createMs / 1000).toFixed(1)} s wall (quick profile)`);
    record('blog.create.apiCalls', build.clients.counter.total);
    record('blog.create.ms', createMs);
    for (const latencyMs of [0, 50]) {
      const w = wire(spec, args, createSandbox({ file, rateLimits: false, faults: { latencyMs } }));
      started = performance.now();
      const { plan } = await planStack(spec, w.engine, opts);
      const ms = performance.now() - started;
      const changes = plan.actions.filter((a) => a.type !== 'noop').length;
      console.log(`no-op plan of the blog, ${latencyMs} ms/call: ${w.clients.counter.total} API calls, ${ms.toFixed(0)} ms wall, ${changes} changes`);
      if (latencyMs === 0) {
        const byService = Object.entries(w.clients.counter.byService()).sort((a, b) => b[1] - a[1]);
        console.log(`  by service: ${byService.map(([s, n]) => `${s} ${n}`).join(', ')}`);
        console.log(`  ${w.clients.counter.snapshot().map((c) => `${c.service}:${c.operation} ${c.calls}`).join(', ')}`);
      }
      record(`blog.noopPlan.${latencyMs}msPerCall.apiCalls`, w.clients.counter.total);
      record(`blog.noopPlan.${latencyMs}msPerCall.ms`, ms);
    }
  },
};
