/**
 * A DistributionConfig as CloudFront keeps it: the request's own shape, Quantity/Items
 * lists checked (InconsistentQuantities), enums checked (InvalidArgument), and the members
 * AWS fills in when they are left out filled in (empty lists as { Quantity: 0 }, '' for
 * unset ids, Logging off, no geo restriction, the default certificate...), so what
 * GetDistributionConfig returns can be sent back to UpdateDistribution unchanged.
 */
import type {
  AllowedMethods,
  CacheBehavior,
  CustomOriginConfig,
  DefaultCacheBehavior,
  DistributionConfig,
  Method,
  Origin,
  SslProtocol,
  ViewerCertificate,
} from '@aws-sdk/client-cloudfront';
import { type CfCtx, cfFail } from './errors.ts';

interface QuantityList<T> {
  Quantity?: number | undefined;
  Items?: T[] | undefined;
}

const METHODS = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'];
const ALLOWED_SETS = [['GET', 'HEAD'], ['GET', 'HEAD', 'OPTIONS'], METHODS];
const CACHED_SETS = [['GET', 'HEAD'], ['GET', 'HEAD', 'OPTIONS']];
const VIEWER_POLICIES = ['allow-all', 'https-only', 'redirect-to-https'];
const PRICE_CLASSES = ['PriceClass_100', 'PriceClass_200', 'PriceClass_All', 'None'];
const HTTP_VERSIONS = ['http1.1', 'http2', 'http2and3', 'http3'];
const SSL_SUPPORT = ['sni-only', 'vip', 'static-ip'];
const MIN_PROTOCOLS = ['SSLv3', 'TLSv1', 'TLSv1_2016', 'TLSv1.1_2016', 'TLSv1.2_2018', 'TLSv1.2_2019', 'TLSv1.2_2021', 'TLSv1.2_2025', 'TLSv1.3_2025'];
const ORIGIN_POLICIES = ['http-only', 'https-only', 'match-viewer'];
const SSL_PROTOCOLS = ['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2'];

function required<T>(ctx: CfCtx, value: T | undefined | null, path: string): T {
  if (value === undefined || value === null) cfFail(ctx, 'InvalidArgument', `The parameter ${path} is required.`);
  return value;
}

function oneOf(ctx: CfCtx, value: string | undefined, allowed: readonly string[], path: string): void {
  if (value !== undefined && !allowed.includes(value)) cfFail(ctx, 'InvalidArgument', `The value of ${path} is not valid: ${value}.`);
}

