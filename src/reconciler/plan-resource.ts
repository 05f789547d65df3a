/**
 * One spec resource's action: from what observe found carrying its id (ours, another
 * stack's, or an untagged adoption candidate), its desired properties and its adapter.
 * Identity tags are desired state: a changed blogctl:spec, protect or deps is an update
 * like any other tag. A second resource carrying the same id is a duplicate to delete.
 */
import { specHash, withoutIgnored } from './desired.ts';
import { ours, type AdapterLookup } from './observe.ts';
import {
  deleteBlock, isProtectedTag, topField, type Drift, type PlannedAction, type PlanOptions,
} from './plan.ts';
import { TAG, type FieldChange, type KindCatalog, type LogicalId, type Observation, type ResourceAdapter, type Spec, type SpecResource } from './types.ts';

export interface PlanContext {
  readonly spec: Spec;
  readonly catalog: KindCatalog;
  readonly adapters: AdapterLookup;
  readonly opts: PlanOptions;
  readonly identityTags: (id: LogicalId) => Readonly<Record<string, string>>;
}

/** The identity tags whose difference is an update (stack and id differ only for an adoption candidate). */
const IDENTITY_KEYS = [TAG.stack, TAG.id, TAG.spec, TAG.protect, TAG.deps] as const;

/** blogctl:* tags that differ from what the spec wants, as `tags.blogctl:spec` changes. */
export function identityChanges(adapter: ResourceAdapter, wanted: Readonly<Record<string, string>>, have: Readonly<Record<string, string>>): FieldChange[] {
  // Kinds known by natural key keep stack and id in the key (so adopting one writes them)
  // and the rest only where their owner record holds it: compare what is there.
  const keys = adapter.identifiedBy === 'natural-key' ? IDENTITY_KEYS.filter((k) => k === TAG.stack || k === TAG.id || k in have) : IDENTITY_KEYS;
  return keys.filter((k) => wanted[k] !== have[k]).map((k) => ({ path: `tags.${k}`, from: have[k], to: wanted[k] }));
}

/** Of several resources carrying one id, the one to keep: the closest to the spec, then the first AWS listed. */
function keep(adapter: ResourceAdapter, desired: unknown, found: readonly Observation[]): Observation {
  let best = found[0]!;
  let bestScore = adapter.diff(desired, best.state).length;
  for (const o of found.slice(1)) {
    const score = adapter.diff(desired, o.state).length;
    if (score < bestScore) [best, bestScore] = [o, score];
  }
  return best;
}

/**
 * `upstreamChanges`: something this resource references changes in this plan because its
 * spec did, so a difference on a resource whose own spec is applied follows from the spec
 * (a launch template's new version reaching its group), not from someone changing AWS.
 */
