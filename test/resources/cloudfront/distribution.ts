/**
 * cloudfront.distribution on the sandbox: what CloudFront fills in is not drift, what the
 * spec does not model survives an update, and diff names each changed field (origins by
 * id, behaviors by pattern and order, the certificate's rules, header values hidden).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CloudFrontClient, CreateDistributionWithTagsCommand, GetDistributionConfigCommand, UpdateDistributionCommand, type DistributionConfig,
} from '@aws-sdk/client-cloudfront';
import { Route53Client } from '@aws-sdk/client-route-53';
import { TAG } from '../../../src/reconciler/types.ts';
import { distributionAdapter as cdn } from '../../../src/resources/cloudfront-distribution/index.ts';
import { HIDDEN } from '../../../src/resources/cloudfront-distribution/diff.ts';
import { issuedCertificate } from '../../sandbox/cloudfront/fixtures.ts';
import { only, sandboxContext } from '../contract.ts';
import { ALB_DOMAIN, CACHING_DISABLED, CACHING_OPTIMIZED, distDesired, MEDIA_DOMAIN } from './fixtures.ts';

const paths = (changes: readonly { path: string }[]) => changes.map((c) => c.path);

/** The least a request may say: everything else is CloudFront's default, in CloudFront's own order. */
const minimal = (ref: string): DistributionConfig => ({
  CallerReference: ref,
  Comment: 'contract',
  Enabled: true,
  Origins: {
    Quantity: 2,
    Items: [
      { Id: 'media', DomainName: MEDIA_DOMAIN.toUpperCase(), S3OriginConfig: { OriginAccessIdentity: '' } },
      { Id: 'alb', DomainName: ALB_DOMAIN, CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: 'https-only' } },
    ],
  },
  DefaultCacheBehavior: { TargetOriginId: 'alb', ViewerProtocolPolicy: 'allow-all', CachePolicyId: CACHING_DISABLED, AllowedMethods: { Quantity: 2, Items: ['HEAD', 'GET'] } },
});

/** The spec of `minimal`, written with the schema's defaults only. */
const minimalSpec = () =>
  distDesired(undefined, {
    origins: [
      { id: 'alb', domainName: ALB_DOMAIN, customOriginConfig: { originProtocolPolicy: 'https-only' } },
      { id: 'media', domainName: MEDIA_DOMAIN },
    ],
    defaultCacheBehavior: { targetOriginId: 'alb', viewerProtocolPolicy: 'allow-all', cachePolicyId: CACHING_DISABLED },
    cacheBehaviors: [],
    priceClass: 'PriceClass_All',
    tags: {},
  });

async function madeBySdk(ctx: ReturnType<typeof sandboxContext>, config: DistributionConfig) {
  const cf = ctx.h.clients.get(CloudFrontClient);
  const tags = { Items: Object.entries(ctx.identityTags('cdn')).map(([Key, Value]) => ({ Key, Value })) };
  const out = await cf.send(new CreateDistributionWithTagsCommand({ DistributionConfigWithTags: { DistributionConfig: config, Tags: tags } }));
  return { cf, id: out.Distribution!.Id!, arn: out.Distribution!.ARN! };
}

