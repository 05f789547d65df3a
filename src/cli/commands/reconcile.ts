/** plan, reconcile --once and destroy: observe, plan, render, and (except plan) apply. */
import { INTERRUPTED, type Outcome } from '../../reconciler/apply.ts';
import { ExitCode } from '../../reconciler/exit-codes.ts';
import { isPending } from '../../reconciler/plan.ts';
import { applyExitCode, applyStack, planExitCode, planStack } from '../../reconciler/reconcile.ts';
import { outcomeLine, renderTotals } from '../../reconciler/render/outcomes.ts';
import { planJson, PLAN_FORMATS, renderPlan, type PlanFormat } from '../../reconciler/render/plan.ts';
import { UsageError, type CliArgs } from '../args.ts';
import type { Io } from '../io.ts';
import { createLogger } from '../logging.ts';
import { abortableClock, onInterrupt, type Interrupt } from '../interrupt.ts';
import { holdStackLease } from '../lease.ts';
import { prepareAdapters, openCliSandbox, runOptions, targetName, wire, type Wired } from '../wiring.ts';
import type { Spec } from '../../reconciler/types.ts';
import { daemonCommand } from './daemon.ts';
import { loadSpecFor } from './spec.ts';

const formatOf = (args: CliArgs): PlanFormat => {
  const f = (args.output ?? 'text') as PlanFormat;
  if (!PLAN_FORMATS.includes(f)) throw new UsageError(`--output ${f}: use one of ${PLAN_FORMATS.join(', ')}`);
  return f;
};

/** The logger of a run: stderr (io.err), at --log-level, in --log-format. */
const loggerFor = (args: CliArgs, io: Io) => createLogger({ level: args.logLevel, format: args.logFormat, write: (line) => io.err(line) });

export async function planCommand(args: CliArgs, io: Io): Promise<number> {
  const format = formatOf(args);
  const log = loggerFor(args, io);
  const spec = loadSpecFor(args, io);
  await prepareAdapters(spec, args);
  const { engine, clients, sandbox } = wire(spec, args, undefined, log);
  try {
    const { plan } = await planStack(spec, engine, runOptions(args));
    io.out(renderPlan(plan, format, io.color ?? false));
    if (format === 'text') io.out(`(${clients.counter.total} API calls to ${targetName(args)})`);
    return planExitCode(plan);
  } finally {
    clients.destroy();
    await sandbox?.idle();
  }
}

async function apply(args: CliArgs, io: Io, destroy: boolean): Promise<number> {
  const format = formatOf(args);
  const log = loggerFor(args, io);
  const spec = loadSpecFor(args, io);
  await prepareAdapters(spec, args);
  const interrupt = onInterrupt((sig) => log.warn({ signal: sig }, 'interrupted: finishing the AWS calls in flight, starting nothing new (again to quit at once)'));
  const sandbox = args.sandbox ? openCliSandbox(args, spec.region) : undefined;
  try {
    // One writer per stack: wait for another run or the daemon (--lease-wait), then hold the lease.
    const held = await holdStackLease(args, spec, sandbox, log, destroy ? 'destroy' : 'reconcile --once', interrupt.signal);
    try {
      const clock = abortableClock(interrupt.signal);
      const wired = wire(spec, args, sandbox, log, { fence: held.fence, signal: interrupt.signal, clock });
      return await applyWired(args, io, destroy, format, spec, wired, interrupt);
    } finally {
      await held.close();
    }
  } finally {
    interrupt.dispose();
    await sandbox?.idle();
  }
}

async function applyWired(args: CliArgs, io: Io, destroy: boolean, format: PlanFormat, spec: Spec, wired: Wired, interrupt: Interrupt): Promise<number> {
  const { engine, clients, retries } = wired;
  const log = engine.ctx.log;
  const started = Date.now();
  const text = format !== 'json';
  try {
    const opts = runOptions(args, destroy);
    const planned = await planStack(spec, engine, opts);
    if (text) io.out(renderPlan(planned.plan, format, io.color ?? false));
    if (!planned.plan.actions.some(isPending)) {
      if (format === 'json') io.out(JSON.stringify({ plan: planJson(planned.plan), outcomes: [], apiCalls: clients.counter.total, retries: retries.count }, null, 2));
      else io.out(`(${clients.counter.total} API calls to ${targetName(args)})`);
      return ExitCode.Ok;
    }
    if (text) io.out(`\nApplying to ${targetName(args)}:`);
    const onOutcome = (o: Outcome) => {
      if (text && o.status !== 'unchanged') io.out(`  ${outcomeLine(o, io.color ?? false)}`);
      if (o.status === 'failed') log.error({ resource: o.id, kind: o.kind, action: o.action }, o.reason ?? 'failed');
    };
    if (interrupt.signal.aborted) {
      io.err(`blogctl: interrupted (${interrupt.received()}) before applying; nothing was changed.`);
      return ExitCode.Error;
    }
    const outcomes = await applyStack(spec, engine, planned, onOutcome);
    if (format === 'json') {
      const shown = outcomes.map((o) => ({ id: o.id, kind: o.kind, action: o.action, status: o.status, ms: o.ms, reason: o.reason ?? null }));
      io.out(JSON.stringify({ plan: planJson(planned.plan), outcomes: shown, apiCalls: clients.counter.total, retries: retries.count, throttled: clients.counter.throttles, throttledWaitMs: Math.round(clients.retryWaits.throttledMs) }, null, 2));
    } else {
      const retried = { operations: retries.count, throttled: clients.counter.throttles, throttledWaitMs: clients.retryWaits.throttledMs };
      io.out(`\n${renderTotals(outcomes, Date.now() - started, clients.counter.total, retried)}`);
    }
    if (interrupt.signal.aborted) {
      const notStarted = outcomes.filter((o) => o.reason === INTERRUPTED).length;
      io.err(`blogctl: interrupted (${interrupt.received()}): the calls in flight finished; ${notStarted} operation${notStarted === 1 ? '' : 's'} not started. Run it again to finish.`);
      return ExitCode.Error;
    }
    return applyExitCode(planned.plan, outcomes);
  } finally {
    clients.destroy();
  }
}

export function reconcileCommand(args: CliArgs, io: Io): Promise<number> {
  if (!args.once) return daemonCommand(args, io);
  return apply(args, io, false);
}

export function destroyCommand(args: CliArgs, io: Io): Promise<number> {
  return apply(args, io, true);
}
