/**
 * Benchmarks (npm run bench): numbers for the closing notes, never asserted in tests.
 *  1. a no-op plan of the network slice on the sandbox with 50 ms latency per call:
 *     API calls and wall time;
 *  2. Describe calls per second through the sandbox middleware (in memory and on file);
 *  3. the whole blog.spec.yaml deployment built in a sandbox file (bench/full-stack.ts):
 *     its size, resources and API calls, and the time to load it and to load + save it.
 */
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsClients } from '../src/aws/clients.ts';
import { wire } from '../src/cli/wiring.ts';
import { parseCli } from '../src/cli/args.ts';
import { applyStack, planStack } from '../src/reconciler/reconcile.ts';
import { loadSpecFile } from '../src/reconciler/spec/load.ts';
import { kindCatalog } from '../src/resources/registry.ts';
import { createSandbox } from '../src/sandbox/index.ts';
import { NETWORK_IDS, writeNetworkSpec } from '../test/e2e/network-slice.ts';
import { measureFullStack } from './full-stack.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const dir = mkdtempSync(join(tmpdir(), 'blogctl-bench-'));
const specFile = writeNetworkSpec(undefined, dir);
const spec = loadSpecFile(specFile, { catalog: kindCatalog, env: {} });
const args = parseCli(['plan', '-f', specFile]);
const opts = { allowDelete: false, allowReplace: false, adopt: false, destroy: false, concurrency: 8 };

async function noopPlan(latencyMs: number): Promise<void> {
  const file = join(dir, `sandbox-${latencyMs}.json`);
  const builder = wire(spec, args, createSandbox({ file, rateLimits: false }));
  const planned = await planStack(spec, builder.engine, opts);
  await applyStack(spec, builder.engine, planned, opts);
  const slow = wire(spec, args, createSandbox({ file, rateLimits: false, faults: { latencyMs } }));
  const started = performance.now();
  const { plan } = await planStack(spec, slow.engine, opts);
  const ms = performance.now() - started;
  const changes = plan.actions.filter((a) => a.type !== 'noop').length;
  console.log(`no-op plan, network slice (${NETWORK_IDS.length} resources), ${latencyMs} ms/call: ${slow.clients.counter.total} API calls, ${ms.toFixed(0)} ms wall, ${changes} changes`);
  console.log(`  ${slow.clients.counter.snapshot().map((c) => `${c.operation} ${c.calls}`).join(", ")}`);
}

async function describeRate(file?: string): Promise<void> {
  const sandbox = createSandbox({ file, rateLimits: false });
  const ec2 = new AwsClients({ sandbox }).get(EC2Client);
  const cmd = () => new DescribeSubnetsCommand({ Filters: [{ Name: 'tag:blogctl:stack', Values: ['blog'] }] });
  for (let i = 0; i < 200; i++) await ec2.send(cmd());
  const n = file ? 1000 : 3000;
  const started = performance.now();
  for (let i = 0; i < n; i++) await ec2.send(cmd());
  const s = (performance.now() - started) / 1000;
  console.log(`DescribeSubnets through the middleware (${file ? 'file-backed' : 'in memory'}): ${(n / s).toFixed(0)} ops/s`);
}

await noopPlan(0);
await noopPlan(50);
await describeRate();
await describeRate(join(dir, 'rate.json'));
await measureFullStack(dir);
