/**
 * DNS validation, derived from the simulated Route 53 account.
 *
 * Each name of a certificate gets a CNAME to publish: `_<32 hex>.<domain>.` ->
 * `_<32 hex>.<10 letters>.acm-validations.aws.`, the same for the same name in the same
 * account (as ACM does, so a record left from an earlier certificate validates a new one).
 * DescribeCertificate shows it a few seconds after the request
 * ('acm.certificate.resource-record').
 *
 * What this reads of Route 53 (its documented state, read defensively; no Route 53 state
 * means validation never happens):
 *   route53.zones[id] = { name: 'example.com.', privateZone: boolean,
 *                         records: [{ name: '_x.www.example.com.', type: 'CNAME', values: ['_y...aws.'], insyncAt: ms }] }
 * A certificate is ISSUED 'acm.certificate.validate' after every one of its records is
 * INSYNC in a public zone holding the name (and not before it was requested); not
 * validated within 72 hours it is VALIDATION_TIMED_OUT.
 */
import { hashHex } from '../ids.ts';
import type { Durations } from '../time.ts';
import type { CertRec, CertStatus, DomainValidationRec } from './state.ts';

export const VALIDATION_TIMEOUT_MS = 72 * 3_600_000;

/** The validation record of one name: the base domain for a wildcard (*.example.com -> example.com). */
export function validationRecord(accountId: string, domain: string): DomainValidationRec {
  const base = domain.replace(/^\*\./, '').toLowerCase().replace(/\.$/, '');
  const h = hashHex('acm-validation', accountId, base);
  const letters = [...h.slice(0, 20)].map((c, i) => String.fromCharCode(97 + ((Number.parseInt(c, 16) + i) % 26))).join('').slice(0, 10);
  return {
    domainName: domain,
    recordName: `_${h.slice(0, 32)}.${base}.`,
    recordValue: `_${h.slice(32, 64)}.${letters}.acm-validations.aws.`,
  };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const dnsName = (v: unknown) => (typeof v === 'string' ? v.toLowerCase().replace(/\.?$/, '.') : undefined);

/** When a CNAME `name` -> `value` is in sync in a public zone of `route53`; undefined if there is none. */
export function recordInSyncAt(route53: unknown, name: string, value: string): number | undefined {
  if (!isObj(route53) || !isObj(route53['zones'])) return undefined;
  const wantedName = dnsName(name)!;
  const wantedValue = dnsName(value)!;
  let best: number | undefined;
  for (const zone of Object.values(route53['zones'])) {
    if (!isObj(zone) || zone['privateZone'] === true || !Array.isArray(zone['records'])) continue;
    const zoneName = dnsName(zone['name']);
    if (zoneName === undefined || !(wantedName === zoneName || wantedName.endsWith(`.${zoneName}`))) continue;
    for (const r of zone['records']) {
      if (!isObj(r) || r['type'] !== 'CNAME' || dnsName(r['name']) !== wantedName) continue;
      const values = Array.isArray(r['values']) ? r['values'].map(dnsName) : [];
      if (!values.includes(wantedValue)) continue;
      const at = typeof r['insyncAt'] === 'number' ? r['insyncAt'] : typeof r['changedAt'] === 'number' ? r['changedAt'] : 0;
      best = best === undefined ? at : Math.min(best, at);
    }
  }
  return best;
}

/** The status at `now` and, once ISSUED, when it was issued. */
export function certificateStatus(cert: CertRec, now: number, route53: unknown, durations: Durations): { status: CertStatus; issuedAt: number | null } {
  if (cert.issuedAt !== null) return { status: 'ISSUED', issuedAt: cert.issuedAt };
  const deadline = cert.createdAt + VALIDATION_TIMEOUT_MS;
  if (cert.validationMethod === 'DNS') {
    const times = cert.validations.map((v) => recordInSyncAt(route53, v.recordName, v.recordValue));
    if (times.every((t): t is number => t !== undefined)) {
      const issuedAt = Math.max(cert.createdAt + durations.of('acm.certificate.resource-record'), ...times) + durations.of('acm.certificate.validate');
      if (issuedAt <= deadline && now >= issuedAt) return { status: 'ISSUED', issuedAt };
    }
  }
  return { status: now >= deadline ? 'VALIDATION_TIMED_OUT' : 'PENDING_VALIDATION', issuedAt: null };
}

/** Route 53's state, or undefined when this sandbox has no Route 53. */
export function route53State(ctx: { maybeServiceState<T>(name: string): T | undefined }): unknown {
  return ctx.maybeServiceState<unknown>('route53');
}

/** Brings every certificate's stored status up to `now` (what other simulators read). */
export function settleCertificates(certs: Iterable<CertRec>, now: number, route53: unknown, durations: Durations): void {
  for (const cert of certs) {
    const { status, issuedAt } = certificateStatus(cert, now, route53, durations);
    cert.status = status;
    cert.issuedAt = issuedAt;
  }
}
