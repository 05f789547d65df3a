/** The minimal CloudWatch Logs through the real CloudWatchLogsClient: log groups, retention, prefix paging. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CloudWatchLogsClient, CreateLogGroupCommand, DeleteLogGroupCommand, DeleteRetentionPolicyCommand, DescribeLogGroupsCommand,
  paginateDescribeLogGroups, PutRetentionPolicyCommand, ResourceAlreadyExistsException, ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch-logs';
import { logsSimulator } from '../../src/sandbox/logs/index.ts';
import { harness, rejection } from './harness.ts';

describe('logs', () => {
  it('creates a group once, sets and removes its retention, deletes it', async () => {
    const logs = harness({ services: [logsSimulator] }).clients.get(CloudWatchLogsClient);
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/aws/lambda/blog-s3-events', tags: { 'blogctl:stack': 'blog' } }));
    assert.ok((await rejection(logs.send(new CreateLogGroupCommand({ logGroupName: '/aws/lambda/blog-s3-events' })))) instanceof ResourceAlreadyExistsException);
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: '/aws/lambda/blog-s3-events', retentionInDays: 30 }));
    const [group] = (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/blog' }))).logGroups ?? [];
    assert.equal(group?.retentionInDays, 30);
    assert.equal(group?.logGroupArn, 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/blog-s3-events');
    const bad = await rejection(logs.send(new PutRetentionPolicyCommand({ logGroupName: '/aws/lambda/blog-s3-events', retentionInDays: 31 })));
    assert.equal(bad.name, 'InvalidParameterException');
    await logs.send(new DeleteRetentionPolicyCommand({ logGroupName: '/aws/lambda/blog-s3-events' }));
    const after = (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/blog' }))).logGroups ?? [];
    assert.equal(after[0]?.retentionInDays, undefined, 'never expire');
    await logs.send(new DeleteLogGroupCommand({ logGroupName: '/aws/lambda/blog-s3-events' }));
    assert.ok((await rejection(logs.send(new DeleteLogGroupCommand({ logGroupName: '/aws/lambda/blog-s3-events' })))) instanceof ResourceNotFoundException);
  });

  it('pages DescribeLogGroups by prefix', async () => {
    const logs = harness({ services: [logsSimulator] }).clients.get(CloudWatchLogsClient);
    for (let i = 0; i < 7; i++) await logs.send(new CreateLogGroupCommand({ logGroupName: `/aws/lambda/fn-${i}` }));
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/other' }));
    const names: string[] = [];
    for await (const page of paginateDescribeLogGroups({ client: logs, pageSize: 3 }, { logGroupNamePrefix: '/aws/lambda/' }))
      names.push(...(page.logGroups ?? []).map((g) => g.logGroupName!));
    assert.deepEqual(names, [0, 1, 2, 3, 4, 5, 6].map((i) => `/aws/lambda/fn-${i}`));
  });
});
