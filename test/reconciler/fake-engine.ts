/**
 * Engine tests' world: a FakeCloud, an Engine on it per spec (identity tags as the CLI
 * makes them, or only stack + id), and plan/reconcile helpers returning outcomes by id.
 */
import type { Outcome } from '../../src/reconciler/apply.ts';
import { adapterContext, silentLog } from '../../src/reconciler/context.ts';
import { clientTokenFor, identityTagsFor } from '../../src/reconciler/desired.ts';
import { applyExitCode, applyStack, planExitCode, planStack, type Engine, type RunOptions } from '../../src/reconciler/reconcile.ts';
import { RetryCounter } from '../../src/reconciler/retry.ts';
import { loadSpec } from '../../src/reconciler/spec/load.ts';
import { TAG, type Kind, type KindCatalog, type Log, type LogicalId, type ResourceAdapter, type Spec } from '../../src/reconciler/types.ts';
import type { Discover } from '../../src/reconciler/observe.ts';
import { FakeClock, FakeCloud, fakeCatalog } from './fake-cloud.ts';

export const catalog = fakeCatalog();

export const spec = (resources: string): Spec =>
  loadSpec(`apiVersion: blogctl/v1\nstack: blog\nresources:\n${resources}`, 'e.yaml', { catalog, env: {} });

/** One resource of a spec: string properties, and optional meta lines (`    protect: true\n`). */
export const res = (id: string, kind: string, props: Record<string, string>, meta = '') =>
  `  ${id}:\n    kind: ${kind}\n${meta}    properties:\n${Object.entries(props).map(([k, v]) => `      ${k}: "${v}"\n`).join('')}`;

export const opts = (o: Partial<RunOptions> = {}): RunOptions => ({ allowDelete: false, allowReplace: false, adopt: false, destroy: false, ...o });

export interface WorldOptions {
  /** Kinds without an adapter. */
  readonly unsupported?: readonly Kind[];
  /** 'spec': identity tags as the CLI writes them (spec hash, protect, deps); 'plain': stack + id only. */
  readonly identity?: 'spec' | 'plain';
  /** Adapter members to override per kind. */
  readonly overrides?: Partial<Record<Kind, Partial<ResourceAdapter>>>;
  readonly log?: Log;
  readonly discover?: Discover;
  /** Kinds' schemas (default: every kind takes any properties, nothing is a lookup). */
  readonly catalog?: KindCatalog;
}

export function fakeWorld(o: WorldOptions = {}) {
  const clock = new FakeClock();
  const cloud = new FakeCloud(clock);
  const adapters = new Map<Kind, ResourceAdapter>();
  const retries = new RetryCounter();
  const adapterOf = (k: Kind) =>
    o.unsupported?.includes(k) ? undefined : adapters.get(k) ?? adapters.set(k, cloud.adapter(k, o.overrides?.[k])).get(k);
  const engine = (s: Spec): Engine => ({
    catalog: o.catalog ?? catalog,
    adapters: adapterOf,
    retries,
    ...(o.discover ? { discover: o.discover } : {}),
    ctx: adapterContext({
      stack: 'blog', region: 'us-east-1', clients: { get: () => { throw new Error('no clients in engine tests'); } }, clock, log: o.log ?? silentLog,
      identityTags: o.identity === 'spec' ? identityTagsFor(s) : (id: LogicalId) => ({ [TAG.stack]: 'blog', [TAG.id]: id }),
      clientToken: o.identity === 'spec' ? clientTokenFor(s) : (id: LogicalId) => `token-${id}`,
    }),
  });
  const plan = async (s: Spec, r: Partial<RunOptions> = {}) => {
    const planned = await planStack(s, engine(s), opts(r));
    const action = (id: string) => planned.plan.actions.find((a) => a.id === id)!;
    return { ...planned, action, exit: planExitCode(planned.plan) };
  };
  const reconcile = async (s: Spec, r: Partial<RunOptions> = {}) => {
    const e = engine(s);
    const planned = await planStack(s, e, opts(r));
    const outcomes = await applyStack(s, e, planned);
    const by = (id: string) => outcomes.find((x) => x.id === id) as Outcome;
    return { planned, outcomes, by, exit: applyExitCode(planned.plan, outcomes) };
  };
  /** The fake resources of a kind carrying `id`. */
  const live = (id: string) => [...cloud.resources.values()].filter((r) => r.tags[TAG.id] === id);
  return { clock, cloud, adapters, retries, engine, plan, reconcile, live };
}
