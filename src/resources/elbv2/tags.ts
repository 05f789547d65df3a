/**
 * ELBv2's way with tags: Tags at create, DescribeTags in batches of 20 ARNs (the API's
 * limit; there is no "describe by tag"), AddTags/RemoveTags; values in ELBv2's characters
 * (blogctl:deps joined with `+`). Load balancers, target groups and listeners share it.
 */
import {
  AddTagsCommand, DescribeTagsCommand, RemoveTagsCommand, type ElasticLoadBalancingV2Client, type Tag,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { TAG } from '../../reconciler/types.ts';
import { tagList, tagRecord, syncTags } from '../normalize/tags.ts';

/** DescribeTags takes at most this many ARNs per call. */
export const TAG_BATCH = 20;

/** User tags plus identity, as CreateLoadBalancer/CreateTargetGroup/CreateListener take them. */
export const createTags = (user: Readonly<Record<string, string>> | undefined, identity: Readonly<Record<string, string>>): Tag[] =>
  tagList({ ...(user ?? {}), ...identity });

/** The tags of each ARN, in ceil(n / 20) calls made side by side. */
export async function describeTags(elb: ElasticLoadBalancingV2Client, arns: readonly string[]): Promise<Map<string, Record<string, string>>> {
  const unique = [...new Set(arns)];
  const batches: string[][] = [];
  for (let i = 0; i < unique.length; i += TAG_BATCH) batches.push(unique.slice(i, i + TAG_BATCH));
  const pages = await Promise.all(batches.map((ResourceArns) => elb.send(new DescribeTagsCommand({ ResourceArns }))));
  const out = new Map<string, Record<string, string>>();
  for (const page of pages) for (const d of page.TagDescriptions ?? []) if (d.ResourceArn) out.set(d.ResourceArn, tagRecord(d.Tags));
  return out;
}

/** Brings a resource's tags to `desired` user tags plus identity, in at most two calls. */
export async function syncElbTags(
  elb: ElasticLoadBalancingV2Client,
  arn: string,
  desired: Readonly<Record<string, string>> | undefined,
  observed: Readonly<Record<string, string>>,
  identity: Readonly<Record<string, string>>,
): Promise<void> {
  await syncTags(desired, observed, identity, {
    add: (set) => elb.send(new AddTagsCommand({ ResourceArns: [arn], Tags: tagList(set) })),
    remove: (remove) => elb.send(new RemoveTagsCommand({ ResourceArns: [arn], TagKeys: remove })),
  });
}

/**
 * The last call of a create of several calls: the final blogctl:spec tag (the create
 * tagged with ctx.identityTags(id, 'creating')), so one cut short reads "spec not applied yet".
 */
export async function markCreated(elb: ElasticLoadBalancingV2Client, arn: string, identity: Readonly<Record<string, string>>): Promise<void> {
  await elb.send(new AddTagsCommand({ ResourceArns: [arn], Tags: [{ Key: TAG.spec, Value: identity[TAG.spec] ?? '' }] }));
}

/** Tags kept on our state: the user's tags and identity, as AWS now holds them. */
export const stateTags = (user: Readonly<Record<string, string>> | undefined, identity: Readonly<Record<string, string>>): Record<string, string> => ({
  ...(user ?? {}),
  ...identity,
});
