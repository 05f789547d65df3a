/**
 * Bucket settings through the real S3Client: tagging, website, policy (and the public
 * access block that refuses public policies), ownership, versioning and encryption.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AccessDenied,
  DeleteBucketEncryptionCommand,
  DeleteBucketOwnershipControlsCommand,
  DeleteBucketPolicyCommand,
  DeleteBucketTaggingCommand,
  DeleteBucketWebsiteCommand,
  DeletePublicAccessBlockCommand,
  GetBucketEncryptionCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetBucketWebsiteCommand,
  GetPublicAccessBlockCommand,
  PutBucketEncryptionCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutBucketWebsiteCommand,
  PutPublicAccessBlockCommand,
} from '@aws-sdk/client-s3';
import { rejection, tag } from '../harness.ts';
import { withBucket } from './setup.ts';

const Bucket = 'blog-media';

function policy(statement: Record<string, unknown>): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
}

describe('s3 bucket settings', () => {
  it('puts, gets and deletes tags; refuses duplicate keys', async () => {
    const { s3 } = await withBucket();
    await s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: [tag('blogctl:stack', 'blog'), tag('Name', 'media')] } }));
    assert.deepEqual((await s3.send(new GetBucketTaggingCommand({ Bucket }))).TagSet, [tag('blogctl:stack', 'blog'), tag('Name', 'media')]);
    const dup = await rejection(s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: [tag('a', '1'), tag('a', '2')] } })));
    assert.equal(dup.name, 'InvalidTag');
    await s3.send(new DeleteBucketTaggingCommand({ Bucket }));
    assert.equal((await rejection(s3.send(new GetBucketTaggingCommand({ Bucket })))).name, 'NoSuchTagSet');
  });

  it('configures a website and checks the index document', async () => {
    const { s3 } = await withBucket();
    await s3.send(new PutBucketWebsiteCommand({ Bucket, WebsiteConfiguration: { IndexDocument: { Suffix: 'index.html' }, ErrorDocument: { Key: 'error.html' } } }));
    const site = await s3.send(new GetBucketWebsiteCommand({ Bucket }));
    assert.deepEqual(site.IndexDocument, { Suffix: 'index.html' });
    assert.deepEqual(site.ErrorDocument, { Key: 'error.html' });
    const bad = await rejection(s3.send(new PutBucketWebsiteCommand({ Bucket, WebsiteConfiguration: { IndexDocument: { Suffix: 'a/index.html' } } })));
    assert.equal(bad.name, 'InvalidArgument');
    await s3.send(new DeleteBucketWebsiteCommand({ Bucket }));
    assert.equal((await rejection(s3.send(new GetBucketWebsiteCommand({ Bucket })))).name, 'NoSuchWebsiteConfiguration');
  });

  it('refuses a public policy while BlockPublicPolicy is on, and malformed policies', async () => {
    const { s3 } = await withBucket();
    const publicRead = policy({ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${Bucket}/*` });
    const denied = await rejection(s3.send(new PutBucketPolicyCommand({ Bucket, Policy: publicRead })));
    assert.ok(denied instanceof AccessDenied);
    assert.equal(denied.$metadata?.httpStatusCode, 403);
    const cloudfront = policy({
      Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${Bucket}/media/*`,
      Condition: { StringEquals: { 'AWS:SourceArn': 'arn:aws:cloudfront::123456789012:distribution/E1' } },
    });
    await s3.send(new PutBucketPolicyCommand({ Bucket, Policy: cloudfront }));
    assert.equal((await s3.send(new GetBucketPolicyCommand({ Bucket }))).Policy, cloudfront);
    const denyInsecure = policy({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${Bucket}`, `arn:aws:s3:::${Bucket}/*`], Condition: { Bool: { 'aws:SecureTransport': false } } });
    await s3.send(new PutBucketPolicyCommand({ Bucket, Policy: denyInsecure }));
    await s3.send(new PutPublicAccessBlockCommand({ Bucket, PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false } }));
    await s3.send(new PutBucketPolicyCommand({ Bucket, Policy: publicRead }));
    for (const [bad, message] of [
      ['{', "Policies must be valid JSON and the first byte must be '{'"],
      [policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::other-bucket/*' }), 'Policy has invalid resource'],
      [policy({ Effect: 'Allow', Principal: '*', Action: 'ec2:RunInstances', Resource: `arn:aws:s3:::${Bucket}/*` }), 'Policy has invalid action'],
    ]) {
      const err = await rejection(s3.send(new PutBucketPolicyCommand({ Bucket, Policy: bad })));
      assert.equal(err.name, 'MalformedPolicy');
      assert.equal(err.message, message);
    }
    await s3.send(new DeleteBucketPolicyCommand({ Bucket }));
    assert.equal((await rejection(s3.send(new GetBucketPolicyCommand({ Bucket })))).name, 'NoSuchBucketPolicy');
  });

  it('deletes and puts back the public access block and ownership controls', async () => {
    const { s3 } = await withBucket();
    await s3.send(new DeletePublicAccessBlockCommand({ Bucket }));
    assert.equal((await rejection(s3.send(new GetPublicAccessBlockCommand({ Bucket })))).name, 'NoSuchPublicAccessBlockConfiguration');
    await s3.send(new PutPublicAccessBlockCommand({ Bucket, PublicAccessBlockConfiguration: { BlockPublicAcls: true } }));
    assert.deepEqual((await s3.send(new GetPublicAccessBlockCommand({ Bucket }))).PublicAccessBlockConfiguration, { BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false });
    await s3.send(new DeleteBucketOwnershipControlsCommand({ Bucket }));
    assert.equal((await rejection(s3.send(new GetBucketOwnershipControlsCommand({ Bucket })))).name, 'OwnershipControlsNotFoundError');
    await s3.send(new PutBucketOwnershipControlsCommand({ Bucket, OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } }));
    assert.equal((await s3.send(new GetBucketOwnershipControlsCommand({ Bucket }))).OwnershipControls?.Rules?.[0]?.ObjectOwnership, 'ObjectWriter');
  });

  it('turns versioning on and suspends it; sets and resets default encryption', async () => {
    const { s3 } = await withBucket();
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    assert.equal((await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status, 'Enabled');
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Suspended' } }));
    assert.equal((await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status, 'Suspended');
    const kms = { SSEAlgorithm: 'aws:kms' as const, KMSMasterKeyID: 'arn:aws:kms:us-east-1:123456789012:key/abc' };
    await s3.send(new PutBucketEncryptionCommand({ Bucket, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: kms, BucketKeyEnabled: true }] } }));
    assert.deepEqual((await s3.send(new GetBucketEncryptionCommand({ Bucket }))).ServerSideEncryptionConfiguration?.Rules, [{ ApplyServerSideEncryptionByDefault: kms, BucketKeyEnabled: true }]);
    const bad = await rejection(s3.send(new PutBucketEncryptionCommand({ Bucket, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256', KMSMasterKeyID: 'k' } }] } })));
    assert.equal(bad.name, 'InvalidArgument');
    await s3.send(new DeleteBucketEncryptionCommand({ Bucket }));
    assert.equal((await s3.send(new GetBucketEncryptionCommand({ Bucket }))).ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm, 'AES256', 'deleting goes back to SSE-S3');
  });
});
