/**
 * What every `drift --unmanaged` finder shares: its types, and the sorting of what a
 * kind's filtered reads returned into ours (skipped), another stack's or left out by the
 * finder (explained under --explain), and unmanaged (listed, with why it is in scope).
 */
import type { Ignored, UnmanagedResource } from '../../reconciler/drift.ts';
import type { ClientProvider, Kind } from '../../reconciler/types.ts';
import { TAG } from '../../reconciler/types.ts';

export interface UnmanagedScope {
  readonly stack: string;
  /** The stack's VPCs (observed ec2.vpc resources). */
  readonly vpcIds: readonly string[];
}

export interface UnmanagedFound {
  readonly found: UnmanagedResource[];
  readonly ignored: Ignored[];
}

export type UnmanagedFinder = (scope: UnmanagedScope, clients: ClientProvider) => Promise<UnmanagedFound>;

/** One resource a finder's reads returned. */
export interface Item {
  readonly id: string;
  /** AWS's [{ Key, Value }] list. */
  readonly tags: readonly { readonly Key?: string | undefined; readonly Value?: string | undefined }[] | undefined;
  readonly vpcId?: string | undefined;
  readonly name?: string | undefined;
  /** Not unmanaged, only explained (AWS made it with the VPC, an Auto Scaling group launched it): the reason. */
  readonly leaveOut?: string;
}

const tagOf = (item: Item, key: string) => item.tags?.find((t) => t.Key === key)?.Value;

/** Sorts `items` (merged by id, in id order) into unmanaged and explained ones. */
export function classify(kind: Kind, items: Iterable<Item>, scope: UnmanagedScope): UnmanagedFound {
  const byId = new Map<string, Item>();
  for (const item of items) byId.set(item.id, item);
  const out: UnmanagedFound = { found: [], ignored: [] };
  for (const item of [...byId.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    const stack = tagOf(item, TAG.stack);
    if (stack === scope.stack) continue;
    if (stack !== undefined) {
      out.ignored.push({ kind, physicalId: item.id, reason: `managed by blogctl stack "${stack}"` });
      continue;
    }
    if (item.leaveOut) {
      out.ignored.push({ kind, physicalId: item.id, reason: item.leaveOut });
      continue;
    }
    const name = item.name ?? tagOf(item, 'Name');
    const why = item.vpcId && scope.vpcIds.includes(item.vpcId) ? `in the stack's VPC ${item.vpcId}` : `its name starts with ${scope.stack}-`;
    out.found.push({ kind, physicalId: item.id, why, ...(name ? { name } : {}) });
  }
  return out;
}
