/**
 * The daemon and drift on the network slice, on the sandbox at 50 ms per call: a no-op
 * daemon pass (wall time, API calls), a drift report with and without --unmanaged, and
 * what the lease costs (calls to acquire and release; a renewal).
 */
import { join } from 'node:path';
import { CallCounter } from '../../src/aws/call-counter.ts';
import { AwsClients } from '../../src/aws/clients.ts';
import { Fence } from '../../src/aws/fence.ts';
import { parseCli } from '../../src/cli/args.ts';
import { driftWired } from '../../src/cli/commands/drift.ts';
import { loadSpecFor } from '../../src/cli/commands/spec.ts';
import { prepareAdapters, wire } from '../../src/cli/wiring.ts';
import { Daemon } from '../../src/daemon/daemon.ts';
import { DaemonMetrics } from '../../src/daemon/metrics.ts';
import { DynamoLeaseStore } from '../../src/lease/dynamodb.ts';
import { Lease } from '../../src/lease/lease.ts';
import { silentLog } from '../../src/reconciler/context.ts';
import { applyStack, planStack } from '../../src/reconciler/reconcile.ts';
import { systemClock } from '../../src/reconciler/wait.ts';
import { createSandbox } from '../../src/sandbox/index.ts';
import { writeNetworkSpec } from '../../test/e2e/network-slice.ts';
import type { BenchSection } from '../results.ts';

// The adapters wire() hands the engine: all of them, as the CLI loads them for an untargeted run.
await prepareAdapters();

const LATENCY = 50;

export const daemonSection: BenchSection = {
  name: 'daemon',
  async run(dir, record) {
    const specFile = writeNetworkSpec(undefined, dir);
    const file = join(dir, 'sandbox.json');
    const args = parseCli(['reconcile', '-f', specFile, '--sandbox-file', file]);
    const spec = loadSpecFor(args);
    const build = wire(spec, args, createSandbox({ file, rateLimits: false }));
    await applyStack(spec, build.engine, await planStack(spec, build.engine, { allowDelete: false, allowReplace: false, adopt: false, destroy: false }));
    const sandbox = createSandbox({ file, rateLimits: false, faults: { latencyMs: LATENCY } });

    const leaseCalls = new CallCounter();
    const lease = new Lease(new DynamoLeaseStore(new AwsClients({ sandbox, counter: leaseCalls }), 'blogctl-leases', 'blog', systemClock), { stack: 'blog', ttlMs: 30_000, clock: systemClock, log: silentLog });
    await lease.tryAcquire(); // creates the table (the sandbox takes 1 s to make it ACTIVE)
    await lease.release();
    leaseCalls.reset();
    let started = performance.now();
    await lease.tryAcquire();
    const acquireMs = performance.now() - started;
    const acquireCalls = leaseCalls.total;
    started = performance.now();
    await lease.renew();
    const renewMs = performance.now() - started;
    console.log(`lease at ${LATENCY} ms/call: acquire ${acquireCalls} calls ${acquireMs.toFixed(0)} ms (table known), renew ${renewMs.toFixed(0)} ms (1 call every TTL/3)`);
    record('daemon.lease.acquire.apiCalls', acquireCalls);
    record('daemon.lease.acquire.ms', acquireMs);
    record('daemon.lease.renew.ms', renewMs);

    const counter = new CallCounter();
    let daemon: Daemon | undefined;
    const fence = new Fence(() => (daemon ? daemon.writeRefusal() : 'starting'));
    daemon = new Daemon({
      loadSpec: () => loadSpecFor(args),
      engineFor: (s, signal, log) => {
        const w = wire(s, args, sandbox, log, { counter, fence, signal });
        return { engine: w.engine, dispose: () => w.clients.destroy() };
      },
      lease, clock: systemClock, log: silentLog, metrics: new DaemonMetrics({ calls: counter, fence, lease, now: Date.now }),
    }, { intervalMs: 60_000, observeOnly: false, run: { allowDelete: false, allowReplace: false, adopt: false, destroy: false } });
    await daemon.pass();
    counter.reset();
    started = performance.now();
    const r = await daemon.pass();
    const passMs = performance.now() - started;
    console.log(`no-op daemon pass at ${LATENCY} ms/call: ${counter.total} API calls, ${passMs.toFixed(0)} ms wall, ${r?.inSync} in sync`);
    record('daemon.noopPass.apiCalls', counter.total);
    record('daemon.noopPass.ms', passMs);
    await lease.release();

    for (const extra of [[], ['--unmanaged']]) {
      const a = parseCli(['drift', '-f', specFile, '--sandbox-file', file, ...extra]);
      const w = wire(spec, a, sandbox);
      started = performance.now();
      await driftWired(a, { out: () => undefined, err: () => undefined }, 'json', spec, w);
      const ms = performance.now() - started;
      const key = extra.length ? 'unmanaged' : 'plain';
      console.log(`drift${extra.length ? ' --unmanaged' : ''} at ${LATENCY} ms/call: ${w.clients.counter.total} API calls (0 writes), ${ms.toFixed(0)} ms wall`);
      record(`daemon.drift.${key}.apiCalls`, w.clients.counter.total);
      record(`daemon.drift.${key}.ms`, ms);
    }
  },
};
