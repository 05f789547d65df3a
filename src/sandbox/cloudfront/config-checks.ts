/**
 * What CloudFront checks of a distribution's config against the rest of the account:
 * cache behaviors target existing origins and name existing cache policies, origin
 * access controls exist and fit their origin, alternate domain names are not used by
 * another distribution and are covered by the certificate, and the certificate is an
 * ISSUED ACM certificate in us-east-1.
 *
 * The certificate is read from the simulated ACM account through ACM's own status rule
 * (acm/validation.ts: ISSUED once its validation CNAMEs are in sync in Route 53), and
 * defensively: in a sandbox without the ACM simulator only the ARN's form is checked.
 */
import type { DistributionConfig } from '@aws-sdk/client-cloudfront';
import type { AcmState } from '../acm/state.ts';
import { certificateStatus, route53State } from '../acm/validation.ts';
import { cachePolicyExists } from './cache-policies.ts';
import { type CfCtx, cfFail } from './errors.ts';

/** CloudFront's default quota of alternate domain names per distribution. */
const MAX_ALIASES = 100;

const CNAME_HELP =
  'To add an alternate domain name (CNAME) to a CloudFront distribution, you must attach a trusted certificate that validates your authorization to use the domain name. ' +
  'For more details, see: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/CNAMEs.html#alternate-domain-names-requirements';

interface CertificateView {
  /** PENDING_VALIDATION, ISSUED, VALIDATION_TIMED_OUT */
  readonly status: string;
  /** The domain name and subject alternative names. */
  readonly names: readonly string[];
}

/** The certificate as CloudFront sees it now; undefined if ACM has no such certificate. */
function acmCertificate(ctx: CfCtx, arn: string): CertificateView | undefined | 'unknown' {
  let acm: AcmState;
  try {
    acm = ctx.serviceState<AcmState>('acm');
  } catch {
    return 'unknown';
  }
  const cert = acm.certificates?.[arn];
  if (cert === undefined) return undefined;
  const { status } = certificateStatus(cert, ctx.now, route53State(ctx.serviceState), ctx.durations);
  return { status, names: [cert.domainName, ...(cert.subjectAlternativeNames ?? [])] };
}

/** Does a certificate name (possibly *.example.com) cover a host name? */
function covers(certName: string, host: string): boolean {
  const c = certName.toLowerCase().replace(/\.$/, '');
  const h = host.toLowerCase().replace(/\.$/, '');
  if (c === h) return true;
  if (!c.startsWith('*.')) return false;
  const first = h.indexOf('.');
  return first > 0 && h.slice(first + 1) === c.slice(2);
}

function checkOrigins(ctx: CfCtx, c: DistributionConfig): void {
  const origins = c.Origins?.Items ?? [];
  const ids = origins.map((o) => o.Id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate !== undefined) cfFail(ctx, 'InvalidArgument', `The parameter Origin Id must be unique. Duplicate: ${duplicate}`);
  const targets = new Set([...ids, ...(c.OriginGroups?.Items ?? []).map((g) => g.Id)]);
  for (const b of [c.DefaultCacheBehavior, ...(c.CacheBehaviors?.Items ?? [])]) {
    if (!targets.has(b?.TargetOriginId)) cfFail(ctx, 'NoSuchOrigin');
    if (b?.CachePolicyId !== undefined && b.CachePolicyId !== '' && !cachePolicyExists(b.CachePolicyId)) cfFail(ctx, 'NoSuchCachePolicy');
  }
  for (const o of origins) {
    const oacId = o.OriginAccessControlId ?? '';
    if (oacId === '') continue;
    const oac = ctx.state.originAccessControls[oacId];
    if (oac === undefined) cfFail(ctx, 'InvalidOriginAccessControl', `The specified origin access control does not exist or is not valid: ${oacId}`);
    if ((o.S3OriginConfig?.OriginAccessIdentity ?? '') !== '') cfFail(ctx, 'IllegalOriginAccessConfiguration');
    if (oac.config.OriginAccessControlOriginType === 's3' && o.S3OriginConfig === undefined) {
      cfFail(ctx, 'IllegalOriginAccessConfiguration', 'Illegal configuration: The origin type and OAC origin type differ.');
    }
  }
}

function checkAliases(ctx: CfCtx, c: DistributionConfig, selfId: string | undefined): void {
  const aliases = c.Aliases?.Items ?? [];
  if (aliases.length > MAX_ALIASES) cfFail(ctx, 'TooManyDistributionCNAMEs');
  const wanted = new Set(aliases.map((a) => a.toLowerCase()));
  for (const other of Object.values(ctx.state.distributions)) {
    if (other.id === selfId) continue;
    if ((other.config.Aliases?.Items ?? []).some((a) => wanted.has(a.toLowerCase()))) cfFail(ctx, 'CNAMEAlreadyExists');
  }
}

function checkCertificate(ctx: CfCtx, c: DistributionConfig): void {
  const v = c.ViewerCertificate;
  const aliases = c.Aliases?.Items ?? [];
  const arn = v?.ACMCertificateArn;
  if (arn === undefined) {
    if (aliases.length > 0) cfFail(ctx, 'InvalidViewerCertificate', CNAME_HELP);
    return;
  }
  const m = /^arn:aws[\w-]*:acm:([a-z0-9-]+):(\d{12}):certificate\/[\w-]+$/.exec(arn);
  if (m === null || m[1] !== 'us-east-1') cfFail(ctx, 'InvalidViewerCertificate');
  const cert = acmCertificate(ctx, arn);
  // No ACM simulator in this sandbox: the ARN's form is all that can be checked.
  if (cert === 'unknown') return;
  if (cert === undefined || m[2] !== ctx.accountId || cert.status !== 'ISSUED') cfFail(ctx, 'InvalidViewerCertificate');
  const uncovered = aliases.find((a) => !cert.names.some((n) => covers(n, a)));
  if (uncovered !== undefined) cfFail(ctx, 'InvalidViewerCertificate', CNAME_HELP);
}

/** Throws CloudFront's error when the config does not fit the account. `selfId`: the distribution being updated. */
export function checkConfig(ctx: CfCtx, c: DistributionConfig, selfId?: string): void {
  checkOrigins(ctx, c);
  checkAliases(ctx, c, selfId);
  checkCertificate(ctx, c);
}
