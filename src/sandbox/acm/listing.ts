/**
 * ListCertificates: CertificateStatuses and Includes filters (by default only RSA_1024 and
 * RSA_2048 certificates are listed, as ACM does), MaxItems/NextToken paging, sorting by
 * creation time.
 */
import type { CertificateSummary, ListCertificatesCommandInput, ListCertificatesCommandOutput } from '@aws-sdk/client-acm';
import { paginate } from '../paging.ts';
import type { OperationTable } from '../service.ts';
import { inRegion, inUseBy, notAfter, notBefore, settle } from './certificate-rules.ts';
import type { AcmCtx, AcmState, CertRec } from './state.ts';

const DEFAULT_KEY_TYPES = ['RSA_1024', 'RSA_2048'];

function summary(ctx: AcmCtx, c: CertRec): CertificateSummary {
  const issued = c.status === 'ISSUED' && c.issuedAt !== null;
  const used = inUseBy(ctx, c.arn).length > 0;
  return {
    CertificateArn: c.arn,
    DomainName: c.domainName,
    SubjectAlternativeNameSummaries: c.subjectAlternativeNames.slice(0, 100),
    HasAdditionalSubjectAlternativeNames: c.subjectAlternativeNames.length > 100,
    Status: c.status,
    Type: 'AMAZON_ISSUED',
    KeyAlgorithm: c.keyAlgorithm as CertificateSummary['KeyAlgorithm'],
    KeyUsages: issued ? ['DIGITAL_SIGNATURE', ...(c.keyAlgorithm.startsWith('RSA') ? ['KEY_ENCIPHERMENT' as const] : [])] : [],
    ExtendedKeyUsages: issued ? ['TLS_WEB_SERVER_AUTHENTICATION'] : [],
    ExportOption: 'DISABLED',
    InUse: used,
    RenewalEligibility: issued && used ? 'ELIGIBLE' : 'INELIGIBLE',
    CreatedAt: new Date(c.createdAt),
    ...(issued && { IssuedAt: new Date(c.issuedAt!), NotBefore: notBefore(c.issuedAt!), NotAfter: notAfter(c.issuedAt!) }),
  };
}

export const listingOperations = {
  ListCertificates(input: ListCertificatesCommandInput, ctx: AcmCtx): Omit<ListCertificatesCommandOutput, '$metadata'> {
    settle(ctx);
    const statuses = input.CertificateStatuses ?? [];
    const keyTypes: readonly string[] = input.Includes?.keyTypes ?? DEFAULT_KEY_TYPES;
    const certs = Object.values(ctx.state.certificates).filter(
      (c) => inRegion(ctx, c) && (statuses.length === 0 || statuses.includes(c.status)) && keyTypes.includes(c.keyAlgorithm),
    );
    const descending = input.SortOrder === 'DESCENDING';
    // Created-at order; the ARN breaks ties. Descending inverts the key so the token stays ordered.
    const key = (c: CertRec) => {
      const t = String(descending ? Number.MAX_SAFE_INTEGER - c.createdAt : c.createdAt).padStart(16, '0');
      return `${t}\u0000${c.arn}`;
    };
    const page = paginate(certs, key, {
      size: input.MaxItems,
      token: input.NextToken,
      min: 1,
      max: 1000,
      invalid: (what, message) =>
        what === 'size' ? ctx.fail('ValidationException', message) : ctx.fail('InvalidArgsException', 'One or more of request arguments were not valid.'),
    });
    return { CertificateSummaryList: page.items.map((c) => summary(ctx, c)), NextToken: page.nextToken };
  },
} satisfies OperationTable<AcmState>;
