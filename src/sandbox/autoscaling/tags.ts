/**
 * Tags of Auto Scaling groups: CreateOrUpdateTags, DeleteTags, DescribeTags (filters
 * auto-scaling-group, key, value, propagate-at-launch; MaxRecords/NextToken). Each tag
 * says whether it is copied to the instances the group launches (PropagateAtLaunch).
 */
import type {
  CreateOrUpdateTagsCommandInput,
  CreateOrUpdateTagsCommandOutput,
  DeleteTagsCommandInput,
  DeleteTagsCommandOutput,
  DescribeTagsCommandInput,
  DescribeTagsCommandOutput,
  Tag,
  TagDescription,
} from '@aws-sdk/client-auto-scaling';
import type { OperationTable } from '../service.ts';
import { settleGroups } from './capacity.ts';
import { asgPage, groupNotFound, required } from './errors.ts';
import type { AsgCtx, AsgState } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;

function target(ctx: AsgCtx, t: Tag): string {
  const id = required(ctx, t.ResourceId, 'tags.member.resourceId');
  if ((t.ResourceType ?? 'auto-scaling-group') !== 'auto-scaling-group') ctx.fail('ValidationError', `Invalid resource type: ${t.ResourceType}`);
  if (!ctx.state.groups[id]) groupNotFound(ctx, id);
  return id;
}

/** CreateOrUpdateTags' effect: adds or replaces tags, 50 per group. */
export function putTags(ctx: AsgCtx, tags: readonly Tag[]): void {
  for (const t of tags) {
    const id = target(ctx, t);
    const key = required(ctx, t.Key, 'tags.member.key');
    if (key.length > 128 || (t.Value ?? '').length > 256) ctx.fail('ValidationError', `Tag key or value too long: ${key}`);
    if (key.toLowerCase().startsWith('aws:')) ctx.fail('ValidationError', 'Tag keys starting with "aws:" are reserved');
    const group = { ...ctx.state.tags[id], [key]: { value: t.Value ?? '', propagate: t.PropagateAtLaunch ?? false } };
    if (Object.keys(group).length > 50) ctx.fail('LimitExceeded', `The quota of 50 tags per Auto Scaling group would be exceeded for ${id}`);
    ctx.state.tags[id] = group;
  }
}

export function tagDescriptions(ctx: AsgCtx, group: string): TagDescription[] {
  return Object.entries(ctx.state.tags[group] ?? {}).map(([Key, t]) => ({
    ResourceId: group, ResourceType: 'auto-scaling-group', Key, Value: t.value, PropagateAtLaunch: t.propagate,
  }));
}

export const tagOperations = {
  CreateOrUpdateTags(input: CreateOrUpdateTagsCommandInput, ctx: AsgCtx): Out<CreateOrUpdateTagsCommandOutput> {
    settleGroups(ctx);
    putTags(ctx, required(ctx, input.Tags, 'tags'));
    return {};
  },

  DeleteTags(input: DeleteTagsCommandInput, ctx: AsgCtx): Out<DeleteTagsCommandOutput> {
    settleGroups(ctx);
    for (const t of required(ctx, input.Tags, 'tags')) {
      const id = target(ctx, t);
      const group = { ...ctx.state.tags[id] };
      const key = t.Key ?? '';
      if (group[key] !== undefined && (t.Value === undefined || group[key]!.value === t.Value)) delete group[key];
      ctx.state.tags[id] = group;
    }
    return {};
  },

  DescribeTags(input: DescribeTagsCommandInput, ctx: AsgCtx): Out<DescribeTagsCommandOutput> {
    settleGroups(ctx);
    let rows = Object.keys(ctx.state.groups).flatMap((g) => tagDescriptions(ctx, g));
    for (const f of input.Filters ?? []) {
      const values = f.Values ?? [];
      const field: Record<string, (t: TagDescription) => string> = {
        'auto-scaling-group': (t) => t.ResourceId!,
        key: (t) => t.Key!,
        value: (t) => t.Value!,
        'propagate-at-launch': (t) => String(t.PropagateAtLaunch),
      };
      const get = field[f.Name ?? ''];
      if (!get) ctx.fail('ValidationError', `Filter name '${f.Name ?? ''}' is not valid`);
      rows = rows.filter((t) => values.includes(get(t)));
    }
    const page = asgPage(ctx, rows, (t) => `${t.ResourceId}\u0000${t.Key}`, input);
    return { Tags: page.items, NextToken: page.NextToken };
  },
} satisfies OperationTable<AsgState>;
