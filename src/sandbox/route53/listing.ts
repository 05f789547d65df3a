/**
 * The Route 53 lists. ListHostedZones: Marker/NextMarker = the id of the first zone of the
 * next page, ordered by id. ListHostedZonesByName: ordered by name with the labels
 * reversed, then id; DNSName/HostedZoneId say where a page starts, NextDNSName and
 * NextHostedZoneId where the next one does. Neither filters by name: a lookup by name must
 * check the names it gets back. ListResourceRecordSets: a zone's record sets in Route 53's
 * order (name with labels reversed, then type, then set identifier), starting at the first
 * one at or after StartRecordName/StartRecordType/StartRecordIdentifier; a truncated page
 * names the first record set of the next one in NextRecordName/Type/Identifier.
 */
import type {
  GetHostedZoneCountCommandInput,
  GetHostedZoneCountCommandOutput,
  ListHostedZonesByNameCommandInput,
  ListHostedZonesByNameCommandOutput,
  ListHostedZonesCommandInput,
  ListHostedZonesCommandOutput,
  ListResourceRecordSetsCommandInput,
  ListResourceRecordSetsCommandOutput,
  ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import type { OperationTable } from '../service.ts';
import { type R53Ctx, r53Fail } from './errors.ts';
import { bareId, canonicalName, compareNames, compareRecords, escapeName, nameProblem } from './names.ts';
import { RR_TYPES } from './record-rules.ts';
import type { RecordRec, Route53State, ZoneRec } from './state.ts';
import { findZone, renderZone } from './zones.ts';

type Out<T> = Omit<T, '$metadata'>;

const MAX_ZONES_PER_PAGE = 100;
const MAX_RECORDS_PER_PAGE = 300;

function renderRecord(r: RecordRec): ResourceRecordSet {
  return {
    Name: escapeName(r.name),
    Type: r.type as ResourceRecordSet['Type'],
    ...(r.setIdentifier !== null && { SetIdentifier: r.setIdentifier }),
    ...(r.weight !== null && { Weight: r.weight }),
    ...(r.failover !== null && { Failover: r.failover }),
    ...(r.ttl !== null && { TTL: r.ttl }),
    ...(r.alias === null
      ? { ResourceRecords: r.values.map((Value) => ({ Value })) }
      : { AliasTarget: { HostedZoneId: r.alias.hostedZoneId, DNSName: escapeName(r.alias.dnsName), EvaluateTargetHealth: r.alias.evaluateTargetHealth } }),
    ...(r.healthCheckId !== null && { HealthCheckId: r.healthCheckId }),
  };
}

/** MaxItems as Route 53 takes it: 1 and up, more than the maximum means the maximum. */
export function maxItems(ctx: R53Ctx, value: number | undefined, max: number): number {
  if (value === undefined) return max;
  if (!Number.isInteger(value) || value < 1) r53Fail(ctx, 'InvalidInput', `Invalid value for MaxItems: ${value}`);
  return Math.min(value, max);
}

const byId = (a: ZoneRec, b: ZoneRec) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export const listingOperations = {
  ListHostedZones(input: ListHostedZonesCommandInput, ctx: R53Ctx): Out<ListHostedZonesCommandOutput> {
    const max = maxItems(ctx, input.MaxItems, MAX_ZONES_PER_PAGE);
    if (input.DelegationSetId !== undefined) r53Fail(ctx, 'InvalidInput', 'The blogctl sandbox does not simulate reusable delegation sets.');
    const marker = input.Marker === undefined ? undefined : bareId(input.Marker);
    const zones = Object.values(ctx.state.zones)
      .filter((z) => input.HostedZoneType !== 'PrivateHostedZone' || z.privateZone)
      .sort(byId)
      .filter((z) => marker === undefined || z.id >= marker);
    const page = zones.slice(0, max);
    const next = zones[max];
    return {
      HostedZones: page.map(renderZone),
      Marker: input.Marker ?? '',
      IsTruncated: next !== undefined,
      ...(next !== undefined && { NextMarker: next.id }),
      MaxItems: max,
    };
  },

  ListHostedZonesByName(input: ListHostedZonesByNameCommandInput, ctx: R53Ctx): Out<ListHostedZonesByNameCommandOutput> {
    const max = maxItems(ctx, input.MaxItems, MAX_ZONES_PER_PAGE);
    if (input.HostedZoneId !== undefined && input.DNSName === undefined) {
      r53Fail(ctx, 'InvalidInput', 'Invalid request: HostedZoneId is only allowed together with DNSName.');
    }
    const startName = input.DNSName === undefined ? undefined : canonicalName(input.DNSName);
    if (startName !== undefined && nameProblem(startName) !== undefined) r53Fail(ctx, 'InvalidDomainName', `${input.DNSName} is not a valid domain name`);
    const startId = input.HostedZoneId === undefined ? '' : bareId(input.HostedZoneId);
    const order = (a: ZoneRec, b: ZoneRec) => compareNames(a.name, b.name) || byId(a, b);
    const zones = Object.values(ctx.state.zones)
      .sort(order)
      .filter((z) => startName === undefined || compareNames(z.name, startName) > 0 || (z.name === startName && z.id >= startId));
    const page = zones.slice(0, max);
    const next = zones[max];
    return {
      HostedZones: page.map(renderZone),
      ...(input.DNSName !== undefined && { DNSName: input.DNSName }),
      ...(input.HostedZoneId !== undefined && { HostedZoneId: input.HostedZoneId }),
      IsTruncated: next !== undefined,
      ...(next !== undefined && { NextDNSName: escapeName(next.name), NextHostedZoneId: next.id }),
      MaxItems: max,
    };
  },

  GetHostedZoneCount(_input: GetHostedZoneCountCommandInput, ctx: R53Ctx): Out<GetHostedZoneCountCommandOutput> {
    return { HostedZoneCount: Object.keys(ctx.state.zones).length };
  },

  ListResourceRecordSets(input: ListResourceRecordSetsCommandInput, ctx: R53Ctx): Out<ListResourceRecordSetsCommandOutput> {
    const zone = findZone(ctx, input.HostedZoneId);
    const max = maxItems(ctx, input.MaxItems, MAX_RECORDS_PER_PAGE);
    if (input.StartRecordType !== undefined && input.StartRecordName === undefined) {
      r53Fail(ctx, 'InvalidInput', 'Invalid request: StartRecordType is only allowed together with StartRecordName.');
    }
    if (input.StartRecordIdentifier !== undefined && input.StartRecordType === undefined) {
      r53Fail(ctx, 'InvalidInput', 'Invalid request: StartRecordIdentifier is only allowed together with StartRecordName and StartRecordType.');
    }
    if (input.StartRecordType !== undefined && !RR_TYPES.includes(input.StartRecordType)) {
      r53Fail(ctx, 'InvalidInput', `Invalid request: Unknown type '${input.StartRecordType}'`);
    }
    const sorted = [...zone.records].sort(compareRecords);
    let records = sorted;
    if (input.StartRecordName !== undefined) {
      // '' sorts before any type or set identifier: the start of that name (or type).
      const start = { name: canonicalName(input.StartRecordName), type: input.StartRecordType ?? '', setIdentifier: input.StartRecordIdentifier ?? '' };
      records = sorted.filter((r) => compareRecords(r, start) >= 0);
    }
    const page = records.slice(0, max);
    const next = records[max];
    return {
      ResourceRecordSets: page.map(renderRecord),
      IsTruncated: next !== undefined,
      ...(next !== undefined && {
        NextRecordName: escapeName(next.name),
        NextRecordType: next.type as ResourceRecordSet['Type'],
        ...(next.setIdentifier !== null && { NextRecordIdentifier: next.setIdentifier }),
      }),
      MaxItems: max,
    };
  },
} satisfies OperationTable<Route53State>;
