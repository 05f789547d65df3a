/**
 * Preflight: read-only checks only AWS can answer (an instance type the region does not
 * offer, an engine version RDS retired, a bucket name another account holds), for the
 * resources the plan would create or change, before anything is written. An error stops
 * the run like a spec error, at the spec position of the property; a warning goes with
 * the plan, as do the notes observe made about resources as AWS holds them (a change RDS
 * keeps pending). Paths the file does not spell out (a list item a reference produced)
 * are placed at the nearest enclosing property it does.
 */
import { AdapterError, comparePos, PreflightError } from './errors.ts';
import { isReplace, type AdapterLookup, type Plan, type PlanNote, type PlannedAction } from './plan.ts';
import { retrying, type RetryCounter } from './retry.ts';
import type { AdapterContext, DesiredProblem, Kind, ObserveRequest, SourcePos, SpecProblem, SpecResource } from './types.ts';

const writes = (a: PlannedAction): boolean => !a.blocked && a.resource !== undefined && (a.type === 'create' || a.type === 'update' || isReplace(a.type));

/** The position of `properties.<path>`, or of the nearest enclosing property written in the file. */
export function propertyPos(resource: SpecResource, path: string): SourcePos {
  const segs = path === '' ? [] : path.split('.');
  for (let n = segs.length; n > 0; n--) {
    const pos = resource.positions.get(['properties', ...segs.slice(0, n)].join('.'));
    if (pos) return pos;
  }
  return resource.positions.get('properties') ?? resource.pos;
}

/** Runs each kind's preflight once, for its resources the plan writes: all at once. */
async function problemsOf(plan: Plan, adapters: AdapterLookup, ctx: AdapterContext, retries?: RetryCounter): Promise<[PlannedAction, DesiredProblem][]> {
  const byKind = new Map<Kind, PlannedAction[]>();
  for (const a of plan.actions.filter(writes)) if (adapters(a.kind)?.preflight) (byKind.get(a.kind) ?? byKind.set(a.kind, []).get(a.kind)!).push(a);
  const found = await Promise.all([...byKind].map(async ([kind, actions]) => {
    const adapter = adapters(kind)!;
    const requests: ObserveRequest[] = actions.map((a) => ({ id: a.id, desired: a.desired, ...(a.observed && { last: a.observed.state }) }));
    let problems: readonly DesiredProblem[];
    try {
      problems = await retrying(() => adapter.preflight!(requests, ctx), { clock: ctx.clock, log: ctx.log, what: `preflight ${kind}`, counter: retries });
    } catch (err) {
      throw new AdapterError('preflight', '', kind, err);
    }
    return problems.flatMap((p): [PlannedAction, DesiredProblem][] => {
      const a = actions.find((x) => x.id === p.id);
      return a ? [[a, p]] : [];
    });
  }));
  return found.flat();
}

/**
 * The plan with its notes (preflight warnings, observe's notes), in spec order; throws
 * PreflightError with every error preflight found.
 */
export async function preflight(plan: Plan, adapters: AdapterLookup, ctx: AdapterContext, retries?: RetryCounter): Promise<Plan> {
  const found = await problemsOf(plan, adapters, ctx, retries);
  const errors: SpecProblem[] = found
    .filter(([, p]) => (p.severity ?? 'error') === 'error')
    .map(([a, p]) => ({ pos: propertyPos(a.resource!, p.path), message: `${p.id}: ${p.message}` }));
  if (errors.length > 0) throw new PreflightError(errors);
  const notes: PlanNote[] = found.map(([a, p]) => ({ id: a.id, kind: a.kind, severity: 'warning' as const, pos: propertyPos(a.resource!, p.path), message: p.message }));
  for (const a of plan.actions)
    if (a.resource && a.type !== 'delete')
      for (const n of a.observed?.notes ?? []) notes.push({ id: a.id, kind: a.kind, severity: n.severity, pos: propertyPos(a.resource, n.path), message: n.message });
  notes.sort((x, y) => comparePos(x.pos, y.pos));
  return notes.length > 0 ? { ...plan, notes } : plan;
}
