/**
 * S3 buckets through the real S3Client: global names, regions and location constraints,
 * the defaults of a new bucket, HeadBucket, ListBuckets paging, DeleteBucket.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BucketAlreadyExists,
  BucketAlreadyOwnedByYou,
  CreateBucketCommand,
  DeleteBucketCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetBucketWebsiteCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  NoSuchBucket,
  NotFound,
  paginateListBuckets,
  PutObjectCommand,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { rejection } from '../harness.ts';
import { s3Harness, withBucket } from './setup.ts';

describe('s3 buckets', () => {
  it('creates buckets in the client region with the location constraint rules', async () => {
    const { s3, s3eu } = s3Harness();
    assert.equal((await s3.send(new CreateBucketCommand({ Bucket: 'blog-media' }))).Location, '/blog-media');
    assert.equal((await s3.send(new HeadBucketCommand({ Bucket: 'blog-media' }))).BucketRegion, 'us-east-1');
    assert.equal((await s3.send(new GetBucketLocationCommand({ Bucket: 'blog-media' }))).LocationConstraint, undefined, 'us-east-1 has no constraint');
    await s3eu.send(new CreateBucketCommand({ Bucket: 'eu-media', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    assert.equal((await s3.send(new GetBucketLocationCommand({ Bucket: 'eu-media' }))).LocationConstraint, 'eu-west-1');
    await s3eu.send(new CreateBucketCommand({ Bucket: 'eu-other' }));
    assert.equal((await s3.send(new HeadBucketCommand({ Bucket: 'eu-other' }))).BucketRegion, 'eu-west-1', "the SDK sends the client's region as the constraint");
    const mismatch = await rejection(s3eu.send(new CreateBucketCommand({ Bucket: 'eu-third', CreateBucketConfiguration: { LocationConstraint: 'us-west-2' } })));
    assert.equal(mismatch.name, 'IllegalLocationConstraintException');
    assert.equal(mismatch.message, 'The us-west-2 location constraint is incompatible for the region specific endpoint this request was sent to.');
    const east = await rejection(s3.send(new CreateBucketCommand({ Bucket: 'x-other', CreateBucketConfiguration: { LocationConstraint: 'us-east-1' as never } })));
    assert.equal(east.name, 'InvalidLocationConstraint');
  });

  it('shares one namespace: own buckets (us-east-1 answers 200 again), other accounts, bad names', async () => {
    const { s3, s3eu } = s3Harness();
    await s3.send(new CreateBucketCommand({ Bucket: 'blog-media' }));
    assert.equal((await s3.send(new CreateBucketCommand({ Bucket: 'blog-media' }))).Location, '/blog-media', "North Virginia's legacy 200 OK");
    await s3eu.send(new CreateBucketCommand({ Bucket: 'eu-media', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    const owned = await rejection(s3eu.send(new CreateBucketCommand({ Bucket: 'eu-media', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })));
    assert.ok(owned instanceof BucketAlreadyOwnedByYou);
    assert.equal(owned.$metadata?.httpStatusCode, 409);
    const taken = await rejection(s3.send(new CreateBucketCommand({ Bucket: 'examplebucket' })));
    assert.ok(taken instanceof BucketAlreadyExists);
    for (const bad of ['ab', 'Upper', 'a..b', '192.168.1.1', 'sthree-bucket', 'bucket-', 'my-s3alias']) {
      const err = await rejection(s3.send(new CreateBucketCommand({ Bucket: bad })));
      assert.ok(err instanceof S3ServiceException);
      assert.equal(err.name, 'InvalidBucketName', bad);
      assert.equal(err.message, 'The specified bucket is not valid.');
    }
  });

  it('gives a new bucket the 2023 defaults and answers the not-configured errors', async () => {
    const { s3 } = await withBucket();
    const Bucket = 'blog-media';
    const encryption = await s3.send(new GetBucketEncryptionCommand({ Bucket }));
    assert.deepEqual(encryption.ServerSideEncryptionConfiguration?.Rules, [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }]);
    assert.deepEqual((await s3.send(new GetPublicAccessBlockCommand({ Bucket }))).PublicAccessBlockConfiguration, { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    assert.deepEqual((await s3.send(new GetBucketOwnershipControlsCommand({ Bucket }))).OwnershipControls, { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    assert.equal((await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status, undefined);
    const errors: [Promise<unknown>, string, string][] = [
      [s3.send(new GetBucketTaggingCommand({ Bucket })), 'NoSuchTagSet', 'The TagSet does not exist'],
      [s3.send(new GetBucketPolicyCommand({ Bucket })), 'NoSuchBucketPolicy', 'The bucket policy does not exist'],
      [s3.send(new GetBucketWebsiteCommand({ Bucket })), 'NoSuchWebsiteConfiguration', 'The specified bucket does not have a website configuration'],
    ];
    for (const [call, name, message] of errors) {
      const err = await rejection(call);
      assert.equal(err.name, name);
      assert.equal(err.message, message);
      assert.equal(err.$metadata?.httpStatusCode, 404);
      assert.equal((err as unknown as { BucketName: string }).BucketName, Bucket);
    }
  });

  it('answers NotFound for HEAD and NoSuchBucket otherwise', async () => {
    const { s3 } = s3Harness();
    const head = await rejection(s3.send(new HeadBucketCommand({ Bucket: 'missing-bucket' })));
    assert.ok(head instanceof NotFound);
    assert.equal(head.$metadata?.httpStatusCode, 404);
    const get = await rejection(s3.send(new GetBucketTaggingCommand({ Bucket: 'missing-bucket' })));
    assert.ok(get instanceof NoSuchBucket);
    assert.equal(get.message, 'The specified bucket does not exist');
    const foreign = await rejection(s3.send(new HeadBucketCommand({ Bucket: 'examplebucket' })));
    assert.equal(foreign.$metadata?.httpStatusCode, 403, "another account's bucket: 403");
  });

  it('throttles with SlowDown (503), which the SDK retries', async () => {
    const { s3, sandbox, clients } = s3Harness();
    sandbox.faults.inject({ service: 's3', operation: 'ListBuckets', fault: 'throttle' });
    assert.equal((await s3.send(new ListBucketsCommand({}))).$metadata.attempts, 2);
    assert.deepEqual(clients.counter.snapshot().find((s) => s.operation === 'ListBuckets')?.errors, { SlowDown: 1 });
  });

  it('lists buckets, paged with MaxBuckets, and deletes only empty ones', async () => {
    const { s3 } = s3Harness();
    for (const name of ['bkt-e', 'bkt-a', 'bkt-d', 'bkt-b', 'bkt-c']) await s3.send(new CreateBucketCommand({ Bucket: name }));
    const all = await s3.send(new ListBucketsCommand({}));
    assert.deepEqual(all.Buckets?.map((b) => b.Name), ['bkt-a', 'bkt-b', 'bkt-c', 'bkt-d', 'bkt-e']);
    assert.match(all.Owner?.ID ?? '', /^[0-9a-f]{64}$/);
    const names: string[] = [];
    for await (const page of paginateListBuckets({ client: s3, pageSize: 2 }, {})) names.push(...(page.Buckets ?? []).map((b) => b.Name!));
    assert.deepEqual(names, ['bkt-a', 'bkt-b', 'bkt-c', 'bkt-d', 'bkt-e']);
    await s3.send(new PutObjectCommand({ Bucket: 'bkt-a', Key: 'k', Body: 'x' }));
    const full = await rejection(s3.send(new DeleteBucketCommand({ Bucket: 'bkt-a' })));
    assert.equal(full.name, 'BucketNotEmpty');
    assert.equal(full.$metadata?.httpStatusCode, 409);
    await s3.send(new DeleteBucketCommand({ Bucket: 'bkt-b' }));
    assert.ok((await rejection(s3.send(new DeleteBucketCommand({ Bucket: 'bkt-b' })))) instanceof NoSuchBucket);
  });
});
