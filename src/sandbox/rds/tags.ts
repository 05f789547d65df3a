/**
 * AddTagsToResource, RemoveTagsFromResource, ListTagsForResource: tags of DB instances and
 * DB subnet groups by ARN. An ARN of a resource that does not exist gets that resource's
 * not-found fault.
 */
import type {
  AddTagsToResourceCommandInput,
  AddTagsToResourceCommandOutput,
  ListTagsForResourceCommandInput,
  ListTagsForResourceCommandOutput,
  RemoveTagsFromResourceCommandInput,
  RemoveTagsFromResourceCommandOutput,
} from '@aws-sdk/client-rds';
import type { OperationTable } from '../service.ts';
import { rdsFail, required } from './errors.ts';
import { settle } from './lifecycle.ts';
import { addTags, applyRdsFilters, tagList } from './query.ts';
import type { RdsCtx, RdsState } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;

/** Checks the ARN names an existing resource; returns it. */
function resourceArn(ctx: RdsCtx, arn: string | undefined): string {
  const value = required(ctx, arn, 'ResourceName');
  const m = /^arn:aws[a-z-]*:rds:([a-z0-9-]+):(\d{12}):(db|subgrp|snapshot):(.+)$/.exec(value);
  if (!m) rdsFail(ctx, 'InvalidParameterValue', `The specified resource name does not match an RDS resource in this region.`);
  const [, region, account, kind, name] = m as unknown as [string, string, string, string, string];
  const here = region === ctx.region && account === ctx.accountId;
  if (kind === 'db' && (!here || !ctx.state.instances[name])) rdsFail(ctx, 'DBInstanceNotFound', `DBInstance ${name} not found.`);
  if (kind === 'subgrp' && (!here || !ctx.state.subnetGroups[name])) rdsFail(ctx, 'DBSubnetGroupNotFoundFault', `DBSubnetGroup '${name}' not found.`);
  if (kind === 'snapshot' && (!here || !ctx.state.snapshots[name])) rdsFail(ctx, 'DBSnapshotNotFound', `DBSnapshot ${name} not found.`);
  return value;
}

export const tagOperations = {
  AddTagsToResource(input: AddTagsToResourceCommandInput, ctx: RdsCtx): Out<AddTagsToResourceCommandOutput> {
    settle(ctx);
    const arn = resourceArn(ctx, input.ResourceName);
    addTags(ctx, arn, required(ctx, input.Tags, 'Tags'));
    return {};
  },

  RemoveTagsFromResource(input: RemoveTagsFromResourceCommandInput, ctx: RdsCtx): Out<RemoveTagsFromResourceCommandOutput> {
    settle(ctx);
    const arn = resourceArn(ctx, input.ResourceName);
    const tags = { ...ctx.state.tags[arn] };
    for (const key of required(ctx, input.TagKeys, 'TagKeys')) delete tags[key];
    ctx.state.tags[arn] = tags;
    return {};
  },

  ListTagsForResource(input: ListTagsForResourceCommandInput, ctx: RdsCtx): Out<ListTagsForResourceCommandOutput> {
    settle(ctx);
    const arn = resourceArn(ctx, input.ResourceName);
    applyRdsFilters(ctx, [], input.Filters, {});
    return { TagList: tagList(ctx, arn) };
  },
} satisfies OperationTable<RdsState>;
