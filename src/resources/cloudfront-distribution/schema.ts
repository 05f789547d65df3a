/**
 * cloudfront.distribution: the blog's front door. Its outputs are known once it exists:
 * nothing waits for the (slow) Deployed state.
 */
import { z } from 'zod';
import { Ref, type CheckContext, type KindSchema, type SpecProblem, type SpecResource } from '../../reconciler/types.ts';
import { checkOutputUse, checkUnique, list, literal, target } from '../cross-checks.ts';
import { cacheBehavior, CACHED_METHOD_SETS, ALLOWED_METHOD_SETS, defaultCacheBehavior, origin, viewerCertificate } from './shapes.ts';
import { domainName, oneOf, str, tags } from '../fields.ts';

export const distributionProperties = z
  .object({
    comment: z.string().max(128).default(''),
    enabled: z.boolean().default(true),
    /** Alternate domain names (CNAMEs); each must be covered by the viewer certificate. */
    aliases: z.array(domainName()).default([]),
    defaultRootObject: z.string().default(''),
    origins: z.array(origin).min(1, { error: 'a distribution needs at least one origin' }),
    defaultCacheBehavior,
    /** Matched in order before the default behavior, e.g. /static/* to the media bucket. */
    cacheBehaviors: z.array(cacheBehavior).default([]),
    viewerCertificate,
    httpVersion: oneOf(['http1.1', 'http2', 'http2and3', 'http3']).default('http2'),
    priceClass: oneOf(['PriceClass_All', 'PriceClass_200', 'PriceClass_100']).default('PriceClass_All'),
    isIpv6Enabled: z.boolean().default(false),
    webAclId: str().optional(),
    tags: tags(),
  })
  .strict();

export type DistributionProperties = z.infer<typeof distributionProperties>;

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && b.every((m) => a.includes(m));

/** Does a certificate name (possibly *.x) cover a host name? */
const covers = (cert: string, host: string) =>
  cert === host || (cert.startsWith('*.') && host.endsWith(cert.slice(1)) && !host.slice(0, -cert.length + 1).includes('.'));

function checkDistribution(self: SpecResource, ctx: CheckContext): SpecProblem[] {
  const p = self.properties as DistributionProperties;
  const problems: SpecProblem[] = [];
  const at = (path: string, message: string) => problems.push({ pos: ctx.posOf(self, path), message });
  const originIds = p.origins.map((o) => o.id);
  problems.push(...checkUnique(self, ctx, 'origins', (o) => (o as { id: string }).id, 'this origin id'));
  problems.push(...checkUnique(self, ctx, 'cacheBehaviors', (b) => (b as { pathPattern: string }).pathPattern, 'this path pattern'));
  const behaviors = [['defaultCacheBehavior', p.defaultCacheBehavior] as const, ...p.cacheBehaviors.map((b, i) => [`cacheBehaviors.${i}`, b] as const)];
  for (const [path, b] of behaviors) {
    if (!originIds.includes(b.targetOriginId))
      at(`${path}.targetOriginId`, `no origin has id "${b.targetOriginId}" (origins: ${originIds.join(', ')})`);
    if (!ALLOWED_METHOD_SETS.some((set) => sameSet(b.allowedMethods, set)))
      at(`${path}.allowedMethods`, `CloudFront allows only these method sets: ${ALLOWED_METHOD_SETS.map((s) => s.join(' ')).join(' | ')}`);
    if (!CACHED_METHOD_SETS.some((set) => sameSet(b.cachedMethods, set)) || !b.cachedMethods.every((m) => b.allowedMethods.includes(m)))
      at(`${path}.cachedMethods`, 'cachedMethods is GET HEAD or GET HEAD OPTIONS, and only methods that are allowed');
  }
  p.origins.forEach((o, i) => {
    const custom = o.customOriginConfig !== undefined;
    if (custom && o.originAccessControlId !== undefined)
      at(`origins.${i}.originAccessControlId`, 'origin access control is for S3 origins; a custom origin authenticates otherwise (e.g. a secret header)');
    const source = o.domainName instanceof Ref ? o.domainName : undefined;
    const bucket = target(source, ctx, 's3.bucket');
    if (bucket && !custom && (source?.attr === 'websiteEndpoint' || source?.attr === 'websiteDomain'))
      at(`origins.${i}.domainName`, `a website endpoint is a custom origin (customOriginConfig, http-only); for an S3 origin use \${${bucket.id}.regionalDomainName}`);
    if (bucket && !custom && source?.attr === undefined)
      at(`origins.${i}.domainName`, `\${${bucket.id}} is the bucket's name; an S3 origin's domain is \${${bucket.id}.regionalDomainName}`);
    if (!custom && literal(o.domainName)?.endsWith('.elb.amazonaws.com'))
      at(`origins.${i}`, 'a load balancer is a custom origin: add customOriginConfig');
  });
  const cert = target(p.viewerCertificate.acmCertificateArn, ctx, 'acm.certificate');
  if (p.aliases.length > 0 && p.viewerCertificate.acmCertificateArn === undefined)
    at('aliases', 'aliases need viewerCertificate.acmCertificateArn: the default certificate covers only *.cloudfront.net');
  if (cert) {
    const names = [cert.properties.domainName, ...list(cert.properties.subjectAlternativeNames)].map(literal);
    p.aliases.forEach((a, i) => {
      const alias = literal(a);
      if (alias !== undefined && names.every((n) => n !== undefined) && !names.some((n) => covers(n!, alias)))
        at(`aliases.${i}`, `certificate "${cert.id}" (${names.join(', ')}) does not cover the alias ${alias}: add it to the certificate's subjectAlternativeNames, or fix the alias`);
    });
  }
  problems.push(...checkOutputUse(self, ctx, 'viewerCertificate.acmCertificateArn', { kind: 'acm.certificate', defaultOutput: 'arn', outputs: ['arn'] }));
  return problems;
}

export const distributionKind = {
  kind: 'cloudfront.distribution',
  description: 'A CloudFront distribution: origins, cache behaviors, aliases and certificate.',
  schema: distributionProperties,
  outputs: { id: 'exists', arn: 'exists', domainName: 'exists', hostedZoneId: 'exists' },
  defaultOutput: 'id',
  check: checkDistribution,
} satisfies KindSchema<'cloudfront.distribution'>;
