/**
 * A DistributionConfig as the spec writes it. CloudFront fills in what a request leaves
 * out (empty lists as { Quantity: 0 }, '' for unset ids, timeouts, OriginShield off,
 * TrustedSigners off, SSLSupportMethod vip on the default certificate...) and lists
 * methods in its own order; this view reads those fill-ins back as the schema's defaults,
 * so a distribution made from the spec compares equal to it. Members the spec does not
 * model (logging, geo restrictions, origin groups, error responses, function
 * associations...) are not in the view: blogctl leaves them as they are.
 */
import type { CacheBehavior, DefaultCacheBehavior, Distribution, DistributionConfig, Origin } from '@aws-sdk/client-cloudfront';
import type { DesiredOf } from '../../reconciler/types.ts';
import type { distributionProperties } from './schema.ts';

export type DistributionDesired = DesiredOf<typeof distributionProperties>;
export type DistributionView = Omit<DistributionDesired, 'tags'>;
export type OriginView = DistributionDesired['origins'][number];
export type BehaviorView = DistributionDesired['defaultCacheBehavior'];
export type PathBehaviorView = DistributionDesired['cacheBehaviors'][number];
type Method = BehaviorView['allowedMethods'][number];

/** What observe reports of a distribution. */
export interface ObservedDistribution {
  readonly distributionId: string;
  readonly arn: string;
  readonly domainName: string;
  /** InProgress while a change reaches the edge locations, then Deployed. */
  readonly status: string;
  readonly callerReference: string;
  readonly config: DistributionView;
  /** All tags, blogctl's included. */
  readonly tags: Readonly<Record<string, string>>;
}

/** CloudFront's alias hosted zone: every distribution's Route 53 alias target zone. */
export const CLOUDFRONT_ZONE = 'Z2FDTNDATAQYW2';

const METHOD_ORDER: readonly Method[] = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'];

/** A method list in one order (CloudFront answers HEAD, GET for GET, HEAD). */
export const sortMethods = (m: readonly string[]): Method[] =>
  [...new Set(m)].sort((a, b) => METHOD_ORDER.indexOf(a as Method) - METHOD_ORDER.indexOf(b as Method)) as Method[];

/** '' and absent mean the same to CloudFront: no such id. */
const optionalId = (v: string | undefined): string | undefined => (v === undefined || v === '' ? undefined : v);

function originView(o: Origin): OriginView {
  const c = o.CustomOriginConfig;
  return {
    id: o.Id ?? '',
    domainName: (o.DomainName ?? '').toLowerCase(),
    originPath: o.OriginPath ?? '',
    customOriginConfig: c && {
      httpPort: c.HTTPPort ?? 80,
      httpsPort: c.HTTPSPort ?? 443,
      originProtocolPolicy: c.OriginProtocolPolicy ?? 'http-only',
      originSslProtocols: [...(c.OriginSslProtocols?.Items ?? ['TLSv1.2'])].sort() as NonNullable<OriginView['customOriginConfig']>['originSslProtocols'],
      originReadTimeout: c.OriginReadTimeout ?? 30,
      originKeepaliveTimeout: c.OriginKeepaliveTimeout ?? 5,
    },
    originAccessControlId: optionalId(o.OriginAccessControlId),
    customHeaders: (o.CustomHeaders?.Items ?? [])
      .map((h) => ({ headerName: h.HeaderName ?? '', headerValue: h.HeaderValue ?? '' }))
      .sort((a, b) => a.headerName.localeCompare(b.headerName)),
    connectionAttempts: o.ConnectionAttempts ?? 3,
    connectionTimeout: o.ConnectionTimeout ?? 10,
  };
}

function behaviorView(b: DefaultCacheBehavior | CacheBehavior | undefined): BehaviorView {
  return {
    targetOriginId: b?.TargetOriginId ?? '',
    viewerProtocolPolicy: b?.ViewerProtocolPolicy ?? 'allow-all',
    allowedMethods: sortMethods(b?.AllowedMethods?.Items ?? ['GET', 'HEAD']),
    cachedMethods: sortMethods(b?.AllowedMethods?.CachedMethods?.Items ?? ['GET', 'HEAD']),
    compress: b?.Compress ?? false,
    cachePolicyId: b?.CachePolicyId ?? '',
    originRequestPolicyId: optionalId(b?.OriginRequestPolicyId),
    responseHeadersPolicyId: optionalId(b?.ResponseHeadersPolicyId),
  };
}

/** The spec-shaped view of what CloudFront holds. */
export function viewOf(c: DistributionConfig): DistributionView {
  const v = c.ViewerCertificate;
  return {
    comment: c.Comment ?? '',
    enabled: c.Enabled ?? false,
    aliases: (c.Aliases?.Items ?? []).map((a) => a.toLowerCase()).sort(),
    defaultRootObject: c.DefaultRootObject ?? '',
    origins: (c.Origins?.Items ?? []).map(originView),
    defaultCacheBehavior: behaviorView(c.DefaultCacheBehavior),
    cacheBehaviors: (c.CacheBehaviors?.Items ?? []).map((b) => ({ pathPattern: b.PathPattern ?? '', ...behaviorView(b) })),
    viewerCertificate: {
      acmCertificateArn: optionalId(v?.ACMCertificateArn),
      sslSupportMethod: v?.SSLSupportMethod ?? 'vip',
      minimumProtocolVersion: v?.MinimumProtocolVersion ?? 'TLSv1',
    },
    httpVersion: c.HttpVersion ?? 'http2',
    priceClass: (c.PriceClass ?? 'PriceClass_All') as DistributionView['priceClass'],
    isIpv6Enabled: c.IsIPV6Enabled ?? false,
    webAclId: optionalId(c.WebACLId),
  };
}

/** A Distribution (GetDistribution, Create/UpdateDistribution's answer) and its tags as observed. */
export function observedOf(d: Distribution, tags: Readonly<Record<string, string>>): ObservedDistribution {
  const config = d.DistributionConfig ?? ({} as DistributionConfig);
  return {
    distributionId: d.Id ?? '',
    arn: d.ARN ?? '',
    domainName: d.DomainName ?? '',
    status: d.Status ?? '',
    callerReference: config.CallerReference ?? '',
    config: viewOf(config),
    tags: { ...tags },
  };
}
