/**
 * Finding tables (by name or ARN, in the caller's region), their status derived from the
 * clock (CREATING -> ACTIVE, UPDATING, DELETING -> gone), and the TableDescription
 * DynamoDB renders.
 */
import type { TableDescription, TableStatus } from '@aws-sdk/client-dynamodb';
import { type DdbCtx, ddbFail } from './attribute-values.ts';
import type { TableRec } from './state.ts';

export function tableArn(ctx: DdbCtx, nameOrArn: string): string {
  return nameOrArn.startsWith('arn:') ? nameOrArn : ctx.arn(`table/${nameOrArn}`);
}

/** Forgets tables whose deletion has finished. */
export function purgeDeleted(ctx: DdbCtx): void {
  for (const [arn, t] of Object.entries(ctx.state.tables)) if (isGone(t, ctx.now)) delete ctx.state.tables[arn];
}

/** A deleted table whose deletion has finished: absent for every call (writes purge it, reads skip it). */
export function isGone(t: TableRec, now: number): boolean {
  return t.deletedAt !== null && t.deletedAt <= now;
}

/** The table of this name in the caller's region, unless it is gone. */
function lookup(ctx: DdbCtx, name: string): TableRec | undefined {
  const table = ctx.state.tables[tableArn(ctx, name)];
  return table && !isGone(table, ctx.now) ? table : undefined;
}

export function tableStatus(t: TableRec, now: number): TableStatus {
  if (t.deletedAt !== null) return 'DELETING';
  if (now < t.activeAt) return 'CREATING';
  if (t.updateDoneAt !== null && now < t.updateDoneAt) return 'UPDATING';
  return 'ACTIVE';
}

/** The table a control-plane request names (any status), or ResourceNotFoundException. */
export function findTable(ctx: DdbCtx, name: string | undefined, code = 'ResourceNotFoundException'): TableRec {
  if (name === undefined) ddbFail(ctx, 'ValidationException', "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null");
  const table = lookup(ctx, name);
  if (!table) {
    ddbFail(ctx, code, code === 'TableNotFoundException' ? `Table not found: ${name}` : `Requested resource not found: Table: ${name} not found`);
  }
  return table;
}

/** The table an item request names: it must be ACTIVE or UPDATING (a table being created or deleted is not found). */
export function dataTable(ctx: DdbCtx, name: string | undefined): TableRec {
  const table = name === undefined ? undefined : lookup(ctx, name);
  const status = table && tableStatus(table, ctx.now);
  if (!table || status === 'CREATING' || status === 'DELETING') ddbFail(ctx, 'ResourceNotFoundException', 'Requested resource not found');
  return table;
}

/** Refuses a change while the table is not ACTIVE. */
export function assertActive(ctx: DdbCtx, t: TableRec): void {
  const status = tableStatus(t, ctx.now);
  if (status !== 'ACTIVE') {
    const doing = { CREATING: 'created', UPDATING: 'updated', DELETING: 'deleted' }[status as 'CREATING' | 'UPDATING' | 'DELETING'] ?? 'changed';
    ddbFail(ctx, 'ResourceInUseException', `Attempt to change a resource which is still in use: Table is being ${doing}: ${t.name}`);
  }
}

export function renderTable(t: TableRec, now: number): TableDescription {
  const keys = t.range ? [t.hash, t.range] : [t.hash];
  const items = Object.values(t.items);
  const provisioned = t.billingMode === 'PROVISIONED';
  return {
    AttributeDefinitions: keys.map((k) => ({ AttributeName: k.name, AttributeType: k.type })),
    TableName: t.name,
    KeySchema: keys.map((k, i) => ({ AttributeName: k.name, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
    TableStatus: tableStatus(t, now),
    CreationDateTime: new Date(t.createdAt),
    ProvisionedThroughput: { NumberOfDecreasesToday: 0, ReadCapacityUnits: provisioned ? t.read : 0, WriteCapacityUnits: provisioned ? t.write : 0 },
    TableSizeBytes: items.reduce((n, item) => n + Buffer.byteLength(JSON.stringify(item)), 0),
    ItemCount: items.length,
    TableArn: t.arn,
    TableId: t.id,
    BillingModeSummary:
      t.payPerRequestSince !== null || !provisioned
        ? { BillingMode: t.billingMode, LastUpdateToPayPerRequestDateTime: t.payPerRequestSince === null ? undefined : new Date(t.payPerRequestSince) }
        : undefined,
    TableClassSummary: t.tableClass === 'STANDARD' ? undefined : { TableClass: t.tableClass as 'STANDARD_INFREQUENT_ACCESS' },
    DeletionProtectionEnabled: t.deletionProtection,
    ...(t.sse && { SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: t.sse.kmsKeyArn } }),
  };
}
