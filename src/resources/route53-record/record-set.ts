/**
 * A record set between the spec's shape and Route 53's. Route 53 keeps names and alias
 * targets lower case with a trailing dot, values as given, TXT values in quotes; the
 * comparable form here is the spec's: names without the dot, host-name values without
 * it either, TXT values quoted, values as a sorted set, an alias target without the
 * `dualstack.` prefix the console adds to load balancer names.
 */
import type { ResourceRecordSet, RRType } from '@aws-sdk/client-route-53';
import type { DesiredOf } from '../../reconciler/types.ts';
import { absolute, bareZoneId, dnsName } from '../route53/names.ts';
import type { recordProperties } from './schema.ts';

export type RecordDesired = DesiredOf<typeof recordProperties>;

/** What identifies a record set in its zone. */
export interface RecordKey {
  readonly zoneId: string;
  readonly name: string;
  readonly type: string;
  readonly setIdentifier?: string;
}

/** The fields a record set holds, in comparable form. */
export interface RecordFields {
  readonly ttl?: number;
  readonly records?: readonly string[];
  readonly aliasTarget?: { readonly dnsName: string; readonly hostedZoneId: string; readonly evaluateTargetHealth: boolean };
  readonly failover?: 'PRIMARY' | 'SECONDARY';
  readonly weight?: number;
  readonly healthCheckId?: string;
}

export const keyText = (k: RecordKey): string => `${k.zoneId} ${dnsName(k.name)} ${k.type} ${k.setIdentifier ?? ''}`;

export const keyOf = (d: RecordDesired): RecordKey => ({
  zoneId: bareZoneId(d.hostedZoneId),
  name: dnsName(d.name),
  type: d.type,
  ...(d.setIdentifier !== undefined && { setIdentifier: d.setIdentifier }),
});

const HOST_VALUED = new Set(['CNAME', 'NS', 'PTR', 'MX', 'SRV']);

/** A TXT/SPF value in Route 53's quoted form ("..."); other types as written. */
export function wireValue(type: string, value: string): string {
  if ((type === 'TXT' || type === 'SPF') && !value.trimStart().startsWith('"')) return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  return value;
}

function comparableValue(type: string, value: string): string {
  const v = wireValue(type, value);
  if (!HOST_VALUED.has(type)) return type === 'AAAA' ? v.toLowerCase() : v;
  // The host name is the last field (MX: priority host; SRV: priority weight port host).
  const parts = v.trim().split(/\s+/);
  const host = dnsName(parts.pop() ?? '');
  return [...parts, host].join(' ');
}

export const comparableValues = (type: string, values: readonly string[]): string[] => values.map((v) => comparableValue(type, v)).sort();

/** An alias target's DNS name as compared: `dualstack.` is how the console spells the same load balancer. */
export const aliasName = (name: string): string => dnsName(name).replace(/^dualstack\./, '');

export function fieldsOfDesired(d: RecordDesired): RecordFields {
  return {
    ...(d.ttl !== undefined && { ttl: d.ttl }),
    ...(d.records !== undefined && { records: comparableValues(d.type, d.records) }),
    ...(d.aliasTarget !== undefined && {
      aliasTarget: { dnsName: aliasName(d.aliasTarget.dnsName), hostedZoneId: d.aliasTarget.hostedZoneId, evaluateTargetHealth: d.aliasTarget.evaluateTargetHealth },
    }),
    ...(d.failover !== undefined && { failover: d.failover }),
    ...(d.weight !== undefined && { weight: d.weight }),
    ...(d.healthCheckId !== undefined && { healthCheckId: d.healthCheckId }),
  };
}

export function fieldsOfSet(s: ResourceRecordSet): RecordFields {
  const a = s.AliasTarget;
  return {
    ...(s.TTL !== undefined && { ttl: s.TTL }),
    ...(s.ResourceRecords !== undefined && s.ResourceRecords.length > 0 && { records: comparableValues(s.Type!, s.ResourceRecords.map((r) => r.Value ?? '')) }),
    ...(a !== undefined && { aliasTarget: { dnsName: aliasName(a.DNSName ?? ''), hostedZoneId: a.HostedZoneId ?? '', evaluateTargetHealth: a.EvaluateTargetHealth ?? false } }),
    ...(s.Failover !== undefined && { failover: s.Failover as 'PRIMARY' | 'SECONDARY' }),
    ...(s.Weight !== undefined && { weight: s.Weight }),
    ...(s.HealthCheckId !== undefined && { healthCheckId: s.HealthCheckId }),
  };
}

/** The record set Route 53 is sent for the desired properties. */
export function toRecordSet(d: RecordDesired): ResourceRecordSet {
  return {
    Name: absolute(d.name),
    Type: d.type as RRType,
    ...(d.setIdentifier !== undefined && { SetIdentifier: d.setIdentifier }),
    ...(d.failover !== undefined && { Failover: d.failover }),
    ...(d.weight !== undefined && { Weight: d.weight }),
    ...(d.ttl !== undefined && { TTL: d.ttl }),
    ...(d.records !== undefined && { ResourceRecords: d.records.map((v) => ({ Value: wireValue(d.type, v) })) }),
    ...(d.aliasTarget !== undefined && {
      AliasTarget: { DNSName: absolute(d.aliasTarget.dnsName), HostedZoneId: d.aliasTarget.hostedZoneId, EvaluateTargetHealth: d.aliasTarget.evaluateTargetHealth },
    }),
    ...(d.healthCheckId !== undefined && { HealthCheckId: d.healthCheckId }),
  };
}

/** A record set's key in its zone. */
export const keyOfSet = (zoneId: string, s: ResourceRecordSet): RecordKey => ({
  zoneId,
  name: dnsName(s.Name ?? ''),
  type: s.Type ?? '',
  ...(s.SetIdentifier !== undefined && { setIdentifier: s.SetIdentifier }),
});
