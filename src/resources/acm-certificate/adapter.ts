/**
 * acm.certificate's adapter: a public certificate requested with DNS validation. create
 * returns once ACM shows the validation CNAMEs (seconds), so the route53.record that
 * publishes them can start; readiness is ISSUED, which dependents of `${cert}` (the
 * HTTPS listener, CloudFront) wait for. Names and key algorithm cannot change: a new
 * certificate replaces the old one, which goes once nothing uses it.
 */
import {
  ACMClient, AddTagsToCertificateCommand, DeleteCertificateCommand, RemoveTagsFromCertificateCommand, RequestCertificateCommand,
  UpdateCertificateOptionsCommand, type KeyAlgorithm,
} from '@aws-sdk/client-acm';
import type { AdapterContext, ResourceAdapter } from '../../reconciler/types.ts';
import { isNotFound } from '../aws-errors.ts';
import { diffFields, diffIdSet } from '../normalize/compare.ts';
import { diffTags,  tagList, syncTags } from '../normalize/tags.ts';
import { observeCertificates, readCertificate } from './observe.ts';
import type { CertificateDesired, ObservedCertificate } from './state.ts';

const MINUTE = 60_000;
/**
 * ACM refuses to delete a certificate in use, and notices late that a listener or
 * distribution let go of it: a delete waits this long for that before it fails.
 */
export const IN_USE_GRACE_MS = 5 * MINUTE;
const TIMEOUTS = { create: 5 * MINUTE, update: 5 * MINUTE, delete: 10 * MINUTE, ready: 60 * MINUTE };

const lower = (s: string) => s.toLowerCase().replace(/\.$/, '');

async function request(acm: ACMClient, id: string, d: CertificateDesired, ctx: AdapterContext, token: boolean): Promise<string> {
  const out = await acm.send(new RequestCertificateCommand({
    DomainName: d.domainName,
    ...(d.subjectAlternativeNames.length > 0 && { SubjectAlternativeNames: [d.domainName, ...d.subjectAlternativeNames] }),
    ValidationMethod: d.validationMethod,
    KeyAlgorithm: d.keyAlgorithm as KeyAlgorithm,
    // ENABLED is ACM's default: the option is sent only to turn logging off.
    ...(d.certificateTransparencyLogging === 'DISABLED' && { Options: { CertificateTransparencyLoggingPreference: 'DISABLED' } }),
    ...(token && { IdempotencyToken: ctx.clientToken(id) }),
    Tags: tagList({ ...(d.tags ?? {}), ...ctx.identityTags(id) }),
  }));
  return out.CertificateArn!;
}

export const certificateAdapter: ResourceAdapter<'acm.certificate', CertificateDesired, ObservedCertificate> = {
  kind: 'acm.certificate',
  replaceOn: ['domainName', 'subjectAlternativeNames', 'keyAlgorithm', 'validationMethod'],
  // The new certificate is issued before dependents move to it; the old one goes after.
  replaceOrder: 'create-before-delete',
  discovery: { service: 'acm', resourceType: 'certificate' },
  timeouts: TIMEOUTS,

  observe: observeCertificates,

  diff(desired, observed, explain) {
    if (desired.domainName !== observed.domainName && lower(desired.domainName) === observed.domainName)
      explain?.({ path: 'domainName', desired: desired.domainName, observed: observed.domainName, reason: 'ACM keeps names in lower case without the root dot' });
    return [
      ...diffFields({ ...desired, domainName: lower(desired.domainName) }, observed, ['domainName']),
      ...diffIdSet('subjectAlternativeNames', desired.subjectAlternativeNames.map(lower), [...observed.subjectAlternativeNames]),
      ...diffFields(desired, observed, ['keyAlgorithm', 'validationMethod', 'certificateTransparencyLogging']),
      ...diffTags(desired.tags, observed.tags, explain),
    ];
  },

  async create(id, desired, ctx) {
    const acm = ctx.clients.get(ACMClient);
    let arn = await request(acm, id, desired, ctx, true);
    let useToken = true;
    // ACM shows the validation records a few seconds after the request.
    return ctx.waitFor(async () => {
      const c = await readCertificate(acm, arn);
      if (c === undefined) {
        // A token ACM still remembers can name a certificate deleted since: ask again without it.
        if (!useToken) throw new Error(`ACM does not know the certificate ${arn} it just issued`);
        useToken = false;
        arn = await request(acm, id, desired, ctx, false);
        return undefined;
      }
      return c.recordsShown || desired.validationMethod !== 'DNS' ? c : undefined;
    }, { what: 'creating', timeoutMs: TIMEOUTS.create });
  },

  async update(id, desired, observed, changes, ctx) {
    const acm = ctx.clients.get(ACMClient);
    if (changes.some((c) => c.path === 'certificateTransparencyLogging'))
      await acm.send(new UpdateCertificateOptionsCommand({
        CertificateArn: observed.arn, Options: { CertificateTransparencyLoggingPreference: desired.certificateTransparencyLogging },
      }));
    const identity = ctx.identityTags(id);
    await syncTags(desired.tags, observed.tags, identity, {
      add: (set) => acm.send(new AddTagsToCertificateCommand({ CertificateArn: observed.arn, Tags: tagList(set) })),
      remove: (remove) => acm.send(new RemoveTagsFromCertificateCommand({ CertificateArn: observed.arn, Tags: remove.map((Key) => ({ Key })) })),
    });
    return { ...observed, certificateTransparencyLogging: desired.certificateTransparencyLogging, tags: { ...(desired.tags ?? {}), ...identity } };
  },

  async delete(observed, ctx) {
    const acm = ctx.clients.get(ACMClient);
    let inUse: unknown;
    try {
      await ctx.waitFor(async () => {
        try {
          await acm.send(new DeleteCertificateCommand({ CertificateArn: observed.arn }));
        } catch (err) {
          if (isNotFound(err)) return true;
          if ((err as { name?: string }).name !== 'ResourceInUseException') throw err;
          inUse = err;
          return undefined;
        }
        return true;
      }, { what: 'waiting for ACM to see the certificate unused', timeoutMs: IN_USE_GRACE_MS });
    } catch (err) {
      // Still in use past the grace: AWS's own answer says by what.
      throw inUse !== undefined && (err as Error).name === 'TimeoutError' ? inUse : err;
    }
  },

  outputs: (o) => ({
    id: o.arn,
    arn: o.arn,
    domainName: o.domainName,
    ...(o.validation && { validationRecordName: o.validation.name, validationRecordType: o.validation.type, validationRecordValue: o.validation.value }),
  }),

  readiness: (o) => (o.status === 'ISSUED' ? 'ready' : o.status === 'PENDING_VALIDATION' ? 'pending' : 'failed'),
};
