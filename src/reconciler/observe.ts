/**
 * observe: one batched read per kind, all kinds in parallel. Kinds found by parent +
 * natural key wait for the kinds they reference, so their requests carry real ids.
 */
import type { LimitFunction } from 'p-limit';
import { resolveProperties, type Builtins } from './desired.ts';
import type { AdapterLookup, Observed } from './plan.ts';
import { KINDS, type AdapterContext, type Kind, type KindCatalog, type LogicalId, type Observation, type Spec, type SpecResource } from './types.ts';
import { collectRefs } from './spec/cross-resource.ts';

export async function observeAll(
  spec: Spec,
  resources: readonly SpecResource[],
  catalog: KindCatalog,
  adapters: AdapterLookup,
  ctx: AdapterContext,
  limit: LimitFunction,
  builtins: Builtins,
): Promise<Observed> {
  const byId = new Map(spec.resources.map((r) => [r.id, r]));
  const results = new Map<Kind, ReadonlyMap<LogicalId, Observation<unknown>>>();
  const pending = new Map<Kind, Promise<void>>();
  const outputs = (id: LogicalId) => {
    const r = byId.get(id);
    const obs = r && results.get(r.kind)?.get(id);
    return obs && r ? adapters(r.kind)?.outputs(obs.state) : undefined;
  };
  const observeKind = async (kind: Kind): Promise<void> => {
    await Promise.resolve(); // let every kind register in `pending` before any waits on one
    const adapter = adapters(kind)!;
    const mine = resources.filter((r) => r.kind === kind);
    if (adapter.observeAfterParents) {
      const parents = new Set(mine.flatMap((r) => collectRefs(r.properties)).map((ref) => byId.get(ref.target)?.kind));
      await Promise.all(
        [...parents].filter((k): k is Kind => !!k && k !== kind && !adapters(k)?.observeAfterParents).map((k) => pending.get(k)),
      );
    }
    const requests = mine.map((r) => ({
      id: r.id,
      desired: resolveProperties(r, outputs, catalog, (x) => byId.get(x)?.kind, builtins).value,
    }));
    results.set(kind, await limit(() => adapter.observe(requests, ctx)));
  };
  // Every kind with an adapter is read, even with no resource in the spec: prune needs it.
  for (const kind of KINDS) if (adapters(kind)) pending.set(kind, observeKind(kind));
  await Promise.all(pending.values());
  return results;
}
