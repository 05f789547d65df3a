/**
 * Route 53 tags of hosted zones and health checks: ChangeTagsForResource (at most 10 tags
 * added and 10 keys removed per call), ListTagsForResource, ListTagsForResources (at most
 * 10 ids).
 */
import type {
  ChangeTagsForResourceCommandInput,
  ChangeTagsForResourceCommandOutput,
  ListTagsForResourceCommandInput,
  ListTagsForResourceCommandOutput,
  ListTagsForResourcesCommandInput,
  ListTagsForResourcesCommandOutput,
  ResourceTagSet,
} from '@aws-sdk/client-route-53';
import type { OperationTable } from '../service.ts';
import { noSuchHealthCheck, noSuchZone, type R53Ctx, r53Fail, requireInput } from './errors.ts';
import { bareId } from './names.ts';
import type { Route53State } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;

const MAX_PER_CALL = 10;
const MAX_PER_RESOURCE = 50;

type TagType = 'hostedzone' | 'healthcheck';

/** The resource's type and bare id, or Route 53's error when it does not exist. */
function resource(ctx: R53Ctx, type: string | undefined, id: string | undefined): { type: TagType; id: string } {
  const t = requireInput(ctx, type, 'ResourceType');
  if (t !== 'hostedzone' && t !== 'healthcheck') r53Fail(ctx, 'InvalidInput', `Invalid request: ResourceType must be hostedzone or healthcheck, not ${t}`);
  const bare = bareId(requireInput(ctx, id, 'ResourceId'));
  if (t === 'hostedzone' && ctx.state.zones[bare] === undefined) noSuchZone(ctx, bare);
  if (t === 'healthcheck' && ctx.state.healthChecks[bare] === undefined) noSuchHealthCheck(ctx, bare);
  return { type: t, id: bare };
}

function tagSet(ctx: R53Ctx, type: TagType, id: string): ResourceTagSet {
  return { ResourceType: type, ResourceId: id, Tags: Object.entries(ctx.state.tags[type][id] ?? {}).map(([Key, Value]) => ({ Key, Value })) };
}

export const tagOperations = {
  ChangeTagsForResource(input: ChangeTagsForResourceCommandInput, ctx: R53Ctx): Out<ChangeTagsForResourceCommandOutput> {
    const r = resource(ctx, input.ResourceType, input.ResourceId);
    const add = input.AddTags ?? [];
    const remove = input.RemoveTagKeys ?? [];
    if (add.length > MAX_PER_CALL || remove.length > MAX_PER_CALL) r53Fail(ctx, 'InvalidInput', `Invalid request: at most ${MAX_PER_CALL} tags can be added and ${MAX_PER_CALL} removed per call`);
    for (const t of add) {
      const key = t.Key ?? '';
      if (key.length < 1 || key.length > 128) r53Fail(ctx, 'InvalidInput', `Invalid request: tag key '${key}' must be 1 to 128 characters`);
      if ((t.Value ?? '').length > 256) r53Fail(ctx, 'InvalidInput', `Invalid request: the value of tag '${key}' is longer than 256 characters`);
      if (key.toLowerCase().startsWith('aws:')) r53Fail(ctx, 'InvalidInput', `Invalid request: tag keys starting with 'aws:' are reserved`);
    }
    const tags = { ...ctx.state.tags[r.type][r.id] };
    for (const key of remove) delete tags[key];
    for (const t of add) tags[t.Key!] = t.Value ?? '';
    if (Object.keys(tags).length > MAX_PER_RESOURCE) r53Fail(ctx, 'InvalidInput', `Invalid request: a resource can have at most ${MAX_PER_RESOURCE} tags`);
    if (Object.keys(tags).length > 0) ctx.state.tags[r.type][r.id] = tags;
    else delete ctx.state.tags[r.type][r.id];
    return {};
  },

  ListTagsForResource(input: ListTagsForResourceCommandInput, ctx: R53Ctx): Out<ListTagsForResourceCommandOutput> {
    const r = resource(ctx, input.ResourceType, input.ResourceId);
    return { ResourceTagSet: tagSet(ctx, r.type, r.id) };
  },

  ListTagsForResources(input: ListTagsForResourcesCommandInput, ctx: R53Ctx): Out<ListTagsForResourcesCommandOutput> {
    const ids = requireInput(ctx, input.ResourceIds, 'ResourceIds');
    if (ids.length < 1 || ids.length > MAX_PER_CALL) r53Fail(ctx, 'InvalidInput', `Invalid request: ResourceIds holds 1 to ${MAX_PER_CALL} ids`);
    const sets = ids.map((id) => resource(ctx, input.ResourceType, id));
    return { ResourceTagSets: sets.map((r) => tagSet(ctx, r.type, r.id)) };
  },
} satisfies OperationTable<Route53State>;
