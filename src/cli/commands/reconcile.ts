/** plan, reconcile --once and destroy: observe, plan, render, and (except plan) apply. */
import type { Outcome } from '../../reconciler/apply.ts';
import { ExitCode } from '../../reconciler/exit-codes.ts';
import { applyExitCode, applyStack, planExitCode, planStack } from '../../reconciler/reconcile.ts';
import { outcomeLine, renderTotals } from '../../reconciler/render/outcomes.ts';
import { planJson, PLAN_FORMATS, renderPlan, type PlanFormat } from '../../reconciler/render/plan.ts';
import { UsageError, type CliArgs } from '../args.ts';
import type { Io } from '../io.ts';
import { runOptions, targetName, wire } from '../wiring.ts';
import { loadSpecFor } from './spec.ts';

const formatOf = (args: CliArgs): PlanFormat => {
  const f = (args.output ?? 'text') as PlanFormat;
  if (!PLAN_FORMATS.includes(f)) throw new UsageError(`--output ${f}: use one of ${PLAN_FORMATS.join(', ')}`);
  return f;
};

export async function planCommand(args: CliArgs, io: Io): Promise<number> {
  const format = formatOf(args);
  const spec = loadSpecFor(args, io);
  const { engine, clients } = wire(spec, args);
  try {
    const { plan } = await planStack(spec, engine, runOptions(args));
    io.out(renderPlan(plan, format, io.color ?? false));
    if (format === 'text') io.out(`(${clients.counter.total} API calls to ${targetName(args)})`);
    return planExitCode(plan);
  } finally {
    clients.destroy();
  }
}

async function apply(args: CliArgs, io: Io, destroy: boolean): Promise<number> {
  const format = formatOf(args);
  const spec = loadSpecFor(args, io);
  const { engine, clients } = wire(spec, args);
  const started = Date.now();
  const text = format !== 'json';
  try {
    const opts = runOptions(args, destroy);
    const planned = await planStack(spec, engine, opts);
    if (text) io.out(renderPlan(planned.plan, format, io.color ?? false));
    const pending = planned.plan.actions.some((a) => a.type !== 'noop' || a.blocked);
    if (!pending) {
      if (format === 'json') io.out(JSON.stringify({ plan: planJson(planned.plan), outcomes: [], apiCalls: clients.counter.total }, null, 2));
      else io.out(`(${clients.counter.total} API calls to ${targetName(args)})`);
      return ExitCode.Ok;
    }
    if (text) io.out(`\nApplying to ${targetName(args)}:`);
    const onOutcome = (o: Outcome) => {
      if (text && o.status !== 'unchanged') io.out(`  ${outcomeLine(o, io.color ?? false)}`);
    };
    const outcomes = await applyStack(spec, engine, planned, opts, onOutcome);
    if (format === 'json') {
      const shown = outcomes.map((o) => ({ id: o.id, kind: o.kind, action: o.action, status: o.status, ms: o.ms, reason: o.reason ?? null }));
      io.out(JSON.stringify({ plan: planJson(planned.plan), outcomes: shown, apiCalls: clients.counter.total }, null, 2));
    } else io.out(`\n${renderTotals(outcomes, Date.now() - started, clients.counter.total)}`);
    return applyExitCode(planned.plan, outcomes);
  } finally {
    clients.destroy();
  }
}

export function reconcileCommand(args: CliArgs, io: Io): Promise<number> {
  if (!args.once) throw new UsageError('the reconcile daemon is not built yet: run `blogctl reconcile --once`');
  return apply(args, io, false);
}

export function destroyCommand(args: CliArgs, io: Io): Promise<number> {
  return apply(args, io, true);
}
