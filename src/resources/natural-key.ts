/**
 * Ownership of what AWS cannot tag (a Lambda permission, a bucket's notification
 * configurations): blogctl writes its stack and the logical id into the natural key,
 * `blogctl-<stack>_<id>` (+ `.<part>`), and reads them back as the observation's identity
 * tags. Stacks and ids may both hold "-", so "-" cannot separate them; a stack never holds
 * "_" and an id never ".". ("_" rather than ".": moto routes only [\w-] statement ids.)
 */
import { paginateGetResources, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { KNOWN_AFTER_APPLY, TAG, type AdapterContext, type ObserveRequest } from '../reconciler/types.ts';

export const ownerKey = (stack: string, id: string, part?: string): string => `blogctl-${stack}_${id}${part === undefined ? '' : `.${part}`}`;

const KEY = /^blogctl-([a-z][a-z0-9-]{0,31})_([A-Za-z][A-Za-z0-9_-]*)(?:\.(.*))?$/s;

/** The stack, id (and part) a key written by ownerKey holds; undefined for any other key. */
export function parseOwnerKey(key: string | undefined): { stack: string; id: string; part?: string } | undefined {
  const m = key === undefined ? null : KEY.exec(key);
  if (!m) return undefined;
  return { stack: m[1]!, id: m[2]!, ...(m[3] !== undefined && { part: m[3] }) };
}

/** The identity tags of a resource known by its key. */
export const ownerTags = (stack: string, id: string): Record<string, string> => ({ [TAG.stack]: stack, [TAG.id]: id });

/** The parents (a function, a bucket) the requests name, each once: where a natural-key kind looks. */
export function parentsOf<D, O>(requests: readonly ObserveRequest<D, O>[], parent: (x: D | O) => string): string[] {
  const out = new Set<string>();
  for (const r of requests) {
    const p = r.desired !== undefined ? parent(r.desired) : r.last !== undefined ? parent(r.last) : undefined;
    if (p && !p.includes(KNOWN_AFTER_APPLY)) out.add(p);
  }
  return [...out];
}

/**
 * The names of this stack's parents of one type (its buckets, its functions), from the
 * run's tag discovery (or one Resource Groups Tagging API call of its own): where a natural-key resource that left the spec, or
 * whose parent changed in the spec, is still found (and so pruned or replaced).
 */
export async function stackParents(ctx: AdapterContext, type: string, nameOf: (arn: string) => string): Promise<string[]> {
  const known = ctx.discovered?.(type);
  if (known) return known.map(nameOf);
  const out: string[] = [];
  const input = { TagFilters: [{ Key: TAG.stack, Values: [ctx.stack] }], ResourceTypeFilters: [type] };
  for await (const page of paginateGetResources({ client: ctx.clients.get(ResourceGroupsTaggingAPIClient) }, input))
    for (const m of page.ResourceTagMappingList ?? []) if (m.ResourceARN) out.push(nameOf(m.ResourceARN));
  return out;
}

/**
 * Visits each parent once: those the requests name at once, the stack's others as soon as
 * tag discovery names them (a parent named by ARN in the spec is the same as its name).
 */
export async function forEachParent<D, O>(
  ctx: AdapterContext, requests: readonly ObserveRequest<D, O>[], parent: (x: D | O) => string,
  type: string, nameOf: (arn: string) => string, visit: (parent: string) => Promise<void>,
): Promise<void> {
  const named = parentsOf(requests, parent);
  const others = async () => {
    const all = await stackParents(ctx, type, nameOf);
    await Promise.all(all.filter((p) => !named.some((n) => n === p || n.endsWith(`:${p}`))).map(visit));
  };
  await Promise.all([...named.map(visit), others()]);
}
