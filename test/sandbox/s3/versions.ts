/**
 * Versioned buckets through the real S3Client: versions, delete markers, reading old
 * versions, ListObjectVersions paging, and emptying a bucket with DeleteObjects.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectVersionsCommand,
  NoSuchKey,
  PutBucketVersioningCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { rejection } from '../harness.ts';
import { withBucket } from './setup.ts';

const Bucket = 'blog-media';

describe('s3 versions', () => {
  it('keeps versions and delete markers, and reads an old version by id', async () => {
    const { s3 } = await withBucket();
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const v1 = await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'one' }));
    const v2 = await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'two' }));
    assert.match(v1.VersionId!, /^[A-Za-z0-9_-]{32}$/);
    assert.notEqual(v1.VersionId, v2.VersionId);
    const marker = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));
    assert.equal(marker.DeleteMarker, true);
    assert.ok(marker.VersionId);
    assert.ok((await rejection(s3.send(new GetObjectCommand({ Bucket, Key: 'k' })))) instanceof NoSuchKey);
    const old = await s3.send(new GetObjectCommand({ Bucket, Key: 'k', VersionId: v1.VersionId }));
    assert.equal(await old.Body!.transformToString(), 'one');
    assert.equal(old.VersionId, v1.VersionId);
    const listed = await s3.send(new ListObjectVersionsCommand({ Bucket }));
    assert.deepEqual(listed.Versions?.map((v) => [v.VersionId, v.IsLatest]), [[v2.VersionId, false], [v1.VersionId, false]]);
    assert.deepEqual(listed.DeleteMarkers?.map((m) => [m.VersionId, m.IsLatest]), [[marker.VersionId, true]]);
    await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId: marker.VersionId }));
    assert.equal(await (await s3.send(new GetObjectCommand({ Bucket, Key: 'k' }))).Body!.transformToString(), 'two', 'removing the marker brings the object back');
  });

  it('pages versions with key and version markers, and empties the bucket with DeleteObjects', async () => {
    const { s3 } = await withBucket();
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    for (const Key of ['a', 'b']) for (let i = 0; i < 2; i++) await s3.send(new PutObjectCommand({ Bucket, Key, Body: `${Key}${i}` }));
    await s3.send(new DeleteObjectCommand({ Bucket, Key: 'a' }));
    const seen: { Key: string; VersionId: string }[] = [];
    let KeyMarker: string | undefined;
    let VersionIdMarker: string | undefined;
    for (;;) {
      const page = await s3.send(new ListObjectVersionsCommand({ Bucket, MaxKeys: 2, KeyMarker, VersionIdMarker }));
      for (const v of [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]) seen.push({ Key: v.Key!, VersionId: v.VersionId! });
      if (!page.IsTruncated) break;
      KeyMarker = page.NextKeyMarker;
      VersionIdMarker = page.NextVersionIdMarker;
    }
    assert.equal(seen.length, 5);
    const full = await rejection(s3.send(new DeleteBucketCommand({ Bucket })));
    assert.equal(full.message, 'The bucket you tried to delete is not empty. You must delete all versions in the bucket.');
    const out = await s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: seen } }));
    assert.equal(out.Deleted?.length, 5);
    await s3.send(new DeleteBucketCommand({ Bucket }));
  });
});