describe('cloudfront.distribution: what CloudFront fills in', () => {
  it('a distribution made with only the required members equals the spec that writes only defaults', async () => {
    const ctx = sandboxContext();
    const { arn } = await madeBySdk(ctx, minimal('minimal'));
    const seen = only(await cdn.observe([{ id: 'cdn', arn }], ctx), 'cdn')!;
    // CloudFront answered: HEAD before GET, OriginReadTimeout 30, ConnectionAttempts 3, vip + TLSv1 on the default certificate...
    assert.deepEqual(seen.state.config.viewerCertificate, { acmCertificateArn: undefined, sslSupportMethod: 'vip', minimumProtocolVersion: 'TLSv1' });
    assert.deepEqual(cdn.diff(minimalSpec(), seen.state), []);
  });

  it('methods, TLS protocols and aliases compare as sets; domain names without case', async () => {
    const ctx = sandboxContext();
    const made = await cdn.create('cdn', distDesired(undefined), ctx);
    const spec = distDesired(undefined);
    const reordered = {
      ...spec,
      origins: spec.origins.map((o) => (o.customOriginConfig ? { ...o, domainName: o.domainName.toUpperCase(), customOriginConfig: { ...o.customOriginConfig, originSslProtocols: ['TLSv1.2' as const] } } : o)),
      defaultCacheBehavior: { ...spec.defaultCacheBehavior, allowedMethods: [...spec.defaultCacheBehavior.allowedMethods].reverse(), cachedMethods: ['OPTIONS' as const, 'HEAD' as const, 'GET' as const] },
    };
    assert.deepEqual(cdn.diff(reordered, made), []);
    const tls = { ...spec, origins: spec.origins.map((o) => (o.customOriginConfig ? { ...o, customOriginConfig: { ...o.customOriginConfig, originSslProtocols: ['TLSv1.2' as const, 'TLSv1.1' as const] } } : o)) };
    assert.deepEqual(paths(cdn.diff(tls, made)), ['origins[alb].customOriginConfig.originSslProtocols']);
  });

  it('on the default certificate, the TLS policy is not compared (CloudFront uses TLSv1); with an ACM certificate it is', async () => {
    const ctx = sandboxContext();
    const made = await cdn.create('cdn', distDesired(undefined), ctx);
    const spec = distDesired(undefined, { viewerCertificate: { minimumProtocolVersion: 'TLSv1.2_2019' } });
    assert.deepEqual(cdn.diff(spec, made), []);
    const arn = 'arn:aws:acm:us-east-1:123456789012:certificate/0b7a4ab1-0000-4000-8000-000000000000';
    const withCert = distDesired(undefined, { viewerCertificate: { acmCertificateArn: arn } });
    assert.deepEqual(paths(cdn.diff(withCert, made)), ['viewerCertificate.acmCertificateArn', 'viewerCertificate.sslSupportMethod', 'viewerCertificate.minimumProtocolVersion']);
  });

  it('what the spec does not model is kept by an update and is not drift', async () => {
    const ctx = sandboxContext();
    const made = await cdn.create('cdn', distDesired(undefined), ctx);
    const cf = ctx.h.clients.get(CloudFrontClient);
    const Id = made.distributionId;
    const { DistributionConfig: c, ETag } = await cf.send(new GetDistributionConfigCommand({ Id }));
    const logging = { Enabled: true, IncludeCookies: false, Bucket: 'logs.s3.amazonaws.com', Prefix: 'cdn/' };
    const geo = { GeoRestriction: { RestrictionType: 'blacklist' as const, Quantity: 1, Items: ['KP'] } };
    await cf.send(new UpdateDistributionCommand({ Id, IfMatch: ETag, DistributionConfig: { ...c!, Logging: logging, Restrictions: geo } }));
    const seen = only(await cdn.observe([{ id: 'cdn', arn: made.arn }], ctx), 'cdn')!;
    assert.deepEqual(cdn.diff(distDesired(undefined), seen.state), [], 'logging and geo restrictions are not in the spec');

    const changed = distDesired(undefined, { comment: 'v2' });
    await cdn.update('cdn', changed, seen.state, cdn.diff(changed, seen.state), ctx);
    const after = (await cf.send(new GetDistributionConfigCommand({ Id }))).DistributionConfig!;
    assert.equal(after.Comment, 'v2');
    assert.deepEqual(after.Logging, logging);
    assert.deepEqual(after.Restrictions, geo);
  });
});

