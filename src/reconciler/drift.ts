/**
 * The drift report: pure, from a plan (which observe made read-only) and the graph.
 * Each resource is in sync; its spec changed and is not applied (blogctl:spec differs);
 * changed outside the spec (hash equal, live differs: field by field); missing (deleted
 * out of band: something that exists still names it); not created (nothing says it ever
 * existed: without a state file, "never created" and "deleted along with everything that
 * named it" look the same, and the report says so); left the spec; a duplicate; or,
 * with --unmanaged, a resource in the stack's VPC or with its name prefix but no tags.
 */
import { ignoredBy, parseDepsTag } from './desired.ts';
import type { Graph } from './graph.ts';
import type { AdapterLookup, Plan, PlannedAction } from './plan.ts';
import { KNOWN_AFTER_APPLY, TAG, type Kind, type LogicalId, type Spec, type Suppressed } from './types.ts';
import { ExitCode } from './exit-codes.ts';

export const DRIFT_STATES = [
  'in-sync', 'spec-pending', 'not-created', 'left-spec', 'not-adopted', 'conflict', 'lookup-missing', 'unknown',
  'drifted', 'missing', 'duplicate', 'unmanaged', 'unchecked',
] as const;
export type DriftState = (typeof DRIFT_STATES)[number];

/** Who made the difference: nobody, the spec (exit 2), or someone outside it (exit 3). */
export type DriftClass = 'none' | 'spec' | 'outside';

const CLASS: Record<DriftState, DriftClass> = {
  'in-sync': 'none', unchecked: 'none',
  'spec-pending': 'spec', 'not-created': 'spec', 'left-spec': 'spec', 'not-adopted': 'spec', conflict: 'spec', 'lookup-missing': 'spec', unknown: 'spec',
  drifted: 'outside', missing: 'outside', duplicate: 'outside', unmanaged: 'outside',
};

export interface DriftChange {
  readonly path: string;
  /** What the spec says (for drift made outside: what was applied). */
  readonly spec: unknown;
  /** What AWS holds now. */
  readonly live: unknown;
}

export interface DriftEntry {
  readonly id: string;
  readonly kind: Kind | string;
  readonly state: DriftState;
  readonly class: DriftClass;
  /** One line for people. */
  readonly summary: string;
  readonly physicalId?: string;
  readonly changes: readonly DriftChange[];
  /** Missing: what shows it existed once. */
  readonly evidence: readonly string[];
  /** --explain: differences not reported, and why. */
  readonly suppressed: readonly Suppressed[];
}

/** A resource of an adapter's kind with no blogctl tags, in the stack's VPC or with its name prefix. */
export interface UnmanagedResource {
  readonly kind: Kind;
  readonly physicalId: string;
  readonly name?: string;
  /** Why it is in scope: `in vpc-0abc (the stack's VPC vpc)`, `name starts with blog-`. */
  readonly why: string;
}

/** Something looked at and deliberately left out of the unmanaged list (AWS's defaults), for --explain. */
export interface Ignored {
  readonly kind: Kind;
  readonly physicalId: string;
  readonly reason: string;
}

export interface DriftReport {
  readonly stack: string;
  readonly entries: readonly DriftEntry[];
  /** --unmanaged was asked for. */
  readonly unmanagedChecked: boolean;
  /** The kinds --unmanaged looked at (the others have no finder). */
  readonly unmanagedKinds: readonly Kind[];
  readonly ignored: readonly Ignored[];
}

export interface DriftOptions {
  readonly explain: boolean;
  readonly unmanaged?: { readonly kinds: readonly Kind[]; readonly found: readonly UnmanagedResource[]; readonly ignored: readonly Ignored[] };
}

const str = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** What still names a resource that is not there: dependents' blogctl:deps tags and references holding a now-dangling value. */
function evidenceOf(id: LogicalId, plan: Plan, dependents: ReadonlyMap<LogicalId, readonly LogicalId[]>): string[] {
  const out: string[] = [];
  for (const a of plan.actions) {
    if (a.type === 'create' || a.reasonCode === 'duplicate' || !a.observed) continue;
    const deps = a.observed.tags[TAG.deps];
    if (deps !== undefined && parseDepsTag(deps).ids.includes(id)) out.push(`${a.id}'s blogctl:deps tag names it`);
    if (!dependents.get(id)?.includes(a.id)) continue;
    for (const c of a.changes)
      if (c.from !== undefined && c.from !== '' && str(c.to).includes(KNOWN_AFTER_APPLY)) out.push(`${a.id}'s ${c.path} still holds ${JSON.stringify(c.from)}`);
  }
  return [...new Set(out)];
}

