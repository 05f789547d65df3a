/**
 * The load balancer, certificate and DNS part of blog.spec.yaml on the sandbox
 * (test/e2e/dnscert-world.ts): the API calls and Route 53 change batches of a create and
 * a destroy, a no-op plan at 0 and 50 ms per call, and what the ELBv2 kinds' observe
 * costs as the region fills with load balancers that are not the stack's.
 */
import { CreateLoadBalancerCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCli } from '../../src/cli/args.ts';
import { prepareAdapters, wire } from '../../src/cli/wiring.ts';
import { planStack } from '../../src/reconciler/reconcile.ts';
import { listenerAdapter } from '../../src/resources/elbv2-listener/index.ts';
import { loadBalancerAdapter } from '../../src/resources/elbv2-load-balancer/index.ts';
import { targetGroupAdapter } from '../../src/resources/elbv2-target-group/index.ts';
import { createSandbox } from '../../src/sandbox/index.ts';
import { dnscertWorld, DNSCERT_IDS, sliceSpec, sliceText } from '../../test/e2e/dnscert-world.ts';
import { engineClock, testContext } from '../../test/resources/contract.ts';
import { harness } from '../../test/sandbox/harness.ts';
import { albDesired, makeAlbNetwork, targetGroupDesired } from '../../test/resources/dnscert-fixtures.ts';
import type { BenchSection, Recorder } from '../results.ts';

// The adapters wire() hands the engine: all of them, as the CLI loads them for an untargeted run.
await prepareAdapters();

const opts = { allowDelete: false, allowReplace: false, adopt: false, destroy: false };
const batches = (counter: { count(s?: string, o?: string): number }) => counter.count('route53', 'ChangeResourceRecordSets');

/** Builds the slice in a file-backed sandbox (virtual waits), then plans it from a second one at `latencyMs` per call. */
async function createAndPlan(dir: string, record: Recorder): Promise<void> {
  const file = join(dir, 'sandbox.json');
  const w = dnscertWorld({ sandbox: { file, rateLimits: false } });
  const spec = sliceSpec();
  const counter = w.h.clients.counter;
  await w.reconcile(spec);
  console.log(`create, ${DNSCERT_IDS.length} resources: ${counter.total} API calls, ${batches(counter)} Route 53 change batches`);
  record('dnscert.create.apiCalls', counter.total);
  record('dnscert.create.route53ChangeBatches', batches(counter));

  const specFile = join(dir, 'dnscert.spec.yaml');
  writeFileSync(specFile, sliceText());
  for (const latencyMs of [0, 50]) {
    const slow = wire(spec, parseCli(['plan', '-f', specFile]), createSandbox({ file, rateLimits: false, faults: { latencyMs } }));
    const started = performance.now();
    const { plan } = await planStack(spec, slow.engine, opts);
    const ms = performance.now() - started;
    const changes = plan.actions.filter((a) => a.type !== 'noop').length;
    const c = slow.clients.counter;
    console.log(`no-op plan, ${latencyMs} ms/call: ${c.total} API calls, ${ms.toFixed(0)} ms wall, ${changes} changes`);
    console.log(`  ${c.snapshot().map((s) => `${s.operation} ${s.calls}`).join(', ')}`);
    record(`dnscert.noopPlan.${latencyMs}msPerCall.ms`, ms);
    record(`dnscert.noopPlan.${latencyMs}msPerCall.apiCalls`, c.total);
    if (latencyMs === 0) record('dnscert.noopPlan.elbv2Calls', c.count('elasticloadbalancingv2'));
    slow.clients.destroy();
  }

  counter.reset();
  await w.reconcile(spec, { destroy: true, allowDelete: true });
  console.log(`destroy: ${counter.total} API calls, ${batches(counter)} Route 53 change batches for 3 records in one zone`);
  record('dnscert.destroy.apiCalls', counter.total);
  record('dnscert.destroy.route53ChangeBatches', batches(counter));
}

/** Calls of the three ELBv2 kinds' observe for a stack of 1 load balancer, 1 target group and 2 listeners, among `others`. */
async function elbObserve(others: number, record: Recorder): Promise<void> {
  const h = harness({ rateLimits: false });
  const ctx = testContext(h.clients, h.sandbox.region, undefined, engineClock(h.clock));
  const net = await makeAlbNetwork(ctx);
  const elb = ctx.clients.get(ElasticLoadBalancingV2Client);
  for (let i = 0; i < others; i++) await elb.send(new CreateLoadBalancerCommand({ Name: `other-${i}`, Subnets: net.subnetIds }));
  const lb = await loadBalancerAdapter.create('alb', albDesired(ctx, net), ctx);
  const tg = await targetGroupAdapter.create('tg', targetGroupDesired(ctx, net.vpcId), ctx);
  for (const port of [80, 8080]) await listenerAdapter.create(`l${port}`, { loadBalancerArn: lb.arn, port, protocol: 'HTTP', defaultAction: { type: 'forward', targetGroupArn: tg.arn } }, ctx);
  ctx.counter.reset();
  await Promise.all([loadBalancerAdapter.observe([], ctx), targetGroupAdapter.observe([], ctx), listenerAdapter.observe([], ctx)]);
  const calls = ctx.counter.count('elasticloadbalancingv2');
  console.log(`ELBv2 observe (3 kinds) among ${others} other load balancers: ${calls} calls (${ctx.counter.snapshot().map((s) => `${s.operation} ${s.calls}`).join(', ')})`);
  record(`dnscert.elbObserve.others${others}.apiCalls`, calls);
}

export const dnscertSection: BenchSection = {
  name: 'dnscert',
  async run(dir, record) {
    await createAndPlan(dir, record);
    await elbObserve(0, record);
    await elbObserve(100, record);
  },
};
