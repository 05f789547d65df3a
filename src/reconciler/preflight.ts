/**
 * Preflight: read-only checks only AWS can answer (an instance type the region does not
 * offer), for the resources the plan would create or change, before anything is written.
 * A problem stops the run like a spec error, at the spec position of the property.
 */
import { AdapterError, PreflightError } from './errors.ts';
import { isReplace, type AdapterLookup, type Plan, type PlannedAction } from './plan.ts';
import { retrying, type RetryCounter } from './retry.ts';
import type { AdapterContext, Kind, ObserveRequest, SpecProblem } from './types.ts';

const writes = (a: PlannedAction): boolean => !a.blocked && a.resource !== undefined && (a.type === 'create' || a.type === 'update' || isReplace(a.type));

/** Runs each kind's preflight once, for its resources the plan writes; throws PreflightError with every problem. */
export async function preflight(plan: Plan, adapters: AdapterLookup, ctx: AdapterContext, retries?: RetryCounter): Promise<void> {
  const byKind = new Map<Kind, PlannedAction[]>();
  for (const a of plan.actions.filter(writes)) if (adapters(a.kind)?.preflight) (byKind.get(a.kind) ?? byKind.set(a.kind, []).get(a.kind)!).push(a);
  const problems: SpecProblem[] = [];
  await Promise.all([...byKind].map(async ([kind, actions]) => {
    const adapter = adapters(kind)!;
    const requests: ObserveRequest[] = actions.map((a) => ({ id: a.id, desired: a.desired, ...(a.observed && { last: a.observed.state }) }));
    let found;
    try {
      found = await retrying(() => adapter.preflight!(requests, ctx), { clock: ctx.clock, log: ctx.log, what: `preflight ${kind}`, counter: retries });
    } catch (err) {
      throw new AdapterError('preflight', '', kind, err);
    }
    for (const p of found) {
      const r = actions.find((a) => a.id === p.id)?.resource;
      if (r) problems.push({ pos: r.positions.get(`properties.${p.path}`) ?? r.pos, message: `${p.id}: ${p.message}` });
    }
  }));
  if (problems.length > 0) throw new PreflightError(problems);
}