function suppressedOf(a: PlannedAction, adapters: AdapterLookup): Suppressed[] {
  const adapter = adapters(a.kind);
  if (!adapter || !a.observed || !a.resource || a.desired === undefined) return [];
  const out: Suppressed[] = [];
  const raw = adapter.diff(a.desired, a.observed.state, (s) => out.push(s));
  for (const c of raw) {
    const rule = ignoredBy(c.path, a.resource.ignoreChanges);
    if (rule !== undefined) out.push({ path: c.path, desired: c.to, observed: c.from, reason: `ignoreChanges: ${rule}` });
  }
  return out;
}

function stateOf(a: PlannedAction, evidence: readonly string[]): { state: DriftState; summary: string } {
  switch (a.reasonCode) {
    case 'in-sync':
    case 'lookup':
      return { state: 'in-sync', summary: 'in sync' };
    case 'unsupported':
      return { state: 'unchecked', summary: `not checked: no adapter for ${a.kind} yet` };
    case 'lookup-missing':
      return { state: 'lookup-missing', summary: 'the lookup finds nothing in AWS' };
    case 'other-stack':
      return { state: 'conflict', summary: a.blocked?.message ?? 'belongs to another stack' };
    case 'adopt':
      return { state: 'not-adopted', summary: 'exists without blogctl tags (found by its name); reconcile --adopt takes it over' };
    case 'not-found':
      return evidence.length > 0
        ? { state: 'missing', summary: 'missing: deleted outside blogctl (something that exists still names it)' }
        : { state: 'not-created', summary: 'not in AWS: never created, or deleted along with everything that named it (blogctl keeps no state file to tell)' };
    case 'left-spec':
      return { state: 'left-spec', summary: 'in AWS with this stack\'s tags, no longer in the spec' };
    case 'duplicate':
      return { state: 'duplicate', summary: `a second resource carrying blogctl:id=${a.id}` };
    default:
      if (a.drift === 'aws') return { state: 'drifted', summary: 'changed outside the spec: someone changed AWS' };
      if (a.drift === 'spec') return { state: 'spec-pending', summary: 'the spec changed and is not applied yet' };
      return { state: 'unknown', summary: 'differs; this kind keeps no spec hash, so the spec or AWS may have changed' };
  }
}

export function driftReport(spec: Spec, graph: Graph, plan: Plan, adapters: AdapterLookup, o: DriftOptions): DriftReport {
  const dependents = new Map<LogicalId, LogicalId[]>();
  for (const r of spec.resources) for (const e of graph.dependencies(r.id)) (dependents.get(e.to) ?? dependents.set(e.to, []).get(e.to)!).push(r.id);
  const entries: DriftEntry[] = plan.actions.map((a) => {
    const evidence = a.reasonCode === 'not-found' ? evidenceOf(a.id, plan, dependents) : [];
    const { state, summary } = stateOf(a, evidence);
    const outputs = a.observed ? adapters(a.kind)?.outputs(a.observed.state) : undefined;
    return {
      id: a.id, kind: a.kind, state, class: CLASS[state], summary, evidence,
      ...(outputs?.id ? { physicalId: outputs.id } : {}),
      changes: a.type === 'create' || a.type === 'delete' ? [] : a.changes.map((c) => ({ path: c.path, spec: c.to, live: c.from })),
      suppressed: o.explain ? suppressedOf(a, adapters) : [],
    };
  });
  for (const u of o.unmanaged?.found ?? []) {
    entries.push({
      id: u.physicalId, kind: u.kind, state: 'unmanaged', class: 'outside', physicalId: u.physicalId, evidence: [], changes: [], suppressed: [],
      summary: `no blogctl tags${u.name ? ` (Name ${u.name})` : ''}, ${u.why}`,
    });
  }
  return { stack: plan.stack, entries, unmanagedChecked: o.unmanaged !== undefined, unmanagedKinds: o.unmanaged?.kinds ?? [], ignored: o.explain ? (o.unmanaged?.ignored ?? []) : [] };
}

export function driftCounts(r: DriftReport): Record<DriftState, number> {
  const counts = Object.fromEntries(DRIFT_STATES.map((s) => [s, 0])) as Record<DriftState, number>;
  for (const e of r.entries) counts[e.state] += 1;
  return counts;
}

/** 0 in sync; 2 when any spec change is pending; 3 when every difference was made outside the spec. */
export function driftExitCode(r: DriftReport): number {
  if (r.entries.some((e) => e.class === 'spec')) return ExitCode.ChangesPending;
  if (r.entries.some((e) => e.class === 'outside')) return ExitCode.Drift;
  return ExitCode.Ok;
}
