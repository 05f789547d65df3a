/**
 * A certificate as observe reports it, from ACM's DescribeCertificate and tags. ACM
 * lists the domain name first among the subject alternative names and spells key
 * algorithms `RSA-2048` where RequestCertificate takes `RSA_2048`: both are brought to
 * the spec's form.
 */
import type { CertificateDetail, Tag } from '@aws-sdk/client-acm';
import type { DesiredOf } from '../../reconciler/types.ts';
import { tagRecord } from '../normalize/tags.ts';
import type { certificateProperties } from './schema.ts';

export type CertificateDesired = DesiredOf<typeof certificateProperties>;

/** The CNAME ACM asks for, to prove control of a domain name. */
export interface ValidationRecord {
  readonly name: string;
  readonly type: string;
  readonly value: string;
}

export interface ObservedCertificate {
  readonly arn: string;
  readonly domainName: string;
  /** Without the domain name itself, sorted. */
  readonly subjectAlternativeNames: readonly string[];
  readonly keyAlgorithm: string;
  readonly validationMethod: string;
  readonly certificateTransparencyLogging: 'ENABLED' | 'DISABLED';
  /** PENDING_VALIDATION | ISSUED | VALIDATION_TIMED_OUT | FAILED | ... */
  readonly status: string;
  /** AMAZON_ISSUED | IMPORTED | PRIVATE */
  readonly type: string;
  /** The domain name's validation record, once ACM shows it (seconds after the request). */
  readonly validation?: ValidationRecord;
  /** Has every name its validation record yet? */
  readonly recordsShown: boolean;
  /** ARNs of what uses it (load balancers, distributions). */
  readonly inUseBy: readonly string[];
  readonly tags: Record<string, string>;
}

const lower = (s: string) => s.toLowerCase().replace(/\.$/, '');

export const keyAlgorithmOf = (k: string | undefined): string => (k ?? 'RSA_2048').replace('-', '_');

export function fromAws(c: CertificateDetail, tags: readonly Tag[]): ObservedCertificate {
  const domainName = lower(c.DomainName ?? '');
  const options = c.DomainValidationOptions ?? [];
  const own = options.find((o) => lower(o.DomainName ?? '') === domainName)?.ResourceRecord;
  const dns = (c.DomainValidationOptions ?? []).every((o) => o.ValidationMethod !== 'EMAIL');
  return {
    arn: c.CertificateArn!,
    domainName,
    subjectAlternativeNames: [...new Set((c.SubjectAlternativeNames ?? []).map(lower))].filter((n) => n !== domainName).sort(),
    keyAlgorithm: keyAlgorithmOf(c.KeyAlgorithm),
    validationMethod: dns ? 'DNS' : 'EMAIL',
    certificateTransparencyLogging: c.Options?.CertificateTransparencyLoggingPreference === 'DISABLED' ? 'DISABLED' : 'ENABLED',
    status: c.Status ?? 'PENDING_VALIDATION',
    type: c.Type ?? 'AMAZON_ISSUED',
    ...(own?.Name && own.Value && { validation: { name: own.Name, type: own.Type ?? 'CNAME', value: own.Value } }),
    recordsShown: options.length > 0 && options.every((o) => o.ResourceRecord?.Name !== undefined),
    inUseBy: c.InUseBy ?? [],
    tags: tagRecord(tags),
  };
}
