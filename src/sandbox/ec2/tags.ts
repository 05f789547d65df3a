/**
 * CreateTags, DeleteTags, DescribeTags: tags of any EC2 resource, by id.
 */
import type {
  CreateTagsCommandInput,
  CreateTagsCommandOutput,
  DeleteTagsCommandInput,
  DeleteTagsCommandOutput,
  DescribeTagsCommandInput,
  DescribeTagsCommandOutput,
  TagDescription,
} from '@aws-sdk/client-ec2';
import type { OperationTable } from '../service.ts';
import { applyFilters, ec2Page, validateTags } from './query.ts';
import { type Ec2Ctx, isWellFormed, KINDS, kindOfId, requireParam, resourceExists } from './resources.ts';
import type { Ec2State } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;

/** Throws the resource's own NotFound/Malformed error for ids that cannot carry tags. */
function checkResources(ctx: Ec2Ctx, ids: readonly string[]): void {
  for (const id of ids) {
    const kind = kindOfId(id);
    if (kind === undefined) ctx.fail('InvalidID', `The ID '${id}' is not valid`);
    if (!isWellFormed(kind, id)) ctx.fail(KINDS[kind].malformed, `Invalid id: "${id}"`);
    if (!resourceExists(ctx.state, id)) ctx.fail(KINDS[kind].notFound, KINDS[kind].missing(id));
  }
}

interface TagRow {
  resourceId: string;
  key: string;
  value: string;
}

export const tagOperations = {
  CreateTags(input: CreateTagsCommandInput, ctx: Ec2Ctx): Out<CreateTagsCommandOutput> {
    const resources = requireParam(ctx, input.Resources, 'resourceIdSet');
    const tags = validateTags(ctx, requireParam(ctx, input.Tags, 'tagSet'));
    checkResources(ctx, resources);
    for (const id of resources) {
      if (Object.keys({ ...ctx.state.tags[id], ...tags }).length > 50) {
        ctx.fail('TagLimitExceeded', `The maximum number of tags per resource (50) would be exceeded for ${id}`);
      }
    }
    for (const id of resources) ctx.state.tags[id] = { ...ctx.state.tags[id], ...tags };
    return {};
  },

  DeleteTags(input: DeleteTagsCommandInput, ctx: Ec2Ctx): Out<DeleteTagsCommandOutput> {
    const resources = requireParam(ctx, input.Resources, 'resourceIdSet');
    checkResources(ctx, resources);
    for (const id of resources) {
      const current = ctx.state.tags[id];
      if (!current) continue;
      if (input.Tags === undefined) {
        delete ctx.state.tags[id];
        continue;
      }
      for (const t of input.Tags) {
        if (t.Key === undefined) continue;
        // With a value, only a tag holding exactly that value is deleted.
        if (t.Value === undefined || current[t.Key] === t.Value) delete current[t.Key];
      }
      if (Object.keys(current).length === 0) delete ctx.state.tags[id];
    }
    return {};
  },

  DescribeTags(input: DescribeTagsCommandInput, ctx: Ec2Ctx): Out<DescribeTagsCommandOutput> {
    const rows: TagRow[] = Object.entries(ctx.state.tags).flatMap(([resourceId, tags]) =>
      Object.entries(tags).map(([key, value]) => ({ resourceId, key, value })),
    );
    const typeOf = (r: TagRow) => {
      const kind = kindOfId(r.resourceId);
      return kind === undefined ? null : KINDS[kind].resourceType;
    };
    const matched = applyFilters(ctx, rows, input.Filters, {
      key: (r) => r.key,
      value: (r) => r.value,
      'resource-id': (r) => r.resourceId,
      'resource-type': typeOf,
    }, (r) => r.resourceId);
    const page = ec2Page(ctx, matched, (r) => `${r.resourceId}\u0000${r.key}`, input);
    const tags: TagDescription[] = page.items.map((r) => ({
      Key: r.key,
      Value: r.value,
      ResourceId: r.resourceId,
      ResourceType: (typeOf(r) ?? undefined) as TagDescription['ResourceType'],
    }));
    return { Tags: tags, NextToken: page.NextToken };
  },
} satisfies OperationTable<Ec2State>;
