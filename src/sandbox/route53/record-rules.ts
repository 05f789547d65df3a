/**
 * One change of a ChangeResourceRecordSets batch, read into a record: the shape rules
 * Route 53 answers with InvalidInput (exactly one of alias or TTL + values; a set
 * identifier exactly with a routing policy), and the content rules it answers with
 * InvalidChangeBatch messages (name inside the zone, no CNAME at the apex, well-formed
 * values, alias targets that exist: a CloudFront distribution listing the name as an
 * alternate domain name, an S3 website endpoint, a record of one of the account's zones).
 */
import type { Change, ResourceRecordSet } from '@aws-sdk/client-route-53';
import type { CloudFrontState } from '../cloudfront/state.ts';
import { noSuchHealthCheck, type R53Ctx, r53Fail } from './errors.ts';
import { canonicalName, escapeName, inZone, nameProblem } from './names.ts';
import type { RecordRec, ZoneRec } from './state.ts';

export const RR_TYPES = ['A', 'AAAA', 'CAA', 'CNAME', 'DS', 'HTTPS', 'MX', 'NAPTR', 'NS', 'PTR', 'SOA', 'SPF', 'SRV', 'SSHFP', 'SVCB', 'TLSA', 'TXT'];
export const CLOUDFRONT_ZONE = 'Z2FDTNDATAQYW2';
/** S3 website endpoints' alias zones, by zone id. */
const S3_WEBSITE_ZONES: Readonly<Record<string, string>> = {
  Z3AQBSTGFYJSTF: 's3-website-us-east-1.amazonaws.com.',
  Z2O1EMRO9K5GLX: 's3-website.us-east-2.amazonaws.com.',
  Z2F56UZL2M1ACD: 's3-website-us-west-1.amazonaws.com.',
  Z3BJ6K6RIION7M: 's3-website-us-west-2.amazonaws.com.',
  Z1BKCTXD74EZPE: 's3-website-eu-west-1.amazonaws.com.',
  Z21DNDUVLTQW6Q: 's3-website.eu-central-1.amazonaws.com.',
};

/** The record a change describes (timestamps unset), or InvalidInput for a malformed one. */
export function readRecord(ctx: R53Ctx, change: Change): RecordRec {
  const set: ResourceRecordSet | undefined = change.ResourceRecordSet;
  if (set === undefined || !set.Name || !set.Type) r53Fail(ctx, 'InvalidInput', "Invalid request: Missing field 'ResourceRecordSet.Name' or 'ResourceRecordSet.Type'");
  const name = canonicalName(set.Name);
  const where = `in Change with [Action=${change.Action}, Name=${escapeName(name)}, Type=${set.Type}, SetIdentifier=${set.SetIdentifier ?? 'null'}]`;
  if (!RR_TYPES.includes(set.Type)) r53Fail(ctx, 'InvalidInput', `Invalid request: Unknown type '${set.Type}' ${where}`);
  const unsupported = (['Region', 'GeoLocation', 'MultiValueAnswer', 'CidrRoutingConfig', 'GeoProximityLocation', 'TrafficPolicyInstanceId'] as const).find((k) => set[k] !== undefined);
  if (unsupported !== undefined) r53Fail(ctx, 'InvalidInput', `The blogctl sandbox does not simulate ${unsupported} records (${where}).`);
  const values = set.ResourceRecords?.map((r) => r.Value ?? '') ?? [];
  const plain = set.TTL !== undefined && values.length > 0;
  const alias = set.AliasTarget !== undefined;
  if (plain === alias || (alias && (set.TTL !== undefined || values.length > 0))) {
    const found = alias && (set.TTL !== undefined || values.length > 0) ? 'more than one' : 'none';
    r53Fail(ctx, 'InvalidInput', `Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found ${found} ${where}`);
  }
  const policies = [set.Failover, set.Weight].filter((p) => p !== undefined).length;
  if (set.SetIdentifier !== undefined && policies !== 1) {
    r53Fail(ctx, 'InvalidInput', `Invalid request: Expected exactly one of [Weight, Region, Failover, GeoLocation, MultiValueAnswer, GeoProximityLocation, or CidrRoutingConfig], but found ${policies === 0 ? 'none' : 'more than one'} ${where}`);
  }
  if (set.SetIdentifier === undefined && policies > 0) r53Fail(ctx, 'InvalidInput', `Invalid request: Missing field 'SetIdentifier' ${where}`);
  if (set.TTL !== undefined && (!Number.isInteger(set.TTL) || set.TTL < 0 || set.TTL > 2147483647)) r53Fail(ctx, 'InvalidInput', `Invalid request: TTL ${set.TTL} is out of range ${where}`);
  if (set.Weight !== undefined && (!Number.isInteger(set.Weight) || set.Weight < 0 || set.Weight > 255)) r53Fail(ctx, 'InvalidInput', `Invalid request: Weight ${set.Weight} is out of range ${where}`);
  if (set.HealthCheckId !== undefined && ctx.state.healthChecks[set.HealthCheckId] === undefined) noSuchHealthCheck(ctx, set.HealthCheckId);
  const a = set.AliasTarget;
  if (a !== undefined && (!a.HostedZoneId || !a.DNSName || a.EvaluateTargetHealth === undefined)) {
    r53Fail(ctx, 'InvalidInput', `Invalid request: AliasTarget needs HostedZoneId, DNSName and EvaluateTargetHealth ${where}`);
  }
  return {
    name,
    type: set.Type,
    ttl: set.TTL ?? null,
    values,
    alias: a ? { hostedZoneId: a.HostedZoneId!, dnsName: canonicalName(a.DNSName!), evaluateTargetHealth: a.EvaluateTargetHealth! } : null,
    setIdentifier: set.SetIdentifier ?? null,
    failover: set.Failover ?? null,
    weight: set.Weight ?? null,
    healthCheckId: set.HealthCheckId ?? null,
    changedAt: 0,
    insyncAt: 0,
  };
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-fA-F:.]+$/;

