/**
 * The Route 53 part of the simulated account (global). Other simulators read it (ACM's DNS
 * validation looks for its CNAME), so its shape is kept simple and is part of the contract:
 *
 *   state.zones[zoneId]              zoneId bare, without '/hostedzone/' (e.g. 'Z0A1B2...')
 *     .name                          'example.com.'  (lower case, trailing dot)
 *     .records[]                     RecordRec, one per record set (name + type + setIdentifier)
 *       .name                        'www.example.com.' (lower case, trailing dot, unescaped: '*' not '\052')
 *       .type                        'A' | 'CNAME' | 'NS' | 'SOA' | ...
 *       .ttl                         seconds, or null for an alias
 *       .values                      ['1.2.3.4'] / ['_x.acm-validations.aws.'] as given; [] for an alias
 *       .alias                       { hostedZoneId, dnsName (lower case, trailing dot), evaluateTargetHealth } | null
 *       .setIdentifier .failover .weight .healthCheckId   null when not set
 *       .changedAt .insyncAt         ms: when the change that wrote it was submitted / is INSYNC
 *
 * `findRecords(state, name, type)` finds records by name across zones (any case, with or
 * without the trailing dot): what a DNS validator needs. The state is read-only to others.
 */
import type { HealthCheckConfig } from '@aws-sdk/client-route-53';

export interface AliasRec {
  hostedZoneId: string;
  dnsName: string;
  evaluateTargetHealth: boolean;
}

export interface RecordRec {
  name: string;
  type: string;
  ttl: number | null;
  values: string[];
  alias: AliasRec | null;
  setIdentifier: string | null;
  failover: 'PRIMARY' | 'SECONDARY' | null;
  weight: number | null;
  healthCheckId: string | null;
  changedAt: number;
  insyncAt: number;
}

export interface ZoneRec {
  id: string;
  name: string;
  callerReference: string;
  comment: string | null;
  privateZone: boolean;
  vpcs: { region: string; vpcId: string }[];
  nameServers: string[];
  createdAt: number;
  records: RecordRec[];
}

export interface ChangeRec {
  id: string;
  comment: string | null;
  submittedAt: number;
  insyncAt: number;
}

export interface HealthCheckRec {
  id: string;
  callerReference: string;
  /** HealthCheckConfig as stored (AWS's defaults filled in), JSON-clean. */
  config: HealthCheckConfig;
  version: number;
  /** Canonical JSON of the config CreateHealthCheck got (CallerReference idempotency). */
  createdFrom: string;
  createdAt: number;
}

export interface Route53State {
  zones: Record<string, ZoneRec>;
  changes: Record<string, ChangeRec>;
  healthChecks: Record<string, HealthCheckRec>;
  /** CallerReferences ever used, with what they created: AWS never accepts one twice. */
  zoneCallerReferences: Record<string, string>;
  healthCheckCallerReferences: Record<string, string>;
  /** 'hostedzone' | 'healthcheck' -> resource id -> tag key -> value */
  tags: { hostedzone: Record<string, Record<string, string>>; healthcheck: Record<string, Record<string, string>> };
}

export function emptyRoute53State(): Route53State {
  return { zones: {}, changes: {}, healthChecks: {}, zoneCallerReferences: {}, healthCheckCallerReferences: {}, tags: { hostedzone: {}, healthcheck: {} } };
}

/** 'WWW.Example.com' -> 'www.example.com.' (the form names are stored and compared in). */
export function canonicalName(name: string): string {
  const lower = name.toLowerCase().replace(/\\(\d{3})/g, (_m, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
  return lower.endsWith('.') ? lower : `${lower}.`;
}

/** Records named `name` (any zone), optionally of one type, with the zone holding each. */
export function findRecords(state: Route53State | undefined, name: string, type?: string): { zoneId: string; record: RecordRec }[] {
  const wanted = canonicalName(name);
  const out: { zoneId: string; record: RecordRec }[] = [];
  for (const zone of Object.values(state?.zones ?? {})) {
    for (const record of zone.records) {
      if (record.name === wanted && (type === undefined || record.type === type)) out.push({ zoneId: zone.id, record });
    }
  }
  return out;
}

export { canonicalJson, jsonClean } from '../json.ts';
