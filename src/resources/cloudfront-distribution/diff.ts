/**
 * diff of a distribution, field by field on the spec-shaped view (view.ts): origins by
 * id (`origins[alb].customOriginConfig.originSslProtocols`), cache behaviors by path
 * pattern (`cacheBehaviors[/static/*].compress`) and their order, aliases as a set,
 * methods and TLS protocols as sets. Custom header values are compared but never shown:
 * they are often the shared secret an origin checks.
 */
import { isDeepStrictEqual } from 'node:util';
import type { FieldChange } from '../../reconciler/types.ts';
import { diffIdSet } from '../normalize/compare.ts';
import { diffTags } from '../normalize/tags.ts';
import { sortMethods, type BehaviorView, type DistributionDesired, type DistributionView, type ObservedDistribution, type OriginView } from './view.ts';

/** Shown instead of a custom header's value. */
export const HIDDEN = '(sensitive value)';

/** One change per listed field whose values differ after `norm`. */
function fields<T extends object>(prefix: string, want: T, have: T, keys: readonly (keyof T & string)[], norm: (k: keyof T & string, v: unknown) => unknown = (_k, v) => v): FieldChange[] {
  return keys
    .filter((k) => !isDeepStrictEqual(norm(k, want[k]), norm(k, have[k])))
    .map((k) => ({ path: `${prefix}${k}`, from: have[k], to: want[k] }));
}

/** Two keyed lists: an element only on one side is one change; one on both sides is diffed by `inner`. */
function keyed<T>(path: string, want: readonly T[], have: readonly T[], key: (x: T) => string, inner: (prefix: string, w: T, h: T) => FieldChange[]): FieldChange[] {
  const haveBy = new Map(have.map((x) => [key(x), x]));
  const wantBy = new Map(want.map((x) => [key(x), x]));
  const out: FieldChange[] = [];
  for (const w of want) {
    const h = haveBy.get(key(w));
    out.push(...(h === undefined ? [{ path: `${path}[${key(w)}]`, from: undefined, to: w }] : inner(`${path}[${key(w)}].`, w, h)));
  }
  for (const h of have) if (!wantBy.has(key(h))) out.push({ path: `${path}[${key(h)}]`, from: h, to: undefined });
  return out;
}

const sorted = (v: unknown) => (Array.isArray(v) ? [...v].sort() : v);

function originChanges(prefix: string, w: OriginView, h: OriginView): FieldChange[] {
  const out = fields(prefix, w, h, ['domainName', 'originPath', 'originAccessControlId', 'connectionAttempts', 'connectionTimeout'], (k, v) =>
    k === 'domainName' && typeof v === 'string' ? v.toLowerCase() : v,
  );
  const wc = w.customOriginConfig;
  const hc = h.customOriginConfig;
  if (wc === undefined || hc === undefined) {
    if (wc !== hc) out.push({ path: `${prefix}customOriginConfig`, from: hc, to: wc });
  } else {
    out.push(...fields(`${prefix}customOriginConfig.`, wc, hc, ['httpPort', 'httpsPort', 'originProtocolPolicy', 'originSslProtocols', 'originReadTimeout', 'originKeepaliveTimeout'], (_k, v) => sorted(v)));
  }
  out.push(
    ...keyed(`${prefix}customHeaders`, w.customHeaders, h.customHeaders, (x) => x.headerName, (p, a, b) =>
      a.headerValue === b.headerValue ? [] : [{ path: `${p}headerValue`, from: HIDDEN, to: HIDDEN }],
    ).map((c) => (c.path.endsWith('.headerValue') ? c : { ...c, from: c.from && HIDDEN, to: c.to && HIDDEN })),
  );
  return out;
}

const BEHAVIOR_FIELDS = ['targetOriginId', 'viewerProtocolPolicy', 'allowedMethods', 'cachedMethods', 'compress', 'cachePolicyId', 'originRequestPolicyId', 'responseHeadersPolicyId'] as const;

const behaviorChanges = (prefix: string, w: BehaviorView, h: BehaviorView): FieldChange[] =>
  fields(prefix, w, h, BEHAVIOR_FIELDS, (k, v) => (k === 'allowedMethods' || k === 'cachedMethods' ? sortMethods(v as string[]) : v));

/** Cache behaviors are matched in order: the same patterns in another order is a change. */
function orderChange(w: DistributionView, h: DistributionView): FieldChange[] {
  const shared = new Set(h.cacheBehaviors.map((b) => b.pathPattern));
  const wantOrder = w.cacheBehaviors.map((b) => b.pathPattern).filter((p) => shared.has(p));
  const wanted = new Set(wantOrder);
  const haveOrder = h.cacheBehaviors.map((b) => b.pathPattern).filter((p) => wanted.has(p));
  return isDeepStrictEqual(wantOrder, haveOrder) ? [] : [{ path: 'cacheBehaviors', from: haveOrder, to: wantOrder }];
}

function certificateChanges(w: DistributionView['viewerCertificate'], h: DistributionView['viewerCertificate']): FieldChange[] {
  // On the default *.cloudfront.net certificate CloudFront uses vip and TLSv1, whatever was asked.
  const keys = w.acmCertificateArn === undefined ? (['acmCertificateArn'] as const) : (['acmCertificateArn', 'sslSupportMethod', 'minimumProtocolVersion'] as const);
  return fields('viewerCertificate.', w, h, keys);
}

export function diffDistribution(desired: DistributionDesired, observed: ObservedDistribution): FieldChange[] {
  const w = desired;
  const h = observed.config;
  return [
    ...fields('', w, h, ['comment', 'enabled', 'defaultRootObject', 'httpVersion', 'priceClass', 'isIpv6Enabled']),
    // Absent: not managed (AWS Firewall Manager, for one, attaches web ACLs itself).
    ...(w.webAclId === undefined ? [] : fields('', w, h, ['webAclId'])),
    ...diffIdSet('aliases', w.aliases.map((a) => a.toLowerCase()), h.aliases),
    ...keyed('origins', w.origins, h.origins, (o) => o.id, originChanges),
    ...behaviorChanges('defaultCacheBehavior.', w.defaultCacheBehavior, h.defaultCacheBehavior),
    ...keyed('cacheBehaviors', w.cacheBehaviors, h.cacheBehaviors, (b) => b.pathPattern, behaviorChanges),
    ...orderChange(w, h),
    ...certificateChanges(w.viewerCertificate, h.viewerCertificate),
    ...diffTags(desired.tags, observed.tags),
  ];
}
