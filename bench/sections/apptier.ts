/**
 * The application tier on the sandbox (test/e2e/apptier-slice.ts): a no-op plan at 0 and
 * 50 ms per call (API calls and wall time, calls per operation), the plan of a release
 * (new user data: the template's new version, its text diff, the group's refresh), and
 * rendering the user data's unified diff.
 */
import { CreateTargetGroupCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { parseCli } from '../../src/cli/args.ts';
import { prepareAdapters, wire } from '../../src/cli/wiring.ts';
import { applyStack, planStack } from '../../src/reconciler/reconcile.ts';
import { textDiff } from '../../src/reconciler/render/text-diff.ts';
import { renderPlanText } from '../../src/reconciler/render/plan.ts';
import { loadSpecFile } from '../../src/reconciler/spec/load.ts';
import { kindCatalog } from '../../src/resources/registry.ts';
import { createSandbox } from '../../src/sandbox/index.ts';
import { APPTIER_IDS, withNewUserData, writeAppTierSpec } from '../../test/e2e/apptier-slice.ts';
import type { BenchSection, Recorder } from '../results.ts';

// The adapters wire() hands the engine: all of them, as the CLI loads them for an untargeted run.
await prepareAdapters();

const opts = { allowDelete: false, allowReplace: false, adopt: false, destroy: false };

/** Builds the slice in a sandbox file; returns the spec file and the target group's ARN. */
async function build(dir: string, file: string): Promise<{ specFile: string; tg: string }> {
  const boot = writeAppTierSpec('arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/none/0', undefined, mkdtempSync(join(dir, 'boot-')));
  const bootSpec = loadSpecFile(boot, { catalog: kindCatalog, env: {} });
  const w = wire(bootSpec, parseCli(['plan', '-f', boot]), createSandbox({ file, rateLimits: false }));
  await applyStack(bootSpec, w.engine, await planStack(bootSpec, w.engine, { ...opts, targets: ['vpc'] }));
  const vpcId = (await planStack(bootSpec, w.engine, { ...opts, targets: ['vpc'] })).plan.actions[0]!.observed!.state as { vpcId: string };
  const tg = (await w.clients.get(ElasticLoadBalancingV2Client).send(new CreateTargetGroupCommand({ Name: 'blog-tg', Protocol: 'HTTP', Port: 80, VpcId: vpcId.vpcId }))).TargetGroups![0]!.TargetGroupArn!;
  const specFile = writeAppTierSpec(tg, undefined, mkdtempSync(join(dir, 'v1-')));
  const spec = loadSpecFile(specFile, { catalog: kindCatalog, env: {} });
  const full = wire(spec, parseCli(['plan', '-f', specFile]), createSandbox({ file, rateLimits: false }));
  await applyStack(spec, full.engine, await planStack(spec, full.engine, opts));
  return { specFile, tg };
}

async function timedPlan(specFile: string, file: string, latencyMs: number) {
  const spec = loadSpecFile(specFile, { catalog: kindCatalog, env: {} });
  const w = wire(spec, parseCli(['plan', '-f', specFile]), createSandbox({ file, rateLimits: false, faults: { latencyMs } }));
  const started = performance.now();
  const { plan } = await planStack(spec, w.engine, opts);
  return { plan, ms: performance.now() - started, calls: w.clients.counter.total, byOp: w.clients.counter.snapshot() };
}

async function plans(dir: string, record: Recorder): Promise<void> {
  const file = join(dir, 'sandbox.json');
  const { specFile, tg } = await build(dir, file);
  await timedPlan(specFile, file, 0); // warm-up: the first plan loads the adapters' code paths
  for (const latency of [0, 50]) {
    const p = await timedPlan(specFile, file, latency);
    const changes = p.plan.actions.filter((a) => a.type !== 'noop').length;
    console.log(`no-op plan, app tier (${APPTIER_IDS.length} resources), ${latency} ms/call: ${p.calls} API calls, ${p.ms.toFixed(0)} ms wall, ${changes} changes`);
    if (latency === 50) console.log(`  ${p.byOp.map((c) => `${c.operation} ${c.calls}`).join(', ')}`);
    record(`apptier.noopPlan.${latency}msPerCall.ms`, p.ms);
    record(`apptier.noopPlan.${latency}msPerCall.apiCalls`, p.calls);
  }
  const release = writeAppTierSpec(tg, (doc) => withNewUserData(doc, '--workers 3', '--workers 4'), mkdtempSync(join(dir, 'v2-')));
  const r = await timedPlan(release, file, 50);
  const updates = r.plan.actions.filter((a) => a.type === 'update').map((a) => a.id);
  console.log(`release plan (new user data), 50 ms/call: ${r.calls} API calls, ${r.ms.toFixed(0)} ms wall, updates ${updates.join(', ')}`);
  record('apptier.releasePlan.50msPerCall.ms', r.ms);
  record('apptier.releasePlan.50msPerCall.apiCalls', r.calls);
  const started = performance.now();
  const n = 200;
  for (let i = 0; i < n; i++) renderPlanText(r.plan, false);
  const renderMs = (performance.now() - started) / n;
  console.log(`rendering that plan (text, with the user data's unified diff): ${renderMs.toFixed(2)} ms`);
  record('apptier.releasePlan.renderMs', renderMs);
}

/** The unified diff of the largest user data AWS takes (16 KB base64, ~12 KB of text). */
function largeDiff(record: Recorder): void {
  const lines = Array.from({ length: 300 }, (_, i) => `echo line ${i} ${'x'.repeat(30)}`);
  const before = lines.join('\n');
  const after = lines.map((l, i) => (i % 50 === 0 ? `${l} changed` : l)).join('\n');
  const n = 100;
  const started = performance.now();
  let hunks = 0;
  for (let i = 0; i < n; i++) hunks = textDiff(before, after).filter((d) => d.sym === '@').length;
  const ms = (performance.now() - started) / n;
  console.log(`unified diff of ${before.length} characters of user data, 6 lines changed: ${ms.toFixed(2)} ms (${hunks} hunks)`);
  record('apptier.userDataDiff.12kB.ms', ms);
}

export const apptierSection: BenchSection = {
  name: 'apptier',
  async run(dir, record) {
    await plans(dir, record);
    largeDiff(record);
  },
};
