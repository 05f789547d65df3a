/**
 * End to end through the sandbox's S3 event delivery: a bucket whose notification targets
 * a function with Handler handler.handler and TABLE_NAME set; the sandbox loads
 * src/lambda/handler.ts by that Handler string and hands it clients of the same account.
 * Puts, overwrites and deletes (plain and versioned) must leave the table right, with one
 * JSON log line per record in the invocation's log (the function's log group: not this
 * process's stdout) and nothing of the objects' contents.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AddPermissionCommand } from '@aws-sdk/client-lambda';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  PutBucketNotificationConfigurationCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { LambdaState } from '../../src/sandbox/lambda/index.ts';
import { createFunction, lambdaHarness } from '../sandbox/lambda/setup.ts';
import { TABLE } from './fixtures.ts';

const Bucket = 'blog-media';
const SECRET = 'the-object-body-must-never-be-logged';

/** JSON log lines reaching this process's stdout (there must be none: they go to the invocation's log). */
const stdout: string[] = [];
const write = process.stdout.write.bind(process.stdout);
before(() => {
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    if (typeof chunk === 'string' && chunk.startsWith('{"level":')) return stdout.push(chunk) > 0;
    return write(chunk, ...rest);
  }) as typeof process.stdout.write;
});
after(() => {
  process.stdout.write = write;
});

/** The blog's upload pipeline in one account: table, function (the real module), permission, notification. */
async function pipeline(environment: Record<string, string> = { TABLE_NAME: TABLE }) {
  const h = lambdaHarness({});
  const s3 = h.clients.get(S3Client);
  const ddb = h.clients.get(DynamoDBClient);
  await ddb.send(new CreateTableCommand({ TableName: TABLE, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] }));
  await s3.send(new CreateBucketCommand({ Bucket }));
  const fn = await createFunction(h, { FunctionName: 'blog-s3-events', Handler: 'handler.handler', Environment: { Variables: environment } });
  await h.lambda.send(new AddPermissionCommand({ FunctionName: 'blog-s3-events', StatementId: 's3', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', SourceArn: `arn:aws:s3:::${Bucket}` }));
  await s3.send(new PutBucketNotificationConfigurationCommand({
    Bucket,
    NotificationConfiguration: { LambdaFunctionConfigurations: [{ Id: 'media-objects-to-dynamodb', LambdaFunctionArn: fn.FunctionArn, Events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'], Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'media/' }] } } }] },
  }));
  const doc = DynamoDBDocumentClient.from(ddb);
  const item = async (key: string) => (await doc.send(new GetCommand({ TableName: TABLE, Key: { id: `${Bucket}/${key}` } }))).Item;
  const invocations = async () => ((await h.sandbox.snapshot()).services['lambda'] as LambdaState).invocations;
  return { ...h, s3, item, invocations };
}

/** The handler's log lines, invocation by invocation, as the sandbox keeps them. */
async function logLines(h: { invocations(): Promise<LambdaState['invocations']> }): Promise<Record<string, unknown>[]> {
  return (await h.invocations()).flatMap((i) => i.logs ?? []).map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('lambda through S3 event delivery', () => {
  it('records uploads, overwrites and deletes of the bucket in the table', async () => {
    stdout.length = 0;
    const h = await pipeline();
    const key = 'media/été 2025/my photo+1.jpg';
    const first = await h.s3.send(new PutObjectCommand({ Bucket, Key: key, Body: SECRET, ContentType: 'image/jpeg' }));
    h.clock.advance(1_000);
    const second = await h.s3.send(new PutObjectCommand({ Bucket, Key: key, Body: `${SECRET}!`, ContentType: 'image/png' }));
    const item = await h.item(key);
    assert.deepEqual(item, {
      id: `${Bucket}/${key}`, bucket: Bucket, key, size: SECRET.length + 1, eTag: second.ETag!.replace(/"/g, ''), contentType: 'image/png',
      eventName: 'ObjectCreated:Put', eventTime: new Date(h.clock.now()).toISOString(), sequencer: item?.['sequencer'], deleted: false,
    });
    assert.match(String(item?.['sequencer']), /^0{14}[0-9A-F]{18}$/, 'the 18-digit sequencer, padded to 32');
    assert.notEqual(first.ETag, second.ETag);

    await h.s3.send(new DeleteObjectCommand({ Bucket, Key: key }));
    const tombstone = await h.item(key);
    assert.equal(tombstone?.['deleted'], true);
    assert.equal(tombstone?.['eventName'], 'ObjectRemoved:Delete');
    assert.equal(tombstone?.['contentType'], undefined);
    assert.ok(String(tombstone?.['sequencer']) > String(item?.['sequencer']));

    await h.s3.send(new PutObjectCommand({ Bucket, Key: 'static/app.css', Body: 'css' }));
    assert.equal(await h.item('static/app.css'), undefined, 'outside the notification prefix');
    assert.deepEqual((await h.invocations()).map((i) => i.status), ['succeeded', 'succeeded', 'succeeded']);

    const lines = await logLines(h);
    assert.deepEqual(lines.map((l) => [l['outcome'], l['key'], l['level']]), [['written', key, 'info'], ['written', key, 'info'], ['written', key, 'info']]);
    assert.deepEqual(lines.map((l) => l['requestId']), (await h.invocations()).map((i) => i.requestId), 'each line carries its invocation');
    assert.equal(lines[0]?.['contentType'], 'image/jpeg');
    assert.ok(!JSON.stringify(lines).includes(SECRET), 'no object contents in the logs');
    assert.deepEqual(stdout, [], "the function's logs do not reach the caller's stdout");
  });

  it('keeps a delete marker of a versioned bucket as a tombstone with its version', async () => {
    stdout.length = 0;
    const h = await pipeline();
    await h.s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const put = await h.s3.send(new PutObjectCommand({ Bucket, Key: 'media/a.txt', Body: 'a', ContentType: 'text/plain' }));
    assert.equal((await h.item('media/a.txt'))?.['versionId'], put.VersionId);
    assert.equal((await h.item('media/a.txt'))?.['contentType'], 'text/plain');
    const marker = await h.s3.send(new DeleteObjectCommand({ Bucket, Key: 'media/a.txt' }));
    const item = await h.item('media/a.txt');
    assert.deepEqual([item?.['eventName'], item?.['deleted'], item?.['versionId']], ['ObjectRemoved:DeleteMarkerCreated', true, marker.VersionId]);
  });

  it('fails every invocation with a clear error when TABLE_NAME is missing, and the upload still succeeds', async () => {
    const h = await pipeline({});
    await h.s3.send(new PutObjectCommand({ Bucket, Key: 'media/a.jpg', Body: 'a' }));
    const [invocation] = await h.invocations();
    assert.equal(invocation?.status, 'failed');
    assert.deepEqual(invocation?.error, { errorType: 'ConfigError', errorMessage: "TABLE_NAME is not set: set the function's environment variable TABLE_NAME to the DynamoDB table that records the bucket's objects" });
  });
});