describe('cloudfront.distribution: every field of the spec', () => {
  it('each field changed from the defaults is one named change; update makes AWS equal to the spec again', async () => {
    const ctx = sandboxContext();
    const cert = await issuedCertificate({ ...ctx.h, cf: ctx.h.clients.get(CloudFrontClient), r53: ctx.h.clients.get(Route53Client) }, 'www.example.com');
    const base = distDesired(undefined);
    const made = await cdn.create('cdn', base, ctx);
    const [, media] = base.origins;
    const everything = distDesired(undefined, {
      comment: 'every field',
      enabled: false,
      aliases: ['www.example.com'],
      defaultRootObject: 'index.html',
      origins: [
        {
          id: 'alb', domainName: 'other-alb.us-east-1.elb.amazonaws.com', originPath: '/app',
          customOriginConfig: { httpPort: 8080, httpsPort: 8443, originProtocolPolicy: 'match-viewer', originSslProtocols: ['TLSv1.2', 'TLSv1.1'], originReadTimeout: 60, originKeepaliveTimeout: 10 },
          customHeaders: [{ headerName: 'X-Origin-Verify', headerValue: 'secret' }], connectionAttempts: 2, connectionTimeout: 5,
        },
        { ...media!, domainName: 'other-media.s3.us-east-1.amazonaws.com' },
      ],
      defaultCacheBehavior: {
        targetOriginId: 'media', viewerProtocolPolicy: 'https-only', allowedMethods: ['GET', 'HEAD', 'OPTIONS'], cachedMethods: ['GET', 'HEAD'],
        compress: false, cachePolicyId: CACHING_OPTIMIZED, responseHeadersPolicyId: '67f7725c-6f97-4210-82d7-5512b31e9d03',
      },
      cacheBehaviors: [{ ...base.cacheBehaviors[0]!, targetOriginId: 'alb', viewerProtocolPolicy: 'allow-all', compress: false, originRequestPolicyId: '216adef6-5c7f-47e4-b989-5492eafa07d3' }],
      viewerCertificate: { acmCertificateArn: cert, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2019' },
      httpVersion: 'http2and3',
      priceClass: 'PriceClass_200',
      isIpv6Enabled: true,
      webAclId: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/blog/0b7a4ab1',
      tags: { Name: 'renamed' },
    });
    const changes = cdn.diff(everything, made);
    assert.deepEqual(paths(changes).sort(), [
      'aliases[www.example.com]', 'cacheBehaviors[/static/*].compress', 'cacheBehaviors[/static/*].originRequestPolicyId', 'cacheBehaviors[/static/*].targetOriginId',
      'cacheBehaviors[/static/*].viewerProtocolPolicy', 'comment', 'defaultCacheBehavior.allowedMethods', 'defaultCacheBehavior.cachePolicyId',
      'defaultCacheBehavior.cachedMethods', 'defaultCacheBehavior.compress', 'defaultCacheBehavior.originRequestPolicyId', 'defaultCacheBehavior.responseHeadersPolicyId',
      'defaultCacheBehavior.targetOriginId', 'defaultCacheBehavior.viewerProtocolPolicy', 'defaultRootObject', 'enabled', 'httpVersion', 'isIpv6Enabled',
      'origins[alb].connectionAttempts', 'origins[alb].connectionTimeout', 'origins[alb].customHeaders[X-Origin-Verify]', 'origins[alb].customOriginConfig.httpPort',
      'origins[alb].customOriginConfig.httpsPort', 'origins[alb].customOriginConfig.originKeepaliveTimeout', 'origins[alb].customOriginConfig.originProtocolPolicy',
      'origins[alb].customOriginConfig.originReadTimeout', 'origins[alb].customOriginConfig.originSslProtocols', 'origins[alb].domainName', 'origins[alb].originPath',
      'origins[media].domainName', 'priceClass', 'tags.Name', 'viewerCertificate.acmCertificateArn', 'viewerCertificate.minimumProtocolVersion',
      'viewerCertificate.sslSupportMethod', 'webAclId',
    ].sort());
    const returned = await cdn.update('cdn', everything, made, changes, ctx);
    assert.deepEqual(cdn.diff(everything, returned), []);
    const seen = only(await cdn.observe([{ id: 'cdn', arn: made.arn }], ctx), 'cdn')!;
    assert.deepEqual(cdn.diff(everything, seen.state), [], 'a fresh observe agrees');
    const back = await cdn.update('cdn', base, seen.state, cdn.diff(base, seen.state), ctx);
    assert.deepEqual(cdn.diff(base, back), [], 'and back to the defaults');
  });
});

describe('cloudfront.distribution: diff', () => {
  it('names origins by id and behaviors by pattern; an order change of behaviors is a change', async () => {
    const ctx = sandboxContext();
    const spec = distDesired(undefined, {
      cacheBehaviors: [
        { pathPattern: '/static/*', targetOriginId: 'media', viewerProtocolPolicy: 'redirect-to-https', cachePolicyId: CACHING_OPTIMIZED },
        { pathPattern: '/media/*', targetOriginId: 'media', viewerProtocolPolicy: 'redirect-to-https', cachePolicyId: CACHING_OPTIMIZED },
      ],
    });
    const made = await cdn.create('cdn', spec, ctx);
    const swapped = { ...spec, cacheBehaviors: [spec.cacheBehaviors[1]!, spec.cacheBehaviors[0]!] };
    assert.deepEqual(cdn.diff(swapped, made), [{ path: 'cacheBehaviors', from: ['/static/*', '/media/*'], to: ['/media/*', '/static/*'] }]);
    const fewer = { ...spec, origins: [spec.origins[0]!], cacheBehaviors: [], defaultCacheBehavior: { ...spec.defaultCacheBehavior, originRequestPolicyId: undefined } };
    assert.deepEqual(paths(cdn.diff(fewer, made)), ['origins[media]', 'defaultCacheBehavior.originRequestPolicyId', 'cacheBehaviors[/static/*]', 'cacheBehaviors[/media/*]']);
  });

  it('custom header values are compared but never shown', async () => {
    const ctx = sandboxContext();
    const header = (value: string) =>
      distDesired(undefined, {
        origins: [
          { id: 'alb', domainName: ALB_DOMAIN, customOriginConfig: { originProtocolPolicy: 'https-only' }, customHeaders: [{ headerName: 'X-Origin-Verify', headerValue: value }] },
          { id: 'media', domainName: MEDIA_DOMAIN },
        ],
      });
    const made = await cdn.create('cdn', header('s3cret-1'), ctx);
    assert.deepEqual(cdn.diff(header('s3cret-1'), made), []);
    const changes = cdn.diff(header('s3cret-2'), made);
    assert.deepEqual(changes, [{ path: 'origins[alb].customHeaders[X-Origin-Verify].headerValue', from: HIDDEN, to: HIDDEN }]);
    const none = cdn.diff(distDesired(undefined), made);
    assert.deepEqual(none, [{ path: 'origins[alb].customHeaders[X-Origin-Verify]', from: HIDDEN, to: undefined }]);
    assert.ok(!JSON.stringify([...changes, ...none]).includes('s3cret'));
  });

  it('webAclId absent is not managed; blogctl tags are left to the engine', async () => {
    const ctx = sandboxContext();
    const made = await cdn.create('cdn', distDesired(undefined), ctx);
    const attached = { ...made, config: { ...made.config, webAclId: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/fms/1' } };
    assert.deepEqual(cdn.diff(distDesired(undefined), attached), []);
    assert.deepEqual(paths(cdn.diff(distDesired(undefined, { webAclId: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/mine/2' }), attached)), ['webAclId']);
    assert.deepEqual(cdn.diff(distDesired(undefined), { ...made, tags: { ...made.tags, [TAG.spec]: 'other' } }), []);
  });
});
