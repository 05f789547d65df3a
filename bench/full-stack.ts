/**
 * The whole BlogDjango deployment of blog.spec.yaml, made in a sandbox with plain SDK calls
 * (no blogctl adapters), every resource tagged blogctl:stack=blog and blogctl:id=<logical
 * id> where the service takes tags; and the benchmark of a sandbox file holding it.
 *
 *   const sandbox = createSandbox({ clock: new ManualClock() });
 *   const stack = await buildFullStack(sandbox);      // stack.outputs['cdn.domainName'], ...
 *
 * The sandbox must run on a ManualClock: the build advances it wherever AWS would make
 * one wait (the certificate's validation, the table, the database before the launch
 * template's user data can name it, and, with `settle`, everything else).
 * The parts live in bench/full-stack/.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { CloudFrontClient, GetDistributionCommand } from '@aws-sdk/client-cloudfront';
import { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { createSandbox, ManualClock, type Sandbox } from '../src/sandbox/index.ts';
import type { BenchSection, Recorder } from './results.ts';
import { buildAppServers, buildLoadBalancer, buildRolePolicies, buildRoles } from './full-stack/app.ts';
import { Stack } from './full-stack/context.ts';
import { buildBuckets, buildDatabase, buildTable, putMediaPolicy, waitForDatabase } from './full-stack/data.ts';
import { buildCdn, buildCertificate, buildFailoverDns } from './full-stack/edge.ts';
import { buildUploadEvents } from './full-stack/events.ts';
import { buildNetwork } from './full-stack/network.ts';

export interface FullStack {
  /** Outputs by reference: `vpc`, `alb.dnsName`, `cdn.arn`, `db.endpoint`... */
  readonly outputs: Record<string, string>;
  /** Logical ids of blog.spec.yaml created (lookups such as ubuntuAmi and zone excluded), in order. */
  readonly created: readonly string[];
  /** API calls the build made (attempts, including polling). */
  readonly apiCalls: number;
  /** Simulated time the build took. */
  readonly simulatedMs: number;
}

export interface BuildOptions {
  /** Advance the clock until the distribution is Deployed, the ALB active, the function Active and the group InService. Default true. */
  readonly settle?: boolean;
}

async function settleStack(s: Stack): Promise<void> {
  const cf = s.clients.get(CloudFrontClient);
  await s.until('the distribution Deployed', async () => ((await cf.send(new GetDistributionCommand({ Id: s.out('cdn') }))).Distribution?.Status === 'Deployed' ? true : undefined));
  const elb = s.clients.get(ElasticLoadBalancingV2Client);
  await s.until('the ALB active', async () => {
    const lb = (await elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [s.out('alb')] }))).LoadBalancers?.[0];
    return lb?.State?.Code === 'active' ? true : undefined;
  });
  const lambda = s.clients.get(LambdaClient);
  await s.until('the function Active', async () => ((await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: s.out('s3EventsFunction') }))).State === 'Active' ? true : undefined));
  const asg = s.clients.get(AutoScalingClient);
  await s.until('the app servers InService', async () => {
    const g = (await asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [s.out('appAsg')] }))).AutoScalingGroups?.[0];
    const inService = (g?.Instances ?? []).filter((i) => i.LifecycleState === 'InService').length;
    return inService >= (g?.DesiredCapacity ?? Infinity) ? true : undefined;
  });
}

/** Creates the whole stack in `sandbox` (which must run on a ManualClock). */
export async function buildFullStack(sandbox: Sandbox, options: BuildOptions = {}): Promise<FullStack> {
  const s = new Stack(sandbox);
  const start = s.clock.now();
  await s.init();
  await buildNetwork(s);
  await buildCertificate(s);
  await buildDatabase(s);
  await buildTable(s);
  await buildBuckets(s);
  await buildRoles(s);
  await buildRolePolicies(s);
  await buildLoadBalancer(s);
  await waitForDatabase(s);
  await buildAppServers(s);
  await buildCdn(s);
  await putMediaPolicy(s);
  await buildUploadEvents(s);
  await buildFailoverDns(s);
  if (options.settle ?? true) await settleStack(s);
  const result = { outputs: s.outputs(), created: [...s.created], apiCalls: s.clients.counter.total, simulatedMs: s.clock.now() - start };
  s.clients.destroy();
  return result;
}

/** Builds the stack in a sandbox file under `dir`, then times loading it and loading + saving it. */
async function measureFullStack(dir: string, record: Recorder, runs = 50): Promise<void> {
  const file = join(dir, 'full-stack.json');
  const started = performance.now();
  const stack = await buildFullStack(createSandbox({ file, clock: new ManualClock(), rateLimits: false }));
  const buildMs = performance.now() - started;
  const size = statSync(file).size;
  let t = performance.now();
  for (let i = 0; i < runs; i++) await createSandbox({ file }).snapshot();
  const load = (performance.now() - t) / runs;
  // A write each run (+1 then -1: the file ends as it began), through a fresh sandbox: parse, serialise, write.
  t = performance.now();
  for (let i = 0; i < runs; i++) await createSandbox({ file }).transact((a) => void (a.idCounter += i % 2 === 0 ? 1 : -1));
  const loadSave = (performance.now() - t) / runs;
  const warm = createSandbox({ file });
  t = performance.now();
  for (let i = 0; i < runs; i++) await warm.transact((a) => void (a.idCounter += i % 2 === 0 ? 1 : -1));
  const warmSave = (performance.now() - t) / runs;
  console.log(`full stack (blog.spec.yaml): ${stack.created.length} resources created with ${stack.apiCalls} API calls, ${buildMs.toFixed(0)} ms wall on file, ${(stack.simulatedMs / 1000).toFixed(0)} s simulated`);
  console.log(`  sandbox file ${(size / 1024).toFixed(1)} KiB: load ${load.toFixed(2)} ms, load+save ${loadSave.toFixed(2)} ms (fresh sandbox, ${runs} runs each); save through an open sandbox ${warmSave.toFixed(2)} ms`);
  record('fullStack.resources', stack.created.length);
  record('fullStack.buildApiCalls', stack.apiCalls);
  record('fullStack.sandboxFileKiB', size / 1024);
  record('fullStack.loadMs', load);
  record('fullStack.loadSaveMs', loadSave);
  record('fullStack.warmSaveMs', warmSave);
}

export const fullStackSection: BenchSection = { name: 'fullStack', run: (dir, record) => measureFullStack(dir, record) };
