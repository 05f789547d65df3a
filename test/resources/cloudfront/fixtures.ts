/**
 * Contract fixtures of the CloudFront kinds, shared by the sandbox and the moto runs: an
 * origin access control, and a distribution shaped like the blog's (an ALB custom origin,
 * a private S3 origin signed by an OAC made through its own adapter, CachingDisabled +
 * AllViewer by default, CachingOptimized under /static/*). Desired values go through the
 * kinds' zod schemas, so every default is the one a spec gets.
 */
import type { DesiredOf } from '../../../src/reconciler/types.ts';
import { distributionAdapter, distributionProperties } from '../../../src/resources/cloudfront-distribution/index.ts';
import { MANAGED_CACHE_POLICIES, MANAGED_ORIGIN_REQUEST_POLICIES } from '../../../src/resources/cloudfront-distribution/shapes.ts';
import { originAccessControlAdapter, originAccessControlProperties } from '../../../src/resources/cloudfront-origin-access-control/index.ts';
import type { ContractOptions, Fixture, TestContext } from '../contract.ts';

export type OacDesired = DesiredOf<typeof originAccessControlProperties>;
export type DistDesired = DesiredOf<typeof distributionProperties>;

export const CACHING_DISABLED = MANAGED_CACHE_POLICIES.CachingDisabled!;
export const CACHING_OPTIMIZED = MANAGED_CACHE_POLICIES.CachingOptimized!;
export const ALL_VIEWER = MANAGED_ORIGIN_REQUEST_POLICIES.AllViewer!;
export const ALB_DOMAIN = 'contract-alb-123456789.us-east-1.elb.amazonaws.com';
export const MEDIA_DOMAIN = 'contract-media.s3.us-east-1.amazonaws.com';

export const oacDesired = (name: string, extra: Record<string, unknown> = {}): OacDesired =>
  originAccessControlProperties.parse({ name, description: 'signs requests to the media bucket', ...extra }) as OacDesired;

export async function oacFixture(ctx: TestContext): Promise<Fixture<OacDesired>> {
  const desired = oacDesired(`${ctx.stack}-oac`);
  return { desired, changedInPlace: { desired: { ...desired, description: 'v2', signingBehavior: 'no-override' }, paths: ['description', 'signingBehavior'] } };
}

/** A distribution's desired properties: the blog's shape, with `extra` properties laid over it. */
export function distDesired(oacId: string | undefined, extra: Record<string, unknown> = {}): DistDesired {
  return distributionProperties.parse({
    comment: 'contract',
    origins: [
      { id: 'alb', domainName: ALB_DOMAIN, customOriginConfig: { originProtocolPolicy: 'https-only' } },
      { id: 'media', domainName: MEDIA_DOMAIN, ...(oacId !== undefined && { originAccessControlId: oacId }) },
    ],
    defaultCacheBehavior: {
      targetOriginId: 'alb',
      viewerProtocolPolicy: 'redirect-to-https',
      allowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      cachedMethods: ['GET', 'HEAD', 'OPTIONS'],
      compress: true,
      cachePolicyId: CACHING_DISABLED,
      originRequestPolicyId: ALL_VIEWER,
    },
    cacheBehaviors: [
      { pathPattern: '/static/*', targetOriginId: 'media', viewerProtocolPolicy: 'redirect-to-https', compress: true, cachePolicyId: CACHING_OPTIMIZED },
    ],
    priceClass: 'PriceClass_100',
    tags: { Name: 'contract' },
    ...extra,
  }) as DistDesired;
}

/** The in-place change touches a top-level field, an origin, the default behavior, a new behavior and tags. */
export async function distributionFixture(ctx: TestContext, opts: { oac?: boolean } = {}): Promise<Fixture<DistDesired>> {
  const oacId = opts.oac === false ? undefined : (await originAccessControlAdapter.create('oac', oacDesired(`${ctx.stack}-oac`), ctx)).oacId;
  const desired = distDesired(oacId);
  const [alb, media] = desired.origins;
  const changed: DistDesired = {
    ...desired,
    comment: 'contract, v2',
    origins: [{ ...alb!, customOriginConfig: { ...alb!.customOriginConfig!, originReadTimeout: 60 } }, media!],
    defaultCacheBehavior: { ...desired.defaultCacheBehavior, compress: false },
    cacheBehaviors: [...desired.cacheBehaviors, { ...desired.cacheBehaviors[0]!, pathPattern: '/media/*' }],
    tags: { Name: 'contract', Team: 'blog' },
  };
  return {
    desired,
    changedInPlace: {
      desired: changed,
      paths: ['comment', 'origins[alb].customOriginConfig.originReadTimeout', 'defaultCacheBehavior.compress', 'cacheBehaviors[/media/*]', 'tags.Team'],
    },
  };
}

export type CloudFrontContract = Pick<ContractOptions<any, any>, 'adapter' | 'setup'>;

export const CLOUDFRONT_CONTRACTS: Readonly<Record<'cloudfront.origin-access-control' | 'cloudfront.distribution', CloudFrontContract>> = {
  'cloudfront.origin-access-control': { adapter: originAccessControlAdapter, setup: oacFixture },
  'cloudfront.distribution': { adapter: distributionAdapter, setup: (ctx: TestContext) => distributionFixture(ctx) },
};
