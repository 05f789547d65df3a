/**
 * `blogctl drift [--output text|json|markdown] [--explain] [--unmanaged]`: what differs
 * between the spec and AWS, and who made each difference. Read-only: observe and (with
 * --unmanaged) filtered Describe calls, nothing else; the JSON says how many calls were
 * writes (always 0) as the call counter saw them.
 * Exit: 0 in sync, 2 spec changes pending, 3 drift made outside the spec only, 1 error.
 */
import { writeCalls } from '../../aws/read-operations.ts';
import { driftExitCode, driftReport, type Ignored, type UnmanagedResource } from '../../reconciler/drift.ts';
import { planStack } from '../../reconciler/reconcile.ts';
import { DRIFT_FORMATS, renderDrift, type DriftFormat } from '../../reconciler/render/drift.ts';
import { KINDS, type Kind } from '../../reconciler/types.ts';
import { unmanagedFinders } from '../../resources/unmanaged/index.ts';
import { UsageError, type CliArgs } from '../args.ts';
import type { Io } from '../io.ts';
import { createLogger } from '../logging.ts';
import { prepareAdapters, runOptions, targetName, wire, type Wired } from '../wiring.ts';
import { loadSpecFor } from './spec.ts';
import type { Spec } from '../../reconciler/types.ts';

export async function driftCommand(args: CliArgs, io: Io): Promise<number> {
  const format = (args.output ?? 'text') as DriftFormat;
  if (!DRIFT_FORMATS.includes(format)) throw new UsageError(`--output ${format}: use one of ${DRIFT_FORMATS.join(', ')}`);
  const log = createLogger({ level: args.logLevel, format: args.logFormat, write: (line) => io.err(line) });
  const spec = loadSpecFor(args, io);
  await prepareAdapters(spec, args);
  const wired = wire(spec, args, undefined, log);
  try {
    return await driftWired(args, io, format, spec, wired);
  } finally {
    wired.clients.destroy();
    await wired.sandbox?.idle();
  }
}

/** The report on already wired clients (tests hand in a sandbox and read its counters). */
export async function driftWired(args: CliArgs, io: Io, format: DriftFormat, spec: Spec, wired: Wired): Promise<number> {
  const { engine, clients } = wired;
  const planned = await planStack(spec, engine, runOptions(args));
  let unmanaged: { kinds: Kind[]; found: UnmanagedResource[]; ignored: Ignored[] } | undefined;
  if (args.unmanaged) {
    const vpcIds = planned.plan.actions.filter((a) => a.kind === 'ec2.vpc' && a.observed).map((a) => engine.adapters('ec2.vpc')!.outputs(a.observed!.state).id!);
    // Every kind at once (the clients' limiter bounds the calls in flight), merged in kind order.
    const kinds = KINDS.filter((kind) => engine.adapters(kind) && unmanagedFinders[kind]);
    const results = await Promise.all(kinds.map((kind) => unmanagedFinders[kind]!({ stack: spec.stack, vpcIds }, clients)));
    unmanaged = { kinds, found: results.flatMap((r) => r.found), ignored: results.flatMap((r) => r.ignored) };
  }
  const report = driftReport(spec, planned.graph, planned.plan, engine.adapters, { explain: args.explain, ...(unmanaged ? { unmanaged } : {}) });
  const writes = Object.values(writeCalls(clients.counter.snapshot())).reduce((a, b) => a + b, 0);
  io.out(renderDrift(report, format, io.color ?? false, { apiCalls: { total: clients.counter.total, writes } }));
  if (format === 'text') io.out(`(${clients.counter.total} API calls to ${targetName(args)}, ${writes} writes)`);
  return driftExitCode(report);
}
