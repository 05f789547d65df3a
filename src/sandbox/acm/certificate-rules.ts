/**
 * What ACM operations share: the ARN checks (InvalidArnException for a malformed one,
 * ResourceNotFoundException for an unknown one), domain name rules, validity dates, the
 * resources using a certificate, and settling statuses before each call.
 */
import type { ElbState } from '../elbv2/state.ts';
import type { AcmCtx, CertRec } from './state.ts';
import { route53State, settleCertificates } from './validation.ts';

const DAY = 86_400_000;
/** From mid-March 2026 public certificates last at most 200 days; ACM issues 198-day ones. */
const SHORTER_VALIDITY_FROM = Date.UTC(2026, 2, 15);

/** Is the certificate in the caller's region (ACM state holds every region's certificates)? */
export function inRegion(ctx: AcmCtx, c: CertRec): boolean {
  return c.arn.split(':')[3] === ctx.region;
}

export function settle(ctx: AcmCtx): void {
  settleCertificates(Object.values(ctx.state.certificates), ctx.now, route53State(ctx), ctx.durations);
}

export function certificateOf(ctx: AcmCtx, arn: string | undefined): CertRec {
  if (arn === undefined || arn === '') ctx.fail('ValidationException', "1 validation error detected: Value null at 'certificateArn' failed to satisfy constraint: Member must not be null");
  if (!/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/.test(arn)) ctx.fail('InvalidArnException', `String '${arn}' is not a valid ARN.`);
  const c = ctx.state.certificates[arn];
  // Certificates are regional: another region's ARN is not found here.
  if (!c || !inRegion(ctx, c)) ctx.fail('ResourceNotFoundException', `Could not find certificate ${arn}.`);
  return c;
}

/** A domain name as ACM takes it: at least two labels, a wildcard only as the first label. */
export function checkDomain(ctx: AcmCtx, name: string | undefined, member: string, max: number): string {
  if (name === undefined || name === '') ctx.fail('ValidationException', `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  const lower = name.toLowerCase().replace(/\.$/, '');
  const labels = lower.split('.');
  const ok = labels.length >= 2 && labels.every((l, i) => (l === '*' && i === 0) || /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(l));
  if (!ok || lower.length > max) {
    ctx.fail('InvalidDomainValidationOptionsException', `Domain name ${name} is not a valid domain name for a public certificate.`);
  }
  return lower;
}

export function notBefore(issuedAt: number): Date {
  return new Date(Math.floor(issuedAt / DAY) * DAY);
}

export function notAfter(issuedAt: number): Date {
  const days = issuedAt >= SHORTER_VALIDITY_FROM ? 198 : 395;
  return new Date(notBefore(issuedAt).getTime() + days * DAY - 1_000);
}

function stateOf(ctx: AcmCtx, name: string): unknown {
  return ctx.maybeServiceState<unknown>(name);
}

/** ARNs of what uses the certificate: load balancers with a listener on it, CloudFront distributions. */
export function inUseBy(ctx: AcmCtx, arn: string): string[] {
  const used = new Set<string>();
  const elb = stateOf(ctx, 'elbv2') as ElbState | undefined;
  for (const l of Object.values(elb?.listeners ?? {})) if (l.certificates.includes(arn)) used.add(l.loadBalancerArn);
  const cf = stateOf(ctx, 'cloudfront') as { distributions?: Record<string, { arn?: unknown; config?: { ViewerCertificate?: { ACMCertificateArn?: unknown } } }> } | undefined;
  for (const d of Object.values(cf?.distributions ?? {})) {
    if (d?.config?.ViewerCertificate?.ACMCertificateArn === arn && typeof d.arn === 'string') used.add(d.arn);
  }
  return [...used].sort();
}
