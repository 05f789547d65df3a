/**
 * CloudFront tags: TagResource, UntagResource, ListTagsForResource on a distribution's
 * ARN, and the tags CreateDistributionWithTags gives. Tags are kept by ARN.
 */
import type {
  ListTagsForResourceCommandInput,
  ListTagsForResourceCommandOutput,
  Tag,
  TagResourceCommandInput,
  TagResourceCommandOutput,
  UntagResourceCommandInput,
  UntagResourceCommandOutput,
} from '@aws-sdk/client-cloudfront';
import type { OperationTable } from '../service.ts';
import { type CfCtx, cfFail } from './errors.ts';
import type { CloudFrontState } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;

const MAX_TAGS = 50;
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Validates tags as CloudFront does (InvalidTagging); returns them as a map. */
export function validateTags(ctx: CfCtx, items: readonly Tag[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of items ?? []) {
    const key = t.Key ?? '';
    const value = t.Value ?? '';
    if (key.length < 1 || key.length > 128 || !TAG_TEXT.test(key)) cfFail(ctx, 'InvalidTagging', `The tag key is not valid: '${key}'.`);
    if (key.toLowerCase().startsWith('aws:')) cfFail(ctx, 'InvalidTagging', `Tag keys starting with 'aws:' are reserved: '${key}'.`);
    if (value.length > 256 || !TAG_TEXT.test(value)) cfFail(ctx, 'InvalidTagging', `The tag value is not valid for key '${key}'.`);
    out[key] = value;
  }
  return out;
}

/** Merges tags into a resource's, within CloudFront's 50 tags per resource. */
export function addTags(ctx: CfCtx, arn: string, tags: Readonly<Record<string, string>>): void {
  const merged = { ...ctx.state.tags[arn], ...tags };
  if (Object.keys(merged).length > MAX_TAGS) cfFail(ctx, 'InvalidTagging', `A resource can have at most ${MAX_TAGS} tags.`);
  if (Object.keys(merged).length > 0) ctx.state.tags[arn] = merged;
}

/** The ARN of a taggable resource of this account, or CloudFront's error. */
function taggable(ctx: CfCtx, resource: string | undefined): string {
  const m = /^arn:aws[\w-]*:cloudfront::(\d{12}):distribution\/([A-Z0-9]+)$/.exec(resource ?? '');
  if (m === null) return cfFail(ctx, 'InvalidArgument', `The parameter Resource is not a valid CloudFront ARN: ${resource ?? ''}`);
  const d = ctx.state.distributions[m[2]!];
  if (m[1] !== ctx.accountId || d === undefined || d.arn !== resource) cfFail(ctx, 'NoSuchResource');
  return d.arn;
}

export const tagOperations = {
  TagResource(input: TagResourceCommandInput, ctx: CfCtx): Out<TagResourceCommandOutput> {
    const arn = taggable(ctx, input.Resource);
    addTags(ctx, arn, validateTags(ctx, input.Tags?.Items));
    return {};
  },

  UntagResource(input: UntagResourceCommandInput, ctx: CfCtx): Out<UntagResourceCommandOutput> {
    const arn = taggable(ctx, input.Resource);
    const current = ctx.state.tags[arn];
    if (current === undefined) return {};
    for (const key of input.TagKeys?.Items ?? []) delete current[key];
    if (Object.keys(current).length === 0) delete ctx.state.tags[arn];
    return {};
  },

  ListTagsForResource(input: ListTagsForResourceCommandInput, ctx: CfCtx): Out<ListTagsForResourceCommandOutput> {
    const arn = taggable(ctx, input.Resource);
    return { Tags: { Items: Object.entries(ctx.state.tags[arn] ?? {}).map(([Key, Value]) => ({ Key, Value })) } };
  },
} satisfies OperationTable<CloudFrontState>;
