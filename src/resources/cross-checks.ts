/**
 * Helpers for kinds' cross-resource checks: follow a reference to the resource of the
 * spec it names, and the common network rules (one VPC, subnets in enough zones).
 * Values that are not known at load time (references to outputs, templates) are skipped:
 * a check only reports what it can prove from the spec.
 */
import { Ref, Template, type CheckContext, type Kind, type SpecProblem, type SpecResource } from '../reconciler/types.ts';

/** The resource of the spec that a value refers to (`${id}` or `${id.output}`), if any. */
export function target(value: unknown, ctx: CheckContext, kind?: Kind): SpecResource | undefined {
  if (!(value instanceof Ref)) return undefined;
  const r = ctx.resource(value.target);
  return r && (kind === undefined || r.kind === kind) ? r : undefined;
}

/**
 * `build(ctx)` computed once per validation run and shared by the checks of every
 * resource: a check that compares a resource with all others of its kind builds an index
 * here instead, so the whole run stays linear.
 */
export function oncePerRun<T>(build: (ctx: CheckContext) => T): (ctx: CheckContext) => T {
  const built = new WeakMap<CheckContext, T>();
  return (ctx) => {
    if (!built.has(ctx)) built.set(ctx, build(ctx));
    return built.get(ctx)!;
  };
}

/** A literal string value, or undefined when it is a reference, a template or absent. */
export const literal = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The literal text of a string or template, without its references (so a lower bound of its length). */
export const knownText = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : v instanceof Template ? v.parts.filter((p) => typeof p === 'string').join('') : undefined;

export const list = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);

/** A property at a dotted path of a resource's validated properties. */
export function prop(r: SpecResource, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), r.properties);
}

const NOUN: Partial<Record<Kind, string>> = {
  'ec2.subnet': 'subnet',
  'ec2.security-group': 'security group',
  'ec2.route-table': 'route table',
  'elbv2.target-group': 'target group',
};
const noun = (r: SpecResource): string => NOUN[r.kind] ?? r.kind;

/** The VPC of the spec that a subnet, security group, route table or target group lives in. */
export const vpcOf = (r: SpecResource, ctx: CheckContext): SpecResource | undefined => target(r.properties.vpcId, ctx, 'ec2.vpc');

/**
 * Every subnet / security group / target group referenced by the list properties at
 * `paths` must be in one VPC, and in `vpc` when the resource names its own VPC.
 */
export function checkOneVpc(self: SpecResource, ctx: CheckContext, paths: readonly string[], vpc?: SpecResource): SpecProblem[] {
  const problems: SpecProblem[] = [];
  let first: { vpc: SpecResource; what: string } | undefined = vpc ? { vpc, what: `this ${self.kind} is in VPC "${vpc.id}"` } : undefined;
  for (const path of paths) {
    const value = prop(self, path);
    const items = Array.isArray(value) ? value.map((v, i) => [v, `${path}.${i}`] as const) : [[value, path] as const];
    for (const [v, at] of items) {
      const r = target(v, ctx);
      const rv = r && vpcOf(r, ctx);
      if (!r || !rv) continue;
      if (!first) first = { vpc: rv, what: `${noun(r)} "${r.id}" is in VPC "${rv.id}"` };
      else if (rv !== first.vpc)
        problems.push({
          pos: ctx.posOf(self, at),
          message: `${noun(r)} "${r.id}" is in VPC "${rv.id}", but ${first.what}; they must all be in one VPC`,
        });
    }
  }
  return problems;
}

/** The subnets at `path` must span at least `min` availability zones (when every zone is known). */
export function checkZoneSpread(self: SpecResource, ctx: CheckContext, path: string, min: number, why: string): SpecProblem[] {
  const zones = new Set<string>();
  for (const v of list(prop(self, path))) {
    const subnet = target(v, ctx, 'ec2.subnet');
    const az = subnet && literal(subnet.properties.availabilityZone);
    if (az === undefined) return [];
    zones.add(az);
  }
  return zones.size >= min
    ? []
    : [{ pos: ctx.posOf(self, path), message: `${why} needs subnets in at least ${min} availability zones; these are all in ${[...zones].join(', ') || 'none'}` }];
}

/** Reports list items whose key (as computed by `key`) repeats an earlier item. */
export function checkUnique(self: SpecResource, ctx: CheckContext, path: string, key: (item: unknown) => string | undefined, what: string): SpecProblem[] {
  const seen = new Map<string, number>();
  const problems: SpecProblem[] = [];
  list(prop(self, path)).forEach((item, i) => {
    const k = key(item);
    if (k === undefined) return;
    const earlier = seen.get(k);
    if (earlier !== undefined)
      problems.push({ pos: ctx.posOf(self, `${path}.${i}`), message: `${what} repeats item ${earlier + 1} of "${path}" (${k})` });
    else seen.set(k, i);
  });
  return problems;
}

/**
 * A field that takes one output of another kind (an ARN where the default output is a
 * name, say): reports `${x}` / `${x.other}` that would resolve to the wrong value.
 */
export function checkOutputUse(
  self: SpecResource,
  ctx: CheckContext,
  path: string,
  want: { readonly kind: Kind; readonly defaultOutput: string; readonly outputs: readonly string[] },
): SpecProblem[] {
  const value = prop(self, path);
  const problems: SpecProblem[] = [];
  const values = Array.isArray(value) ? value.map((v, i) => [v, `${path}.${i}`] as const) : [[value, path] as const];
  for (const [v, at] of values) {
    const r = target(v, ctx, want.kind);
    if (!r || !(v instanceof Ref)) continue;
    const output = v.attr ?? want.defaultOutput;
    if (want.outputs.includes(output)) continue;
    const fix = want.outputs[0] === want.defaultOutput ? `\${${r.id}}` : `\${${r.id}.${want.outputs[0]}}`;
    problems.push({ pos: ctx.posOf(self, at), message: `"${path}" takes the ${want.outputs.join(' or ')} of ${want.kind} "${r.id}", but ${v.toString()} is its ${output}: write ${fix}` });
  }
  return problems;
}
