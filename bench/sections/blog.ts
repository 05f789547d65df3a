/**
 * The whole blog.spec.yaml on the sandbox through the engine, as `npm start` runs it:
 * the first reconcile (API calls, wall time on the quick profile), then a no-op plan at
 * 0 and 50 ms per call (API calls by operation: what a daemon pass costs when nothing
 * changed), set against Terraform's refresh of the same stack: an estimate read from the
 * AWS provider's source, resource type by resource type (bench/terraform-reads.json says
 * which commit, how it was counted and where each count comes from).
 */
import { readFileSync } from 'node:fs';
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

interface TerraformReads {
  readonly perRun: readonly { readonly calls: number }[];
  readonly resources: readonly { readonly type: string; readonly count: number; readonly callsEach: number }[];
}

/** Calls of a no-change `terraform plan` of the equivalent configuration, as estimated in bench/terraform-reads.json. */
function terraformEstimate(): { calls: number; resources: number } {
  const t = JSON.parse(readFileSync(new URL('../terraform-reads.json', import.meta.url), 'utf8')) as TerraformReads;
  const calls = t.perRun.reduce((n, p) => n + p.calls, 0) + t.resources.reduce((n, r) => n + r.count * r.callsEach, 0);
  return { calls, resources: t.resources.reduce((n, r) => n + r.count, 0) };
}

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
      if (latencyMs === 0) {
        const tf = terraformEstimate();
        const share = w.clients.counter.total / tf.calls;
        console.log(`  Terraform's refresh of the same stack (${tf.resources} resources and data sources, estimated from the provider's source): ${tf.calls} calls; blogctl spends ${(share * 100).toFixed(0)} % of that`);
        record('blog.noopPlan.terraformEstimateApiCalls', tf.calls);
        record('blog.noopPlan.shareOfTerraform', share);
      }
      record(`blog.noopPlan.${latencyMs}msPerCall.apiCalls`, w.clients.counter.total);
      record(`blog.noopPlan.${latencyMs}msPerCall.ms`, ms);
    }
  },
};
