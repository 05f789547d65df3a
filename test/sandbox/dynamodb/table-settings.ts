/**
 * A table's PITR, TTL and tags through the real DynamoDBClient.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ContinuousBackupsUnavailableException,
  DescribeContinuousBackupsCommand,
  DescribeTimeToLiveCommand,
  ListTagsOfResourceCommand,
  ResourceNotFoundException,
  TableNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateContinuousBackupsCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { rejection, tag } from '../harness.ts';
import { createTable, ddbHarness } from './setup.ts';

describe('dynamodb table settings', () => {
  it('turns point-in-time recovery on once the table is no longer being created', async () => {
    const h = ddbHarness();
    await createTable(h, 'tbl', false, {}, false);
    const early = await rejection(h.ddb.send(new UpdateContinuousBackupsCommand({ TableName: 'tbl', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })));
    assert.ok(early instanceof ContinuousBackupsUnavailableException);
    h.clock.advance(1_000);
    const off = await h.ddb.send(new DescribeContinuousBackupsCommand({ TableName: 'tbl' }));
    assert.equal(off.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus, 'DISABLED');
    const on = await h.ddb.send(new UpdateContinuousBackupsCommand({ TableName: 'tbl', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }));
    assert.equal(on.ContinuousBackupsDescription?.ContinuousBackupsStatus, 'ENABLED');
    const pitr = on.ContinuousBackupsDescription?.PointInTimeRecoveryDescription;
    assert.equal(pitr?.PointInTimeRecoveryStatus, 'ENABLED');
    assert.equal(pitr?.RecoveryPeriodInDays, 35);
    assert.ok(pitr?.EarliestRestorableDateTime instanceof Date);
    const missing = await rejection(h.ddb.send(new DescribeContinuousBackupsCommand({ TableName: 'nope' })));
    assert.ok(missing instanceof TableNotFoundException, 'this API answers TableNotFoundException');
  });

  it('enables TTL through ENABLING, refusing another change meanwhile', async () => {
    const h = ddbHarness();
    await createTable(h, 'tbl');
    const spec = { TableName: 'tbl', TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' } };
    assert.deepEqual((await h.ddb.send(new DescribeTimeToLiveCommand({ TableName: 'tbl' }))).TimeToLiveDescription, { TimeToLiveStatus: 'DISABLED' });
    assert.deepEqual((await h.ddb.send(new UpdateTimeToLiveCommand(spec))).TimeToLiveSpecification, spec.TimeToLiveSpecification);
    assert.deepEqual((await h.ddb.send(new DescribeTimeToLiveCommand({ TableName: 'tbl' }))).TimeToLiveDescription, { TimeToLiveStatus: 'ENABLING', AttributeName: 'expiresAt' });
    const again = await rejection(h.ddb.send(new UpdateTimeToLiveCommand(spec)));
    assert.match(again.message, /modified multiple times within a fixed interval/);
    h.clock.advance(1_000);
    assert.equal((await h.ddb.send(new DescribeTimeToLiveCommand({ TableName: 'tbl' }))).TimeToLiveDescription?.TimeToLiveStatus, 'ENABLED');
    const already = await rejection(h.ddb.send(new UpdateTimeToLiveCommand(spec)));
    assert.equal(already.message, 'TimeToLive is already enabled');
  });

  it('tags tables by ARN, listing tags with NextToken', async () => {
    const h = ddbHarness();
    const { TableArn } = await createTable(h, 'tbl', false, { Tags: [tag('blogctl:stack', 'blog')] });
    await h.ddb.send(new TagResourceCommand({ ResourceArn: TableArn, Tags: Array.from({ length: 11 }, (_, i) => tag(`k${String(i).padStart(2, '0')}`, String(i))) }));
    await h.ddb.send(new UntagResourceCommand({ ResourceArn: TableArn, TagKeys: ['k00'] }));
    const first = await h.ddb.send(new ListTagsOfResourceCommand({ ResourceArn: TableArn }));
    assert.equal(first.Tags?.length, 10);
    assert.ok(first.NextToken);
    const second = await h.ddb.send(new ListTagsOfResourceCommand({ ResourceArn: TableArn, NextToken: first.NextToken }));
    const keys = [...first.Tags!, ...second.Tags!].map((t) => t.Key).sort();
    assert.deepEqual(keys, ['blogctl:stack', ...Array.from({ length: 10 }, (_, i) => `k${String(i + 1).padStart(2, '0')}`)]);
    assert.equal(second.NextToken, undefined);
    const unknown = await rejection(h.ddb.send(new ListTagsOfResourceCommand({ ResourceArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/nope' })));
    assert.ok(unknown instanceof ResourceNotFoundException);
  });
});
