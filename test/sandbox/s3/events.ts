/**
 * S3 event notifications through the real clients: S3 validates its Lambda destinations,
 * then puts and deletes run the function's handler in process with a real-shaped event,
 * here a handler that records objects in DynamoDB through a DynamoDBClient of the same
 * sandbox (the blog's upload pipeline).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreateTableCommand, DeleteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { AddPermissionCommand, type CreateFunctionCommandInput } from '@aws-sdk/client-lambda';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetBucketNotificationConfigurationCommand,
  PutBucketNotificationConfigurationCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { LambdaState } from '../../../src/sandbox/lambda/index.ts';
import type { LambdaHandler } from '../../../src/sandbox/lambda/handlers.ts';
import { rejection } from '../harness.ts';
import { createFunction, lambdaHarness, type LambdaHarness } from '../lambda/setup.ts';

const Bucket = 'blog-media';
const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:fn';

interface S3Record {
  eventVersion: string;
  eventSource: string;
  awsRegion: string;
  eventTime: string;
  eventName: string;
  s3: { configurationId: string; bucket: { name: string; arn: string; ownerIdentity: { principalId: string } }; object: { key: string; size?: number; eTag?: string; versionId?: string; sequencer: string } };
}

/** A bucket whose notification sends media/ events to function `fn`, running `handler`. */
async function pipeline(handler: LambdaHandler, events = ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'], fn: Partial<CreateFunctionCommandInput> = {}) {
  const h = lambdaHarness({ moduleRoot: null, handlers: { fn: handler } });
  const s3 = h.clients.get(S3Client);
  await s3.send(new CreateBucketCommand({ Bucket }));
  await createFunction(h, fn);
  await h.lambda.send(new AddPermissionCommand({ FunctionName: 'fn', StatementId: 's3', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', SourceArn: `arn:aws:s3:::${Bucket}`, SourceAccount: '123456789012' }));
  await s3.send(new PutBucketNotificationConfigurationCommand({
    Bucket,
    NotificationConfiguration: { LambdaFunctionConfigurations: [{ Id: 'media-objects', LambdaFunctionArn: FUNCTION_ARN, Events: events as never, Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'media/' }] } } }] },
  }));
  return { ...h, s3 };
}

async function invocations(h: LambdaHarness) {
  return ((await h.sandbox.snapshot()).services['lambda'] as LambdaState).invocations;
}

