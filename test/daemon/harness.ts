/**
 * Daemons in process on one in-memory sandbox and one virtual clock: each with its own
 * clients, call counter, lease, fence and metrics, as separate processes would have.
 */
import { CallCounter } from '../../src/aws/call-counter.ts';
import { AwsClients } from '../../src/aws/clients.ts';
import { Fence } from '../../src/aws/fence.ts';
import { parseCli } from '../../src/cli/args.ts';
import { loadSpecFor } from '../../src/cli/commands/spec.ts';
import { createLogger } from '../../src/cli/logging.ts';
import { prepareAdapters, wire } from '../../src/cli/wiring.ts';
import { Daemon } from '../../src/daemon/daemon.ts';
import { DaemonMetrics } from '../../src/daemon/metrics.ts';
import { DynamoLeaseStore } from '../../src/lease/dynamodb.ts';
import { Lease } from '../../src/lease/lease.ts';
import type { Engine } from '../../src/reconciler/reconcile.ts';
import type { Spec } from '../../src/reconciler/types.ts';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { sharedClock } from '../lease/clock.ts';

// The adapters wire() hands the engine: all of them, as the CLI loads them for an untargeted run.
await prepareAdapters();

export const TTL_MS = 10_000;

export function world() {
  const { manual, clock } = sharedClock();
  const sandbox = createSandbox({ clock: manual });
  return { clock, sandbox };
}

export type World = ReturnType<typeof world>;

export interface TestDaemon {
  readonly daemon: Daemon;
  readonly counter: CallCounter;
  readonly lease: Lease;
  readonly metrics: DaemonMetrics;
  readonly lines: Record<string, unknown>[];
  /** Metric lines as Prometheus prints them. */
  scrape(): Promise<string>;
}

export function testDaemon(w: World, specFile: string, o: { observeOnly?: boolean; name?: string; wrapEngine?: (e: Engine, spec: Spec) => Engine } = {}): TestDaemon {
  const args = parseCli(['reconcile', '-f', specFile, '--sandbox', '--interval', '1s', '--lease-ttl', `${TTL_MS / 1000}s`, '--allow-delete']);
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ level: 'debug', format: 'json', write: (l) => lines.push(JSON.parse(l) as Record<string, unknown>) });
  const counter = new CallCounter();
  const name = o.name ?? 'a';
  const lease = new Lease(new DynamoLeaseStore(new AwsClients({ sandbox: w.sandbox, counter }), 'blogctl-leases', 'blog', w.clock), {
    stack: 'blog', ttlMs: TTL_MS, clock: w.clock, log, me: { holder: name, host: `host-${name}`, pid: name.length, purpose: 'daemon' },
  });
  let daemon: Daemon | undefined;
  const fence = new Fence(() => (daemon ? daemon.writeRefusal() : 'starting'));
  const metrics = new DaemonMetrics({ calls: counter, fence, lease, now: () => w.clock.now() });
  daemon = new Daemon({
    loadSpec: () => loadSpecFor(args),
    engineFor: (spec, signal, passLog) => {
      const wired = wire(spec, args, w.sandbox, passLog, { counter, fence, signal, clock: w.clock });
      return { engine: o.wrapEngine ? o.wrapEngine(wired.engine, spec) : wired.engine, dispose: () => wired.clients.destroy() };
    },
    ...(o.observeOnly ? {} : { lease }),
    clock: w.clock,
    log,
    metrics,
  }, { intervalMs: 1000, observeOnly: o.observeOnly ?? false, run: { allowDelete: true, allowReplace: false, adopt: false, destroy: false } });
  return { daemon, counter, lease, metrics, lines, scrape: () => metrics.registry.metrics() };
}

/** The id of the EC2 resource carrying blogctl:id=`id`. */
export async function physicalId(sandbox: Sandbox, id: string): Promise<string> {
  const state = await sandbox.snapshot();
  const tags = (state.services as { ec2: { tags: Record<string, Record<string, string>> } }).ec2.tags;
  return Object.keys(tags).find((k) => tags[k]!['blogctl:id'] === id)!;
}

export async function mapPublicIp(sandbox: Sandbox, subnetId: string): Promise<boolean> {
  const out = (await sandbox.call('EC2Client', 'DescribeSubnets', { SubnetIds: [subnetId] })) as { Subnets: { MapPublicIpOnLaunch: boolean }[] };
  return out.Subnets[0]!.MapPublicIpOnLaunch;
}

export const tamper = (sandbox: Sandbox, subnetId: string) =>
  sandbox.call('EC2Client', 'ModifySubnetAttribute', { SubnetId: subnetId, MapPublicIpOnLaunch: { Value: false } });
