/**
 * Checks that look across resources: references name a resource and an output it has,
 * dependsOn names resources, and each kind's own cross-resource rules.
 */
import { Ref, Template, type CheckContext, type KindCatalog, type Spec, type SpecProblem, type SpecResource } from '../types.ts';
import { suggester } from './suggest.ts';

/** Built-in values: `${aws.region}`, `${aws.accountId}`, `${aws.partition}`. */
export const AWS_OUTPUTS = ['region', 'accountId', 'partition'] as const;

/** Why a resource id of the file is not in the spec: left out by `if:`, or invalid itself. */
export type Absence = 'if' | 'broken';

/** Every reference inside a value, in document order. */
export function collectRefs(value: unknown, out: Ref[] = []): Ref[] {
  if (value instanceof Ref) out.push(value);
  else if (value instanceof Template) out.push(...value.refs);
  else if (Array.isArray(value)) for (const v of value) collectRefs(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collectRefs(v, out);
  return out;
}

export function checkContext(spec: Spec): CheckContext {
  const byId = new Map(spec.resources.map((r) => [r.id, r]));
  const byKind = new Map<string, SpecResource[]>();
  for (const r of spec.resources) (byKind.get(r.kind) ?? byKind.set(r.kind, []).get(r.kind)!).push(r);
  return {
    region: spec.region,
    resource: (id) => byId.get(id),
    ofKind: (kind) => byKind.get(kind) ?? [],
    posOf: (r, path) => r.positions.get(`properties.${path}`) ?? r.pos,
  };
}

function checkRef(
  ref: Ref,
  self: SpecResource,
  byId: ReadonlyMap<string, SpecResource>,
  catalog: KindCatalog,
  absent: ReadonlyMap<string, Absence>,
  suggestId: (word: string) => string | undefined,
): SpecProblem[] {
  if (ref.target === 'param') return []; // an unknown param, reported when params were substituted
  if (ref.target === 'aws') {
    const ok = (AWS_OUTPUTS as readonly string[]).includes(ref.attr ?? '');
    return ok ? [] : [{ pos: ref.pos, message: `\${aws.${ref.attr ?? ''}} is not a built-in value; use one of ${AWS_OUTPUTS.map((a) => `\${aws.${a}}`).join(', ')}` }];
  }
  if (ref.target === self.id) return [{ pos: ref.pos, message: `resource "${self.id}" refers to itself` }];
  const target = byId.get(ref.target);
  if (!target && absent.get(ref.target) === 'broken') return []; // its own problem is reported
  if (!target && absent.get(ref.target) === 'if')
    return [{ pos: ref.pos, message: `reference to "${ref.target}", which its if: leaves out with these params; give "${self.id}" the same if:` }];
  if (!target) {
    const near = suggestId(ref.target);
    return [{ pos: ref.pos, message: `reference to unknown resource "${ref.target}"${near ? `; did you mean "${near}"?` : ''}` }];
  }
  if (ref.attr === undefined) return [];
  const outputs = Object.keys(catalog[target.kind].outputs);
  if (outputs.includes(ref.attr)) return [];
  const near = suggester(outputs)(ref.attr);
  return [{
    pos: ref.pos,
    message: `${target.kind} "${target.id}" has no output "${ref.attr}"${near ? `; did you mean "${near}"?` : ''} (outputs: ${outputs.join(', ')})`,
  }];
}

/**
 * `invalid` are resources whose properties failed validation: only their references are
 * checked. Reference problems and kind rules come apart: cycles are sought only when
 * every reference is sound, whatever the rules found.
 */
export function checkCrossResource(
  spec: Spec,
  catalog: KindCatalog,
  invalid: readonly SpecResource[] = [],
  absent: ReadonlyMap<string, Absence> = new Map(),
): { references: SpecProblem[]; rules: SpecProblem[] } {
  const byId = new Map([...spec.resources, ...invalid].map((r) => [r.id, r]));
  const suggestId = suggester([...byId.keys()]);
  const problems: SpecProblem[] = [];
  for (const r of [...spec.resources, ...invalid]) {
    for (const ref of collectRefs(r.properties)) problems.push(...checkRef(ref, r, byId, catalog, absent, suggestId));
    r.dependsOn.forEach((dep, i) => {
      if (byId.has(dep) || absent.has(dep)) return;
      const near = suggestId(dep);
      problems.push({ pos: r.positions.get(`dependsOn.${i}`) ?? r.pos, message: `dependsOn names unknown resource "${dep}"${near ? `; did you mean "${near}"?` : ''}` });
    });
  }
  // Kind rules look at valid resources only; a reference to an invalid one finds nothing.
  const ctx = checkContext(spec);
  const rules = spec.resources.flatMap((r) => catalog[r.kind].check?.(r, ctx) ?? []);
  return { references: problems, rules };
}