/** A Quantity/Items list: Quantity must equal the number of Items; an empty one has no Items. */
export function quantityList<T>(ctx: CfCtx, list: QuantityList<T> | undefined, path: string): { Quantity: number; Items?: T[] } {
  if (list === undefined) return { Quantity: 0 };
  const items = list.Items ?? [];
  const quantity = required(ctx, list.Quantity, `${path}.Quantity`);
  if (quantity !== items.length) cfFail(ctx, 'InconsistentQuantities', `The value of Quantity and the size of Items don't match in ${path}.`);
  return items.length > 0 ? { Quantity: quantity, Items: [...items] } : { Quantity: 0 };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((m) => b.includes(m));

function allowedMethods(ctx: CfCtx, m: AllowedMethods | undefined, path: string): AllowedMethods {
  const getHead: Method[] = ['HEAD', 'GET'];
  const allowed = quantityList<Method>(ctx, m ?? { Quantity: 2, Items: getHead }, `${path}.AllowedMethods`);
  const cached = quantityList<Method>(ctx, m?.CachedMethods ?? { Quantity: 2, Items: getHead }, `${path}.AllowedMethods.CachedMethods`);
  const a = (allowed.Items ?? []) as string[];
  const c = (cached.Items ?? []) as string[];
  if (!ALLOWED_SETS.some((s) => sameSet(a, s))) cfFail(ctx, 'InvalidArgument', `The parameter ${path}.AllowedMethods is not a supported combination of methods.`);
  if (!CACHED_SETS.some((s) => sameSet(c, s)) || !c.every((x) => a.includes(x))) {
    cfFail(ctx, 'InvalidArgument', `The parameter ${path}.AllowedMethods.CachedMethods is not a supported combination of methods.`);
  }
  return { Quantity: allowed.Quantity, Items: allowed.Items ?? [], CachedMethods: { Quantity: cached.Quantity, Items: cached.Items ?? [] } };
}

function behavior<B extends DefaultCacheBehavior | CacheBehavior>(ctx: CfCtx, b: B, path: string): B {
  required(ctx, b.TargetOriginId, `${path}.TargetOriginId`);
  required(ctx, b.ViewerProtocolPolicy, `${path}.ViewerProtocolPolicy`);
  oneOf(ctx, b.ViewerProtocolPolicy, VIEWER_POLICIES, `${path}.ViewerProtocolPolicy`);
  if (b.CachePolicyId === undefined && b.ForwardedValues === undefined) cfFail(ctx, 'InvalidArgument', 'The parameter ForwardedValues is required.');
  const signers = quantityList(ctx, b.TrustedSigners, `${path}.TrustedSigners`);
  const keyGroups = quantityList(ctx, b.TrustedKeyGroups, `${path}.TrustedKeyGroups`);
  return {
    ...b,
    TrustedSigners: { Enabled: b.TrustedSigners?.Enabled ?? false, ...signers },
    TrustedKeyGroups: { Enabled: b.TrustedKeyGroups?.Enabled ?? false, ...keyGroups },
    AllowedMethods: allowedMethods(ctx, b.AllowedMethods, path),
    SmoothStreaming: b.SmoothStreaming ?? false,
    Compress: b.Compress ?? false,
    LambdaFunctionAssociations: quantityList(ctx, b.LambdaFunctionAssociations, `${path}.LambdaFunctionAssociations`),
    FunctionAssociations: quantityList(ctx, b.FunctionAssociations, `${path}.FunctionAssociations`),
    FieldLevelEncryptionId: b.FieldLevelEncryptionId ?? '',
  };
}

function customOrigin(ctx: CfCtx, c: CustomOriginConfig, path: string): CustomOriginConfig {
  required(ctx, c.HTTPPort, `${path}.HTTPPort`);
  required(ctx, c.HTTPSPort, `${path}.HTTPSPort`);
  oneOf(ctx, required(ctx, c.OriginProtocolPolicy, `${path}.OriginProtocolPolicy`), ORIGIN_POLICIES, `${path}.OriginProtocolPolicy`);
  const protocols = quantityList<SslProtocol>(ctx, c.OriginSslProtocols ?? { Quantity: 1, Items: ['TLSv1.2'] }, `${path}.OriginSslProtocols`);
  for (const p of protocols.Items ?? []) oneOf(ctx, p, SSL_PROTOCOLS, `${path}.OriginSslProtocols`);
  return { ...c, OriginSslProtocols: { Quantity: protocols.Quantity, Items: protocols.Items ?? [] }, OriginReadTimeout: c.OriginReadTimeout ?? 30, OriginKeepaliveTimeout: c.OriginKeepaliveTimeout ?? 5 };
}

function origin(ctx: CfCtx, o: Origin, path: string): Origin {
  required(ctx, o.Id, `${path}.Id`);
  required(ctx, o.DomainName, `${path}.DomainName`);
  const kinds = [o.S3OriginConfig, o.CustomOriginConfig, o.VpcOriginConfig].filter((k) => k !== undefined).length;
  if (kinds !== 1) cfFail(ctx, 'InvalidOrigin', `Exactly one of CustomOriginConfig, VpcOriginConfig and S3OriginConfig must be specified (origin ${o.Id}).`);
  return {
    ...o,
    OriginPath: o.OriginPath ?? '',
    CustomHeaders: quantityList(ctx, o.CustomHeaders, `${path}.CustomHeaders`),
    ...(o.S3OriginConfig && { S3OriginConfig: { ...o.S3OriginConfig, OriginAccessIdentity: o.S3OriginConfig.OriginAccessIdentity ?? '' } }),
    ...(o.CustomOriginConfig && { CustomOriginConfig: customOrigin(ctx, o.CustomOriginConfig, `${path}.CustomOriginConfig`) }),
    ConnectionAttempts: o.ConnectionAttempts ?? 3,
    ConnectionTimeout: o.ConnectionTimeout ?? 10,
    OriginShield: o.OriginShield ?? { Enabled: false },
    OriginAccessControlId: o.OriginAccessControlId ?? '',
  };
}

function viewerCertificate(ctx: CfCtx, v: ViewerCertificate | undefined): ViewerCertificate {
  oneOf(ctx, v?.SSLSupportMethod, SSL_SUPPORT, 'ViewerCertificate.SSLSupportMethod');
  oneOf(ctx, v?.MinimumProtocolVersion, MIN_PROTOCOLS, 'ViewerCertificate.MinimumProtocolVersion');
  const custom = [v?.ACMCertificateArn, v?.IAMCertificateId].filter((x) => x !== undefined && x !== '');
  if (custom.length > 1 || (custom.length === 1 && v?.CloudFrontDefaultCertificate === true)) {
    cfFail(ctx, 'InvalidViewerCertificate', 'Specify exactly one of CloudFrontDefaultCertificate, ACMCertificateArn and IAMCertificateId.');
  }
  if (v?.ACMCertificateArn) {
    if (v.SSLSupportMethod === undefined) cfFail(ctx, 'InvalidViewerCertificate', 'The SSLSupportMethod is required with a custom SSL certificate.');
    return {
      CloudFrontDefaultCertificate: false,
      ACMCertificateArn: v.ACMCertificateArn,
      SSLSupportMethod: v.SSLSupportMethod,
      MinimumProtocolVersion: v.MinimumProtocolVersion ?? 'TLSv1',
      Certificate: v.ACMCertificateArn,
      CertificateSource: 'acm',
    };
  }
  if (v?.IAMCertificateId) cfFail(ctx, 'InvalidViewerCertificate', 'IAM server certificates are not simulated by the blogctl sandbox: use ACMCertificateArn.');
  return { CloudFrontDefaultCertificate: true, SSLSupportMethod: 'vip', MinimumProtocolVersion: v?.MinimumProtocolVersion ?? 'TLSv1', CertificateSource: 'cloudfront' };
}

/** The config as CloudFront stores it; throws CloudFront's error for a malformed one. */
export function normalizeConfig(ctx: CfCtx, c: DistributionConfig | undefined): DistributionConfig {
  if (c === undefined) return cfFail(ctx, 'MissingBody');
  required(ctx, c.CallerReference, 'CallerReference');
  required(ctx, c.Comment, 'Comment');
  required(ctx, c.Enabled, 'Enabled');
  oneOf(ctx, c.PriceClass, PRICE_CLASSES, 'PriceClass');
  oneOf(ctx, c.HttpVersion, HTTP_VERSIONS, 'HttpVersion');
  const origins = quantityList(ctx, required(ctx, c.Origins, 'Origins'), 'Origins');
  if (origins.Quantity === 0) cfFail(ctx, 'InvalidArgument', 'The parameter Origins must contain at least one origin.');
  const behaviors = quantityList(ctx, c.CacheBehaviors, 'CacheBehaviors');
  const geo = c.Restrictions?.GeoRestriction;
  return {
    ...c,
    Aliases: quantityList(ctx, c.Aliases, 'Aliases'),
    DefaultRootObject: c.DefaultRootObject ?? '',
    Origins: { Quantity: origins.Quantity, Items: (origins.Items ?? []).map((o, i) => origin(ctx, o, `Origins.Items[${i}]`)) },
    OriginGroups: quantityList(ctx, c.OriginGroups, 'OriginGroups'),
    DefaultCacheBehavior: behavior(ctx, required(ctx, c.DefaultCacheBehavior, 'DefaultCacheBehavior'), 'DefaultCacheBehavior'),
    CacheBehaviors: {
      Quantity: behaviors.Quantity,
      ...(behaviors.Items && {
        Items: behaviors.Items.map((b, i) => behavior(ctx, { ...b, PathPattern: required(ctx, b.PathPattern, `CacheBehaviors.Items[${i}].PathPattern`) }, `CacheBehaviors.Items[${i}]`)),
      }),
    },
    CustomErrorResponses: quantityList(ctx, c.CustomErrorResponses, 'CustomErrorResponses'),
    Logging: { Enabled: false, IncludeCookies: false, Bucket: '', Prefix: '', ...c.Logging },
    PriceClass: c.PriceClass ?? 'PriceClass_All',
    ViewerCertificate: viewerCertificate(ctx, c.ViewerCertificate),
    Restrictions: {
      GeoRestriction: { RestrictionType: geo?.RestrictionType ?? 'none', ...quantityList(ctx, geo, 'Restrictions.GeoRestriction') },
    },
    WebACLId: c.WebACLId ?? '',
    HttpVersion: c.HttpVersion ?? 'http2',
    IsIPV6Enabled: c.IsIPV6Enabled ?? false,
    ContinuousDeploymentPolicyId: c.ContinuousDeploymentPolicyId ?? '',
    Staging: c.Staging ?? false,
  };
}
