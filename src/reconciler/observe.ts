/**
 * observe: one batched read per kind, all kinds in parallel (the walker over kinds).
 * Natural-key kinds wait for the kinds they reference, so their requests carry real
 * parent ids. Kinds that cannot list by tag get the stack's ARNs from one discovery
 * call (the Resource Groups Tagging API) instead of listing the whole account.
 */
import { resolveProperties, type Builtins } from './desired.ts';
import { AdapterError } from './errors.ts';
import { retrying, type RetryCounter } from './retry.ts';
import { collectRefs } from './spec/cross-resource.ts';
import {
  KINDS, TAG, type AdapterContext, type Kind, type KindCatalog, type LogicalId, type Observation, type ObserveRequest, type ResourceAdapter,
  type Spec, type SpecResource,
} from './types.ts';
import { walk } from './walk.ts';

export type AdapterLookup = (kind: Kind) => ResourceAdapter | undefined;

/** What observe found, per kind and logical id: every resource carrying that id (one, unless duplicated). */
export type Observed = ReadonlyMap<Kind, ReadonlyMap<LogicalId, readonly Observation[]>>;

/** A resource of the stack found by tag discovery. */
export interface Discovered {
  readonly arn: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** Finds every resource carrying `blogctl:stack=<stack>` of the given ARN types, in one paginated call. */
export type Discover = (stack: string, types: readonly { service: string; resourceType?: string }[]) => Promise<readonly Discovered[]>;

/** Does `arn` name a resource of this service and type (`arn:aws:lambda:r:a:function:x` is lambda + function)? */
export function arnMatches(arn: string, d: { service: string; resourceType?: string }): boolean {
  const parts = arn.split(':');
  if (parts[2] !== d.service) return false;
  if (d.resourceType === undefined) return true;
  const resource = parts.slice(5).join(':');
  return resource.startsWith(`${d.resourceType}/`) || resource.startsWith(`${d.resourceType}:`);
}

/** The observation a spec resource stands on: ours (our stack tag) first. */
export function ours(stack: string, found: readonly Observation[] | undefined): Observation[] {
  return (found ?? []).filter((o) => o.tags[TAG.stack] === stack);
}

export interface ObserveOptions {
  readonly builtins: Builtins;
  readonly discover?: Discover;
  /** --target: prune is off, so nothing needs discovering. */
  readonly targeted: boolean;
  readonly retries?: RetryCounter;
}

export async function observeAll(
  spec: Spec, resources: readonly SpecResource[], catalog: KindCatalog, adapters: AdapterLookup, ctx: AdapterContext, o: ObserveOptions,
): Promise<Observed> {
  const byId = new Map(spec.resources.map((r) => [r.id, r]));
  // Every kind is read for prune; with --target nothing is pruned: only the targets' kinds.
  const targetedKinds = new Set(resources.map((r) => r.kind));
  const kindsToRead = KINDS.filter((k) => adapters(k) && (!o.targeted || targetedKinds.has(k)));
  const inScope = new Map<Kind, SpecResource[]>();
  for (const r of resources) (inScope.get(r.kind) ?? inScope.set(r.kind, []).get(r.kind)!).push(r);
  const results = new Map<Kind, Map<LogicalId, Observation[]>>();
  const outputs = (id: LogicalId) => {
    const r = byId.get(id);
    const found = r && results.get(r.kind)?.get(id);
    // A lookup (hosted zone, AMI) carries no tags of ours: what it found is its value.
    const obs = r && (catalog[r.kind].lookup ? found?.[0] : ours(spec.stack, found)[0]);
    return obs && r ? adapters(r.kind)?.outputs(obs.state) : undefined;
  };

  // Kinds that cannot list by tag: one discovery call gives every ARN of the stack.
  const arns = new Map<Kind, Map<LogicalId, string>>();
  const needDiscovery = kindsToRead.map((k) => adapters(k)!).filter((a) => a.discovery);
  let rctx = ctx;
  if (needDiscovery.length > 0 && o.discover && !o.targeted) {
    const types = needDiscovery.map((a) => a.discovery!);
    const found = await retrying(() => o.discover!(spec.stack, types), {
      clock: ctx.clock, log: ctx.log, what: 'tag discovery', counter: o.retries,
    });
    // Natural-key kinds look for the stack's parents (its buckets, its functions): they
    // get this call's answer instead of making it again.
    const discovered = (filter: string): readonly string[] | undefined => {
      const [service, resourceType] = filter.split(':', 2) as [string, string | undefined];
      const t = { service, ...(resourceType !== undefined && { resourceType }) };
      if (!types.some((x) => x.service === t.service && (x.resourceType === undefined || x.resourceType === t.resourceType))) return undefined;
      return found.filter((d) => arnMatches(d.arn, t)).map((d) => d.arn);
    };
    rctx = { ...ctx, discovered };
    for (const d of found) {
      const id = d.tags[TAG.id];
      const adapter = id ? needDiscovery.find((a) => arnMatches(d.arn, a.discovery!)) : undefined;
      if (adapter && id) (arns.get(adapter.kind) ?? arns.set(adapter.kind, new Map()).get(adapter.kind)!).set(id, d.arn);
    }
  }

  // Natural-key kinds read after the kinds they reference; everything else at once.
  const parentsOf = (kind: Kind): Kind[] =>
    adapters(kind)?.identifiedBy !== 'natural-key' ? [] : (inScope.get(kind) ?? []).flatMap((r) => collectRefs(r.properties))
      .map((ref) => byId.get(ref.target)?.kind).filter((k): k is Kind => !!k && k !== kind && adapters(k) !== undefined);

  await walk({ nodes: kindsToRead, dependencies: parentsOf }, async (kind) => {
    const adapter = adapters(kind)!;
    const discovered = arns.get(kind) ?? new Map<LogicalId, string>();
    const requests: ObserveRequest[] = (inScope.get(kind) ?? []).map((r) => ({
      id: r.id,
      desired: resolveProperties(r, outputs, catalog, (x) => byId.get(x)?.kind, o.builtins).value,
      ...(discovered.has(r.id) ? { arn: discovered.get(r.id)! } : {}),
    }));
    for (const [id, arn] of discovered) if (!byId.has(id)) requests.push({ id, arn });
    let found: readonly Observation[];
    try {
      found = await retrying(() => adapter.observe(requests, rctx), { clock: ctx.clock, log: ctx.log, what: `observe ${kind}`, counter: o.retries });
    } catch (err) {
      throw new AdapterError('observe', '', kind, err);
    }
    const byLogical = new Map<LogicalId, Observation[]>();
    for (const f of found) (byLogical.get(f.id) ?? byLogical.set(f.id, []).get(f.id)!).push(f);
    results.set(kind, byLogical);
  }).then((settled) => {
    const failed = [...settled.values()].find((s) => !s.ok);
    if (failed && !failed.ok) throw failed.error;
  });
  return results;
}
