/** The parts of cloudfront.distribution: origins, cache behaviors, viewer certificate. */
import { z } from 'zod';
import { arn, idRef, int, oneOf, refSchema, str } from '../fields.ts';

const METHODS = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'] as const;

/** CloudFront accepts exactly these method sets. */
export const ALLOWED_METHOD_SETS = [['GET', 'HEAD'], ['GET', 'HEAD', 'OPTIONS'], [...METHODS]] as const;
export const CACHED_METHOD_SETS = [['GET', 'HEAD'], ['GET', 'HEAD', 'OPTIONS']] as const;

/** AWS's managed cache policies (fixed, public ids), so a name written in place of an id gets its id in the message. */
export const MANAGED_CACHE_POLICIES: Readonly<Record<string, string>> = {
  CachingOptimized: '658327ea-f89d-4fab-a63d-7e88639e58f6',
  CachingDisabled: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
  CachingOptimizedForUncompressedObjects: 'b2884449-e4de-46a7-ac36-70bc7f1ddd6d',
  UseOriginCacheControlHeaders: '83da9c7e-98b4-4e11-a168-04f0df8e2c65',
  'UseOriginCacheControlHeaders-QueryStrings': '4cc15a8a-d715-48a4-82b8-cc0b614638fe',
  Amplify: '2e54312d-136d-493c-8eb9-b001f22f67d2',
  'Elemental-MediaPackage': '08627262-05a9-4f76-9ded-b50ca2e3a84f',
};

/** AWS's managed origin request policies. */
export const MANAGED_ORIGIN_REQUEST_POLICIES: Readonly<Record<string, string>> = {
  AllViewer: '216adef6-5c7f-47e4-b989-5492eafa07d3',
  AllViewerExceptHostHeader: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
  'AllViewerAndCloudFrontHeaders-2022-06': '33f36d7e-f396-46d9-90e0-52428a34d9dc',
  'CORS-S3Origin': '88a5eaf4-2fd4-4709-b370-b4c650ea3fcf',
  'CORS-CustomOrigin': '59781a5b-3903-41f3-afcb-af62929ccde1',
  UserAgentRefererHeaders: 'acba4595-bd28-49b8-b9fe-13317c0390fa',
};

/** AWS's managed response headers policies. */
export const MANAGED_RESPONSE_HEADERS_POLICIES: Readonly<Record<string, string>> = {
  SecurityHeadersPolicy: '67f7725c-6f97-4210-82d7-5512b31e9d03',
  'CORS-and-SecurityHeadersPolicy': 'e61eb60c-9c35-4d20-a928-2b84e02af89c',
};

const POLICY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const policyId = (what: string, managed: Readonly<Record<string, string>>) =>
  z.union([
    z.string().superRefine((v, ctx) => {
      if (POLICY_ID.test(v)) return;
      const id = managed[v] ?? managed[v.replace(/^Managed-/, '')];
      const [exampleName, exampleId] = Object.entries(managed)[0]!;
      ctx.addIssue({
        code: 'custom',
        message: id ? `use the id of the managed ${what} ${v}: ${id}` : `"${v}" is not a ${what} id (a UUID such as ${exampleId}, the managed ${exampleName})`,
      });
    }),
    refSchema,
  ]);

const behaviorFields = {
  targetOriginId: z.string().min(1),
  viewerProtocolPolicy: oneOf(['allow-all', 'https-only', 'redirect-to-https']),
  /** One of: [GET, HEAD], [GET, HEAD, OPTIONS], or all seven methods. */
  allowedMethods: z.array(oneOf(METHODS)).default(['GET', 'HEAD']),
  cachedMethods: z.array(oneOf(METHODS)).default(['GET', 'HEAD']),
  compress: z.boolean().default(false),
  /**
   * e.g. CachingOptimized 658327ea-f89d-4fab-a63d-7e88639e58f6, CachingDisabled
   * 4135ea2d-6df8-44a3-9df3-4b5a84be39ad. Checked at plan time against the account's
   * cache policies (ListCachePolicies).
   */
  cachePolicyId: policyId('cache policy', MANAGED_CACHE_POLICIES),
  /** e.g. AllViewer 216adef6-5c7f-47e4-b989-5492eafa07d3 (forwards Host, cookies, query strings). Absent: none. */
  originRequestPolicyId: policyId('origin request policy', MANAGED_ORIGIN_REQUEST_POLICIES).optional(),
  /** Absent: none. */
  responseHeadersPolicyId: policyId('response headers policy', MANAGED_RESPONSE_HEADERS_POLICIES).optional(),
};

export const defaultCacheBehavior = z.object(behaviorFields).strict();
export const cacheBehavior = z.object({ pathPattern: z.string().min(1), ...behaviorFields }).strict();

export const origin = z
  .object({
    id: z.string().min(1),
    domainName: str(),
    originPath: z.string().regex(/^(\/.*[^/])?$/, { error: 'an origin path starts with "/" and does not end with one' }).default(''),
    /** A custom (HTTP) origin such as a load balancer; absent means an S3 bucket's REST endpoint. */
    customOriginConfig: z
      .object({
        httpPort: int(1, 65535).default(80),
        httpsPort: int(1, 65535).default(443),
        originProtocolPolicy: oneOf(['http-only', 'https-only', 'match-viewer']),
        originSslProtocols: z.array(oneOf(['TLSv1.2', 'TLSv1.1', 'TLSv1', 'SSLv3'])).default(['TLSv1.2']),
        originReadTimeout: int(1, 180).default(30),
        originKeepaliveTimeout: int(1, 180).default(5),
      })
      .strict()
      .optional(),
    /** S3 origins: ${oac}, so the bucket can stay private. */
    originAccessControlId: idRef().optional(),
    /** Headers CloudFront adds to every request to this origin. */
    customHeaders: z.array(z.object({ headerName: z.string().min(1), headerValue: str() }).strict()).default([]),
    connectionAttempts: int(1, 3).default(3),
    connectionTimeout: int(1, 10).default(10),
  })
  .strict();

export const viewerCertificate = z
  .object({
    /** An ISSUED certificate in us-east-1: ${cert}. Absent: the *.cloudfront.net certificate. */
    acmCertificateArn: arn().optional(),
    sslSupportMethod: oneOf(['sni-only', 'vip', 'static-ip']).default('sni-only'),
    minimumProtocolVersion: oneOf(['TLSv1.2_2021', 'TLSv1.2_2019', 'TLSv1.2_2018', 'TLSv1.1_2016', 'TLSv1_2016', 'TLSv1', 'SSLv3', 'TLSv1.3_2025', 'TLSv1.2_2025']).default('TLSv1.2_2021'),
  })
  .strict()
  .prefault({});
