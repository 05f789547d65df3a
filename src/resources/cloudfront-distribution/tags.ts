/** CloudFront's tags ({ Items: [{ Key, Value }] } on a distribution's ARN) and bringing them to the spec's. */
import { TagResourceCommand, UntagResourceCommand, type CloudFrontClient, type Tag } from '@aws-sdk/client-cloudfront';
import { syncTags, tagRecord } from '../normalize/tags.ts';

/** CloudFront's tag items as a record: AWS's [{ Key, Value }] lists everywhere. */
export const fromCfTags = (items: readonly Tag[] | undefined): Record<string, string> => tagRecord(items);

export const toCfTags = (tags: Readonly<Record<string, string>>): { Items: Tag[] } => ({ Items: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) });

/** Brings a distribution's tags to `desired` user tags plus identity, in at most two calls. */
export async function syncCfTags(
  cf: CloudFrontClient,
  arn: string,
  desired: Readonly<Record<string, string>> | undefined,
  observed: Readonly<Record<string, string>>,
  identity: Readonly<Record<string, string>>,
): Promise<void> {
  await syncTags(desired, observed, identity, {
    add: (set) => cf.send(new TagResourceCommand({ Resource: arn, Tags: toCfTags(set) })),
    remove: (remove) => cf.send(new UntagResourceCommand({ Resource: arn, TagKeys: { Items: remove } })),
  });
}
