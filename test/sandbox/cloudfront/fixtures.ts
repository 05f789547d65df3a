/**
 * What the CloudFront suites share: a harness with a CloudFrontClient, and distribution
 * configs shaped like the blog's (an ALB custom origin and a private S3 origin).
 */
import { CloudFrontClient, type DistributionConfig } from '@aws-sdk/client-cloudfront';
import { Route53Client } from '@aws-sdk/client-route-53';
import { acmSimulator } from '../../../src/sandbox/acm/index.ts';
import { cloudFrontSimulator } from '../../../src/sandbox/cloudfront/index.ts';
import { route53Simulator } from '../../../src/sandbox/route53/index.ts';
import { DURATIONS } from '../../../src/sandbox/time.ts';
import { type Harness, harness } from '../harness.ts';

export const DEPLOY_MS = DURATIONS['cloudfront.distribution.deploy'].quick;
export const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';

export interface CfHarness extends Harness {
  readonly cf: CloudFrontClient;
  readonly r53: Route53Client;
}

/** CloudFront, Route 53 and ACM only (each suite sees just the services it talks to). */
export function cfHarness(options: Parameters<typeof harness>[0] = {}): CfHarness {
  const h = harness({ services: [cloudFrontSimulator, route53Simulator, acmSimulator], ...options });
  return { ...h, cf: h.clients.get(CloudFrontClient), r53: h.clients.get(Route53Client) };
}

export interface ConfigOptions {
  readonly ref?: string;
  readonly comment?: string;
  readonly enabled?: boolean;
  readonly aliases?: string[];
  readonly certificateArn?: string;
  readonly oacId?: string;
}

/** A distribution config as blogctl's adapter would send it. */
export function distributionConfig(o: ConfigOptions = {}): DistributionConfig {
  const aliases = o.aliases ?? [];
  return {
    CallerReference: o.ref ?? 'blog-cdn',
    Comment: o.comment ?? 'BlogDjango',
    Enabled: o.enabled ?? true,
    Aliases: { Quantity: aliases.length, Items: aliases },
    Origins: {
      Quantity: 2,
      Items: [
        {
          Id: 'alb',
          DomainName: 'blog-alb-123.us-east-1.elb.amazonaws.com',
          CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: 'https-only', OriginSslProtocols: { Quantity: 1, Items: ['TLSv1.2'] } },
        },
        {
          Id: 'media',
          DomainName: 'blog-media.s3.us-east-1.amazonaws.com',
          S3OriginConfig: { OriginAccessIdentity: '' },
          ...(o.oacId !== undefined && { OriginAccessControlId: o.oacId }),
        },
      ],
    },
    DefaultCacheBehavior: {
      TargetOriginId: 'alb',
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: { Quantity: 7, Items: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'], CachedMethods: { Quantity: 3, Items: ['GET', 'HEAD', 'OPTIONS'] } },
      Compress: true,
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      OriginRequestPolicyId: '216adef6-5c7f-47e4-b989-5492eafa07d3',
    },
    CacheBehaviors: {
      Quantity: 1,
      Items: [{ PathPattern: '/static/*', TargetOriginId: 'media', ViewerProtocolPolicy: 'redirect-to-https', Compress: true, CachePolicyId: CACHING_OPTIMIZED }],
    },
    ViewerCertificate: o.certificateArn
      ? { ACMCertificateArn: o.certificateArn, SSLSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' }
      : { CloudFrontDefaultCertificate: true },
    HttpVersion: 'http2',
    PriceClass: 'PriceClass_100',
    IsIPV6Enabled: false,
  };
}

/** A certificate requested from ACM, PENDING_VALIDATION until `validate`. */
export async function requestCertificate(h: CfHarness, domain = 'www.example.com'): Promise<string> {
  const out = (await h.sandbox.call('ACMClient', 'RequestCertificate', { DomainName: domain, ValidationMethod: 'DNS' })) as { CertificateArn: string };
  return out.CertificateArn;
}

/** Publishes the certificate's validation CNAME in example.com and waits until ACM issues it. */
export async function validate(h: CfHarness, CertificateArn: string): Promise<void> {
  const { sandbox, clock } = h;
  clock.advance(DURATIONS['acm.certificate.resource-record'].quick);
  const described = (await sandbox.call('ACMClient', 'DescribeCertificate', { CertificateArn })) as {
    Certificate: { DomainValidationOptions: { ResourceRecord: { Name: string; Value: string } }[] };
  };
  const record = described.Certificate.DomainValidationOptions[0]!.ResourceRecord;
  const zones = (await sandbox.call('Route53Client', 'ListHostedZonesByName', { DNSName: 'example.com' })) as { HostedZones: { Id: string }[] };
  await sandbox.call('Route53Client', 'ChangeResourceRecordSets', {
    HostedZoneId: zones.HostedZones[0]!.Id.replace('/hostedzone/', ''),
    ChangeBatch: { Changes: [{ Action: 'UPSERT', ResourceRecordSet: { Name: record.Name, Type: 'CNAME', TTL: 300, ResourceRecords: [{ Value: record.Value }] } }] },
  });
  clock.advance(DURATIONS['route53.change.propagate'].quick + DURATIONS['acm.certificate.validate'].quick);
}

/** An ISSUED certificate for `domain`. */
export async function issuedCertificate(h: CfHarness, domain = 'www.example.com'): Promise<string> {
  const arn = await requestCertificate(h, domain);
  await validate(h, arn);
  return arn;
}