export function planResource(
  r: SpecResource, desired: unknown, adapter: ResourceAdapter | undefined, found: readonly Observation[], ctx: PlanContext, upstreamChanges = false,
): { action: PlannedAction; duplicates: PlannedAction[] } {
  const { opts } = ctx;
  const base = { id: r.id, kind: r.kind, resource: r, protect: r.protect, changes: [] as FieldChange[], desired };
  const only = (action: PlannedAction) => ({ action, duplicates: [] });
  if (!adapter)
    return only({ ...base, type: 'noop', reasonCode: 'unsupported', reason: `kind ${r.kind} is not yet supported`, blocked: { code: 'no-adapter', message: `no adapter for ${r.kind} yet` } });
  if (ctx.catalog[r.kind].lookup) {
    const obs = found[0];
    if (obs) return only({ ...base, type: 'noop', reasonCode: 'lookup', reason: 'found', observed: obs });
    // Destroying needs nothing a lookup finds.
    if (opts.destroy) return only({ ...base, type: 'noop', reasonCode: 'lookup-missing', reason: 'lookup found nothing (nothing to destroy)' });
    const what = adapter.describeLookup?.(desired);
    const message = `lookup ${r.kind} "${r.id}" matched nothing in AWS${what ? `: ${what}` : ''}; check its properties`;
    return only({ ...base, type: 'noop', reasonCode: 'lookup-missing', reason: 'lookup found nothing', blocked: { code: 'lookup-missing', message } });
  }
  const mine = ours(ctx.spec.stack, found);
  if (opts.destroy) {
    if (mine.length === 0) return only({ ...base, type: 'noop', reasonCode: 'already-absent', reason: 'already absent' });
    const [first, ...rest] = mine.map((obs): PlannedAction => {
      const protect = r.protect || isProtectedTag(obs);
      return { ...base, type: 'delete', reasonCode: 'destroy', reason: 'destroy', observed: obs, protect, blocked: deleteBlock(protect, opts.allowDelete) };
    });
    return { action: first!, duplicates: rest };
  }
  if (mine.length === 0) {
    const candidate = found.find((o) => o.tags[TAG.stack] === undefined);
    if (candidate) {
      const what = 'exists without blogctl tags (found by its name)';
      const changes = withoutIgnored(adapter.diff(desired, candidate.state), r.ignoreChanges);
      return only({
        ...base, type: 'update', reasonCode: 'adopt', reason: what, observed: candidate, changes, adopt: true,
        blocked: opts.adopt ? undefined : { code: 'needs-adopt', message: `${what}; rerun with --adopt to take it over` },
      });
    }
    const foreign = found.find((o) => o.tags[TAG.stack] !== undefined);
    if (foreign) {
      const stack = foreign.tags[TAG.stack]!;
      return only({
        ...base, type: 'noop', reasonCode: 'other-stack', reason: 'owned by another stack', observed: foreign,
        blocked: { code: 'other-stack', message: `exists and belongs to blogctl stack "${stack}"; never taken over` },
      });
    }
    return only({ ...base, type: 'create', reasonCode: 'not-found', reason: 'not found in AWS' });
  }

  const obs = mine.length === 1 ? mine[0]! : keep(adapter, desired, mine);
  const duplicates = mine.filter((o) => o !== obs).map((o): PlannedAction => {
    const protect = isProtectedTag(o);
    return {
      id: r.id, kind: r.kind, type: 'delete', reasonCode: 'duplicate', reason: `a second resource carrying blogctl:id=${r.id} (the one kept is closest to the spec)`,
      observed: o, protect, changes: [], blocked: deleteBlock(protect, opts.allowDelete),
    };
  });
  const protect = r.protect || isProtectedTag(obs);
  const wanted = ctx.identityTags(r.id);
  const changes = [
    ...withoutIgnored(adapter.diff(desired, obs.state), r.ignoreChanges),
    ...identityChanges(adapter, wanted, obs.tags),
  ];
  if (changes.length === 0) return { action: { ...base, type: 'noop', reasonCode: 'in-sync', reason: 'in sync', observed: obs, protect }, duplicates };
  const drift: Drift = obs.tags[TAG.spec] === undefined ? 'unknown' : obs.tags[TAG.spec] !== specHash(r) || upstreamChanges ? 'spec' : 'aws';
  const forcing = changes.filter((c) => adapter.replaceOn.includes(topField(c.path)));
  if (forcing.length > 0) {
    const forcedBy = [...new Set(forcing.map((c) => topField(c.path)))];
    const deleteFirst = adapter.replaceOrder === 'delete-before-create' || forcing.some((c) => c.deleteBeforeReplace);
    const blocked = protect
      ? { code: 'protected' as const, message: 'protected: replacing would delete it' }
      : opts.allowReplace ? undefined : { code: 'needs-allow-replace' as const, message: 'needs --allow-replace' };
    return {
      action: {
        ...base, type: deleteFirst ? 'delete-then-create' : 'create-then-delete', reasonCode: 'immutable-changed',
        reason: `${forcedBy.join(', ')} cannot change in place`, observed: obs, changes, forcedBy, protect, drift, blocked,
      },
      duplicates,
    };
  }
  const n = changes.length;
  return { action: { ...base, type: 'update', reasonCode: 'differs', reason: `${n} field${n === 1 ? '' : 's'} differ`, observed: obs, changes, protect, drift }, duplicates };
}
