/**
 * Tables: CreateTable (key schema and billing checked as DynamoDB does, tags at create,
 * CREATING -> ACTIVE on the clock), DescribeTable, ListTables (ExclusiveStartTableName),
 * UpdateTable (billing mode, throughput, deletion protection, table class) and DeleteTable
 * (refused under deletion protection; DELETING, then gone).
 */
import type {
  CreateTableCommandInput,
  CreateTableCommandOutput,
  DeleteTableCommandInput,
  DeleteTableCommandOutput,
  DescribeTableCommandInput,
  DescribeTableCommandOutput,
  KeySchemaElement,
  AttributeDefinition,
  ListTablesCommandInput,
  ListTablesCommandOutput,
  ProvisionedThroughput,
  SSESpecification,
  UpdateTableCommandInput,
  UpdateTableCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { awsManagedKeyArn } from '../secretsmanager/secrets.ts';
import type { OperationTable } from '../service.ts';
import { type DdbCtx, ddbFail, validation } from './attribute-values.ts';
import type { DynamoDbState, KeyElement, TableRec } from './state.ts';
import { assertActive, findTable, isGone, purgeDeleted, renderTable, tableArn, tableStatus } from './table-records.ts';
import { checkTags } from './table-settings.ts';

type Out<T> = Omit<T, '$metadata'>;

function constraint(ctx: DdbCtx, value: unknown, field: string, rule: string): never {
  return validation(ctx, `1 validation error detected: Value ${value === null ? 'null' : `'${String(value)}'`} at '${field}' failed to satisfy constraint: ${rule}`);
}

function checkTableName(ctx: DdbCtx, name: string | undefined): string {
  if (name === undefined) constraint(ctx, null, 'tableName', 'Member must not be null');
  if (name.length < 3 || name.length > 255) constraint(ctx, name, 'tableName', 'Member must have length greater than or equal to 3');
  if (!/^[a-zA-Z0-9_.-]+$/.test(name)) constraint(ctx, name, 'tableName', 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+');
  return name;
}

function keySchema(ctx: DdbCtx, schema: KeySchemaElement[] | undefined, definitions: AttributeDefinition[] | undefined): [KeyElement, KeyElement | null] {
  if (schema === undefined || schema.length === 0) constraint(ctx, null, 'keySchema', 'Member must not be null');
  if (schema.length > 2) constraint(ctx, `[${schema.map((k) => k.AttributeName).join(', ')}]`, 'keySchema', 'Member must have length less than or equal to 2');
  if (schema[0]!.KeyType !== 'HASH') validation(ctx, 'Invalid KeySchema: The first KeySchemaElement is not a HASH key type');
  if (schema[1] && schema[1].KeyType !== 'RANGE') validation(ctx, 'Invalid KeySchema: The second KeySchemaElement is not a RANGE key type');
  if (schema[1] && schema[1].AttributeName === schema[0]!.AttributeName) validation(ctx, 'Both the Hash Key and the Range Key element in the KeySchema have the same name');
  const defs = definitions ?? [];
  defs.forEach((d, i) => {
    if (!['S', 'N', 'B'].includes(d.AttributeType ?? '')) constraint(ctx, d.AttributeType, `attributeDefinitions.${i + 1}.member.attributeType`, 'Member must satisfy enum value set: [B, N, S]');
  });
  const names = schema.map((k) => k.AttributeName ?? '');
  const missing = names.filter((n) => !defs.some((d) => d.AttributeName === n));
  if (missing.length > 0) {
    validation(ctx, `One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [${missing.join(', ')}], AttributeDefinitions: [${defs.map((d) => d.AttributeName).join(', ')}]`);
  }
  if (defs.length !== names.length) validation(ctx, 'One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions');
  const element = (name: string): KeyElement => ({ name, type: defs.find((d) => d.AttributeName === name)!.AttributeType as KeyElement['type'] });
  return [element(names[0]!), names[1] === undefined ? null : element(names[1])];
}

function throughput(ctx: DdbCtx, pt: ProvisionedThroughput | undefined, mode: string): { read: number; write: number } {
  if (mode === 'PAY_PER_REQUEST') {
    if (pt !== undefined) validation(ctx, 'One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST');
    return { read: 0, write: 0 };
  }
  if (pt?.ReadCapacityUnits === undefined || pt.WriteCapacityUnits === undefined) {
    validation(ctx, 'One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED');
  }
  for (const [field, v] of [['readCapacityUnits', pt.ReadCapacityUnits], ['writeCapacityUnits', pt.WriteCapacityUnits]] as const) {
    if (v < 1) constraint(ctx, v, `provisionedThroughput.${field}`, 'Member must have value greater than or equal to 1');
  }
  return { read: pt.ReadCapacityUnits, write: pt.WriteCapacityUnits };
}

/** SSESpecification: Enabled with SSEType KMS uses the given key (or the account's aws/dynamodb key); disabled is the AWS owned key. */
function encryption(ctx: DdbCtx, sse: SSESpecification | undefined): TableRec['sse'] {
  if (sse?.Enabled !== true) return null;
  if (sse.SSEType !== undefined && sse.SSEType !== 'KMS') constraint(ctx, sse.SSEType, 'sseSpecification.sseType', 'Member must satisfy enum value set: [KMS]');
  const key = sse.KMSMasterKeyId;
  if (key === undefined) return { kmsKeyArn: awsManagedKeyArn(ctx.accountId, ctx.region, 'aws/dynamodb') };
  return { kmsKeyArn: key.startsWith('arn:') ? key : `arn:aws:kms:${ctx.region}:${ctx.accountId}:key/${key}` };
}

export const tableOperations = {
  CreateTable(input: CreateTableCommandInput, ctx: DdbCtx): Out<CreateTableCommandOutput> {
    const name = checkTableName(ctx, input.TableName);
    const [hash, range] = keySchema(ctx, input.KeySchema, input.AttributeDefinitions);
    const mode = input.BillingMode ?? 'PROVISIONED';
    if (mode !== 'PROVISIONED' && mode !== 'PAY_PER_REQUEST') constraint(ctx, mode, 'billingMode', 'Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]');
    const capacity = throughput(ctx, input.ProvisionedThroughput, mode);
    if (input.GlobalSecondaryIndexes?.length || input.LocalSecondaryIndexes?.length) {
      validation(ctx, 'blogctl sandbox: secondary indexes are not simulated');
    }
    const tags = checkTags(ctx, input.Tags);
    purgeDeleted(ctx);
    const arn = tableArn(ctx, name);
    if (ctx.state.tables[arn]) ddbFail(ctx, 'ResourceInUseException', `Table already exists: ${name}`);
    const table: TableRec = {
      name,
      arn,
      id: ctx.ids.uuid(),
      region: ctx.region,
      createdAt: ctx.now,
      activeAt: ctx.now + ctx.durations.of('dynamodb.table.create'),
      updateDoneAt: null,
      deletedAt: null,
      hash,
      range,
      billingMode: mode,
      ...capacity,
      payPerRequestSince: null,
      tableClass: input.TableClass ?? 'STANDARD',
      deletionProtection: input.DeletionProtectionEnabled ?? false,
      sse: encryption(ctx, input.SSESpecification),
      pitr: { enabled: false, since: null, recoveryPeriodInDays: 35 },
      ttl: { attributeName: null, enabled: false, changedAt: null, settledAt: null },
      tags,
      items: {},
    };
    ctx.state.tables[arn] = table;
    return { TableDescription: renderTable(table, ctx.now) };
  },

  DescribeTable(input: DescribeTableCommandInput, ctx: DdbCtx): Out<DescribeTableCommandOutput> {
    return { Table: renderTable(findTable(ctx, input.TableName), ctx.now) };
  },

  ListTables(input: ListTablesCommandInput, ctx: DdbCtx): Out<ListTablesCommandOutput> {
    const limit = input.Limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) constraint(ctx, limit, 'limit', 'Member must have value less than or equal to 100');
    const names = Object.values(ctx.state.tables).filter((t) => t.region === ctx.region && !isGone(t, ctx.now)).map((t) => t.name).sort();
    const start = input.ExclusiveStartTableName;
    const rest = start === undefined ? names : names.filter((n) => n > start);
    const page = rest.slice(0, limit);
    return { TableNames: page, LastEvaluatedTableName: rest.length > limit ? page[page.length - 1] : undefined };
  },

  UpdateTable(input: UpdateTableCommandInput, ctx: DdbCtx): Out<UpdateTableCommandOutput> {
    const t = findTable(ctx, input.TableName);
    assertActive(ctx, t);
    const changesCapacity = input.BillingMode !== undefined || input.ProvisionedThroughput !== undefined || input.TableClass !== undefined;
    if (!changesCapacity && input.DeletionProtectionEnabled === undefined && input.SSESpecification === undefined) {
      validation(ctx, 'At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required');
    }
    if (input.GlobalSecondaryIndexUpdates?.length) validation(ctx, 'blogctl sandbox: secondary indexes are not simulated');
    const mode = input.BillingMode ?? t.billingMode;
    if (mode === 'PROVISIONED' && t.billingMode === 'PAY_PER_REQUEST' && input.ProvisionedThroughput === undefined) {
      validation(ctx, 'One or more parameter values were invalid: ProvisionedThroughput must be specified when BillingMode is PROVISIONED');
    }
    const capacity = input.ProvisionedThroughput === undefined && mode === t.billingMode ? { read: t.read, write: t.write } : throughput(ctx, input.ProvisionedThroughput, mode);
    if (mode === 'PROVISIONED' && input.ProvisionedThroughput !== undefined && input.BillingMode === undefined && capacity.read === t.read && capacity.write === t.write) {
      validation(ctx, `The provisioned throughput for the table will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for the table: ${t.read}. Requested ReadCapacityUnits: ${capacity.read}. Current WriteCapacityUnits provisioned for the table: ${t.write}. Requested WriteCapacityUnits: ${capacity.write}. Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.`);
    }
    if (input.DeletionProtectionEnabled !== undefined) t.deletionProtection = input.DeletionProtectionEnabled;
    if (input.SSESpecification !== undefined) {
      const sse = encryption(ctx, input.SSESpecification);
      if ((sse?.kmsKeyArn ?? null) === (t.sse?.kmsKeyArn ?? null)) validation(ctx, 'Table is already encrypted by default');
      t.sse = sse;
    }
    const before = JSON.stringify([t.billingMode, t.read, t.write, t.tableClass]);
    if (mode === 'PAY_PER_REQUEST' && t.billingMode !== 'PAY_PER_REQUEST') t.payPerRequestSince = ctx.now;
    t.billingMode = mode;
    t.read = capacity.read;
    t.write = capacity.write;
    t.tableClass = input.TableClass ?? t.tableClass;
    if (JSON.stringify([t.billingMode, t.read, t.write, t.tableClass]) !== before) t.updateDoneAt = ctx.now + ctx.durations.of('dynamodb.table.update');
    return { TableDescription: renderTable(t, ctx.now) };
  },

  DeleteTable(input: DeleteTableCommandInput, ctx: DdbCtx): Out<DeleteTableCommandOutput> {
    const t = findTable(ctx, input.TableName);
    if (t.deletionProtection) validation(ctx, 'Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.');
    if (tableStatus(t, ctx.now) !== 'ACTIVE') assertActive(ctx, t);
    t.deletedAt = ctx.now + ctx.durations.of('dynamodb.table.delete');
    return { TableDescription: renderTable(t, ctx.now) };
  },
} satisfies OperationTable<DynamoDbState>;
