/**
 * Wiring: from flags and a loaded spec to an Engine: the SDK clients (real AWS through
 * the standard chain, or the embedded sandbox) behind one request limiter, the
 * adapters, identity tags, the clock and the logger.
 */
import { dirname, resolve } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { CallCounter } from '../aws/call-counter.ts';
import { AwsClients } from '../aws/clients.ts';
import { tagDiscovery } from '../aws/discovery.ts';
import type { Fence } from '../aws/fence.ts';
import { RequestLimiter } from '../aws/limiter.ts';
import { adapterContext, silentLog } from '../reconciler/context.ts';
import { clientTokenFor, identityTagsFor } from '../reconciler/desired.ts';
import type { Engine, RunOptions } from '../reconciler/reconcile.ts';
import { RetryCounter } from '../reconciler/retry.ts';
import type { Clock, Log, Spec } from '../reconciler/types.ts';
import { systemClock } from '../reconciler/wait.ts';
import { loadAdapters, type AdapterTable } from '../resources/adapter-modules.ts';
import { kindCatalog } from '../resources/catalog.ts';
import { buildGraph } from '../reconciler/graph.ts';
import { targetClosure } from '../reconciler/reconcile.ts';
import { openSandbox, type Sandbox } from '../sandbox/index.ts';
import type { CliArgs } from './args.ts';

export interface Wired {
  readonly engine: Engine;
  readonly clients: AwsClients;
  readonly limiter: RequestLimiter;
  readonly retries: RetryCounter;
  readonly sandbox?: Sandbox;
}

/** The sandbox of --sandbox: flags over BLOGCTL_SANDBOX_* variables over defaults. */
export function openCliSandbox(args: CliArgs, region?: string): Sandbox {
  const { latencyMs, throttleRate, serverErrorRate, seed, profile } = args.sandboxSettings;
  const faults = Object.fromEntries(Object.entries({ latencyMs, throttleRate, serverErrorRate }).filter(([, v]) => v !== undefined));
  return openSandbox({ file: args.sandboxFile, region, seed, profile, ...(Object.keys(faults).length > 0 ? { faults } : {}) });
}

/** Where the run talks to, for the report's first line. */
export function targetName(args: CliArgs): string {
  if (args.sandbox) return `the sandbox (${args.sandboxFile ?? process.env.BLOGCTL_SANDBOX_FILE ?? '.blogctl/sandbox.json'})`;
  const endpoint = process.env.AWS_ENDPOINT_URL;
  return endpoint ? `AWS at ${endpoint}` : `AWS (profile ${process.env.AWS_PROFILE ?? 'default'})`;
}

/** The adapters `wire` hands the engine unless told otherwise: those prepareAdapters loaded. */
let prepared: AdapterTable = {};

/**
 * Loads the adapters a run of this spec needs, before wiring it: every kind's (prune reads
 * them all), or with --target only the kinds of the targets and what they depend on, so
 * a targeted run loads only those kinds' AWS SDK clients.
 */
export async function prepareAdapters(spec?: Spec, args?: CliArgs): Promise<AdapterTable> {
  const targets = args?.targets ?? [];
  const kinds = spec && targets.length > 0
    ? [...targetClosure(spec, buildGraph(spec, kindCatalog), targets)].map((id) => spec.resources.find((r) => r.id === id)!.kind)
    : undefined;
  prepared = { ...prepared, ...(await loadAdapters(kinds)) };
  return prepared;
}

/** What a long-running caller (the daemon, a leased run) adds: a shared call counter, the lease fence, an abort signal, a clock. */
export interface WireExtras {
  /** Default: what prepareAdapters loaded. */
  readonly adapters?: AdapterTable;
  readonly counter?: CallCounter;
  readonly fence?: Fence;
  readonly signal?: AbortSignal;
  readonly clock?: Clock;
}

export function wire(spec: Spec, args: CliArgs, sandbox?: Sandbox, log: Log = silentLog, extras: WireExtras = {}): Wired {
  const box = sandbox ?? (args.sandbox ? openCliSandbox(args, spec.region) : undefined);
  const limiter = new RequestLimiter(args.concurrency);
  const clients = new AwsClients({ region: spec.region, sandbox: box, limiter, counter: extras.counter, fence: extras.fence });
  const retries = new RetryCounter();
  const ctx = adapterContext({
    stack: spec.stack, region: spec.region, specDir: dirname(resolve(spec.file)), clients, clock: extras.clock ?? systemClock, log,
    identityTags: identityTagsFor(spec), clientToken: clientTokenFor(spec),
  });
  const engine: Engine = {
    catalog: kindCatalog,
    adapters: (kind) => (extras.adapters ?? prepared)[kind],
    ctx,
    retries,
    discover: tagDiscovery(clients),
    ...(extras.signal ? { signal: extras.signal } : {}),
    accountId: async () => (await clients.get(STSClient).send(new GetCallerIdentityCommand({}))).Account ?? '',
  };
  return { engine, clients, limiter, retries, ...(box ? { sandbox: box } : {}) };
}

export function runOptions(args: CliArgs, destroy = false): RunOptions {
  return {
    allowDelete: args.allowDelete,
    allowReplace: args.allowReplace,
    adopt: args.adopt,
    destroy,
    targets: args.targets,
  };
}
