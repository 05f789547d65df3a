/**
 * Observe for kinds that cannot list by tag (buckets, functions, tables, DB subnet
 * groups): they read exactly the resources they are told about, by the ARN tag discovery
 * found, by what an earlier observe saw, or by the natural name the spec gives, and name
 * each by the blogctl:id it carries (one not ours is an adoption candidate or another
 * stack's, reported under the id it was asked for).
 */
import { KNOWN_AFTER_APPLY, TAG, type AdapterContext, type LogicalId, type Observation, type ObserveRequest } from '../reconciler/types.ts';

/** One physical resource to read, and the logical id it was asked for. */
export interface Lookup {
  readonly id: LogicalId;
  /** The name (or ARN) its Describe/Get call takes. */
  readonly name: string;
}

export interface LookupKeys<D, O> {
  /** The natural name in the spec (undefined when it holds a reference not known yet). */
  readonly desired: (desired: D) => string | undefined;
  readonly observed: (observed: O) => string;
  /** The name in a discovered ARN. */
  readonly arn: (arn: string) => string;
}

/** The names to read, each once: a discovered ARN first, then the last state seen, then the spec's name. */
export function lookups<D, O>(requests: readonly ObserveRequest<D, O>[], keys: LookupKeys<D, O>): Lookup[] {
  const out = new Map<string, Lookup>();
  for (const r of requests) {
    const names = [r.arn && keys.arn(r.arn), r.last && keys.observed(r.last), r.desired && keys.desired(r.desired)];
    for (const name of names)
      if (name && !name.includes(KNOWN_AFTER_APPLY) && !out.has(name)) out.set(name, { id: r.id, name });
  }
  return [...out.values()];
}

/**
 * The observation of a resource read by name: ours under the blogctl:id it carries; one
 * without our stack tag under the id it was asked for (adoption, or another stack's).
 */
export function identify<T>(ctx: AdapterContext, askedFor: LogicalId, state: T, tags: Readonly<Record<string, string>>): Observation<T> {
  const id = tags[TAG.stack] === ctx.stack ? (tags[TAG.id] ?? askedFor) : askedFor;
  return { id, state, tags };
}

/** Reads every lookup at once; `read` answers undefined for one that does not exist. */
export async function readAll<T>(
  ctx: AdapterContext, found: readonly Lookup[], read: (l: Lookup) => Promise<{ state: T; tags: Readonly<Record<string, string>> } | undefined>,
): Promise<Observation<T>[]> {
  const results = await Promise.all(found.map(async (l) => {
    const r = await read(l);
    return r && identify(ctx, l.id, r.state, r.tags);
  }));
  return results.filter((o): o is Observation<T> => o !== undefined);
}
