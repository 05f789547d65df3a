/**
 * A table's settings besides its schema: point-in-time recovery (Describe/
 * UpdateContinuousBackups; unavailable while the table is being created), time to live
 * (ENABLING -> ENABLED on the clock; one change at a time), and tags.
 */
import type {
  DescribeContinuousBackupsCommandInput,
  DescribeContinuousBackupsCommandOutput,
  DescribeTimeToLiveCommandInput,
  DescribeTimeToLiveCommandOutput,
  ListTagsOfResourceCommandInput,
  ListTagsOfResourceCommandOutput,
  Tag,
  TagResourceCommandInput,
  TagResourceCommandOutput,
  TimeToLiveStatus,
  UntagResourceCommandInput,
  UntagResourceCommandOutput,
  UpdateContinuousBackupsCommandInput,
  UpdateContinuousBackupsCommandOutput,
  UpdateTimeToLiveCommandInput,
  UpdateTimeToLiveCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { paginate } from '../paging.ts';
import type { OperationTable } from '../service.ts';
import { type DdbCtx, ddbFail, validation } from './attribute-values.ts';
import type { DynamoDbState, TableRec } from './state.ts';
import { findTable, isGone, tableStatus } from './table-records.ts';

type Out<T> = Omit<T, '$metadata'>;

const MAX_TAGS = 50;

export function checkTags(ctx: DdbCtx, tags: readonly Tag[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) {
    const key = t.Key ?? '';
    const value = t.Value ?? '';
    if (key.length < 1 || key.length > 128 || value.length > 256) validation(ctx, 'One or more parameter values were invalid: tag keys must be 1-128 and values 0-256 characters');
    if (key.toLowerCase().startsWith('aws:')) validation(ctx, "One or more parameter values were invalid: tag keys cannot start with the reserved prefix 'aws:'");
    out[key] = value;
  }
  if (Object.keys(out).length > MAX_TAGS) validation(ctx, 'One or more parameter values were invalid: Too many tags (at most 50 per resource)');
  return out;
}

function taggedTable(ctx: DdbCtx, arn: string | undefined, changes = true): TableRec {
  if (arn === undefined || !/^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/[a-zA-Z0-9_.-]{3,255}$/.test(arn)) {
    validation(ctx, `Invalid TableArn: Invalid ResourceArn provided as input ${String(arn)}`);
  }
  const table = ctx.state.tables[arn];
  if (!table || isGone(table, ctx.now)) ddbFail(ctx, 'ResourceNotFoundException', `Requested resource not found: ResourceArn: ${arn} not found`);
  const status = tableStatus(table, ctx.now);
  if (changes && (status === 'CREATING' || status === 'DELETING')) {
    ddbFail(ctx, 'ResourceInUseException', `Attempt to change a resource which is still in use: Table is being ${status === 'CREATING' ? 'created' : 'deleted'}: ${table.name}`);
  }
  return table;
}

function ttlStatus(t: TableRec, now: number): TimeToLiveStatus {
  const settling = t.ttl.settledAt !== null && now < t.ttl.settledAt;
  if (t.ttl.enabled) return settling ? 'ENABLING' : 'ENABLED';
  return settling ? 'DISABLING' : 'DISABLED';
}

export const tableSettingOperations = {
  DescribeContinuousBackups(input: DescribeContinuousBackupsCommandInput, ctx: DdbCtx): Out<DescribeContinuousBackupsCommandOutput> {
    const t = findTable(ctx, input.TableName, 'TableNotFoundException');
    const pitr = t.pitr;
    return {
      ContinuousBackupsDescription: {
        ContinuousBackupsStatus: 'ENABLED',
        PointInTimeRecoveryDescription: pitr.enabled
          ? {
              PointInTimeRecoveryStatus: 'ENABLED',
              RecoveryPeriodInDays: pitr.recoveryPeriodInDays,
              EarliestRestorableDateTime: new Date(Math.max(pitr.since ?? ctx.now, ctx.now - pitr.recoveryPeriodInDays * 86_400_000)),
              LatestRestorableDateTime: new Date(Math.max(pitr.since ?? ctx.now, ctx.now - 300_000)),
            }
          : { PointInTimeRecoveryStatus: 'DISABLED' },
      },
    };
  },

  UpdateContinuousBackups(input: UpdateContinuousBackupsCommandInput, ctx: DdbCtx): Out<UpdateContinuousBackupsCommandOutput> {
    const t = findTable(ctx, input.TableName, 'TableNotFoundException');
    const spec = input.PointInTimeRecoverySpecification;
    if (spec?.PointInTimeRecoveryEnabled === undefined) {
      validation(ctx, "1 validation error detected: Value null at 'pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled' failed to satisfy constraint: Member must not be null");
    }
    const days = spec.RecoveryPeriodInDays ?? t.pitr.recoveryPeriodInDays;
    if (!Number.isInteger(days) || days < 1 || days > 35) validation(ctx, 'One or more parameter values were invalid: RecoveryPeriodInDays must be between 1 and 35');
    if (tableStatus(t, ctx.now) === 'CREATING') {
      ddbFail(ctx, 'ContinuousBackupsUnavailableException', `Backups are being enabled for the table: ${t.name}. Please retry later`);
    }
    if (spec.PointInTimeRecoveryEnabled && !t.pitr.enabled) t.pitr.since = ctx.now;
    t.pitr = { enabled: spec.PointInTimeRecoveryEnabled, since: spec.PointInTimeRecoveryEnabled ? t.pitr.since : null, recoveryPeriodInDays: days };
    return tableSettingOperations.DescribeContinuousBackups({ TableName: t.arn }, ctx);
  },

  DescribeTimeToLive(input: DescribeTimeToLiveCommandInput, ctx: DdbCtx): Out<DescribeTimeToLiveCommandOutput> {
    const t = findTable(ctx, input.TableName);
    const status = ttlStatus(t, ctx.now);
    return { TimeToLiveDescription: { TimeToLiveStatus: status, AttributeName: status === 'DISABLED' ? undefined : (t.ttl.attributeName ?? undefined) } };
  },

  UpdateTimeToLive(input: UpdateTimeToLiveCommandInput, ctx: DdbCtx): Out<UpdateTimeToLiveCommandOutput> {
    const t = findTable(ctx, input.TableName);
    const spec = input.TimeToLiveSpecification;
    if (spec?.Enabled === undefined || spec.AttributeName === undefined) {
      validation(ctx, "1 validation error detected: Value null at 'timeToLiveSpecification' failed to satisfy constraint: Member must not be null");
    }
    if (tableStatus(t, ctx.now) === 'CREATING') ddbFail(ctx, 'ResourceInUseException', `Attempt to change a resource which is still in use: Table is being created: ${t.name}`);
    const status = ttlStatus(t, ctx.now);
    if (status === 'ENABLING' || status === 'DISABLING') validation(ctx, 'Time to live has been modified multiple times within a fixed interval');
    if (spec.Enabled && status === 'ENABLED') validation(ctx, 'TimeToLive is already enabled');
    if (!spec.Enabled && status === 'DISABLED') validation(ctx, 'TimeToLive is already disabled');
    t.ttl = { attributeName: spec.AttributeName, enabled: spec.Enabled, changedAt: ctx.now, settledAt: ctx.now + ctx.durations.of('dynamodb.ttl.update') };
    return { TimeToLiveSpecification: { Enabled: spec.Enabled, AttributeName: spec.AttributeName } };
  },

  TagResource(input: TagResourceCommandInput, ctx: DdbCtx): Out<TagResourceCommandOutput> {
    const t = taggedTable(ctx, input.ResourceArn);
    const added = checkTags(ctx, input.Tags);
    checkTags(ctx, Object.entries({ ...t.tags, ...added }).map(([Key, Value]) => ({ Key, Value })));
    t.tags = { ...t.tags, ...added };
    return {};
  },

  UntagResource(input: UntagResourceCommandInput, ctx: DdbCtx): Out<UntagResourceCommandOutput> {
    const t = taggedTable(ctx, input.ResourceArn);
    for (const key of input.TagKeys ?? []) delete t.tags[key];
    return {};
  },

  ListTagsOfResource(input: ListTagsOfResourceCommandInput, ctx: DdbCtx): Out<ListTagsOfResourceCommandOutput> {
    const t = taggedTable(ctx, input.ResourceArn, false);
    const page = paginate(Object.entries(t.tags), ([k]) => k, {
      size: undefined,
      token: input.NextToken,
      defaultSize: 10,
      invalid: () => validation(ctx, 'Invalid NextToken'),
    });
    return { Tags: page.items.map(([Key, Value]) => ({ Key, Value })), NextToken: page.nextToken };
  },
} satisfies OperationTable<DynamoDbState>;
