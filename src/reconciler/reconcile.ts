/**
 * One reconcile: graph -> observe -> plan -> (apply). The caller loads the spec and
 * renders; this module wires the pure steps to the adapters and the clock.
 */
import { applyPlan, type Outcome } from './apply.ts';
import type { Builtins } from './desired.ts';
import { buildGraph, type Graph } from './graph.ts';
import { observeAll, type Discover } from './observe.ts';
import { preflight } from './preflight.ts';
import { makePlan, planChanges, isUnsupported, type AdapterLookup, type Plan, type PlanOptions } from './plan.ts';
import type { RetryCounter } from './retry.ts';
import { collectRefs } from './spec/cross-resource.ts';
import { suggest } from './spec/suggest.ts';
import type { AdapterContext, KindCatalog, LogicalId, Spec } from './types.ts';
import { ExitCode } from './exit-codes.ts';
import { TargetError } from './errors.ts';

export { TargetError } from './errors.ts';

export interface Engine {
  readonly catalog: KindCatalog;
  readonly adapters: AdapterLookup;
  /** Clients, clock, logger, identity: what adapters get. */
  readonly ctx: AdapterContext;
  /** The account id for ${aws.accountId}, asked once per run, only when a resource in scope uses it. */
  readonly accountId?: () => Promise<string>;
  /** Tag discovery for kinds that cannot list by tag (one call for the stack); absent: adapters list. */
  readonly discover?: Discover;
  /** Whole operations retried by the engine (the run's summary reports them). */
  readonly retries?: RetryCounter;
  /** Once aborted (Ctrl-C, SIGTERM, a lost lease), apply starts no new operation; those in flight finish. */
  readonly signal?: AbortSignal;
}

export interface RunOptions extends Omit<PlanOptions, 'targets'> {
  readonly targets?: readonly LogicalId[];
}


/** --target ids plus everything they depend on, transitively. */
export function targetClosure(spec: Spec, graph: Graph, targets: readonly LogicalId[]): Set<LogicalId> {
  const ids = new Set(spec.resources.map((r) => r.id));
  const out = new Set<LogicalId>();
  const visit = (id: LogicalId) => {
    if (out.has(id)) return;
    out.add(id);
    for (const e of graph.dependencies(id)) visit(e.to);
  };
  for (const t of targets) {
    if (!ids.has(t)) {
      const near = suggest(t, [...ids]);
      throw new TargetError(`--target ${t}: no such resource in the spec${near ? `; did you mean "${near}"?` : ''}`);
    }
    visit(t);
  }
  return out;
}

export interface Planned {
  readonly plan: Plan;
  readonly graph: Graph;
  readonly builtins: Builtins;
}

export async function planStack(spec: Spec, engine: Engine, opts: RunOptions): Promise<Planned> {
  const graph = buildGraph(spec, engine.catalog);
  const targets = opts.targets && opts.targets.length > 0 ? targetClosure(spec, graph, opts.targets) : undefined;
  const inScope = spec.resources.filter((r) => !targets || targets.has(r.id));
  // ${aws.accountId} costs an API call: ask only when a resource in scope uses it.
  const needsAccount = inScope.some((r) => collectRefs(r.properties).some((ref) => ref.target === 'aws' && ref.attr === 'accountId'));
  const builtins: Builtins = {
    region: spec.region,
    partition: spec.region.startsWith('cn-') ? 'aws-cn' : spec.region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws',
    accountId: needsAccount && engine.accountId ? await engine.accountId() : undefined,
  };
  const observed = await observeAll(spec, inScope, engine.catalog, engine.adapters, engine.ctx, {
    builtins, discover: engine.discover, targeted: targets !== undefined, retries: engine.retries,
  });
  const made = makePlan(spec, graph, engine.catalog, engine.adapters, observed, builtins, { ...opts, targets }, (id) => engine.ctx.identityTags(id));
  // Adapters' plan-time checks: errors stop here, before anything is written; warnings and notes go with the plan.
  const plan = opts.destroy ? made : await preflight(made, engine.adapters, engine.ctx, engine.retries);
  return { plan, graph, builtins };
}

export async function applyStack(spec: Spec, engine: Engine, planned: Planned, onOutcome?: (o: Outcome) => void): Promise<Outcome[]> {
  return applyPlan(spec, planned.graph, planned.plan, engine.catalog, engine.adapters, engine.ctx, planned.builtins, {
    onOutcome, retries: engine.retries, signal: engine.signal,
  });
}

/** A lookup (AMI, hosted zone) that matched nothing: an error of the spec's, whatever else the plan holds. */
const lookupMissing = (plan: Plan): boolean => plan.actions.some((a) => a.blocked?.code === 'lookup-missing');

/** plan: 1 when a lookup found nothing; 0 in sync; 3 when every change is drift made outside the spec; 2 otherwise. */
export function planExitCode(plan: Plan): number {
  if (lookupMissing(plan)) return ExitCode.Error;
  const c = planChanges(plan);
  if (!c.any) return ExitCode.Ok;
  return c.onlyAwsDrift ? ExitCode.Drift : ExitCode.ChangesPending;
}

/** reconcile: 1 on any failure, unsupported kind or lookup that found nothing, 4 when only permissions blocked something. */
export function applyExitCode(plan: Plan, outcomes: readonly Outcome[]): number {
  if (outcomes.some((o) => o.status === 'failed') || plan.actions.some(isUnsupported) || lookupMissing(plan)) return ExitCode.Error;
  if (outcomes.some((o) => o.status === 'blocked' || o.status === 'skipped')) return ExitCode.Blocked;
  return ExitCode.Ok;
}
