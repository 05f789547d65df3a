/**
 * plan: pure. From the spec, the graph and what observe found, decide one typed action
 * per resource, with a reason code the engine branches on (never text), the words for
 * people, and a structured "blocked by" for missing permissions and protection.
 */
import { resolveProperties, type Builtins } from './desired.ts';
import { topoOrder, type Graph } from './graph.ts';
import { ours, type AdapterLookup, type Observed } from './observe.ts';
import { planResource, type PlanContext } from './plan-resource.ts';
import { KINDS, TAG, type FieldChange, type Kind, type KindCatalog, type LogicalId, type Observation, type SourcePos, type Spec, type SpecResource } from './types.ts';

export type { AdapterLookup, Observed } from './observe.ts';

export type ActionType = 'noop' | 'create' | 'update' | 'delete-then-create' | 'create-then-delete' | 'delete';

export const isReplace = (t: ActionType): t is 'delete-then-create' | 'create-then-delete' =>
  t === 'delete-then-create' || t === 'create-then-delete';

/** Why an action is what it is. */
export type ReasonCode =
  | 'in-sync' // noop: AWS matches the spec
  | 'not-found' // create: nothing carries this id
  | 'differs' // update: fields differ
  | 'immutable-changed' // replace: a field that cannot change in place differs
  | 'left-spec' // delete: the id is no longer in the spec
  | 'destroy' // delete: blogctl destroy
  | 'duplicate' // delete: a second resource carrying the same blogctl:id
  | 'adopt' // update: an untagged resource with our natural name
  | 'other-stack' // noop: it exists and belongs to another blogctl stack
  | 'lookup' // noop: a lookup (AMI, hosted zone) found what it looks for
  | 'lookup-missing' // noop: a lookup found nothing
  | 'already-absent' // noop (destroy): nothing to delete
  | 'unsupported'; // noop: no adapter for the kind yet

export type BlockCode =
  | 'needs-allow-delete' | 'needs-allow-replace' | 'needs-adopt' | 'protected' | 'other-stack' | 'lookup-missing' | 'no-adapter'
  | 'backoff'; // the daemon: it failed recently and waits for its next try

export interface Blocked {
  readonly code: BlockCode;
  readonly message: string;
}

/** 'spec': the spec changed and is not applied yet; 'aws': someone changed AWS; 'unknown': the kind keeps no spec hash. */
export type Drift = 'spec' | 'aws' | 'unknown';

export interface PlannedAction {
  readonly id: LogicalId;
  readonly kind: Kind;
  readonly type: ActionType;
  readonly reasonCode: ReasonCode;
  /** The reason in words, for people. */
  readonly reason: string;
  readonly changes: readonly FieldChange[];
  /** For a replace: the fields that force it. */
  readonly forcedBy?: readonly string[];
  /** Why it will not be done; the rest of the plan still applies. */
  readonly blocked?: Blocked;
  /** An untagged resource found by its natural name, taken over with --adopt. */
  readonly adopt?: boolean;
  /** For update and replace: who made the difference. */
  readonly drift?: Drift;
  /** The resource it acts on, as observed (the one kept, when the id is duplicated). */
  readonly observed?: Observation;
  /** The resource in the spec; absent for deletes of resources that left it. */
  readonly resource?: SpecResource;
  /** The desired properties as far as known at plan time (references not yet known are KNOWN_AFTER_APPLY). */
  readonly desired?: unknown;
  readonly protect: boolean;
}

/** A warning or note an adapter found at plan time, placed in the spec (errors stop the plan instead). */
export interface PlanNote {
  readonly id: LogicalId;
  readonly kind: Kind;
  readonly severity: 'warning' | 'note';
  readonly pos: SourcePos;
  readonly message: string;
}

