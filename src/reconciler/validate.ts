/**
 * Plan-time checks by adapters (`ResourceAdapter.validate`): facts of AWS the loader
 * cannot know (an engine version RDS retired, a Lambda runtime past its deprecation),
 * values known only once references resolve, changes AWS holds pending. Each finding
 * names a property path; here it becomes the file:line:col of that property. Errors stop
 * the plan as a SpecError (exit 1, nothing written); warnings and notes go with the plan.
 */
import { forResource } from './context.ts';
import { AdapterError, comparePos, SpecError } from './errors.ts';
import type { AdapterLookup, Plan, PlanNote, PlannedAction } from './plan.ts';
import { retrying, type RetryCounter } from './retry.ts';
import type { AdapterContext, PlanFinding, SourcePos, SpecProblem, SpecResource } from './types.ts';

/** The position of `properties.<path>`, or of the nearest enclosing property written in the file. */
export function findingPos(resource: SpecResource, path: string): SourcePos {
  const segs = path === '' ? [] : path.split('.');
  for (let n = segs.length; n > 0; n--) {
    const pos = resource.positions.get(['properties', ...segs.slice(0, n)].join('.'));
    if (pos) return pos;
  }
  return resource.positions.get('properties') ?? resource.pos;
}

/** Actions whose resource stays (or comes) into being: deletes and destroys are never checked. */
const checked = (a: PlannedAction): boolean => a.resource !== undefined && a.type !== 'delete';

/** Runs every adapter's validate over the plan, all at once; returns the plan with its notes, or throws. */
export async function validatePlan(plan: Plan, adapters: AdapterLookup, ctx: AdapterContext, retries?: RetryCounter): Promise<Plan> {
  const runs = plan.actions.filter(checked).map(async (a) => {
    const validate = adapters(a.kind)?.validate;
    if (!validate) return [];
    const rctx = forResource(ctx, a.id, a.kind);
    let found: readonly PlanFinding[];
    try {
      found = await retrying(() => validate(a.desired, rctx, a.observed?.state), { clock: ctx.clock, log: rctx.log, what: `validate ${a.id}`, counter: retries });
    } catch (err) {
      throw new AdapterError('validate', a.id, a.kind, err);
    }
    return found.map((f) => ({ a, f, pos: findingPos(a.resource!, f.path) }));
  });
  const all = (await Promise.all(runs)).flat();
  const errors: SpecProblem[] = all.filter((x) => x.f.severity === 'error').map((x) => ({ pos: x.pos, message: `${x.a.id}: ${x.f.message}` }));
  if (errors.length > 0) throw new SpecError(errors);
  const notes: PlanNote[] = all
    .map((x) => ({ id: x.a.id, kind: x.a.kind, severity: x.f.severity as PlanNote['severity'], pos: x.pos, message: x.f.message }))
    .sort((a, b) => comparePos(a.pos, b.pos));
  return notes.length > 0 ? { ...plan, notes } : plan;
}
