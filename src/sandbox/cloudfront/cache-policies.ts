/**
 * Cache policies: AWS's managed ones (fixed, public ids, the same in every account),
 * listed by ListCachePolicies (Type managed | custom | all, Marker/MaxItems) and read by
 * GetCachePolicy. The sandbox holds no custom policies, so they are constants, not state;
 * a distribution naming another id is refused with NoSuchCachePolicy, as AWS does.
 */
import type {
  CachePolicy,
  CachePolicyConfig,
  CachePolicySummary,
  GetCachePolicyCommandInput,
  GetCachePolicyCommandOutput,
  ListCachePoliciesCommandInput,
  ListCachePoliciesCommandOutput,
} from '@aws-sdk/client-cloudfront';
import type { OperationTable } from '../service.ts';
import { type CfCtx, cfFail } from './errors.ts';
import { listPage } from './listing.ts';
import type { CloudFrontState } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;

interface Managed {
  readonly id: string;
  readonly name: string;
  readonly comment: string;
  readonly ttl: readonly [min: number, def: number, max: number];
  readonly compress: boolean;
  readonly headers?: readonly string[];
  readonly cookies?: 'all';
  readonly queryStrings?: 'all' | readonly string[];
}

const YEAR = 31_536_000;
const ORIGIN_CACHE_HEADERS = ['Host', 'Origin', 'X-HTTP-Method-Override', 'X-HTTP-Method', 'X-Method-Override'];

/** AWS's managed cache policies (Developer Guide, "Use managed cache policies"), settings abridged. */
const MANAGED: readonly Managed[] = [
  { id: '2e54312d-136d-493c-8eb9-b001f22f67d2', name: 'Amplify', comment: 'Policy for Amplify Origin', ttl: [2, 2, 600], compress: true, headers: ['Authorization', 'CloudFront-Viewer-Country', 'Host'], cookies: 'all', queryStrings: 'all' },
  { id: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', name: 'CachingDisabled', comment: 'Policy with caching disabled', ttl: [0, 0, 0], compress: false },
  { id: '658327ea-f89d-4fab-a63d-7e88639e58f6', name: 'CachingOptimized', comment: 'Policy with caching enabled. Supports Gzip and Brotli compression.', ttl: [1, 86_400, YEAR], compress: true },
  { id: 'b2884449-e4de-46a7-ac36-70bc7f1ddd6d', name: 'CachingOptimizedForUncompressedObjects', comment: 'Default policy when compression is disabled', ttl: [1, 86_400, YEAR], compress: false },
  { id: '08627262-05a9-4f76-9ded-b50ca2e3a84f', name: 'Elemental-MediaPackage', comment: 'Policy for Elemental MediaPackage Origin', ttl: [0, 86_400, YEAR], compress: true, headers: ['origin'], queryStrings: ['aws.manifestfilter', 'start', 'end', 'm'] },
  { id: '83da9c7e-98b4-4e11-a168-04f0df8e2c65', name: 'UseOriginCacheControlHeaders', comment: 'Policy for origins that return Cache-Control headers. Query strings are not included in the cache key.', ttl: [0, 0, YEAR], compress: true, headers: ORIGIN_CACHE_HEADERS, cookies: 'all' },
  { id: '4cc15a8a-d715-48a4-82b8-cc0b614638fe', name: 'UseOriginCacheControlHeaders-QueryStrings', comment: 'Policy for origins that return Cache-Control headers and query strings that should be included in the cache key.', ttl: [0, 0, YEAR], compress: true, headers: ORIGIN_CACHE_HEADERS, cookies: 'all', queryStrings: 'all' },
];

/** When AWS introduced cache policies: the managed policies' LastModifiedTime. */
const MANAGED_SINCE = Date.UTC(2020, 6, 22);

const names = (items: readonly string[]) => ({ Quantity: items.length, Items: [...items] });

function config(p: Managed): CachePolicyConfig {
  const [MinTTL, DefaultTTL, MaxTTL] = p.ttl;
  const qs = p.queryStrings;
  return {
    Name: `Managed-${p.name}`,
    Comment: p.comment,
    MinTTL,
    DefaultTTL,
    MaxTTL,
    ParametersInCacheKeyAndForwardedToOrigin: {
      EnableAcceptEncodingGzip: p.compress,
      EnableAcceptEncodingBrotli: p.compress,
      HeadersConfig: p.headers ? { HeaderBehavior: 'whitelist', Headers: names(p.headers) } : { HeaderBehavior: 'none' },
      CookiesConfig: { CookieBehavior: p.cookies ?? 'none' },
      QueryStringsConfig: qs === undefined ? { QueryStringBehavior: 'none' } : qs === 'all' ? { QueryStringBehavior: 'all' } : { QueryStringBehavior: 'whitelist', QueryStrings: names(qs) },
    },
  };
}

const policy = (p: Managed): CachePolicy => ({ Id: p.id, LastModifiedTime: new Date(MANAGED_SINCE), CachePolicyConfig: config(p) });

/** Is `id` a cache policy of this account (the sandbox has only the managed ones)? */
export const cachePolicyExists = (id: string): boolean => MANAGED.some((p) => p.id === id);

export const cachePolicyOperations = {
  ListCachePolicies(input: ListCachePoliciesCommandInput, ctx: CfCtx): Out<ListCachePoliciesCommandOutput> {
    if (input.Type !== undefined && input.Type !== 'managed' && input.Type !== 'custom') cfFail(ctx, 'InvalidArgument', `The value of Type is not valid: ${input.Type}.`);
    const records = input.Type === 'custom' ? [] : MANAGED;
    const page = listPage(ctx, records, input);
    const items: CachePolicySummary[] = page.items.map((p) => ({ Type: 'managed', CachePolicy: policy(p) }));
    const { Marker: _marker, IsTruncated: _truncated, ...list } = page.list;
    return { CachePolicyList: { ...list, ...(items.length > 0 && { Items: items }) } };
  },

  GetCachePolicy(input: GetCachePolicyCommandInput, ctx: CfCtx): Out<GetCachePolicyCommandOutput> {
    const p = MANAGED.find((m) => m.id === input.Id);
    if (p === undefined) return cfFail(ctx, 'NoSuchCachePolicy');
    // Managed policies have a fixed ETag: they never change under a caller.
    return { CachePolicy: policy(p), ETag: `E${p.id.slice(0, 13).replaceAll('-', '').toUpperCase()}` };
  },
} satisfies OperationTable<CloudFrontState>;
