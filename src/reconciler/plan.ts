/**
 * plan: pure. From the spec, the graph and what observe found, decide one action per
 * resource, with its reason, and check protections and --allow-* permissions here.
 */
import { resolveProperties, specHash, withoutIgnored, type Builtins } from './desired.ts';
import { topoOrder, type Graph } from './graph.ts';
import {
  KINDS, TAG, type FieldChange, type Kind, type KindCatalog, type LogicalId, type Observation, type ResourceAdapter, type Spec, type SpecResource,
} from './types.ts';

export type ActionType = 'noop' | 'create' | 'update' | 'replace' | 'delete';

export interface PlannedAction {
  readonly id: LogicalId;
  readonly kind: Kind;
  readonly type: ActionType;
  readonly reason: string;
  readonly changes: readonly FieldChange[];
  /** For replace: the fields that force it. */
  readonly forcedBy?: readonly string[];
  /** Why the action will not be performed (missing permission, protection, adoption, no adapter). */
  readonly blocked?: string;
  readonly unsupported?: boolean;
  /** An untagged resource found by its natural name, taken over with --adopt. */
  readonly adopt?: boolean;
  /** For update: 'spec' = the spec changed and is not applied yet; 'aws' = someone changed AWS. */
  readonly drift?: 'spec' | 'aws';
  readonly observed?: Observation<unknown>;
  /** The resource in the spec; absent for deletes of resources that left it. */
  readonly resource?: SpecResource;
  readonly protect: boolean;
}

export interface Plan {
  readonly stack: string;
  readonly actions: readonly PlannedAction[];
}

export interface PlanOptions {
  readonly allowDelete: boolean;
  readonly allowReplace: boolean;
  readonly adopt: boolean;
  /** destroy: every resource of the stack is to be deleted. */
  readonly destroy: boolean;
  /** --target: only these and what they depend on; no prune. */
  readonly targets?: ReadonlySet<LogicalId>;
}

export type AdapterLookup = (kind: Kind) => ResourceAdapter | undefined;
/** Observations per kind, keyed by logical id (including resources that left the spec). */
export type Observed = ReadonlyMap<Kind, ReadonlyMap<LogicalId, Observation<unknown>>>;

