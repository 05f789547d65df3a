/**
 * acm.certificate: a public certificate validated through DNS. `${cert}` / `${cert.arn}`
 * is known only once the certificate is ISSUED ('ready'); the validation record's
 * name and value are known as soon as it exists, so the record does not wait on it.
 */
import { z } from 'zod';
import type { KindSchema, SpecProblem } from '../reconciler/types.ts';
import { list, literal } from './cross-checks.ts';
import { domainName, oneOf, tags } from './fields.ts';

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
    });
    return problems;
  },
} satisfies KindSchema<'acm.certificate'>;
