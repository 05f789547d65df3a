/**
 * Desired state: references resolved from the outputs of applied resources, and the
 * hash of a resource's spec that the blogctl:spec tag carries.
 */
import { createHash } from 'node:crypto';
import { collectRefs } from './spec/cross-resource.ts';
import { CREATING, KNOWN_AFTER_APPLY, Ref, TAG, Template, type KindCatalog, type LogicalId, type SpecResource } from './types.ts';

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

/** The `ignoreChanges` entry that covers `path` (the path itself or anything under it), if any. */
export const ignoredBy = (path: string, ignore: readonly string[]): string | undefined =>
  ignore.find((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));

/** Removes `ignoreChanges` paths (and anything under them) from a list of changes. */
export function withoutIgnored<C extends { path: string }>(changes: readonly C[], ignore: readonly string[]): C[] {
  return changes.filter((c) => ignoredBy(c.path, ignore) === undefined);
}

/** The most a tag value may hold (EC2, S3, IAM...: 256 characters). */
const TAG_VALUE_MAX = 256;

/**
 * The blogctl:deps tag: the logical ids a resource references (references and dependsOn),
 * sorted, joined with `+` (most services allow only letters, digits, spaces and
 * `_ . : / = + - @` in tag values, so no comma; no logical id holds a `+`); past AWS's
 * 256 characters it ends in `+...` and the engine completes it from what the resource's
 * observed state names.
 */
export function depsTag(resource: SpecResource, ids: ReadonlySet<LogicalId>): string {
  const deps = [...new Set([...collectRefs(resource.properties).map((r) => r.target), ...resource.dependsOn])]
    .filter((d) => ids.has(d) && d !== resource.id)
    .sort();
  let out = '';
  for (const d of deps) {
    const next = out ? `${out}+${d}` : d;
    if (next.length > TAG_VALUE_MAX - 4) return `${out}+...`;
    out = next;
  }
  return out;
}

/** The ids a blogctl:deps tag lists, and whether it was cut short (a `,`-joined tag of an earlier blogctl reads too). */
export function parseDepsTag(value: string): { ids: LogicalId[]; complete: boolean } {
  const ids = value.split(/[+,]/).filter(Boolean);
  const complete = ids.at(-1) !== '...';
  return { ids: complete ? ids : ids.slice(0, -1), complete };
}

/** The identity tags of each resource of a spec; resources not in it get stack + id only. */
export function identityTagsFor(spec: { stack: string; resources: readonly SpecResource[] }): (id: LogicalId, phase?: 'creating') => Record<string, string> {
  const byId = new Map(spec.resources.map((r) => [r.id, r]));
  const ids = new Set(byId.keys());
  const cache = new Map<LogicalId, Record<string, string>>();
  const full = (id: LogicalId): Record<string, string> => {
    let tags = cache.get(id);
    if (!tags) {
      const r = byId.get(id);
      const deps = r ? depsTag(r, ids) : '';
      tags = {
        [TAG.stack]: spec.stack,
        [TAG.id]: id,
        ...(r ? { [TAG.spec]: specHash(r) } : {}),
        ...(r?.protect ? { [TAG.protect]: 'true' } : {}),
        ...(deps ? { [TAG.deps]: deps } : {}),
      };
      cache.set(id, tags);
    }
    return tags;
  };
  return (id, phase) => (phase === 'creating' && byId.has(id) ? { ...full(id), [TAG.spec]: CREATING } : full(id));
}

/** Idempotency tokens from stack + id + spec hash (64 hex chars fit every AWS token field). */
export function clientTokenFor(spec: { stack: string; resources: readonly SpecResource[] }): (id: LogicalId) => string {
  const tags = identityTagsFor(spec);
  return (id) => createHash('sha256').update(`${spec.stack}/${id}/${tags(id)[TAG.spec] ?? ''}`).digest('hex').slice(0, 32);
}
