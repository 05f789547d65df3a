/**
 * The edge of blog.spec.yaml: the ACM certificate (issued through its validation CNAME in
 * the example.com zone, the clock advanced until ACM says ISSUED), the origin access
 * control and the CloudFront distribution in front of the ALB and the media bucket, and
 * the failover DNS (a health check of the ALB, a PRIMARY alias to CloudFront and a
 * SECONDARY alias to the failover bucket's website endpoint).
 */
import { ACMClient, DescribeCertificateCommand, RequestCertificateCommand } from '@aws-sdk/client-acm';
import {
  CloudFrontClient,
  CreateDistributionWithTagsCommand,
  CreateOriginAccessControlCommand,
  type DistributionConfig,
} from '@aws-sdk/client-cloudfront';
import {
  ChangeResourceRecordSetsCommand,
  ChangeTagsForResourceCommand,
  CreateHealthCheckCommand,
  ListHostedZonesByNameCommand,
  type ResourceRecordSet,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { DOMAIN, HOST, type Stack, STACK } from './context.ts';

const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER = '216adef6-5c7f-47e4-b989-5492eafa07d3';
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const CLOUDFRONT_ZONE = 'Z2FDTNDATAQYW2';
const S3_WEBSITE_ZONE = 'Z3AQBSTGFYJSTF';

async function upsert(s: Stack, record: ResourceRecordSet): Promise<void> {
  await s.clients.get(Route53Client).send(
    new ChangeResourceRecordSetsCommand({ HostedZoneId: s.out('zone'), ChangeBatch: { Changes: [{ Action: 'UPSERT', ResourceRecordSet: record }] } }),
  );
}

/** Requests the certificate, publishes its validation CNAME and advances the clock until it is ISSUED. */
export async function buildCertificate(s: Stack): Promise<void> {
  const acm = s.clients.get(ACMClient);
  const zones = await s.clients.get(Route53Client).send(new ListHostedZonesByNameCommand({ DNSName: DOMAIN, MaxItems: 1 }));
  const zone = zones.HostedZones?.find((z) => z.Name === `${DOMAIN}.`);
  if (zone === undefined) throw new Error(`full stack: no hosted zone ${DOMAIN}`);
  s.found('zone', zone.Id!.replace('/hostedzone/', ''));
  const req = await acm.send(new RequestCertificateCommand({ DomainName: HOST, ValidationMethod: 'DNS', Tags: s.tags('cert', `${STACK}-cert`) }));
  const arn = s.made('cert', req.CertificateArn!);
  const describe = async () => (await acm.send(new DescribeCertificateCommand({ CertificateArn: arn }))).Certificate!;
  const record = await s.until('the validation CNAME', async () => (await describe()).DomainValidationOptions?.[0]?.ResourceRecord, 250);
  await upsert(s, { Name: record.Name, Type: 'CNAME', TTL: 300, ResourceRecords: [{ Value: record.Value }] });
  s.made('certValidationRecord', record.Name!);
  await s.until('ISSUED', async () => ((await describe()).Status === 'ISSUED' ? true : undefined));
}

function distributionConfig(s: Stack): DistributionConfig {
  const media = { TargetOriginId: 'media', ViewerProtocolPolicy: 'redirect-to-https' as const, Compress: true, CachePolicyId: CACHING_OPTIMIZED };
  const getHead = { Quantity: 2, Items: ['GET' as const, 'HEAD' as const] };
  return {
    CallerReference: `${STACK}-cdn`,
    Comment: 'BlogDjango - ALB for the app, the private media bucket for static/ and media/',
    Enabled: true,
    Aliases: { Quantity: 1, Items: [HOST] },
    Origins: {
      Quantity: 2,
      Items: [
        {
          Id: 'alb',
          DomainName: s.out('alb.dnsName'),
          CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: 'https-only', OriginSslProtocols: { Quantity: 1, Items: ['TLSv1.2'] } },
        },
        {
          Id: 'media',
          DomainName: `${s.out('media')}.s3.${s.region}.amazonaws.com`,
          S3OriginConfig: { OriginAccessIdentity: '' },
          OriginAccessControlId: s.out('mediaOac'),
        },
      ],
    },
    DefaultCacheBehavior: {
      TargetOriginId: 'alb',
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: {
        Quantity: 7,
        Items: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
        CachedMethods: { Quantity: 3, Items: ['GET', 'HEAD', 'OPTIONS'] },
      },
      Compress: true,
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER,
    },
    CacheBehaviors: {
      Quantity: 2,
      Items: [
        { PathPattern: '/static/*', ...media, AllowedMethods: { ...getHead, CachedMethods: getHead } },
        { PathPattern: '/media/*', ...media, AllowedMethods: { ...getHead, CachedMethods: getHead } },
      ],
    },
    ViewerCertificate: { ACMCertificateArn: s.out('cert'), SSLSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' },
    HttpVersion: 'http2',
    PriceClass: 'PriceClass_100',
    IsIPV6Enabled: false,
  };
}

/** The origin access control and the distribution (needs the ALB, the media bucket and the ISSUED certificate). */
export async function buildCdn(s: Stack): Promise<void> {
  const cf = s.clients.get(CloudFrontClient);
  const oac = await cf.send(
    new CreateOriginAccessControlCommand({
      OriginAccessControlConfig: {
        Name: `${STACK}-media-oac`,
        Description: 'CloudFront signs its requests to the private media bucket',
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    }),
  );
  s.made('mediaOac', oac.OriginAccessControl!.Id!);
  const tags = { Items: s.tags('cdn', `${STACK}-cdn`) };
  const out = await cf.send(new CreateDistributionWithTagsCommand({ DistributionConfigWithTags: { DistributionConfig: distributionConfig(s), Tags: tags } }));
  const d = out.Distribution!;
  s.made('cdn', d.Id!, { arn: d.ARN!, domainName: d.DomainName! });
}

/** The health check of the ALB and the two failover records of www. */
export async function buildFailoverDns(s: Stack): Promise<void> {
  const r53 = s.clients.get(Route53Client);
  const hc = await r53.send(
    new CreateHealthCheckCommand({
      CallerReference: `${STACK}-health`,
      HealthCheckConfig: {
        Type: 'HTTPS', FullyQualifiedDomainName: s.out('alb.dnsName'), Port: 443, ResourcePath: '/', RequestInterval: 30, FailureThreshold: 3, EnableSNI: true,
      },
    }),
  );
  const healthCheckId = s.made('healthCheck', hc.HealthCheck!.Id!);
  await r53.send(new ChangeTagsForResourceCommand({ ResourceType: 'healthcheck', ResourceId: healthCheckId, AddTags: s.tags('healthCheck', `${STACK}-health`) }));
  await upsert(s, {
    Name: HOST, Type: 'A', SetIdentifier: 'primary', Failover: 'PRIMARY', HealthCheckId: healthCheckId,
    AliasTarget: { DNSName: s.out('cdn.domainName'), HostedZoneId: CLOUDFRONT_ZONE, EvaluateTargetHealth: false },
  });
  s.made('primaryRecord', `${HOST}/A/primary`);
  await upsert(s, {
    Name: HOST, Type: 'A', SetIdentifier: 'secondary', Failover: 'SECONDARY',
    AliasTarget: { DNSName: s.out('failoverBucket.websiteDomain'), HostedZoneId: S3_WEBSITE_ZONE, EvaluateTargetHealth: false },
  });
  s.made('secondaryRecord', `${HOST}/A/secondary`);
}