export interface Plan {
  readonly stack: string;
  readonly actions: readonly PlannedAction[];
  /** Preflight warnings and observe's notes (preflight.ts), in spec order. */
  readonly notes?: readonly PlanNote[];
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

/** The property a change path is under: `ingress[tcp:443 ...].description` -> `ingress`. */
export const topField = (path: string): string => path.split(/[.[]/)[0]!;

export const isProtectedTag = (o?: Observation): boolean => o?.tags[TAG.protect] === 'true';

/** Why a delete may not happen: protection first, then the permission. */
export function deleteBlock(protect: boolean, allowDelete: boolean): Blocked | undefined {
  if (protect) return { code: 'protected', message: 'protected: blogctl never deletes it (remove protect and the blogctl:protect tag first)' };
  return allowDelete ? undefined : { code: 'needs-allow-delete', message: 'needs --allow-delete' };
}

export function makePlan(
  spec: Spec, graph: Graph, catalog: KindCatalog, adapters: AdapterLookup, observed: Observed, builtins: Builtins, opts: PlanOptions,
  identityTags: (id: LogicalId) => Readonly<Record<string, string>>,
): Plan {
  const byId = new Map(spec.resources.map((r) => [r.id, r]));
  const actions = new Map<LogicalId, PlannedAction>();
  const extra: PlannedAction[] = [];
  const outputsOf = (id: LogicalId) => {
    const a = actions.get(id);
    // A replacement gets new outputs; a blocked one keeps the old resource and its outputs.
    if (!a?.observed || (isReplace(a.type) && !a.blocked)) return undefined;
    const adapter = adapters(a.kind);
    // An update may change outputs predictably (a launch template's next version).
    if (a.type === 'update' && !a.blocked && adapter?.outputsAfterUpdate) return adapter.outputsAfterUpdate(a.desired, a.observed.state, a.changes);
    return adapter?.outputs(a.observed.state);
  };
  const ctx: PlanContext = { spec, catalog, adapters, opts, identityTags };
  for (const id of topoOrder(graph)) {
    const r = byId.get(id)!;
    if (opts.targets && !opts.targets.has(id)) continue;
    const adapter = adapters(r.kind);
    const desired = resolveProperties(r, outputsOf, catalog, (x) => byId.get(x)?.kind, builtins).value;
    // What it references changes because the spec did (not because AWS did): so may it.
    const upstream = graph.dependencies(id).some((e) => actions.get(e.to)?.drift === 'spec');
    const planned = planResource(r, desired, adapter, observed.get(r.kind)?.get(id) ?? [], ctx, upstream);
    actions.set(id, planned.action);
    extra.push(...planned.duplicates);
  }
  // Prune: resources carrying our stack tag whose id left the spec (never with --target).
  if (!opts.targets) {
    for (const kind of KINDS) {
      if (catalog[kind].lookup) continue;
      for (const [id, found] of observed.get(kind) ?? []) {
        if (byId.has(id)) continue;
        for (const obs of ours(spec.stack, found)) {
          const protect = isProtectedTag(obs);
          extra.push({
            id, kind, type: 'delete', reasonCode: 'left-spec', reason: 'left the spec', observed: obs, protect, changes: [],
            blocked: deleteBlock(protect, opts.allowDelete),
          });
        }
      }
    }
  }
  return { stack: spec.stack, actions: [...actions.values(), ...extra] };
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

export const isUnsupported = (a: PlannedAction): boolean => a.reasonCode === 'unsupported';

export function summarize(plan: Plan): PlanSummary {
  const s = { create: 0, update: 0, replace: 0, delete: 0, noop: 0, blocked: 0, unsupported: 0 };
  for (const a of plan.actions) {
    if (isUnsupported(a)) s.unsupported += 1;
    else if (a.blocked) s.blocked += 1;
    if (isReplace(a.type)) s.replace += 1;
    else if (a.type === 'noop') s.noop += a.blocked || isUnsupported(a) ? 0 : 1;
    else s[a.type] += 1;
  }
  return s;
}

/** Anything to do (or to report as blocked)? */
export const isPending = (a: PlannedAction): boolean => a.type !== 'noop' || a.blocked !== undefined;

/** Does the plan change anything, and is every change one made outside the spec? */
export function planChanges(plan: Plan): { any: boolean; onlyAwsDrift: boolean } {
  const changes = plan.actions.filter((a) => a.type !== 'noop');
  return { any: changes.length > 0, onlyAwsDrift: changes.length > 0 && changes.every((a) => a.drift === 'aws') };
}
