/**
 * The Resource Groups Tagging API: GetResources, which blogctl's engine calls once per
 * run to find the stack's resources of kinds that cannot list by tag. Tag filters AND
 * across keys, OR across a key's values (a key without values matches any value);
 * resource type filters are `service` or `service:type`; pages of up to 100.
 */
import type { GetResourcesCommandInput, GetResourcesCommandOutput } from '@aws-sdk/client-resource-groups-tagging-api';
import * as sdk from '@aws-sdk/client-resource-groups-tagging-api';
import { ResourceGroupsTaggingAPIServiceException } from '@aws-sdk/client-resource-groups-tagging-api';
import { DEFAULT_BUCKET } from '../faults.ts';
import { paginate } from '../paging.ts';
import { type CallContext, type ExceptionClass, type ServiceSimulator, sdkExceptions } from '../service.ts';
import { TAG_SOURCES, type TaggedResource } from './sources.ts';

/** Nothing of its own: it reads the other services' state. */
export type TaggingState = Record<string, never>;

function modelledExceptions(): Record<string, ExceptionClass> {
  const out: Record<string, ExceptionClass> = {};
  for (const [name, value] of Object.entries(sdk)) {
    if (typeof value === 'function' && value.prototype instanceof ResourceGroupsTaggingAPIServiceException) out[name] = value as ExceptionClass;
  }
  return out;
}

/** Does the ARN's service and resource type match a filter such as `lambda:function` or `s3`? */
export function typeMatches(arn: string, filter: string): boolean {
  const [service, type] = filter.split(':', 2);
  const parts = arn.split(':');
  if (parts[2] !== service) return false;
  if (type === undefined) return true;
  const resource = parts.slice(5).join(':');
  return resource.startsWith(`${type}/`) || resource.startsWith(`${type}:`);
}

function getResources(input: GetResourcesCommandInput, ctx: CallContext<TaggingState>): Omit<GetResourcesCommandOutput, '$metadata'> {
  const filters = input.TagFilters ?? [];
  if (filters.length > 50) ctx.fail('InvalidParameterException', 'TagFilters: at most 50 filters');
  if ((input.ResourceTypeFilters ?? []).some((f) => !/^[a-z0-9-]+(:[a-zA-Z0-9-]+)?$/.test(f)))
    ctx.fail('InvalidParameterException', `ResourceTypeFilters: "${input.ResourceTypeFilters!.join(', ')}" is not service[:resourceType]`);
  const all: TaggedResource[] = TAG_SOURCES.flatMap((s) => s.list(ctx.serviceState(s.service) as never));
  const matching = all.filter(
    (r) =>
      r.region === ctx.region &&
      Object.keys(r.tags).length > 0 &&
      filters.every((f) => f.Key !== undefined && f.Key in r.tags && (!f.Values || f.Values.length === 0 || f.Values.includes(r.tags[f.Key]!))) &&
      (!input.ResourceTypeFilters || input.ResourceTypeFilters.length === 0 || input.ResourceTypeFilters.some((t) => typeMatches(r.arn, t))),
  );
  const page = paginate(matching, (r) => r.arn, {
    size: input.ResourcesPerPage,
    token: input.PaginationToken,
    min: 1,
    max: 100,
    defaultSize: 100,
    invalid: (what, message) => ctx.fail(what === 'token' ? 'PaginationTokenExpiredException' : 'InvalidParameterException', message),
  });
  return {
    ResourceTagMappingList: page.items.map((r) => ({ ResourceARN: r.arn, Tags: Object.entries(r.tags).map(([Key, Value]) => ({ Key, Value })) })),
    PaginationToken: page.nextToken ?? '',
  };
}

export const taggingSimulator: ServiceSimulator<TaggingState> = {
  name: 'tagging',
  clientName: 'ResourceGroupsTaggingAPIClient',
  arnNamespace: 'tag',
  initialState: () => ({}),
  operations: { GetResources: getResources },
  errors: {
    throttling: { code: 'ThrottledException', status: 400 },
    serverError: { code: 'InternalServiceException', status: 500 },
    toException: sdkExceptions(ResourceGroupsTaggingAPIServiceException, modelledExceptions()),
  },
  rateLimit: () => DEFAULT_BUCKET,
};
