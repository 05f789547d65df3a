/**
 * ChangeResourceRecordSets: CREATE, DELETE and UPSERT applied in order to a copy of the
 * zone and committed all together or not at all. Every problem of the batch is reported
 * in one InvalidChangeBatch, in Route 53's words ("Tried to create resource record set
 * [name='www.example.com.', type='A'] but it already exists", "...but it was not found",
 * "...but the values provided do not match the current values"). The change is PENDING
 * for the propagation duration, then INSYNC.
 */
import type { ChangeResourceRecordSetsCommandInput, ChangeResourceRecordSetsCommandOutput } from '@aws-sdk/client-route-53';
import type { OperationTable } from '../service.ts';
import { changeNow, renderChange } from './change-info.ts';
import { invalidChangeBatch, type R53Ctx, r53Fail, requireInput } from './errors.ts';
import { describeRecord, escapeName } from './names.ts';
import { contentProblems, readRecord } from './record-rules.ts';
import type { RecordRec, Route53State, ZoneRec } from './state.ts';
import { findZone } from './zones.ts';

type Out<T> = Omit<T, '$metadata'>;

const MAX_CHANGES = 1000;

const sameIdentity = (a: RecordRec, b: RecordRec) => a.name === b.name && a.type === b.type && a.setIdentifier === b.setIdentifier;

/** Same content, as DELETE requires (values compared as sets). */
function sameContent(a: RecordRec, b: RecordRec): boolean {
  const values = (r: RecordRec) => JSON.stringify([...r.values].sort());
  const alias = (r: RecordRec) => JSON.stringify(r.alias);
  return a.ttl === b.ttl && values(a) === values(b) && alias(a) === alias(b) && a.failover === b.failover && a.weight === b.weight && a.healthCheckId === b.healthCheckId;
}

/** Why `r` cannot sit next to the other records of its name (CNAME exclusivity, routing policies). */
function conflicts(zone: ZoneRec, records: readonly RecordRec[], r: RecordRec): string | undefined {
  const others = records.filter((o) => o.name === r.name && !sameIdentity(o, r));
  const n = escapeName(r.name);
  const z = escapeName(zone.name);
  if (r.type === 'CNAME' && others.some((o) => o.type !== 'CNAME')) {
    return `RRSet of type CNAME with DNS name ${n} is not permitted as it conflicts with other records with the same DNS name in zone ${z}`;
  }
  if (r.type !== 'CNAME' && others.some((o) => o.type === 'CNAME')) {
    return `RRSet of type ${r.type} with DNS name ${n} is not permitted because a conflicting RRSet of type CNAME with the same DNS name already exists in zone ${z}`;
  }
  const sameType = others.filter((o) => o.type === r.type);
  const policy = (o: RecordRec) => (o.failover !== null ? 'failover' : o.weight !== null ? 'weighted' : 'simple');
  if (sameType.some((o) => policy(o) !== policy(r) || policy(o) === 'simple')) {
    return `RRSet with DNS name ${n}, type ${r.type}${r.setIdentifier === null ? '' : `, SetIdentifier ${r.setIdentifier}`} cannot be created as other RRSets exist with the same name and type.`;
  }
  if (r.failover !== null && sameType.some((o) => o.failover === r.failover)) {
    return `RRSet with DNS name ${n}, type ${r.type}, SetIdentifier ${r.setIdentifier} cannot be created because a ${r.failover} failover record with the same name and type already exists.`;
  }
  return undefined;
}

/** Applies one change to `records` (a working copy); returns the problems, if any. */
function apply(zone: ZoneRec, records: RecordRec[], action: string, r: RecordRec): string[] {
  const at = records.findIndex((o) => sameIdentity(o, r));
  const current = at >= 0 ? records[at] : undefined;
  if (action === 'DELETE') {
    if (current === undefined) return [`Tried to delete resource record set ${describeRecord(r)} but it was not found`];
    if (!sameContent(current, r)) return [`Tried to delete resource record set ${describeRecord(r)} but the values provided do not match the current values`];
    if (r.name === zone.name && (r.type === 'NS' || r.type === 'SOA')) return [`A HostedZone must contain at least one ${r.type} record for the zone itself.`];
    records.splice(at, 1);
    return [];
  }
  if (action === 'CREATE' && current !== undefined) return [`Tried to create resource record set ${describeRecord(r)} but it already exists`];
  const conflict = conflicts(zone, records, r);
  if (conflict !== undefined) return [conflict];
  if (current !== undefined) records[at] = r;
  else records.push(r);
  return [];
}

export const recordChangeOperations = {
  ChangeResourceRecordSets(input: ChangeResourceRecordSetsCommandInput, ctx: R53Ctx): Out<ChangeResourceRecordSetsCommandOutput> {
    const zone = findZone(ctx, input.HostedZoneId);
    const changes = requireInput(ctx, input.ChangeBatch?.Changes, 'ChangeBatch.Changes');
    if (changes.length < 1 || changes.length > MAX_CHANGES) r53Fail(ctx, 'InvalidInput', `Invalid request: a change batch holds 1 to ${MAX_CHANGES} changes, got ${changes.length}`);
    const read = changes.map((c) => {
      if (c.Action !== 'CREATE' && c.Action !== 'DELETE' && c.Action !== 'UPSERT') r53Fail(ctx, 'InvalidInput', `Invalid request: Unknown action '${String(c.Action)}'`);
      return { action: c.Action, record: readRecord(ctx, c) };
    });
    const working = zone.records.map((r) => ({ ...r }));
    const recordsOf = (zoneId: string) => (zoneId === zone.id ? working : ctx.state.zones[zoneId]?.records);
    const problems: string[] = [];
    for (const { action, record } of read) {
      const content = contentProblems(ctx, zone, record, action, recordsOf);
      problems.push(...(content.length > 0 ? content : apply(zone, working, action, record)));
    }
    if (problems.length > 0) invalidChangeBatch(ctx, problems);
    const change = changeNow(ctx, input.ChangeBatch?.Comment);
    const touched = new Set(read.map((c) => c.record));
    zone.records = working.map((r) => (touched.has(r) ? { ...r, changedAt: change.submittedAt, insyncAt: change.insyncAt } : r));
    return { ChangeInfo: renderChange(change, ctx.now) };
  },
} satisfies OperationTable<Route53State>;
