/**
 * Route 53's tags (hosted zones and health checks): ListTagsForResources takes at most
 * 10 ids a call, ChangeTagsForResource adds at most 10 tags and removes at most 10 keys.
 */
import { ChangeTagsForResourceCommand, ListTagsForResourcesCommand, type TagResourceType } from '@aws-sdk/client-route-53';
import type { AdapterContext } from '../../reconciler/types.ts';
import { tagDelta, tagList, tagRecord } from '../normalize/tags.ts';
import { paced } from './send.ts';

const PER_CALL = 10;

const chunks = <T>(items: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += PER_CALL) out.push(items.slice(i, i + PER_CALL));
  return out;
};

/** Tags of each resource id, in ceil(n / 10) calls. */
export async function listTags(ctx: AdapterContext, type: TagResourceType, ids: readonly string[]): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  for (const ResourceIds of chunks(ids)) {
    const page = await paced(ctx, (r53) => r53.send(new ListTagsForResourcesCommand({ ResourceType: type, ResourceIds })));
    for (const set of page.ResourceTagSets ?? [])
      if (set.ResourceId) out.set(set.ResourceId, tagRecord(set.Tags));
  }
  return out;
}

/** Writes `desired` user tags plus identity, removing the rest, ten at a time. */
export async function syncTags(
  ctx: AdapterContext,
  type: TagResourceType,
  id: string,
  desired: Readonly<Record<string, string>> | undefined,
  observed: Readonly<Record<string, string>>,
  identity: Readonly<Record<string, string>>,
): Promise<void> {
  const { set, remove } = tagDelta(desired, observed, identity);
  const adds = chunks(tagList(set));
  const removes = chunks(remove);
  for (let i = 0; i < Math.max(adds.length, removes.length); i++) {
    const AddTags = adds[i];
    const RemoveTagKeys = removes[i];
    await paced(ctx, (r53) => r53.send(new ChangeTagsForResourceCommand({
      ResourceType: type, ResourceId: id, ...(AddTags && { AddTags }), ...(RemoveTagKeys && { RemoveTagKeys }),
    })));
  }
}