/** The property a change path is under: `ingress[tcp:443 ...].description` -> `ingress`. */
export const topField = (path: string): string => path.split(/[.[]/)[0]!;

const isProtectedTag = (o?: Observation<unknown>): boolean => o?.tags?.[TAG.protect] === 'true';

export function makePlan(
  spec: Spec, graph: Graph, catalog: KindCatalog, adapters: AdapterLookup, observed: Observed, builtins: Builtins, opts: PlanOptions,
): Plan {
  const byId = new Map(spec.resources.map((r) => [r.id, r]));
  const actions = new Map<LogicalId, PlannedAction>();
  const inScope = (id: LogicalId) => !opts.targets || opts.targets.has(id);
  const outputsOf = (id: LogicalId) => {
    const a = actions.get(id);
    // A replacement gets new outputs; a blocked one keeps the old resource and its outputs.
    if (!a?.observed || (a.type === 'replace' && !a.blocked)) return undefined;
    return adapters(a.kind)?.outputs(a.observed.state);
  };
  const deleteBlock = (protect: boolean): string | undefined =>
    protect ? 'protected: blogctl never deletes it (remove protect and the blogctl:protect tag first)'
      : opts.allowDelete ? undefined : 'needs --allow-delete';

  for (const id of topoOrder(graph)) {
    const r = byId.get(id)!;
    if (!inScope(id)) continue;
    const base = { id, kind: r.kind, resource: r, protect: r.protect, changes: [] as FieldChange[] };
    const adapter = adapters(r.kind);
    if (!adapter) {
      actions.set(id, { ...base, type: 'noop', unsupported: true, reason: `kind ${r.kind} is not yet supported`, blocked: `no adapter for ${r.kind} yet` });
      continue;
    }
    const obs = observed.get(r.kind)?.get(id);
    const protect = r.protect || isProtectedTag(obs);
    const lookup = catalog[r.kind].lookup === true;
    if (opts.destroy) {
      if (!obs || lookup) actions.set(id, { ...base, type: 'noop', reason: lookup ? 'a lookup: never deleted' : 'already absent' });
      else actions.set(id, { ...base, type: 'delete', observed: obs, protect, reason: 'destroy', blocked: deleteBlock(protect) });
      continue;
    }
    const desired = resolveProperties(r, outputsOf, catalog, (x) => byId.get(x)?.kind, builtins).value;
    if (!obs) {
      actions.set(id, lookup
        ? { ...base, type: 'noop', reason: 'lookup found nothing', blocked: `lookup ${r.kind} "${id}" matched nothing in AWS; check its properties` }
        : { ...base, type: 'create', reason: 'not found in AWS', changes: [{ path: '', from: undefined, to: desired }] });
      continue;
    }
    const stackTag = obs.tags?.[TAG.stack];
    const foreign = obs.tags !== undefined && stackTag !== spec.stack && !lookup;
    const changes = withoutIgnored(adapter.diff(desired, obs.state), r.ignoreChanges);
    if (foreign && stackTag !== undefined) {
      actions.set(id, { ...base, type: 'noop', observed: obs, reason: 'owned by another stack', blocked: `exists and belongs to blogctl stack "${stackTag}"; never taken over` });
      continue;
    }
    const forcedBy = [...new Set(changes.map((c) => topField(c.path)).filter((f) => adapter.replaceOn.includes(f)))];
    if (foreign) {
      const what = 'exists without blogctl tags (found by its name)';
      actions.set(id, { ...base, type: 'update', observed: obs, changes, adopt: true, reason: what, blocked: opts.adopt ? undefined : `${what}; rerun with --adopt to take it over` });
      continue;
    }
    if (lookup || changes.length === 0) {
      actions.set(id, { ...base, type: 'noop', observed: obs, protect, reason: 'in sync' });
      continue;
    }
    const drift = obs.tags === undefined ? undefined : obs.tags[TAG.spec] === specHash(r) ? 'aws' as const : 'spec' as const;
    if (forcedBy.length > 0) {
      const blocked = protect ? 'protected: replacing would delete it' : opts.allowReplace ? undefined : 'needs --allow-replace';
      actions.set(id, { ...base, type: 'replace', observed: obs, changes, forcedBy, protect, drift, reason: `${forcedBy.join(', ')} cannot change in place`, blocked });
      continue;
    }
    actions.set(id, { ...base, type: 'update', observed: obs, changes, protect, drift, reason: `${changes.length} field${changes.length === 1 ? '' : 's'} differ` });
  }

  // Prune: resources carrying our stack tag whose id left the spec (never with --target).
  const pruned: PlannedAction[] = [];
  if (!opts.targets) {
    for (const kind of KINDS) {
      for (const [id, obs] of observed.get(kind) ?? []) {
        if (byId.has(id) || obs.tags?.[TAG.stack] !== spec.stack || catalog[kind].lookup) continue;
        const protect = isProtectedTag(obs);
        pruned.push({ id, kind, type: 'delete', observed: obs, protect, changes: [], reason: 'left the spec', blocked: deleteBlock(protect) });
      }
    }
  }
  return { stack: spec.stack, actions: [...actions.values(), ...pruned] };
}

export interface PlanSummary {
  readonly create: number;
  readonly update: number;
  readonly replace: number;
  readonly delete: number;
  readonly noop: number;
  readonly blocked: number;
  readonly unsupported: number;
}

export function summarize(plan: Plan): PlanSummary {
  const count = (f: (a: PlannedAction) => boolean) => plan.actions.filter(f).length;
  return {
    create: count((a) => a.type === 'create'),
    update: count((a) => a.type === 'update'),
    replace: count((a) => a.type === 'replace'),
    delete: count((a) => a.type === 'delete'),
    noop: count((a) => a.type === 'noop' && !a.unsupported && !a.blocked),
    blocked: count((a) => a.blocked !== undefined && !a.unsupported),
    unsupported: count((a) => a.unsupported === true),
  };
}
