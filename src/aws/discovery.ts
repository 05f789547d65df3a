/**
 * Tag discovery for the engine (observe.ts `Discover`): every resource of a stack, of the
 * kinds that cannot list by tag, in one paginated Resource Groups Tagging API call
 * (GetResources with the blogctl:stack tag filter and the kinds' resource types),
 * instead of one call per bucket, function, table or distribution of the account.
 */
import { paginateGetResources, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import type { Discover, Discovered } from '../reconciler/observe.ts';
import { TAG, type ClientProvider } from '../reconciler/types.ts';

/** `{ service: 'lambda', resourceType: 'function' }` -> `lambda:function`, as GetResources takes it. */
export const resourceTypeFilter = (t: { service: string; resourceType?: string }): string =>
  t.resourceType ? `${t.service}:${t.resourceType}` : t.service;

export function tagDiscovery(clients: ClientProvider): Discover {
  return async (stack, types) => {
    const client = clients.get(ResourceGroupsTaggingAPIClient);
    const found: Discovered[] = [];
    const input = {
      TagFilters: [{ Key: TAG.stack, Values: [stack] }],
      ResourceTypeFilters: [...new Set(types.map(resourceTypeFilter))],
      ResourcesPerPage: 100,
    };
    for await (const page of paginateGetResources({ client }, input)) {
      for (const m of page.ResourceTagMappingList ?? []) {
        if (!m.ResourceARN) continue;
        found.push({ arn: m.ResourceARN, tags: Object.fromEntries((m.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])) });
      }
    }
    return found;
  };
}
