/**
 * The plan-time check of cache policy ids: every behavior's cachePolicyId must be one of
 * the account's cache policies (AWS's managed ones, whose ids are fixed and public, or the
 * account's own). One paginated ListCachePolicies per plan (managed and custom, 100 a
 * page) instead of a GetCachePolicy per id; an id one typo away from a managed policy is
 * named in the message.
 */
import { CloudFrontClient, ListCachePoliciesCommand } from '@aws-sdk/client-cloudfront';
import { distance } from 'fastest-levenshtein';
import { KNOWN_AFTER_APPLY, type AdapterContext, type DesiredProblem, type ObserveRequest } from '../../reconciler/types.ts';
import { MANAGED_CACHE_POLICIES } from './shapes.ts';
import type { DistributionDesired } from './view.ts';

interface Use {
  readonly id: string;
  readonly path: string;
  readonly policy: string;
}

function uses(requests: readonly ObserveRequest<DistributionDesired>[]): Use[] {
  return requests.flatMap((r) => {
    const d = r.desired;
    if (d === undefined) return [];
    return [
      { id: r.id, path: 'defaultCacheBehavior.cachePolicyId', policy: d.defaultCacheBehavior.cachePolicyId },
      ...d.cacheBehaviors.map((b, i) => ({ id: r.id, path: `cacheBehaviors.${i}.cachePolicyId`, policy: b.cachePolicyId })),
    ].filter((u) => !u.policy.includes(KNOWN_AFTER_APPLY));
  });
}

async function policyIds(cf: CloudFrontClient): Promise<Set<string>> {
  const ids = new Set<string>();
  let marker: string | undefined;
  do {
    const page = (await cf.send(new ListCachePoliciesCommand({ ...(marker && { Marker: marker }) }))).CachePolicyList;
    for (const s of page?.Items ?? []) if (s.CachePolicy?.Id) ids.add(s.CachePolicy.Id);
    marker = page?.NextMarker;
  } while (marker);
  return ids;
}

/** Emulators without cache policies (moto) answer 404 or 501 for the operation itself. */
const unsupported = (err: unknown): boolean => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return !/NoSuch/.test(e.name ?? '') && (e.$metadata?.httpStatusCode === 404 || e.$metadata?.httpStatusCode === 501 || /NotImplemented|UnknownOperation/.test(e.name ?? ''));
};

function message(policy: string): string {
  const [name, id] = Object.entries(MANAGED_CACHE_POLICIES).reduce((best, e) => (distance(policy, e[1]) < distance(policy, best[1]) ? e : best));
  const near = distance(policy, id) <= 4 ? `; did you mean the managed ${name}, ${id}?` : ` (CloudFront's managed policies include CachingOptimized ${MANAGED_CACHE_POLICIES.CachingOptimized} and CachingDisabled ${MANAGED_CACHE_POLICIES.CachingDisabled})`;
  return `cache policy ${policy} does not exist in this account${near}`;
}

export async function checkCachePolicies(requests: readonly ObserveRequest<DistributionDesired>[], ctx: AdapterContext): Promise<DesiredProblem[]> {
  const all = uses(requests);
  if (all.length === 0) return [];
  let known: Set<string>;
  try {
    known = await policyIds(ctx.clients.get(CloudFrontClient));
  } catch (err) {
    if (!unsupported(err)) throw err;
    ctx.log.warn({ operation: 'ListCachePolicies' }, 'this endpoint does not list cache policies: cachePolicyId values are not checked before apply');
    return [];
  }
  return all.filter((u) => !known.has(u.policy)).map((u) => ({ id: u.id, path: u.path, message: message(u.policy) }));
}
