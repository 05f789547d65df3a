/**
 * acm.certificate: a public certificate validated through DNS. `${cert}` / `${cert.arn}`
 * is known only once the certificate is ISSUED ('ready'); the validation record's
 * name and value are known as soon as it exists, so the record does not wait on it.
 */
import { z } from 'zod';
import type { CheckContext, KindSchema, SpecProblem, SpecResource } from '../../reconciler/types.ts';
import { list, literal } from '../cross-checks.ts';
import { domainName, oneOf, tags } from '../fields.ts';

export const certificateProperties = z
  .object({
    domainName: domainName(),
    subjectAlternativeNames: z.array(domainName()).default([]),
    /** DNS only: e-mail validation cannot be automated. */
    validationMethod: oneOf(['DNS']).default('DNS'),
    keyAlgorithm: oneOf(['RSA_2048', 'EC_prime256v1', 'EC_secp384r1']).default('RSA_2048'),
    /** Certificate Transparency logging; browsers reject public certificates without it. */
    certificateTransparencyLogging: oneOf(['ENABLED', 'DISABLED']).default('ENABLED'),
    tags: tags(),
  })
  .strict();

export type CertificateProperties = z.infer<typeof certificateProperties>;

const bare = (n: string) => n.toLowerCase().replace(/\.$/, '');
/** Does the zone hold the name (a wildcard's validation goes to its base domain)? */
const holds = (zone: string, name: string) => {
  const host = bare(name.replace(/^\*\./, ''));
  return host === bare(zone) || host.endsWith(`.${bare(zone)}`);
};

/**
 * DNS validation writes a CNAME into the hosted zone of each name: a name no
 * route53.hosted-zone of the spec holds cannot be validated (unknown zone names, e.g. a
 * reference, prove nothing and pass).
 */
function missingZone(name: string, ctx: CheckContext): string | undefined {
  const zones = ctx.ofKind('route53.hosted-zone').map((z) => literal(z.properties.name));
  if (zones.some((z) => z === undefined)) return undefined;
  if (zones.some((z) => holds(z!, name))) return undefined;
  const have = zones.length === 0 ? 'the spec has none' : `the spec has ${zones.map((z) => bare(z!)).join(', ')}`;
  return `no hosted zone for ${name}: DNS validation writes its CNAME into the domain's Route 53 zone, and ${have}; add a route53.hosted-zone (looked up, never created) holding it`;
}

/**
 * The certificate needs the zones its validation records go into: with dependsOn on
 * them, a zone the lookup cannot find stops the certificate too (nothing is requested
 * that could never be validated, nor waited for by the listener).
 */
function checkZoneFirst(self: SpecResource, ctx: CheckContext): SpecProblem[] {
  const names = [self.properties.domainName, ...list(self.properties.subjectAlternativeNames)].map(literal);
  const holding = ctx.ofKind('route53.hosted-zone').filter((z) => {
    const zone = literal(z.properties.name);
    return zone !== undefined && names.some((n) => n !== undefined && holds(zone, n));
  });
  const missing = holding.filter((z) => !self.dependsOn.includes(z.id));
  return missing.length === 0
    ? []
    : [{ pos: ctx.posOf(self, 'domainName'), message: `its DNS validation needs hosted zone${missing.length > 1 ? 's' : ''} ${missing.map((z) => `"${z.id}"`).join(', ')}: add dependsOn: [${missing.map((z) => z.id).join(', ')}]` }];
}

export const certificateKind = {
  kind: 'acm.certificate',
  description: 'A public ACM certificate with DNS validation.',
  schema: certificateProperties,
  outputs: {
    arn: 'ready',
    domainName: 'exists',
    validationRecordName: 'exists',
    validationRecordType: 'exists',
    validationRecordValue: 'exists',
  },
  defaultOutput: 'arn',
  check(self, ctx) {
    const problems: SpecProblem[] = [];
    const names = [self.properties.domainName, ...list(self.properties.subjectAlternativeNames)];
    names.forEach((n, i) => {
      const name = literal(n);
      const path = i === 0 ? 'domainName' : `subjectAlternativeNames.${i - 1}`;
      if (name !== undefined && name.replace(/^\*\./, '').replace(/\.$/, '').split('.').length < 2)
        problems.push({ pos: ctx.posOf(self, path), message: `"${name}" is not a public domain name; ACM needs at least two labels (example.com)` });
      if (name !== undefined && name.length > 64 && i === 0)
        problems.push({ pos: ctx.posOf(self, path), message: 'the certificate\'s domainName is at most 64 characters; put longer names in subjectAlternativeNames' });
      if (i > 0 && String(n) === String(self.properties.domainName))
        problems.push({ pos: ctx.posOf(self, path), message: 'domainName is already in the certificate: remove it from subjectAlternativeNames' });
      const zone = name === undefined ? undefined : missingZone(name, ctx);
      if (zone) problems.push({ pos: ctx.posOf(self, path), message: zone });
    });
    problems.push(...checkZoneFirst(self, ctx));
    return problems;
  },
} satisfies KindSchema<'acm.certificate'>;
