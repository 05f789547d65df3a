/**
 * The DistributionConfig blogctl sends. On create it is built from the spec alone; on
 * update it is laid over what GetDistributionConfig returned, origin by id and behavior by
 * path pattern, so what the spec does not model (logging, geo restrictions, origin groups,
 * error responses, function associations, origin shield...) is sent back unchanged.
 */
import type { CacheBehavior, DefaultCacheBehavior, DistributionConfig, Origin, ViewerCertificate } from '@aws-sdk/client-cloudfront';
import { sortMethods, type BehaviorView, type DistributionDesired, type OriginView } from './view.ts';

/** CloudFront's list shape: Quantity and Items (no Items when empty). */
const list = <T>(items: readonly T[]) => (items.length > 0 ? { Quantity: items.length, Items: [...items] } : { Quantity: 0 });

function originConfig(o: OriginView, current: Origin | undefined): Origin {
  const { S3OriginConfig: s3, CustomOriginConfig: custom, VpcOriginConfig: _vpc, ...base } = current ?? {};
  const c = o.customOriginConfig;
  return {
    ...base,
    Id: o.id,
    DomainName: o.domainName,
    OriginPath: o.originPath,
    CustomHeaders: list(o.customHeaders.map((h) => ({ HeaderName: h.headerName, HeaderValue: h.headerValue }))),
    ConnectionAttempts: o.connectionAttempts,
    ConnectionTimeout: o.connectionTimeout,
    OriginAccessControlId: o.originAccessControlId ?? '',
    ...(c
      ? {
          CustomOriginConfig: {
            ...custom,
            HTTPPort: c.httpPort,
            HTTPSPort: c.httpsPort,
            OriginProtocolPolicy: c.originProtocolPolicy,
            OriginSslProtocols: { Quantity: c.originSslProtocols.length, Items: [...c.originSslProtocols] },
            OriginReadTimeout: c.originReadTimeout,
            OriginKeepaliveTimeout: c.originKeepaliveTimeout,
          },
        }
      : // An S3 REST origin: with an OAC, no origin access identity (CloudFront refuses both).
        { S3OriginConfig: { ...s3, OriginAccessIdentity: o.originAccessControlId ? '' : (s3?.OriginAccessIdentity ?? '') } }),
  };
}

function behaviorConfig<B extends DefaultCacheBehavior>(b: BehaviorView, current: B | undefined): DefaultCacheBehavior {
  // A cache policy replaces the legacy forwarded values and TTLs: CloudFront refuses both.
  const { ForwardedValues: _fv, MinTTL: _min, DefaultTTL: _def, MaxTTL: _max, OriginRequestPolicyId: _orp, ResponseHeadersPolicyId: _rhp, ...base } = current ?? ({} as B);
  const allowed = sortMethods(b.allowedMethods);
  const cached = sortMethods(b.cachedMethods);
  return {
    ...base,
    TargetOriginId: b.targetOriginId,
    ViewerProtocolPolicy: b.viewerProtocolPolicy,
    AllowedMethods: { Quantity: allowed.length, Items: allowed, CachedMethods: { Quantity: cached.length, Items: cached } },
    Compress: b.compress,
    CachePolicyId: b.cachePolicyId,
    ...(b.originRequestPolicyId !== undefined && { OriginRequestPolicyId: b.originRequestPolicyId }),
    ...(b.responseHeadersPolicyId !== undefined && { ResponseHeadersPolicyId: b.responseHeadersPolicyId }),
  };
}

function certificate(v: DistributionDesired['viewerCertificate']): ViewerCertificate {
  return v.acmCertificateArn === undefined
    ? { CloudFrontDefaultCertificate: true }
    : { CloudFrontDefaultCertificate: false, ACMCertificateArn: v.acmCertificateArn, SSLSupportMethod: v.sslSupportMethod, MinimumProtocolVersion: v.minimumProtocolVersion };
}

/**
 * The config for `desired`: over `current` (update: its CallerReference and every member
 * the spec does not model kept), or new with `callerReference` (create).
 */
export function configFor(desired: DistributionDesired, callerReference: string, current?: DistributionConfig): DistributionConfig {
  const origins = new Map((current?.Origins?.Items ?? []).map((o) => [o.Id, o]));
  const behaviors = new Map((current?.CacheBehaviors?.Items ?? []).map((b) => [b.PathPattern, b]));
  return {
    ...current,
    CallerReference: current?.CallerReference ?? callerReference,
    Comment: desired.comment,
    Enabled: desired.enabled,
    Aliases: list(desired.aliases),
    DefaultRootObject: desired.defaultRootObject,
    Origins: { Quantity: desired.origins.length, Items: desired.origins.map((o) => originConfig(o, origins.get(o.id))) },
    DefaultCacheBehavior: behaviorConfig(desired.defaultCacheBehavior, current?.DefaultCacheBehavior),
    CacheBehaviors: list(
      desired.cacheBehaviors.map((b): CacheBehavior => ({ ...behaviorConfig(b, behaviors.get(b.pathPattern)), PathPattern: b.pathPattern })),
    ),
    ViewerCertificate: certificate(desired.viewerCertificate),
    HttpVersion: desired.httpVersion,
    PriceClass: desired.priceClass,
    IsIPV6Enabled: desired.isIpv6Enabled,
    // Absent in the spec: not managed, so whatever is attached stays.
    WebACLId: desired.webAclId ?? current?.WebACLId ?? '',
  };
}

/** The same config with Enabled false: the first step of a delete. */
export const disabled = (c: DistributionConfig): DistributionConfig => ({ ...c, Enabled: false });
