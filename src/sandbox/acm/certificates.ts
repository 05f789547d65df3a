/**
 * RequestCertificate (IdempotencyToken: the same token and names within an hour give the
 * same certificate), DescribeCertificate (validation records after a short delay, status
 * from the Route 53 state, InUseBy from ELBv2 listeners and CloudFront distributions),
 * GetCertificate and DeleteCertificate (refused while in use).
 */
import type {
  CertificateDetail,
  DeleteCertificateCommandInput,
  DeleteCertificateCommandOutput,
  DescribeCertificateCommandInput,
  DescribeCertificateCommandOutput,
  GetCertificateCommandInput,
  GetCertificateCommandOutput,
  RequestCertificateCommandInput,
  RequestCertificateCommandOutput,
} from '@aws-sdk/client-acm';
import type { OperationTable } from '../service.ts';
import { certificateOf, checkDomain, inUseBy, notAfter, notBefore, settle } from './certificate-rules.ts';
import { addTags } from './tags.ts';
import type { AcmCtx, AcmState, CertRec } from './state.ts';
import { validationRecord } from './validation.ts';

type Out<T> = Omit<T, '$metadata'>;

const IDEMPOTENCY_WINDOW_MS = 3_600_000;
const KEY_ALGORITHMS = ['RSA_2048', 'EC_prime256v1', 'EC_secp384r1'];

export function certificateDetail(ctx: AcmCtx, c: CertRec): CertificateDetail {
  const recordShown = ctx.now >= c.createdAt + ctx.durations.of('acm.certificate.resource-record');
  const issued = c.status === 'ISSUED' && c.issuedAt !== null;
  const used = inUseBy(ctx, c.arn);
  const rsa = c.keyAlgorithm.startsWith('RSA');
  return {
    CertificateArn: c.arn,
    DomainName: c.domainName,
    SubjectAlternativeNames: [...c.subjectAlternativeNames],
    DomainValidationOptions: c.validations.map((v) => ({
      DomainName: v.domainName,
      ValidationDomain: v.domainName,
      ValidationStatus: issued ? 'SUCCESS' : c.status === 'VALIDATION_TIMED_OUT' ? 'FAILED' : 'PENDING_VALIDATION',
      ...(c.validationMethod === 'DNS' && recordShown && { ResourceRecord: { Name: v.recordName, Type: 'CNAME', Value: v.recordValue } }),
      ValidationMethod: c.validationMethod,
    })),
    ...(issued && { Serial: c.serial, IssuedAt: new Date(c.issuedAt!), NotBefore: notBefore(c.issuedAt!), NotAfter: notAfter(c.issuedAt!) }),
    Subject: `CN=${c.domainName}`,
    Issuer: 'Amazon',
    CreatedAt: new Date(c.createdAt),
    Status: c.status,
    KeyAlgorithm: c.keyAlgorithm as CertificateDetail['KeyAlgorithm'],
    SignatureAlgorithm: rsa ? 'SHA256WITHRSA' : 'SHA256WITHECDSA',
    InUseBy: used,
    Type: 'AMAZON_ISSUED',
    KeyUsages: issued ? [{ Name: 'DIGITAL_SIGNATURE' }, ...(rsa ? [{ Name: 'KEY_ENCIPHERMENT' as const }] : [])] : [],
    ExtendedKeyUsages: issued ? [{ Name: 'TLS_WEB_SERVER_AUTHENTICATION', OID: '1.3.6.1.5.5.7.3.1' }] : [],
    RenewalEligibility: issued && used.length > 0 ? 'ELIGIBLE' : 'INELIGIBLE',
    Options: { CertificateTransparencyLoggingPreference: c.transparencyLogging, Export: 'DISABLED' },
  };
}

