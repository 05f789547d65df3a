/** CloudFront's tags ({ Items: [{ Key, Value }] } on a distribution's ARN) and bringing them to the spec's. */
import { TagResourceCommand, UntagResourceCommand, type CloudFrontClient, type Tag } from '@aws-sdk/client-cloudfront';
import { syncTags, tagList } from '../normalize/tags.ts';

/** CloudFront wraps AWS's [{ Key, Value }] list in { Items } (read it with normalize/tags.ts's tagRecord). */
export const toCfTags = (tags: Readonly<Record<string, string>>): { Items: Tag[] } => ({ Items: tagList(tags) });

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
