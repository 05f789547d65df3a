/** What load balancers and target groups share about names: the naming rule, and the ARN suffixes CloudWatch uses. */
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

/**
 * The ARN suffix CloudWatch dimensions use: `app/blog-alb/50dc6c495c0c9188` for a load
 * balancer, `targetgroup/blog-tg/6d0ecf831eec9f09` for a target group.
 */
export function arnSuffix(arn: string): string {
  const lb = arn.indexOf(':loadbalancer/');
  if (lb >= 0) return arn.slice(lb + ':loadbalancer/'.length);
  const tg = arn.indexOf(':targetgroup/');
  return tg >= 0 ? arn.slice(tg + 1) : arn;
}
