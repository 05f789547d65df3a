/**
 * The network slice on the sandbox: a no-op plan at 0 and 50 ms per call (API calls and
 * wall time), and Describe calls per second through the sandbox middleware.
 */
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { join } from 'node:path';
import { AwsClients } from '../../src/aws/clients.ts';
import { parseCli } from '../../src/cli/args.ts';
import { prepareAdapters, wire } from '../../src/cli/wiring.ts';
import { applyStack, planStack } from '../../src/reconciler/reconcile.ts';
import { loadSpecFile } from '../../src/reconciler/spec/load.ts';
import { kindCatalog } from '../../src/resources/registry.ts';
import { createSandbox } from '../../src/sandbox/index.ts';
import { NETWORK_IDS, writeNetworkSpec } from '../../test/e2e/network-slice.ts';
import type { BenchSection, Recorder } from '../results.ts';

// The adapters wire() hands the engine: all of them, as the CLI loads them for an untargeted run.
await prepareAdapters();

const opts = { allowDelete: false, allowReplace: false, adopt: false, destroy: false };

async function noopPlan(dir: string, latencyMs: number, record: Recorder): Promise<void> {
  const specFile = writeNetworkSpec(undefined, dir);
  const spec = loadSpecFile(specFile, { catalog: kindCatalog, env: {} });
  const args = parseCli(['plan', '-f', specFile]);
  const file = join(dir, `sandbox-${latencyMs}.json`);
  const builder = wire(spec, args, createSandbox({ file, rateLimits: false }));
  const planned = await planStack(spec, builder.engine, opts);
  await applyStack(spec, builder.engine, planned);
  const slow = wire(spec, args, createSandbox({ file, rateLimits: false, faults: { latencyMs } }));
  const started = performance.now();
  const { plan } = await planStack(spec, slow.engine, opts);
  const ms = performance.now() - started;
  const changes = plan.actions.filter((a) => a.type !== 'noop').length;
  console.log(`no-op plan, network slice (${NETWORK_IDS.length} resources), ${latencyMs} ms/call: ${slow.clients.counter.total} API calls, ${ms.toFixed(0)} ms wall, ${changes} changes`);
  console.log(`  ${slow.clients.counter.snapshot().map((c) => `${c.operation} ${c.calls}`).join(', ')}`);
  record(`network.noopPlan.${latencyMs}msPerCall.ms`, ms);
  record(`network.noopPlan.${latencyMs}msPerCall.apiCalls`, slow.clients.counter.total);
}

async function describeRate(record: Recorder, file?: string): Promise<void> {
  const sandbox = createSandbox({ file, rateLimits: false });
  const ec2 = new AwsClients({ sandbox }).get(EC2Client);
  const cmd = () => new DescribeSubnetsCommand({ Filters: [{ Name: 'tag:blogctl:stack', Values: ['blog'] }] });
  for (let i = 0; i < 200; i++) await ec2.send(cmd());
  const n = file ? 1000 : 3000;
  const started = performance.now();
  for (let i = 0; i < n; i++) await ec2.send(cmd());
  const rate = n / ((performance.now() - started) / 1000);
  console.log(`DescribeSubnets through the middleware (${file ? 'file-backed' : 'in memory'}): ${rate.toFixed(0)} ops/s`);
  record(`network.describeOpsPerSec.${file ? 'file' : 'memory'}`, rate);
}

export const networkSection: BenchSection = {
  name: 'network',
  async run(dir, record) {
    await noopPlan(dir, 0, record);
    await noopPlan(dir, 50, record);
    await describeRate(record);
    await describeRate(record, join(dir, 'rate.json'));
  },
};
