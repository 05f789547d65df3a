/**
 * Desired state: references resolved from the outputs of applied resources, and the
 * hash of a resource's spec that the blogctl:spec tag carries.
 */
import { createHash } from 'node:crypto';
import { KNOWN_AFTER_APPLY, Ref, TAG, Template, type KindCatalog, type LogicalId, type SpecResource } from './types.ts';

/** Outputs of resources that exist now; undefined for one that does not (yet). */
export type OutputLookup = (id: LogicalId) => Readonly<Record<string, string>> | undefined;

export interface Builtins {
  readonly region: string;
  readonly accountId?: string;
  readonly partition: string;
}

export interface Resolution {
  readonly value: unknown;
  /** References whose target has no value yet: the value holds KNOWN_AFTER_APPLY there. */
  readonly unknown: readonly Ref[];
}

export function resolveProperties(
  resource: SpecResource,
  outputs: OutputLookup,
  catalog: KindCatalog,
  kindOf: (id: LogicalId) => SpecResource['kind'] | undefined,
  builtins: Builtins,
): Resolution {
  const unknown: Ref[] = [];
  const one = (ref: Ref): string => {
    if (ref.target === 'aws') {
      const v = ref.attr === 'accountId' ? builtins.accountId : ref.attr === 'region' ? builtins.region : builtins.partition;
      if (v === undefined) unknown.push(ref);
      return v ?? KNOWN_AFTER_APPLY;
    }
    const kind = kindOf(ref.target);
    const attr = ref.attr ?? (kind ? catalog[kind].defaultOutput : 'id');
    const v = outputs(ref.target)?.[attr];
    if (v === undefined) unknown.push(ref);
    return v ?? KNOWN_AFTER_APPLY;
  };
  const walk = (v: unknown): unknown => {
    if (v instanceof Ref) return one(v);
    if (v instanceof Template) return v.parts.map((p) => (typeof p === 'string' ? p : one(p))).join('');
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return { value: walk(resource.properties), unknown };
}

/** JSON with sorted keys and references in their `${...}` form: stable across runs. */
export function stableJson(value: unknown): string {
  const walk = (v: unknown): unknown => {
    if (v instanceof Ref || v instanceof Template) return v.toString();
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, walk((v as Record<string, unknown>)[k])]));
    return v;
  };
  return JSON.stringify(walk(value));
}

/**
 * The blogctl:spec tag: a hash of the resource as written (kind, properties with
 * references unresolved, protect). It changes when the spec changes, not when AWS does.
 */
export function specHash(resource: SpecResource): string {
  const text = stableJson({ kind: resource.kind, properties: resource.properties, protect: resource.protect });
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** Removes `ignoreChanges` paths (and anything under them) from a list of changes. */
export function withoutIgnored<C extends { path: string }>(changes: readonly C[], ignore: readonly string[]): C[] {
  return changes.filter((c) => !ignore.some((p) => c.path === p || c.path.startsWith(`${p}.`) || c.path.startsWith(`${p}[`)));
}

/** The identity tags of each resource of a spec; resources not in it get stack + id only. */
export function identityTagsFor(spec: { stack: string; resources: readonly SpecResource[] }): (id: LogicalId) => Record<string, string> {
  const byId = new Map(spec.resources.map((r) => [r.id, r]));
  return (id) => {
    const r = byId.get(id);
    return {
      [TAG.stack]: spec.stack,
      [TAG.id]: id,
      ...(r ? { [TAG.spec]: specHash(r) } : {}),
      ...(r?.protect ? { [TAG.protect]: 'true' } : {}),
    };
  };
}

/** Idempotency tokens from stack + id + spec hash (64 hex chars fit every AWS token field). */
export function clientTokenFor(spec: { stack: string; resources: readonly SpecResource[] }): (id: LogicalId) => string {
  const tags = identityTagsFor(spec);
  return (id) => createHash('sha256').update(`${spec.stack}/${id}/${tags(id)[TAG.spec] ?? ''}`).digest('hex').slice(0, 32);
}