describe('s3 event notifications', () => {
  it('validates Lambda destinations: the function must exist and let S3 invoke it', async () => {
    const h = lambdaHarness({ moduleRoot: null });
    const s3 = h.clients.get(S3Client);
    await s3.send(new CreateBucketCommand({ Bucket }));
    const put = () => s3.send(new PutBucketNotificationConfigurationCommand({ Bucket, NotificationConfiguration: { LambdaFunctionConfigurations: [{ LambdaFunctionArn: FUNCTION_ARN, Events: ['s3:ObjectCreated:*'] }] } }));
    const missing = await rejection(put());
    assert.equal(missing.name, 'InvalidArgument');
    assert.equal(missing.message, 'Unable to validate the following destination configurations');
    assert.equal((missing as unknown as Record<string, string>)['ArgumentValue1'], `The destination function [${FUNCTION_ARN}] does not exist`);
    await createFunction(h);
    const forbidden = await rejection(put());
    assert.equal((forbidden as unknown as Record<string, string>)['ArgumentValue1'], `Not authorized to invoke function [${FUNCTION_ARN}]`);
    await h.lambda.send(new AddPermissionCommand({ FunctionName: 'fn', StatementId: 'other-bucket', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', SourceArn: 'arn:aws:s3:::another-bucket' }));
    assert.equal((await rejection(put())).name, 'InvalidArgument', 'a permission for another bucket does not count');
    await h.lambda.send(new AddPermissionCommand({ FunctionName: 'fn', StatementId: 's3', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', SourceArn: `arn:aws:s3:::${Bucket}` }));
    await put();
    const config = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket }));
    assert.equal(config.LambdaFunctionConfigurations?.[0]?.LambdaFunctionArn, FUNCTION_ARN);
    assert.match(config.LambdaFunctionConfigurations?.[0]?.Id ?? '', /^[A-Za-z0-9+/=]+$/, 'S3 names an unnamed configuration');
    const overlap = await rejection(s3.send(new PutBucketNotificationConfigurationCommand({
      Bucket,
      NotificationConfiguration: { LambdaFunctionConfigurations: [{ LambdaFunctionArn: FUNCTION_ARN, Events: ['s3:ObjectCreated:*'] }, { LambdaFunctionArn: FUNCTION_ARN, Events: ['s3:ObjectCreated:Put'] }] },
    })));
    assert.match(overlap.message, /Configurations overlap/);
  });

  it('runs the function on uploads under media/, which records them in DynamoDB', async () => {
    let ddb: DynamoDBClient | undefined;
    const seen: S3Record[] = [];
    const handler: LambdaHandler = async (event) => {
      for (const r of (event as { Records: S3Record[] }).Records) {
        seen.push(r);
        const id = `${r.s3.bucket.name}/${decodeURIComponent(r.s3.object.key.replace(/\+/g, ' '))}`;
        if (r.eventName.startsWith('ObjectCreated:')) {
          await ddb!.send(new PutItemCommand({ TableName: process.env['TABLE_NAME'], Item: { id: { S: id }, size: { N: String(r.s3.object.size) }, etag: { S: r.s3.object.eTag! } } }));
        } else {
          await ddb!.send(new DeleteItemCommand({ TableName: process.env['TABLE_NAME'], Key: { id: { S: id } } }));
        }
      }
      return { processed: seen.length };
    };
    const h = await pipeline(handler, undefined, { Environment: { Variables: { TABLE_NAME: 'blog-s3-objects' } } });
    ddb = h.clients.get(DynamoDBClient);
    await ddb.send(new CreateTableCommand({ TableName: 'blog-s3-objects', BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] }));
    h.clock.advance(1_000);

    const put = await h.s3.send(new PutObjectCommand({ Bucket, Key: 'media/my photo.jpg', Body: 'jpeg bytes' }));
    const item = await ddb.send(new GetItemCommand({ TableName: 'blog-s3-objects', Key: { id: { S: 'blog-media/media/my photo.jpg' } } }));
    assert.deepEqual(item.Item, { id: { S: 'blog-media/media/my photo.jpg' }, size: { N: '10' }, etag: { S: put.ETag!.replace(/"/g, '') } });
    const [record] = seen;
    assert.equal(record?.eventVersion, '2.1');
    assert.equal(record?.eventSource, 'aws:s3');
    assert.equal(record?.awsRegion, 'us-east-1');
    assert.equal(record?.eventTime, new Date(h.clock.now()).toISOString());
    assert.equal(record?.eventName, 'ObjectCreated:Put');
    assert.equal(record?.s3.configurationId, 'media-objects');
    assert.deepEqual(record?.s3.bucket, { name: Bucket, arn: `arn:aws:s3:::${Bucket}`, ownerIdentity: record?.s3.bucket.ownerIdentity });
    assert.equal(record?.s3.object.key, 'media/my+photo.jpg', 'keys are URL-encoded, spaces as +');
    assert.equal(record?.s3.object.size, 10);
    assert.equal(record?.s3.object.versionId, undefined, 'no versionId in an unversioned bucket');

    const config = await h.s3.send(new GetBucketNotificationConfigurationCommand({ Bucket }));
    assert.deepEqual(config.LambdaFunctionConfigurations?.[0]?.Filter, { Key: { FilterRules: [{ Name: 'Prefix', Value: 'media/' }] } }, 'S3 capitalises rule names');
    await h.s3.send(new PutObjectCommand({ Bucket, Key: 'static/app.css', Body: 'css' }));
    assert.equal(seen.length, 1, 'the prefix filter keeps static/ out');
    await h.s3.send(new DeleteObjectCommand({ Bucket, Key: 'media/my photo.jpg' }));
    assert.equal(seen[1]?.eventName, 'ObjectRemoved:Delete');
    assert.equal(seen[1]?.s3.object.size, undefined);
    assert.ok(seen[1]!.s3.object.sequencer > seen[0]!.s3.object.sequencer, 'sequencers increase');
    assert.equal((await ddb.send(new GetItemCommand({ TableName: 'blog-s3-objects', Key: { id: { S: 'blog-media/media/my photo.jpg' } } }))).Item, undefined);

    const recorded = await invocations(h);
    assert.deepEqual(recorded.map((r) => [r.source, r.invocationType, r.status]), [['s3', 'Event', 'succeeded'], ['s3', 'Event', 'succeeded']]);
    assert.equal(JSON.parse(recorded[0]!.event).Records[0].s3.object.key, 'media/my+photo.jpg');
  });

  it('sends version ids and delete-marker events from a versioned bucket, and only the event types asked for', async () => {
    const seen: S3Record[] = [];
    const h = await pipeline(async (event) => void seen.push(...(event as { Records: S3Record[] }).Records), ['s3:ObjectCreated:Put', 's3:ObjectRemoved:DeleteMarkerCreated']);
    await h.s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const put = await h.s3.send(new PutObjectCommand({ Bucket, Key: 'media/a.jpg', Body: 'a' }));
    const marker = await h.s3.send(new DeleteObjectCommand({ Bucket, Key: 'media/a.jpg' }));
    await h.s3.send(new DeleteObjectCommand({ Bucket, Key: 'media/a.jpg', VersionId: marker.VersionId }));
    assert.deepEqual(seen.map((r) => [r.eventName, r.s3.object.versionId]), [
      ['ObjectCreated:Put', put.VersionId],
      ['ObjectRemoved:DeleteMarkerCreated', marker.VersionId],
    ], 'a permanent delete (ObjectRemoved:Delete) was not asked for');
  });

  it('records a failing handler without failing the upload', async () => {
    const h = await pipeline(() => {
      throw new Error('table missing');
    });
    await h.s3.send(new PutObjectCommand({ Bucket, Key: 'media/a.jpg', Body: 'a' }));
    const [record] = await invocations(h);
    assert.equal(record?.status, 'failed');
    assert.deepEqual(record?.error, { errorType: 'Error', errorMessage: 'table missing' });
    assert.deepEqual(h.sandbox.effectErrors, [], 'an asynchronous invocation that throws is the function failing, not S3');
  });
});
