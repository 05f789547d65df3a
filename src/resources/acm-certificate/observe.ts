/**
 * Reading ACM certificates. ACM cannot list by tag: the engine's tag discovery hands
 * over the stack's ARNs (request.arn), and a requested certificate without one (first
 * run, discovery not yet caught up, adoption) is sought by its domain name in one
 * ListCertificates; only certificates of that name are described and their tags read.
 */
import {
  ACMClient, DescribeCertificateCommand, ListTagsForCertificateCommand, paginateListCertificates, type CertificateDetail,
} from '@aws-sdk/client-acm';
import { TAG, type AdapterContext, type LogicalId, type Observation, type ObserveRequest } from '../../reconciler/types.ts';
import { unlessGone } from '../aws-errors.ts';
import { known } from '../known-values.ts';
import type { CertificateDesired, ObservedCertificate } from './state.ts';
import { fromAws } from './state.ts';

/** Every key type ACM issues: ListCertificates lists only RSA_1024 and RSA_2048 unless told. */
const KEY_TYPES = ['RSA_1024', 'RSA_2048', 'RSA_3072', 'RSA_4096', 'EC_prime256v1', 'EC_secp384r1', 'EC_secp521r1'] as const;
/** States a certificate never leaves: not worth adopting. */
const DEAD = new Set(['VALIDATION_TIMED_OUT', 'FAILED', 'REVOKED', 'EXPIRED', 'INACTIVE']);

const lower = (s: string) => s.toLowerCase().replace(/\.$/, '');

/** The certificate and its tags, or undefined when it is gone. */
export async function readCertificate(acm: ACMClient, arn: string): Promise<ObservedCertificate | undefined> {
  const both = await unlessGone(Promise.all([
    acm.send(new DescribeCertificateCommand({ CertificateArn: arn })),
    acm.send(new ListTagsForCertificateCommand({ CertificateArn: arn })),
  ]));
  return both && fromAws(both[0].Certificate as CertificateDetail, both[1].Tags ?? []);
}

/** ARNs of the region's certificates for these domain names, in one paginated call. */
async function arnsByDomain(acm: ACMClient, domains: ReadonlySet<string>): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const pages = paginateListCertificates({ client: acm }, { Includes: { keyTypes: [...KEY_TYPES] }, MaxItems: 1000 });
  for await (const page of pages)
    for (const s of page.CertificateSummaryList ?? []) {
      const d = lower(s.DomainName ?? '');
      if (domains.has(d) && s.CertificateArn && !DEAD.has(s.Status ?? '')) (out.get(d) ?? out.set(d, []).get(d)!).push(s.CertificateArn);
    }
  return out;
}

export async function observeCertificates(
  requests: readonly ObserveRequest<CertificateDesired, ObservedCertificate>[], ctx: AdapterContext,
): Promise<Observation<ObservedCertificate>[]> {
  const acm = ctx.clients.get(ACMClient);
  const direct = new Set(requests.flatMap((r) => [r.arn, r.last?.arn]).filter((a): a is string => a !== undefined));
  const sought = requests.filter((r) => !r.arn && known(r.desired?.domainName));
  const byDomain = sought.length > 0 ? await arnsByDomain(acm, new Set(sought.map((r) => lower(r.desired!.domainName)))) : new Map<string, string[]>();
  const arns = [...new Set([...direct, ...[...byDomain.values()].flat()])];
  const read = new Map<string, ObservedCertificate>();
  await Promise.all(arns.map(async (arn) => {
    const c = await readCertificate(acm, arn);
    if (c) read.set(arn, c);
  }));

  const found: Observation<ObservedCertificate>[] = [];
  const ids = new Set<LogicalId>();
  for (const c of read.values()) {
    const id = c.tags[TAG.id];
    if (c.tags[TAG.stack] !== ctx.stack || id === undefined) continue;
    found.push({ id, state: c, tags: c.tags });
    ids.add(id);
  }
  // A requested certificate not found as ours: an untagged one for its domain (issued ones first) may be adopted.
  for (const r of sought) {
    if (ids.has(r.id)) continue;
    const candidates = (byDomain.get(lower(r.desired!.domainName)) ?? [])
      .map((arn) => read.get(arn))
      .filter((c): c is ObservedCertificate => c !== undefined && c.tags[TAG.stack] === undefined && c.type === 'AMAZON_ISSUED')
      .sort((a, b) => Number(b.status === 'ISSUED') - Number(a.status === 'ISSUED'));
    if (candidates[0]) found.push({ id: r.id, state: candidates[0], tags: candidates[0].tags });
  }
  return found;
}
