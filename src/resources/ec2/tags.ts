/** EC2's way with tags: TagSpecifications at create, tag filters on Describe*, Create/DeleteTags. */
import { CreateTagsCommand, DeleteTagsCommand, type EC2Client, type Filter, type ResourceType, type Tag, type TagSpecification } from '@aws-sdk/client-ec2';
import { TAG, type Observation } from '../../reconciler/types.ts';
import { syncTags, tagList, tagRecord } from '../normalize/tags.ts';

export const fromEc2Tags = (tags: readonly Tag[] | undefined): Record<string, string> => tagRecord(tags);

/** Tags on create, so a crash never leaves an untagged resource. */
export function tagSpecifications(type: ResourceType, user: Readonly<Record<string, string>> | undefined, identity: Readonly<Record<string, string>>): TagSpecification[] {
  return [{ ResourceType: type, Tags: tagList({ ...(user ?? {}), ...identity }) }];
}

/** Everything of this stack: one filtered Describe per kind. */
export const stackFilter = (stack: string): Filter[] => [{ Name: `tag:${TAG.stack}`, Values: [stack] }];

/** Brings a resource's tags to `desired` user tags plus identity, in at most two calls. */
export async function syncEc2Tags(
  ec2: EC2Client,
  resourceId: string,
  desired: Readonly<Record<string, string>> | undefined,
  observed: Readonly<Record<string, string>>,
  identity: Readonly<Record<string, string>>,
): Promise<void> {
  await syncTags(desired, observed, identity, {
    add: (set) => ec2.send(new CreateTagsCommand({ Resources: [resourceId], Tags: tagList(set) })),
    remove: (remove) => ec2.send(new DeleteTagsCommand({ Resources: [resourceId], Tags: remove.map((Key) => ({ Key })) })),
  });
}

/** The logical id a resource carries. */
export const logicalIdOf = (tags: Readonly<Record<string, string>>): string | undefined => tags[TAG.id];

/** An observation of a resource found by our tags (undefined for one without blogctl:id). */
export function tagged<T extends { readonly tags: Record<string, string> }>(state: T): Observation<T> | undefined {
  const id = logicalIdOf(state.tags);
  return id ? { id, state, tags: state.tags } : undefined;
}

/**
 * The last call of a create of several calls: the final blogctl:spec tag, written once
 * everything else is in place (the create tagged with ctx.identityTags(id, 'creating')),
 * so a create cut short reads "spec not applied yet", never "someone changed AWS".
 */
export async function markCreated(ec2: EC2Client, resourceId: string, identity: Readonly<Record<string, string>>): Promise<void> {
  await ec2.send(new CreateTagsCommand({ Resources: [resourceId], Tags: [{ Key: TAG.spec, Value: identity[TAG.spec] ?? '' }] }));
}