export const certificateOperations = {
  RequestCertificate(input: RequestCertificateCommandInput, ctx: AcmCtx): Out<RequestCertificateCommandOutput> {
    settle(ctx);
    const domain = checkDomain(ctx, input.DomainName, 'domainName', 64);
    const sans = [...new Set([domain, ...(input.SubjectAlternativeNames ?? []).map((n) => checkDomain(ctx, n, 'subjectAlternativeNames', 253))])];
    if (sans.length > 100) ctx.fail('LimitExceededException', 'A certificate can have at most 100 domain names.');
    const method = input.ValidationMethod ?? 'EMAIL';
    if (method !== 'DNS' && method !== 'EMAIL') ctx.fail('ValidationException', `1 validation error detected: Value '${method}' at 'validationMethod' failed to satisfy constraint: Member must satisfy enum value set: [EMAIL, DNS, HTTP]`);
    const keyAlgorithm = input.KeyAlgorithm ?? 'RSA_2048';
    if (!KEY_ALGORITHMS.includes(keyAlgorithm)) ctx.fail('ValidationException', `The key algorithm ${keyAlgorithm} is not supported for public certificates.`);
    const token = input.IdempotencyToken;
    if (token !== undefined) {
      if (!/^\w{1,32}$/.test(token)) ctx.fail('ValidationException', "1 validation error detected: Value at 'idempotencyToken' failed to satisfy constraint: Member must satisfy regular expression pattern: \\w+");
      const same = Object.values(ctx.state.certificates).find(
        (c) => c.idempotencyToken === token && ctx.now - c.createdAt < IDEMPOTENCY_WINDOW_MS && c.domainName === domain && c.subjectAlternativeNames.join() === sans.join(),
      );
      if (same) return { CertificateArn: same.arn };
    }
    const arn = ctx.arn(`certificate/${ctx.ids.uuid()}`);
    const cert: CertRec = {
      arn, domainName: domain, subjectAlternativeNames: sans, validationMethod: method, keyAlgorithm,
      transparencyLogging: input.Options?.CertificateTransparencyLoggingPreference ?? 'ENABLED',
      idempotencyToken: token ?? null, createdAt: ctx.now,
      validations: sans.map((n) => validationRecord(ctx.accountId, n)),
      status: 'PENDING_VALIDATION', issuedAt: null,
      serial: (ctx.ids.hex(32).match(/../g) ?? []).join(':'),
    };
    addTags(ctx, arn, input.Tags ?? []);
    ctx.state.certificates[arn] = cert;
    settle(ctx);
    return { CertificateArn: arn };
  },

  DescribeCertificate(input: DescribeCertificateCommandInput, ctx: AcmCtx): Out<DescribeCertificateCommandOutput> {
    settle(ctx);
    return { Certificate: certificateDetail(ctx, certificateOf(ctx, input.CertificateArn)) };
  },

  GetCertificate(input: GetCertificateCommandInput, ctx: AcmCtx): Out<GetCertificateCommandOutput> {
    settle(ctx);
    const c = certificateOf(ctx, input.CertificateArn);
    if (c.status !== 'ISSUED') ctx.fail('RequestInProgressException', `Certificate ${c.arn} is not yet issued.`);
    const pem = (what: string) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(`${what} ${c.arn} ${c.serial}`).toString('base64')}\n-----END CERTIFICATE-----`;
    return { Certificate: pem(`blogctl sandbox certificate for ${c.domainName}`), CertificateChain: pem('blogctl sandbox Amazon RSA 2048 M03') };
  },

  DeleteCertificate(input: DeleteCertificateCommandInput, ctx: AcmCtx): Out<DeleteCertificateCommandOutput> {
    settle(ctx);
    const c = certificateOf(ctx, input.CertificateArn);
    if (inUseBy(ctx, c.arn).length > 0) ctx.fail('ResourceInUseException', `Certificate ${c.arn} in account ${ctx.accountId} is in use.`);
    delete ctx.state.certificates[c.arn];
    delete ctx.state.tags[c.arn];
    return {};
  },
} satisfies OperationTable<AcmState>;