function valueProblems(r: RecordRec): string[] {
  const bad = (what: string, v: string) => `Invalid Resource Record: 'FATAL problem: ${what} encountered with '${v}''`;
  const out: string[] = [];
  for (const v of r.values) {
    if (r.type === 'A' && !IPV4.test(v)) out.push(bad('ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address)', v));
    if (r.type === 'AAAA' && (!IPV6.test(v) || !v.includes(':'))) out.push(bad('AAAARRDATAIllegalIPv6Address (Value is not a valid IPv6 address)', v));
    if ((r.type === 'TXT' || r.type === 'SPF') && !/^(\s*"([^"\\]|\\.)*"\s*)+$/.test(v)) out.push(bad('InvalidCharacterString (Value should be enclosed in quotation marks)', v));
    if (r.type === 'CNAME' && nameProblem(canonicalName(v)) !== undefined) out.push(bad(nameProblem(canonicalName(v))!, v));
  }
  if (r.type === 'CNAME' && r.values.length > 1) out.push(`RRSet of type CNAME with DNS name ${escapeName(r.name)} has more than one resource record.`);
  return out;
}

/** A CloudFront alias (possibly *.example.com) covers the record name? */
function covers(alias: string, name: string): boolean {
  const a = canonicalName(alias);
  if (a === name) return true;
  return a.startsWith('*.') && name.slice(name.indexOf('.') + 1) === a.slice(2);
}

function cloudFront(ctx: R53Ctx): CloudFrontState | undefined {
  return ctx.maybeServiceState<CloudFrontState>('cloudfront');
}

function aliasProblem(ctx: R53Ctx, r: RecordRec, records: (zoneId: string) => readonly RecordRec[] | undefined): string | undefined {
  const a = r.alias;
  if (a === null) return undefined;
  const tried = `Tried to create an alias that targets ${escapeName(a.dnsName)}, type ${r.type} in zone ${a.hostedZoneId}`;
  const outside = `${tried}, but the alias target name does not lie within the target zone`;
  if (a.hostedZoneId === CLOUDFRONT_ZONE) {
    if (!a.dnsName.endsWith('.cloudfront.net.')) return outside;
    const cf = cloudFront(ctx);
    if (cf === undefined) return undefined;
    const d = Object.values(cf.distributions ?? {}).find((x) => `${x.domainName}.` === a.dnsName);
    return d !== undefined && (d.config.Aliases?.Items ?? []).some((alias) => covers(alias, r.name)) ? undefined : outside;
  }
  const endpoint = S3_WEBSITE_ZONES[a.hostedZoneId];
  if (endpoint !== undefined) return a.dnsName === endpoint || a.dnsName.endsWith(`.${endpoint}`) ? undefined : outside;
  const targetRecords = records(a.hostedZoneId);
  if (targetRecords === undefined) return undefined;
  return targetRecords.some((t) => t.name === a.dnsName && t.type === r.type) ? undefined : `${tried}, but that target was not found`;
}

/** What Route 53 would list in InvalidChangeBatch for this record in this zone (empty: fine). */
export function contentProblems(ctx: R53Ctx, zone: ZoneRec, r: RecordRec, action: string, records: (zoneId: string) => readonly RecordRec[] | undefined): string[] {
  const nameIssue = nameProblem(r.name);
  if (nameIssue !== undefined) return [`FATAL problem: ${nameIssue}`];
  if (!inZone(r.name, zone.name)) return [`RRSet with DNS name ${escapeName(r.name)} is not permitted in zone ${escapeName(zone.name)}`];
  if (action === 'DELETE') return [];
  const out: string[] = [];
  if (r.type === 'CNAME' && r.name === zone.name) out.push(`RRSet of type CNAME with DNS name ${escapeName(r.name)} is not permitted at apex in zone ${escapeName(zone.name)}`);
  out.push(...valueProblems(r));
  const alias = aliasProblem(ctx, r, records);
  if (alias !== undefined) out.push(alias);
  return out;
}
