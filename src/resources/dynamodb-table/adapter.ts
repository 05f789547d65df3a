/**
 * dynamodb.table: DynamoDB cannot list tables by tag, so tag discovery hands observe the
 * stack's table ARNs (and a table the spec names is read by its name). A create waits
 * for ACTIVE before point-in-time recovery and TTL can be set, and writes the final
 * blogctl:spec tag last. Key changes replace the table (deleting the old one first when
 * the name stays); a table with deletion protection on is never deleted.
 */
import {
  CreateTableCommand, DeleteTableCommand, DescribeContinuousBackupsCommand, DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient,
  ListTagsOfResourceCommand, TagResourceCommand, UntagResourceCommand, UpdateContinuousBackupsCommand, UpdateTableCommand, UpdateTimeToLiveCommand,
  type SSESpecification, type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { TAG, type AdapterContext, type DesiredOf, type FieldChange, type ResourceAdapter } from '../../reconciler/types.ts';
import { isNotFound, unlessGone } from '../aws-errors.ts';
import { lookups, readAll } from '../lookup.ts';
import { diffFields } from '../normalize/compare.ts';
import { diffTags,  tagList, tagRecord, syncTags } from '../normalize/tags.ts';
import { tableProperties } from './schema.ts';

type Desired = DesiredOf<typeof tableProperties>;

export interface ObservedTable {
  readonly tableName: string;
  readonly arn: string;
  /** CREATING, ACTIVE, UPDATING, DELETING... */
  readonly status: string;
  readonly attributeDefinitions: Desired['attributeDefinitions'];
  readonly keySchema: Desired['keySchema'];
  readonly billingMode: Desired['billingMode'];
  readonly provisionedThroughput?: NonNullable<Desired['provisionedThroughput']>;
  readonly pointInTimeRecovery: boolean;
  readonly deletionProtectionEnabled: boolean;
  readonly sse: { readonly type: 'AWS_OWNED' | 'KMS'; readonly kmsMasterKeyId?: string };
  readonly timeToLive?: { readonly attributeName: string; readonly enabled: boolean };
  readonly tags: Record<string, string>;
}

const TIMEOUTS = { create: 10 * 60_000, update: 10 * 60_000, delete: 10 * 60_000, ready: 10 * 60_000 } as const;
const ddb = (ctx: AdapterContext) => ctx.clients.get(DynamoDBClient);

function fromDescription(t: TableDescription): Omit<ObservedTable, 'pointInTimeRecovery' | 'timeToLive' | 'tags'> {
  const billingMode = t.BillingModeSummary?.BillingMode === 'PAY_PER_REQUEST' ? 'PAY_PER_REQUEST' : 'PROVISIONED';
  const pt = t.ProvisionedThroughput;
  return {
    tableName: t.TableName!,
    arn: t.TableArn!,
    status: t.TableStatus ?? 'ACTIVE',
    attributeDefinitions: (t.AttributeDefinitions ?? []).map((a) => ({ attributeName: a.AttributeName!, attributeType: a.AttributeType! })),
    keySchema: (t.KeySchema ?? []).map((k) => ({ attributeName: k.AttributeName!, keyType: k.KeyType! })),
    billingMode,
    ...(billingMode === 'PROVISIONED' && pt && { provisionedThroughput: { readCapacityUnits: pt.ReadCapacityUnits ?? 0, writeCapacityUnits: pt.WriteCapacityUnits ?? 0 } }),
    deletionProtectionEnabled: t.DeletionProtectionEnabled ?? false,
    sse: t.SSEDescription?.Status === 'ENABLED' || t.SSEDescription?.Status === 'ENABLING'
      ? { type: 'KMS', ...(t.SSEDescription.KMSMasterKeyArn && { kmsMasterKeyId: t.SSEDescription.KMSMasterKeyArn }) }
      : { type: 'AWS_OWNED' },
  };
}

async function read(ctx: AdapterContext, name: string): Promise<{ state: ObservedTable; tags: Record<string, string> } | undefined> {
  const table = (await unlessGone(ddb(ctx).send(new DescribeTableCommand({ TableName: name }))))?.Table;
  if (!table) return undefined;
  const base = fromDescription(table);
  const [tags, backups, ttl] = await Promise.all([
    readTags(ctx, base.arn),
    ddb(ctx).send(new DescribeContinuousBackupsCommand({ TableName: base.arn })).catch((err: unknown) => (isNotFound(err) ? undefined : Promise.reject(err))),
    ddb(ctx).send(new DescribeTimeToLiveCommand({ TableName: base.arn })).catch((err: unknown) => (isNotFound(err) ? undefined : Promise.reject(err))),
  ]);
  const pitr = backups?.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus === 'ENABLED';
  const t = ttl?.TimeToLiveDescription;
  const timeToLive = t?.AttributeName ? { attributeName: t.AttributeName, enabled: t.TimeToLiveStatus === 'ENABLED' || t.TimeToLiveStatus === 'ENABLING' } : undefined;
  return { state: { ...base, pointInTimeRecovery: pitr, ...(timeToLive && { timeToLive }), tags }, tags };
}

async function readTags(ctx: AdapterContext, arn: string): Promise<Record<string, string>> {
  const tags: Record<string, string> = {};
  let token: string | undefined;
  do {
    const page = await ddb(ctx).send(new ListTagsOfResourceCommand({ ResourceArn: arn, NextToken: token }));
    Object.assign(tags, tagRecord(page.Tags));
    token = page.NextToken;
  } while (token);
  return tags;
}

const sseSpec = (sse: Desired['sse']): SSESpecification =>
  sse.type === 'KMS' ? { Enabled: true, SSEType: 'KMS', ...(sse.kmsMasterKeyId && { KMSMasterKeyId: sse.kmsMasterKeyId }) } : { Enabled: false };

const throughput = (d: Desired) =>
  d.billingMode === 'PROVISIONED' && d.provisionedThroughput
    ? { ReadCapacityUnits: d.provisionedThroughput.readCapacityUnits, WriteCapacityUnits: d.provisionedThroughput.writeCapacityUnits }
    : undefined;

/** Waits until the table is ACTIVE (a change is refused while it is CREATING or UPDATING). */
async function untilActive(ctx: AdapterContext, arn: string, what: string, timeoutMs: number): Promise<void> {
  await ctx.waitFor(async () => {
    const t = (await ddb(ctx).send(new DescribeTableCommand({ TableName: arn }))).Table;
    return t?.TableStatus === 'ACTIVE' ? true : undefined;
  }, { what, timeoutMs });
}

const keyOf = (k: readonly { attributeName: string }[]) => k.map((x) => x.attributeName).join();
const sorted = <T extends { attributeName: string }>(xs: readonly T[]) => [...xs].sort((a, b) => a.attributeName.localeCompare(b.attributeName));

function diffTable(desired: Desired, observed: ObservedTable): FieldChange[] {
  const sameName = desired.tableName === observed.tableName;
  const keys: FieldChange[] = [];
  if (JSON.stringify(desired.keySchema) !== JSON.stringify(observed.keySchema))
    keys.push({ path: 'keySchema', from: observed.keySchema, to: desired.keySchema, deleteBeforeReplace: sameName });
  if (JSON.stringify(sorted(desired.attributeDefinitions)) !== JSON.stringify(sorted(observed.attributeDefinitions)) && keys.length === 0 && keyOf(desired.keySchema) === keyOf(observed.keySchema))
    keys.push({ path: 'attributeDefinitions', from: observed.attributeDefinitions, to: desired.attributeDefinitions, deleteBeforeReplace: sameName });
  const sseDiffers = desired.sse.type !== observed.sse.type || (desired.sse.kmsMasterKeyId !== undefined && desired.sse.kmsMasterKeyId !== observed.sse.kmsMasterKeyId);
  return [
    ...diffFields(desired, observed, ['tableName']),
    ...keys,
    ...diffFields(desired, observed, ['billingMode', 'pointInTimeRecovery', 'deletionProtectionEnabled']),
    ...(desired.billingMode === 'PROVISIONED' ? diffFields(desired, observed, ['provisionedThroughput']) : []),
    ...(sseDiffers ? [{ path: 'sse', from: observed.sse, to: desired.sse }] : []),
    ...diffFields(desired, observed, ['timeToLive']),
    ...diffTags(desired.tags, observed.tags),
  ];
}

export const tableAdapter: ResourceAdapter<'dynamodb.table', Desired, ObservedTable> = {
  kind: 'dynamodb.table',
  replaceOn: ['tableName', 'keySchema', 'attributeDefinitions'],
  replaceOrder: 'create-before-delete',
  discovery: { service: 'dynamodb', resourceType: 'table' },
  timeouts: TIMEOUTS,

  observe: (requests, ctx) =>
    readAll(ctx, lookups(requests, { desired: (d) => d.tableName, observed: (o) => o.tableName, arn: (arn) => arn.slice(arn.indexOf(':table/') + 7) }), (l) => read(ctx, l.name)),

  diff: diffTable,

  async create(id, desired, ctx) {
    const more = desired.pointInTimeRecovery || desired.timeToLive?.enabled === true;
    const identity = ctx.identityTags(id);
    const out = await ddb(ctx).send(new CreateTableCommand({
      TableName: desired.tableName,
      AttributeDefinitions: desired.attributeDefinitions.map((a) => ({ AttributeName: a.attributeName, AttributeType: a.attributeType })),
      KeySchema: desired.keySchema.map((k) => ({ AttributeName: k.attributeName, KeyType: k.keyType })),
      BillingMode: desired.billingMode,
      ProvisionedThroughput: throughput(desired),
      DeletionProtectionEnabled: desired.deletionProtectionEnabled,
      SSESpecification: desired.sse.type === 'KMS' ? sseSpec(desired.sse) : undefined,
      Tags: tagList({ ...(desired.tags ?? {}), ...(more ? ctx.identityTags(id, 'creating') : identity) }),
    }));
    const arn = out.TableDescription!.TableArn!;
    await untilActive(ctx, arn, 'creating', TIMEOUTS.create);
    if (desired.pointInTimeRecovery)
      await ddb(ctx).send(new UpdateContinuousBackupsCommand({ TableName: arn, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }));
    if (desired.timeToLive?.enabled)
      await ddb(ctx).send(new UpdateTimeToLiveCommand({ TableName: arn, TimeToLiveSpecification: { AttributeName: desired.timeToLive.attributeName, Enabled: true } }));
    if (more) await ddb(ctx).send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: TAG.spec, Value: identity[TAG.spec] ?? '' }] }));
    const made = await read(ctx, arn);
    if (!made) throw new Error(`table ${desired.tableName} vanished right after it was created`);
    return made.state;
  },

  async update(id, desired, observed, changes, ctx) {
    const at = (path: string) => changes.some((c) => c.path === path || c.path.startsWith(`${path}.`));
    const arn = observed.arn;
    const updateTable = async (input: Omit<ConstructorParameters<typeof UpdateTableCommand>[0], 'TableName'>) => {
      await untilActive(ctx, arn, 'modifying', TIMEOUTS.update);
      await ddb(ctx).send(new UpdateTableCommand({ TableName: arn, ...input }));
    };
    if (at('deletionProtectionEnabled')) await updateTable({ DeletionProtectionEnabled: desired.deletionProtectionEnabled });
    if (at('billingMode') || at('provisionedThroughput')) await updateTable({ BillingMode: desired.billingMode, ProvisionedThroughput: throughput(desired) });
    if (at('sse')) await updateTable({ SSESpecification: sseSpec(desired.sse) });
    if (at('pointInTimeRecovery')) {
      await untilActive(ctx, arn, 'modifying', TIMEOUTS.update);
      await ddb(ctx).send(new UpdateContinuousBackupsCommand({ TableName: arn, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: desired.pointInTimeRecovery } }));
    }
    if (at('timeToLive') && desired.timeToLive) {
      const was = observed.timeToLive;
      if (was?.enabled && was.attributeName !== desired.timeToLive.attributeName)
        await ddb(ctx).send(new UpdateTimeToLiveCommand({ TableName: arn, TimeToLiveSpecification: { AttributeName: was.attributeName, Enabled: false } }));
      await ddb(ctx).send(new UpdateTimeToLiveCommand({ TableName: arn, TimeToLiveSpecification: { AttributeName: desired.timeToLive.attributeName, Enabled: desired.timeToLive.enabled } }));
    }
    await syncTags(desired.tags, observed.tags, ctx.identityTags(id), {
      add: (set) => ddb(ctx).send(new TagResourceCommand({ ResourceArn: arn, Tags: tagList(set) })),
      remove: (remove) => ddb(ctx).send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: remove })),
    });
    const now = await read(ctx, arn);
    if (!now) throw new Error(`table ${observed.tableName} vanished while it was being updated`);
    return now.state;
  },

  async delete(observed, ctx) {
    if (observed.status === 'DELETING') return 'deleting';
    if (observed.deletionProtectionEnabled)
      throw new Error(`table ${observed.tableName} has deletion protection on: set deletionProtectionEnabled: false and reconcile before deleting it`);
    try {
      if (observed.status !== 'ACTIVE') await untilActive(ctx, observed.arn, 'waiting to delete', TIMEOUTS.delete);
      await ddb(ctx).send(new DeleteTableCommand({ TableName: observed.arn }));
    } catch (err) {
      if (isNotFound(err)) return 'deleted';
      throw err;
    }
    return 'deleting';
  },

  outputs: (o) => ({ id: o.tableName, name: o.tableName, arn: o.arn }),

  readiness: (o) => (o.status === 'ACTIVE' ? 'ready' : o.status === 'CREATING' || o.status === 'UPDATING' ? 'pending' : 'failed'),
};
