/**
 * A function's resource policy (AddPermission / RemovePermission / GetPolicy) and tags,
 * through the real LambdaClient.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AddPermissionCommand,
  GetFunctionCommand,
  GetPolicyCommand,
  ListTagsCommand,
  RemovePermissionCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-lambda';
import { rejection } from '../harness.ts';
import { createFunction, lambdaHarness } from './setup.ts';

const S3_PERMISSION = {
  FunctionName: 'fn',
  StatementId: 'AllowS3InvokeFromMediaBucket',
  Action: 'lambda:InvokeFunction',
  Principal: 's3.amazonaws.com',
  SourceArn: 'arn:aws:s3:::blog-media',
  SourceAccount: '123456789012',
};

describe('lambda permissions and tags', () => {
  it('adds statements to the resource policy, one per StatementId', async () => {
    const h = lambdaHarness();
    await createFunction(h);
    const none = await rejection(h.lambda.send(new GetPolicyCommand({ FunctionName: 'fn' })));
    assert.ok(none instanceof ResourceNotFoundException, 'no policy yet');
    assert.equal(none.message, 'The resource you requested does not exist.');
    const added = await h.lambda.send(new AddPermissionCommand(S3_PERMISSION));
    assert.deepEqual(JSON.parse(added.Statement!), {
      Sid: 'AllowS3InvokeFromMediaBucket',
      Effect: 'Allow',
      Principal: { Service: 's3.amazonaws.com' },
      Action: 'lambda:InvokeFunction',
      Resource: 'arn:aws:lambda:us-east-1:123456789012:function:fn',
      Condition: { StringEquals: { 'AWS:SourceAccount': '123456789012' }, ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::blog-media' } },
    });
    const policy = await h.lambda.send(new GetPolicyCommand({ FunctionName: 'fn' }));
    const doc = JSON.parse(policy.Policy!) as { Version: string; Statement: { Sid: string }[] };
    assert.equal(doc.Version, '2012-10-17');
    assert.deepEqual(doc.Statement.map((s) => s.Sid), ['AllowS3InvokeFromMediaBucket']);
    assert.match(policy.RevisionId!, /^[0-9a-f-]{36}$/);
    const dup = await rejection(h.lambda.send(new AddPermissionCommand(S3_PERMISSION)));
    assert.ok(dup instanceof ResourceConflictException);
    assert.match(dup.message, /The statement id \(AllowS3InvokeFromMediaBucket\) provided already exists/);
  });

  it('removes statements by id; the policy is gone with the last one', async () => {
    const h = lambdaHarness();
    await createFunction(h);
    await h.lambda.send(new AddPermissionCommand(S3_PERMISSION));
    await h.lambda.send(new AddPermissionCommand({ ...S3_PERMISSION, StatementId: 'account', Principal: '111122223333', SourceArn: undefined, SourceAccount: undefined }));
    const account = JSON.parse((await h.lambda.send(new GetPolicyCommand({ FunctionName: 'fn' }))).Policy!).Statement[1];
    assert.deepEqual(account.Principal, { AWS: 'arn:aws:iam::111122223333:root' });
    await h.lambda.send(new RemovePermissionCommand({ FunctionName: 'fn', StatementId: 'account' }));
    await h.lambda.send(new RemovePermissionCommand({ FunctionName: 'fn', StatementId: S3_PERMISSION.StatementId }));
    const missing = await rejection(h.lambda.send(new RemovePermissionCommand({ FunctionName: 'fn', StatementId: 'account' })));
    assert.ok(missing instanceof ResourceNotFoundException);
    assert.ok((await rejection(h.lambda.send(new GetPolicyCommand({ FunctionName: 'fn' })))) instanceof ResourceNotFoundException);
  });

  it('tags functions by ARN', async () => {
    const h = lambdaHarness();
    const { FunctionArn } = await createFunction(h, { Tags: { 'blogctl:stack': 'blog' } });
    await h.lambda.send(new TagResourceCommand({ Resource: FunctionArn, Tags: { 'blogctl:spec': 'abc', Name: 'fn' } }));
    await h.lambda.send(new UntagResourceCommand({ Resource: FunctionArn, TagKeys: ['Name'] }));
    assert.deepEqual((await h.lambda.send(new ListTagsCommand({ Resource: FunctionArn }))).Tags, { 'blogctl:stack': 'blog', 'blogctl:spec': 'abc' });
    assert.deepEqual((await h.lambda.send(new GetFunctionCommand({ FunctionName: 'fn' }))).Tags, { 'blogctl:stack': 'blog', 'blogctl:spec': 'abc' });
    const unknown = await rejection(h.lambda.send(new ListTagsCommand({ Resource: 'arn:aws:lambda:us-east-1:123456789012:function:nope' })));
    assert.ok(unknown instanceof ResourceNotFoundException);
  });
});
