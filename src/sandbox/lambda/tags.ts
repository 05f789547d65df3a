/**
 * Function tags: TagResource, UntagResource, ListTags (by function ARN), and the rules
 * Lambda applies to tags given at create.
 */
import type {
  ListTagsCommandInput,
  ListTagsCommandOutput,
  TagResourceCommandInput,
  TagResourceCommandOutput,
  UntagResourceCommandInput,
  UntagResourceCommandOutput,
} from '@aws-sdk/client-lambda';
import type { OperationTable } from '../service.ts';
import { findTaggable, type LambdaCtx, lambdaFail, validationError } from './function-names.ts';
import type { LambdaState } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;

const MAX_TAGS = 50;

export function checkTags(ctx: LambdaCtx, tags: Record<string, string>): Record<string, string> {
  for (const [key, value] of Object.entries(tags)) {
    if (key.length < 1 || key.length > 128) validationError(ctx, 'tags', key, 'Member must have length less than or equal to 128');
    if (value.length > 256) validationError(ctx, 'tags', value, 'Member must have length less than or equal to 256');
    if (key.toLowerCase().startsWith('aws:')) lambdaFail(ctx, 'InvalidParameterValueException', `Tag key '${key}' is reserved: keys cannot start with 'aws:'.`);
  }
  if (Object.keys(tags).length > MAX_TAGS) lambdaFail(ctx, 'InvalidParameterValueException', `The number of tags exceeds the limit of ${MAX_TAGS}.`);
  return { ...tags };
}

export const tagOperations = {
  TagResource(input: TagResourceCommandInput, ctx: LambdaCtx): Out<TagResourceCommandOutput> {
    const fn = findTaggable(ctx, input.Resource);
    if (input.Tags === undefined) validationError(ctx, 'tags', null, 'Member must not be null');
    fn.tags = checkTags(ctx, { ...fn.tags, ...input.Tags });
    return {};
  },

  UntagResource(input: UntagResourceCommandInput, ctx: LambdaCtx): Out<UntagResourceCommandOutput> {
    const fn = findTaggable(ctx, input.Resource);
    if (input.TagKeys === undefined) validationError(ctx, 'tagKeys', null, 'Member must not be null');
    for (const key of input.TagKeys) delete fn.tags[key];
    return {};
  },

  ListTags(input: ListTagsCommandInput, ctx: LambdaCtx): Out<ListTagsCommandOutput> {
    return { Tags: { ...findTaggable(ctx, input.Resource).tags } };
  },
} satisfies OperationTable<LambdaState>;
