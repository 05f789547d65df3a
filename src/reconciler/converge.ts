/**
 * One resource's operation, made to converge: when an operation of several AWS calls
 * fails with a retryable error past the SDK's own retries, the engine does not replay
 * it blindly: it observes again and goes on from what is there (a create half made is
 * finished by an update; an update re-diffs). Deletes are idempotent and retried as
 * they are; a delete AWS is still carrying out is observed until the resource is gone.
 */
import { withoutIgnored } from './desired.ts';
import { AdapterError, isRetryable } from './errors.ts';
import { ours } from './observe.ts';
import { identityChanges } from './plan-resource.ts';
import { OPERATION_ATTEMPTS, retrying, type RetryCounter } from './retry.ts';
import type { AdapterContext, FieldChange, LogicalId, Observation, ResourceAdapter, SpecResource } from './types.ts';
import { backoffDelay } from './wait.ts';

/** Default limits, for kinds that declare none (Terraform's default is 20 minutes). */
export const DEFAULT_TIMEOUTS = { create: 20 * 60_000, update: 20 * 60_000, delete: 20 * 60_000, ready: 30 * 60_000 } as const;

export interface Subject {
  readonly id: LogicalId;
  readonly adapter: ResourceAdapter;
  /** The adapter context for this resource (its child logger). */
  readonly ctx: AdapterContext;
  readonly stack: string;
  readonly retries?: RetryCounter;
}

const physicalId = (s: Subject, state: unknown): string => JSON.stringify(s.adapter.outputs(state).id ?? s.adapter.outputs(state));

/** What AWS holds for this id now, ours, other than `exclude` (a resource being replaced). */
async function reobserve(s: Subject, desired: unknown, exclude?: unknown): Promise<Observation | undefined> {
  const found = await retrying(() => s.adapter.observe([{ id: s.id, desired }], s.ctx), { clock: s.ctx.clock, log: s.ctx.log, what: `observe ${s.id}`, counter: s.retries });
  const skip = exclude === undefined ? undefined : physicalId(s, exclude);
  return ours(s.stack, found.filter((o) => o.id === s.id)).find((o) => physicalId(s, o.state) !== skip);
}

/** The changes update must make: the adapter's diff (minus ignoreChanges) and the identity tags. */
export function changesFor(s: Subject, resource: SpecResource, desired: unknown, obs: Observation): FieldChange[] {
  return [...withoutIgnored(s.adapter.diff(desired, obs.state), resource.ignoreChanges), ...identityChanges(s.adapter, s.ctx.identityTags(s.id), obs.tags)];
}

async function pause(s: Subject, attempt: number, verb: string, err: unknown): Promise<void> {
  if (s.retries) s.retries.count += 1;
  const delay = Math.max(250, backoffDelay(attempt, s.ctx.clock));
  s.ctx.log.warn({ attempt: attempt + 1, delayMs: delay, error: (err as Error).message }, `${verb} failed; observing again and converging`);
  await s.ctx.clock.sleep(delay);
}

/**
 * Brings the resource to `desired` from `from` (undefined: create it), re-observing
 * after a retryable failure. `exclude`: the resource a create-then-delete replaces.
 */
export async function converge(s: Subject, resource: SpecResource, desired: unknown, from: Observation | undefined, exclude?: unknown): Promise<unknown> {
  let current = from;
  for (let attempt = 0; ; attempt++) {
    const verb = current ? 'update' : 'create';
    try {
      if (!current) return await s.adapter.create(s.id, desired, s.ctx);
      const changes = changesFor(s, resource, desired, current);
      if (changes.length === 0) return current.state;
      return await s.adapter.update(s.id, desired, current.state, changes, s.ctx);
    } catch (err) {
      if (attempt + 1 >= OPERATION_ATTEMPTS || !isRetryable(err)) throw new AdapterError(verb, s.id, s.adapter.kind, err);
      await pause(s, attempt, verb, err);
      try {
        current = await reobserve(s, desired, exclude);
      } catch (observeErr) {
        throw new AdapterError('observe', s.id, s.adapter.kind, observeErr);
      }
    }
  }
}

/** Deletes and, when AWS is still removing it, observes until it is gone (the kind's delete limit). */
export async function deleteConfirmed(s: Subject, state: unknown): Promise<void> {
  const what = `delete ${s.id}`;
  let answer;
  try {
    answer = await retrying(() => s.adapter.delete(state, s.ctx), { clock: s.ctx.clock, log: s.ctx.log, what, counter: s.retries });
  } catch (err) {
    throw new AdapterError('delete', s.id, s.adapter.kind, err);
  }
  if (answer !== 'deleting') return;
  const me = physicalId(s, state);
  const timeoutMs = s.adapter.timeouts?.delete ?? DEFAULT_TIMEOUTS.delete;
  try {
    await s.ctx.waitFor(async () => {
      const found = await s.adapter.observe([{ id: s.id, last: state }], s.ctx);
      return found.some((o) => physicalId(s, o.state) === me) ? undefined : true;
    }, { what: 'destroying', timeoutMs });
  } catch (err) {
    throw new AdapterError('delete', s.id, s.adapter.kind, err);
  }
}

/** Polls until the adapter calls it ready (the kind's ready limit); throws if it fails or vanishes. */
export async function untilReady(s: Subject, first: Observation, desired: unknown, what: string): Promise<Observation> {
  const readiness = s.adapter.readiness;
  if (!readiness) return first;
  const me = physicalId(s, first.state);
  let obs: Observation | undefined = first;
  let polled = false;
  const timeoutMs = s.adapter.timeouts?.ready ?? DEFAULT_TIMEOUTS.ready;
  return s.ctx.waitFor(async () => {
    if (polled) {
      const found = await retrying(() => s.adapter.observe([{ id: s.id, desired, last: obs!.state }], s.ctx), { clock: s.ctx.clock, log: s.ctx.log, what: `observe ${s.id}`, counter: s.retries });
      obs = found.find((o) => physicalId(s, o.state) === me);
      if (!obs) throw new Error(`${s.id} disappeared while waiting for it to be ready`);
    }
    polled = true;
    const state = readiness(obs!.state);
    if (state === 'failed') throw new Error(`${s.id} ended in a failed state`);
    return state === 'ready' ? obs : undefined;
  }, { what, timeoutMs });
}
