/** The naming rule load balancers and target groups share. */
import type { CheckContext, SpecProblem, SpecResource } from '../../reconciler/types.ts';
import { literal } from '../cross-checks.ts';

/** 1-32 letters, digits and hyphens, not starting or ending with a hyphen, nor starting with internal-. */
export function checkElbName(self: SpecResource, ctx: CheckContext, path: string): SpecProblem[] {
  const name = literal(self.properties[path]);
  if (name === undefined) return [];
  const ok = /^[A-Za-z0-9]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/.test(name) && !name.startsWith('internal-');
  return ok
    ? []
    : [{ pos: ctx.posOf(self, path), message: `"${name}" is not a valid name: 1-32 letters, digits and hyphens, no hyphen at either end, not starting with "internal-"` }];
}
