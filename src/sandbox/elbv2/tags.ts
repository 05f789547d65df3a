/**
 * AddTags, RemoveTags, DescribeTags: tags of load balancers, target groups and listeners
 * by ARN, up to 20 ARNs per call. An unknown ARN gets its kind's not-found error.
 */
import type {
  AddTagsCommandInput,
  AddTagsCommandOutput,
  DescribeTagsCommandInput,
  DescribeTagsCommandOutput,
  RemoveTagsCommandInput,
  RemoveTagsCommandOutput,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { OperationTable } from '../service.ts';
import { addTags, listenerOf, loadBalancerOf, required, targetGroupOf } from './query.ts';
import type { ElbCtx, ElbState } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;

/** The ARNs, each checked to name an existing resource. */
function resources(ctx: ElbCtx, arns: readonly string[] | undefined): string[] {
  const list = required(ctx, arns, 'resourceArns');
  if (list.length > 20) ctx.fail('ValidationError', '1 validation error detected: Value at \'resourceArns\' failed to satisfy constraint: Member must have length less than or equal to 20');
  for (const arn of list) {
    const kind = /:(loadbalancer|targetgroup|listener)\//.exec(arn)?.[1];
    if (kind === 'targetgroup') targetGroupOf(ctx, arn);
    else if (kind === 'listener') listenerOf(ctx, arn);
    else loadBalancerOf(ctx, arn);
  }
  return [...new Set(list)];
}

export const tagOperations = {
  AddTags(input: AddTagsCommandInput, ctx: ElbCtx): Out<AddTagsCommandOutput> {
    const tags = required(ctx, input.Tags, 'tags');
    for (const arn of resources(ctx, input.ResourceArns)) addTags(ctx, arn, tags);
    return {};
  },

  RemoveTags(input: RemoveTagsCommandInput, ctx: ElbCtx): Out<RemoveTagsCommandOutput> {
    const keys = required(ctx, input.TagKeys, 'tagKeys');
    for (const arn of resources(ctx, input.ResourceArns)) {
      const tags = { ...ctx.state.tags[arn] };
      for (const key of keys) delete tags[key];
      ctx.state.tags[arn] = tags;
    }
    return {};
  },

  DescribeTags(input: DescribeTagsCommandInput, ctx: ElbCtx): Out<DescribeTagsCommandOutput> {
    return {
      TagDescriptions: resources(ctx, input.ResourceArns).map((arn) => ({
        ResourceArn: arn,
        Tags: Object.entries(ctx.state.tags[arn] ?? {}).map(([Key, Value]) => ({ Key, Value })),
      })),
    };
  },
} satisfies OperationTable<ElbState>;
