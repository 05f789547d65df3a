/**
 * Object-literal fake adapters over an in-memory "cloud", for engine tests: they record
 * every call, can fail, can take (virtual) time, and can become ready after N polls.
 */
import { z } from 'zod';
import pLimit, { type LimitFunction } from 'p-limit';
import { KINDS, TAG, type AdapterContext, type Kind, type KindCatalog, type KindSchema, type Observation, type ResourceAdapter } from '../../src/reconciler/types.ts';
import type { Clock } from '../../src/reconciler/wait.ts';
import { refSchema, templateSchema } from '../../src/resources/fields.ts';

export interface FakeResource {
  physicalId: string;
  kind: Kind;
  props: Record<string, unknown>;
  tags: Record<string, string>;
  /** Polls left before it reports ready. */
  pendingPolls: number;
  /** While a slow delete runs: the virtual time it is gone. */
  goneAt?: number;
}

/** A catalog where every kind takes any properties (references included). */
export function fakeCatalog(): KindCatalog {
  const value = z.union([z.string(), z.number(), z.boolean(), refSchema, templateSchema, z.array(z.unknown())]);
  const entries = KINDS.map((kind): [Kind, KindSchema] => [
    kind,
    { kind, description: 'fake', schema: z.record(z.string(), value), outputs: { id: 'exists', arn: 'exists', endpoint: 'ready' }, defaultOutput: 'id' },
  ]);
  return Object.fromEntries(entries) as KindCatalog;
}

export class FakeCloud {
  readonly resources = new Map<string, FakeResource>();
  readonly calls: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  failCreate = new Set<string>();
  /** Virtual ms a delete of these kinds takes: delete answers 'deleting', observe still sees it until then. */
  deleteTakesMs: Partial<Record<Kind, number>> = {};
  /** Polls a new resource of these kinds stays pending. */
  pendingPollsByKind: Partial<Record<Kind, number>> = {};
  private seq = 0;

  /** Like the clients' request limiter (--concurrency): at most this many calls at once. */
  private readonly limit: LimitFunction;

  constructor(readonly clock: FakeClock, concurrency = 4) {
    this.limit = pLimit(concurrency);
  }

  private call<T>(name: string, work: () => T): Promise<T> {
    return this.limit(async () => {
      this.calls.push(name);
      this.inFlight += 1;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      try {
        await this.clock.sleep(10);
        return work();
      } finally {
        this.inFlight -= 1;
      }
    });
  }

  adapter(kind: Kind, extra: Partial<ResourceAdapter> = {}): ResourceAdapter<Kind, Record<string, unknown>, FakeResource> {
    return {
      kind,
      replaceOn: ['immutable'],
      replaceOrder: 'create-before-delete',
      observe: (requests, _ctx: AdapterContext) =>
        this.call(`observe ${kind}`, () => {
          const found: Observation<FakeResource>[] = [];
          for (const [key, r] of this.resources) {
            if (r.goneAt !== undefined && this.clock.t >= r.goneAt) this.resources.delete(key);
            if (r.kind !== kind || !this.resources.has(key)) continue;
            const id = r.tags[TAG.id] ?? requests.find((q) => q.desired?.name !== undefined && q.desired.name === r.props.name)?.id;
            if (id) found.push({ id, state: structuredClone(r), tags: { ...r.tags } });
          }
          return found;
        }),
      diff: (desired, observed) =>
        Object.keys(desired)
          .filter((k) => JSON.stringify(desired[k]) !== JSON.stringify(observed.props[k]))
          .map((k) => ({ path: k, from: observed.props[k], to: desired[k] })),
      create: (id, desired, ctx) =>
        this.call(`create ${id}`, () => {
          if (this.failCreate.has(id)) throw new Error(`boom creating ${id}`);
          const physicalId = `${kind.split('.')[1]}-${++this.seq}`;
          const r: FakeResource = { physicalId, kind, props: { ...desired }, tags: { ...ctx.identityTags(id) }, pendingPolls: this.pendingPollsByKind[kind] ?? 0 };
          this.resources.set(physicalId, r);
          return structuredClone(r);
        }),
      update: (id, desired, observed, _changes, ctx) =>
        this.call(`update ${id}`, () => {
          const r = this.resources.get(observed.physicalId)!;
          r.props = { ...desired };
          r.tags = { ...r.tags, ...ctx.identityTags(id) };
          return structuredClone(r);
        }),
      delete: (observed) =>
        this.call(`delete ${observed.tags[TAG.id] ?? observed.physicalId}`, () => {
          const slow = this.deleteTakesMs[kind];
          const live = this.resources.get(observed.physicalId);
          if (slow === undefined || !live) {
            this.resources.delete(observed.physicalId);
            return 'deleted' as const;
          }
          live.goneAt ??= this.clock.t + slow;
          return 'deleting' as const;
        }),
      outputs: (o) => ({ id: o.physicalId, arn: `arn:aws:fake:::${o.physicalId}`, endpoint: `${o.physicalId}.example` }),
      readiness: (o) => {
        const live = this.resources.get(o.physicalId);
        if (live && live.pendingPolls > 0) {
          live.pendingPolls -= 1;
          return 'pending';
        }
        return 'ready';
      },
      ...extra,
    };
  }
}

/** Virtual time: sleeping advances `now` at once, so tests never wait. */
export class FakeClock implements Clock {
  t = 0;
  slept: number[] = [];
  now = () => this.t;
  random = () => 0.5;
  sleep = async (ms: number) => {
    this.slept.push(ms);
    this.t += ms;
    await new Promise((r) => setImmediate(r));
  };
}
