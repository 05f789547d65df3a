/**
 * The data and events slice of blog.spec.yaml (test/e2e/data-slice.ts: the database, the
 * buckets, the table, the function, its permission and trigger, and the network they
 * stand on) on the sandbox: a no-op plan at 0 and 50 ms per call (API calls per service,
 * wall time; tag discovery included), and the Lambda package: build time and size, and
 * that building it twice gives the same CodeSha256.
 */
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { join } from 'node:path';
import { parseCli } from '../../src/cli/args.ts';
import { prepareAdapters, wire } from '../../src/cli/wiring.ts';
import { applyStack, planStack } from '../../src/reconciler/reconcile.ts';
import { packageCode } from '../../src/resources/lambda-function/package.ts';
import { createSandbox } from '../../src/sandbox/index.ts';
import { DATA_IDS, dataSlice, REPO } from '../../test/e2e/data-slice.ts';
import type { BenchSection, Recorder } from '../results.ts';

// The adapters wire() hands the engine: all of them, as the CLI loads them for an untargeted run.
await prepareAdapters();

const opts = { allowDelete: false, allowReplace: false, adopt: false, destroy: false };
const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

async function noopPlans(dir: string, record: Recorder): Promise<void> {
  const file = join(dir, 'sandbox.json');
  // Time scale 0: RDS and the rest are ready at once, so building the slice takes no waiting.
  const setup = createSandbox({ file, rateLimits: false, timeScale: 0 });
  const args = parseCli(['plan', '-f', join(REPO, 'blog.spec.yaml')]);
  const roleArn = (await wire(dataSlice({ roleArn: 'arn:aws:iam::123456789012:role/x' }).spec, args, setup).clients.get(IAMClient)
    .send(new CreateRoleCommand({ RoleName: 'blog-s3-events-lambda', AssumeRolePolicyDocument: trust }))).Role!.Arn!;
  const { spec } = dataSlice({ roleArn });
  const builder = wire(spec, args, setup);
  await applyStack(spec, builder.engine, await planStack(spec, builder.engine, opts));
  for (const latencyMs of [0, 50]) {
    const slow = wire(spec, args, createSandbox({ file, rateLimits: false, timeScale: 0, faults: { latencyMs } }));
    const started = performance.now();
    const { plan } = await planStack(spec, slow.engine, opts);
    const ms = performance.now() - started;
    const changes = plan.actions.filter((a) => a.type !== 'noop').length;
    const byService = new Map<string, number>();
    for (const c of slow.clients.counter.snapshot()) byService.set(c.service, (byService.get(c.service) ?? 0) + c.calls);
    console.log(`no-op plan, data slice (${DATA_IDS.length} resources), ${latencyMs} ms/call: ${slow.clients.counter.total} API calls, ${ms.toFixed(0)} ms wall, ${changes} changes`);
    console.log(`  ${[...byService].map(([s, n]) => `${s} ${n}`).join(', ')}`);
    record(`data.noopPlan.${latencyMs}msPerCall.ms`, ms);
    record(`data.noopPlan.${latencyMs}msPerCall.apiCalls`, slow.clients.counter.total);
  }
}

async function lambdaPackage(record: Recorder): Promise<void> {
  const times: number[] = [];
  const hashes = new Set<string>();
  let bytes = 0;
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    const pkg = await packageCode('src/lambda', 'handler.handler', 'nodejs24.x', REPO);
    times.push(performance.now() - started);
    hashes.add(pkg.sha256);
    bytes = pkg.zip.length;
  }
  const median = [...times].sort((a, b) => a - b)[3]!;
  console.log(`Lambda package of src/lambda: ${bytes} bytes zipped, built in median ${median.toFixed(0)} ms of 7 (first ${times[0]!.toFixed(0)} ms); ${hashes.size} distinct CodeSha256`);
  record('data.lambdaPackage.zipBytes', bytes);
  record('data.lambdaPackage.buildMs', median);
  record('data.lambdaPackage.distinctHashes', hashes.size);
}

export const dataSection: BenchSection = {
  name: 'data',
  async run(dir, record) {
    await noopPlans(dir, record);
    await lambdaPackage(record);
  },
};
