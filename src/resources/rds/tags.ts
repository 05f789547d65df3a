/** RDS's way with tags: Tags at create, ListTagsForResource by ARN, Add/RemoveTagsFromResource. */
import { AddTagsToResourceCommand, ListTagsForResourceCommand, RDSClient, RemoveTagsFromResourceCommand } from '@aws-sdk/client-rds';
import type { AdapterContext } from '../../reconciler/types.ts';
import { tagList, tagRecord, syncTags } from '../normalize/tags.ts';

export const rds = (ctx: AdapterContext): RDSClient => ctx.clients.get(RDSClient);

export async function readRdsTags(ctx: AdapterContext, arn: string): Promise<Record<string, string>> {
  return tagRecord((await rds(ctx).send(new ListTagsForResourceCommand({ ResourceName: arn }))).TagList);
}

/** Brings the resource's tags to the user's plus `identity`, in at most two calls. */
export async function syncRdsTags(
  ctx: AdapterContext, arn: string, desired: Readonly<Record<string, string>> | undefined, observed: Readonly<Record<string, string>>, identity: Readonly<Record<string, string>>,
): Promise<void> {
  await syncTags(desired, observed, identity, {
    add: (set) => rds(ctx).send(new AddTagsToResourceCommand({ ResourceName: arn, Tags: tagList(set) })),
    remove: (remove) => rds(ctx).send(new RemoveTagsFromResourceCommand({ ResourceName: arn, TagKeys: remove })),
  });
}
