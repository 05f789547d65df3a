/**
 * The shared adapter contract (../shared/DESIGN.md, "Tests"), run by every adapter
 * against the sandbox and, for the network kinds, against moto:
 * missing observes as absent; create tags it and observe finds it by tag; no false drift
 * right after create nor after a fresh observe; a second reconcile finds the first
 * resource instead of making a duplicate; an in-place change diffs to exactly its paths
 * and update converges; a replaceOn change plans a replace; delete is idempotent;
 * outputs carry id and arn (for kinds whose outputs declare one: AWS gives some, such
 * as origin access controls, none). Kinds with `discovery` are asked for what left the
 * spec as the engine asks after tag discovery: by ARN.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it, type TestContext as NodeTestContext } from 'node:test';
import type { AwsClients } from '../../src/aws/clients.ts';
import type { CallCounter } from '../../src/aws/call-counter.ts';
import { adapterContext, silentLog } from '../../src/reconciler/context.ts';
import {
  CREATING, TAG, type AdapterContext, type Clock, type FieldChange, type Kind, type LogicalId, type Observation, type ObserveRequest, type ResourceAdapter,
} from '../../src/reconciler/types.ts';
import { systemClock } from '../../src/reconciler/wait.ts';
import { kindCatalog } from '../../src/resources/registry.ts';
import type { ManualClock } from '../../src/sandbox/time.ts';
import { harness, type Harness } from '../sandbox/harness.ts';

/**
 * An adapter context for tests: its own stack name (runs sharing one account, as the
 * moto runs do, never see each other's resources) and the call counter of its clients.
 */
export interface TestContext extends AdapterContext {
  readonly counter: CallCounter;
  /** Calls of one EC2 operation so far (every attempt, as the SDK sent them). */
  ec2Calls(operation: string): number;
}

let stacks = 0;

/** The spec hash the identity tags carry. */
export const TEST_SPEC_HASH = 'c0ffee0000000001';

export function testContext(clients: AwsClients, region: string, stack = `t${process.pid}-${++stacks}`, clock: Clock = systemClock): TestContext {
  const base = adapterContext({
    stack,
    region,
    clients,
    clock,
    log: silentLog,
    identityTags: (id: LogicalId, phase?: 'creating') => ({ [TAG.stack]: stack, [TAG.id]: id, [TAG.spec]: phase === 'creating' ? CREATING : TEST_SPEC_HASH }),
    clientToken: (id: LogicalId) => createHash('sha256').update(`${stack}/${id}/${TEST_SPEC_HASH}`).digest('hex').slice(0, 32),
  });
  return { ...base, counter: clients.counter, ec2Calls: (operation: string) => clients.counter.count('ec2', operation) };
}

/**
 * The engine's clock on a sandbox's manual clock: a wait advances simulated time at once,
 * then lets the event loop turn (as a real sleep does), so work queued for the next turn
 * (Route 53's change batches) is not starved by a wait spinning through virtual hours.
 */
export function engineClock(manual: ManualClock): Clock {
  return {
    now: () => manual.now(),
    sleep: async (ms) => {
      manual.advance(ms);
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
    random: () => 0.5,
  };
}

/** A fresh simulated account on a manual clock, and a context on it. */
export function sandboxContext(): TestContext & { readonly h: Harness } {
  const h = harness();
  return { ...testContext(h.clients, h.sandbox.region, undefined, engineClock(h.clock)), h };
}

/** The one observation of `id` (fails the test if there are several). */
export function only<O>(found: readonly Observation<O>[], id: LogicalId): Observation<O> | undefined {
  const mine = found.filter((o) => o.id === id);
  assert.ok(mine.length <= 1, `${mine.length} resources carry blogctl:id=${id}`);
  return mine[0];
}

export interface Change<D> {
  readonly desired: D;
  /** The paths diff must report, exactly (order does not matter). */
  readonly paths: readonly string[];
}

export interface Fixture<D> {
  readonly desired: D;
  readonly changedInPlace?: Change<D>;
  /** A change of a replaceOn field; absent for kinds where nothing forces a replacement. */
  readonly changedReplace?: Change<D>;
}

export const CONTRACT_CASES = [
  'missing',
  'create-observe',
  'no-false-drift',
  'no-duplicate',
  'update-in-place',
  'replace',
  'delete',
  'outputs',
] as const;
export type ContractCase = (typeof CONTRACT_CASES)[number];

export interface ContractOptions<D, O> {
  readonly adapter: ResourceAdapter<any, D, O>;
  /** A fresh context: its own stack (and on the sandbox its own account). */
  readonly makeContext: () => TestContext;
  /** Creates what the resource needs (parents) and returns its desired properties. */
  readonly setup: (ctx: TestContext) => Promise<Fixture<D>>;
  /** Cases skipped with a written reason, e.g. where moto departs from AWS. */
  readonly skip?: Partial<Record<ContractCase, string>>;
  /** Skips the whole suite (e.g. moto not importable). */
  readonly unavailable?: string;
  /**
   * What the engine hands observe for this resource once it left the spec (prune).
   * Default: nothing for kinds that list by tag; the ARN tag discovery would find for
   * kinds with `discovery`.
   */
  readonly unasked?: (made: O, fx: Fixture<D>) => ObserveRequest<D, O>[];
}

const ID: LogicalId = 'subject';
const paths = (changes: readonly FieldChange[]) => changes.map((c) => c.path).sort();

export function contractSuite<D, O>(name: string, o: ContractOptions<D, O>): void {
  const { adapter } = o;
  const forces = (path: string) => (adapter.replaceOn as readonly string[]).includes(path.split(/[.[]/)[0]!);
  const observe = async (ctx: TestContext, desired: D) => only(await adapter.observe([{ id: ID, desired }], ctx), ID);
  const unasked = o.unasked ?? ((made: O): ObserveRequest<D, O>[] => (adapter.discovery ? [{ id: ID, arn: adapter.outputs(made).arn! }] : []));
  const arrange = async () => {
    const ctx = o.makeContext();
    return { ctx, fx: await o.setup(ctx) };
  };
  const created = async () => {
    const { ctx, fx } = await arrange();
    return { ctx, fx, made: await adapter.create(ID, fx.desired, ctx) };
  };
  const test = (c: ContractCase, title: string, fn: (t: NodeTestContext) => Promise<void>) =>
    it(title, async (t) => {
      const reason = o.skip?.[c];
      if (reason !== undefined) return t.skip(reason);
      await fn(t);
    });

  describe(`${name} contract`, { skip: o.unavailable }, () => {
    test('missing', 'a resource never created observes as absent', async () => {
      const { ctx, fx } = await arrange();
      assert.equal(await observe(ctx, fx.desired), undefined);
    });

    test('create-observe', 'create tags it; observe finds it by tag, asked for or not (prune)', async () => {
      const { ctx, fx, made } = await created();
      const seen = await observe(ctx, fx.desired);
      assert.ok(seen, 'observe did not find what create made');
      assert.equal(seen.tags?.[TAG.stack], ctx.stack);
      assert.equal(seen.tags?.[TAG.id], ID);
      assert.equal(adapter.outputs(seen.state).id, adapter.outputs(made).id);
      // Kinds that cannot list by tag get what the engine's tag discovery found: the ARN, no desired.
      const pruned = only(await adapter.observe(unasked(made, fx), ctx), ID);
      assert.equal(pruned && adapter.outputs(pruned.state).id, adapter.outputs(made).id);
    });

    test('no-false-drift', 'diff is [] right after create and after a fresh observe', async () => {
      const { ctx, fx, made } = await created();
      assert.deepEqual(adapter.diff(fx.desired, made), []);
      const seen = await observe(ctx, fx.desired);
      assert.deepEqual(adapter.diff(fx.desired, seen!.state), []);
    });

    test('no-duplicate', 'a second reconcile finds the first by tag instead of creating again', async () => {
      const { ctx, fx, made } = await created();
      for (let run = 0; run < 2; run++) {
        const all = await adapter.observe([{ id: ID, desired: fx.desired }], ctx);
        const found = only(all, ID);
        assert.ok(found, `run ${run + 2} would create a duplicate: observe did not find the first`);
        assert.equal(adapter.outputs(found.state).id, adapter.outputs(made).id);
        assert.deepEqual(adapter.diff(fx.desired, found.state), [], 'nothing to do on a second run');
        assert.equal(all.filter((x) => x.tags[TAG.id] === ID).length, 1);
      }
    });

    test('update-in-place', 'an in-place change diffs to exactly its paths; update converges', async (t) => {
      const { ctx, fx } = await created();
      if (!fx.changedInPlace) return t.skip(`${adapter.kind} has no in-place change fixture`);
      const { desired, paths: expected } = fx.changedInPlace;
      const before = await observe(ctx, desired);
      const changes = adapter.diff(desired, before!.state);
      assert.deepEqual(paths(changes), [...expected].sort());
      assert.ok(changes.every((c) => !forces(c.path)), 'an in-place change must not force a replace');
      const returned = await adapter.update(ID, desired, before!.state, changes, ctx);
      assert.deepEqual(adapter.diff(desired, returned), [], 'the state update returns is in sync');
      const after = await observe(ctx, desired);
      assert.deepEqual(adapter.diff(desired, after!.state), [], 'a fresh observe after update is in sync');
      assert.equal(adapter.outputs(after!.state).id, adapter.outputs(before!.state).id, 'updated in place, same resource');
    });

    test('replace', 'a change of a replaceOn field plans a replace', async (t) => {
      const { ctx, fx, made } = await created();
      if (!fx.changedReplace) {
        assert.deepEqual(adapter.replaceOn, [], 'a fixture without a replace change means no field forces one');
        return t.skip(`nothing forces a replacement of ${adapter.kind}`);
      }
      // As the engine asks: with the ARN tag discovery found, where the kind has discovery (a renamed one is not found by its new name).
      const arn = adapter.discovery ? { arn: adapter.outputs(made).arn! } : {};
      const seen = only(await adapter.observe([{ id: ID, desired: fx.changedReplace.desired, ...arn }], ctx), ID);
      const changes = adapter.diff(fx.changedReplace.desired, seen!.state);
      assert.deepEqual(paths(changes), [...fx.changedReplace.paths].sort());
      const forcing = changes.map((c) => c.path).filter(forces);
      assert.ok(forcing.length > 0, `none of ${paths(changes).join(', ')} is in replaceOn (${adapter.replaceOn.join(', ')})`);
    });

    test('delete', 'delete makes it absent, at once or eventually (observe confirms); deleting again succeeds', async () => {
      const { ctx, fx, made } = await created();
      const seen = await observe(ctx, fx.desired);
      const answer = await adapter.delete(seen!.state, ctx);
      const timeoutMs = adapter.timeouts?.delete ?? 20 * 60_000;
      if (answer === 'deleting') await ctx.waitFor(async () => ((await observe(ctx, fx.desired)) ? undefined : true), { what: 'destroying', timeoutMs });
      assert.equal(await observe(ctx, fx.desired), undefined);
      await adapter.delete(seen!.state, ctx);
      await adapter.delete(made, ctx);
    });

    test('outputs', 'outputs carry id and arn (where AWS gives one), from create and from observe alike', async () => {
      const { ctx, fx, made } = await created();
      const seen = await observe(ctx, fx.desired);
      const hasArn = 'arn' in kindCatalog[adapter.kind as Kind].outputs;
      for (const out of [adapter.outputs(made), adapter.outputs(seen!.state)]) {
        assert.ok(out.id, 'outputs.id');
        if (hasArn) assert.match(out.arn ?? '', /^arn:aws:[a-z0-9-]+:/, 'outputs.arn');
      }
      assert.deepEqual(adapter.outputs(made), adapter.outputs(seen!.state));
    });
  });
}

