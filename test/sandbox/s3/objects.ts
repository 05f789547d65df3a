/**
 * Objects through the real S3Client: every body the SDK accepts, a Body the caller can
 * read, ETags, metadata, ranges, conditional requests, and ListObjectsV2 paging.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  paginateListObjectsV2,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { rejection } from '../harness.ts';
import { withBucket } from './setup.ts';

const Bucket = 'blog-media';
const md5 = (text: string) => `"${createHash('md5').update(text).digest('hex')}"`;

describe('s3 objects', () => {
  it('stores strings, bytes and streams, and returns a Body to transformToString', async () => {
    const { s3 } = await withBucket();
    const bodies: [string, unknown][] = [
      ['a.txt', 'hello'],
      ['b.bin', new TextEncoder().encode('bytes')],
      ['c.txt', Readable.from([Buffer.from('str'), Buffer.from('eam')])],
    ];
    for (const [Key, Body] of bodies) {
      const put = await s3.send(new PutObjectCommand({ Bucket, Key, Body: Body as string, ContentType: 'text/plain', Metadata: { Origin: 'test' } }));
      assert.match(put.ETag!, /^"[0-9a-f]{32}"$/);
      assert.equal(put.ServerSideEncryption, 'AES256');
      assert.equal(put.VersionId, undefined, 'an unversioned bucket reports no version');
    }
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'c.txt' }));
    assert.equal(await got.Body!.transformToString(), 'stream');
    assert.equal(got.ETag, md5('stream'));
    assert.equal(got.ContentLength, 6);
    assert.equal(got.ContentType, 'text/plain');
    assert.deepEqual(got.Metadata, { origin: 'test' });
    assert.ok(got.LastModified instanceof Date);
    const bytes = await (await s3.send(new GetObjectCommand({ Bucket, Key: 'b.bin' }))).Body!.transformToByteArray();
    assert.equal(Buffer.from(bytes).toString(), 'bytes');
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'a.txt' }));
    assert.equal(head.ContentLength, 5);
    assert.equal(head.ETag, md5('hello'));
  });

  it('answers NoSuchKey for GET and NotFound for HEAD', async () => {
    const { s3 } = await withBucket();
    const get = await rejection(s3.send(new GetObjectCommand({ Bucket, Key: 'nope' })));
    assert.ok(get instanceof NoSuchKey);
    assert.equal(get.message, 'The specified key does not exist.');
    assert.equal((get as unknown as { Key: string }).Key, 'nope');
    const head = await rejection(s3.send(new HeadObjectCommand({ Bucket, Key: 'nope' })));
    assert.ok(head instanceof NotFound);
  });

  it('serves ranges and honours If-Match / If-None-Match', async () => {
    const { s3 } = await withBucket();
    await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: '0123456789' }));
    const part = await s3.send(new GetObjectCommand({ Bucket, Key: 'k', Range: 'bytes=2-4' }));
    assert.equal(await part.Body!.transformToString(), '234');
    assert.equal(part.ContentRange, 'bytes 2-4/10');
    assert.equal(await (await s3.send(new GetObjectCommand({ Bucket, Key: 'k', Range: 'bytes=-3' }))).Body!.transformToString(), '789');
    assert.equal((await rejection(s3.send(new GetObjectCommand({ Bucket, Key: 'k', Range: 'bytes=20-30' })))).name, 'InvalidRange');
    const create = await rejection(s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x', IfNoneMatch: '*' })));
    assert.equal(create.name, 'PreconditionFailed');
    assert.equal(create.$metadata?.httpStatusCode, 412);
    assert.equal((await rejection(s3.send(new GetObjectCommand({ Bucket, Key: 'k', IfMatch: '"abc"' })))).name, 'PreconditionFailed');
    await s3.send(new GetObjectCommand({ Bucket, Key: 'k', IfMatch: md5('0123456789') }));
  });

  it('refuses ACLs when the bucket enforces ownership', async () => {
    const { s3 } = await withBucket();
    const err = await rejection(s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x', ACL: 'public-read' })));
    assert.equal(err.name, 'AccessControlListNotSupported');
  });

  it('lists keys in order with prefixes, delimiters, StartAfter and continuation tokens', async () => {
    const { s3 } = await withBucket();
    for (const Key of ['media/b.jpg', 'media/a.jpg', 'static/app.css', 'static/img/logo.png', 'index.html']) await s3.send(new PutObjectCommand({ Bucket, Key, Body: Key }));
    const top = await s3.send(new ListObjectsV2Command({ Bucket, Delimiter: '/' }));
    assert.deepEqual(top.Contents?.map((o) => o.Key), ['index.html']);
    assert.deepEqual(top.CommonPrefixes, [{ Prefix: 'media/' }, { Prefix: 'static/' }]);
    assert.equal(top.KeyCount, 3);
    const media = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'media/' }));
    assert.deepEqual(media.Contents?.map((o) => [o.Key, o.Size, o.ETag]), [['media/a.jpg', 11, md5('media/a.jpg')], ['media/b.jpg', 11, md5('media/b.jpg')]]);
    const keys: string[] = [];
    let pages = 0;
    for await (const page of paginateListObjectsV2({ client: s3, pageSize: 2 }, { Bucket })) {
      pages += 1;
      keys.push(...(page.Contents ?? []).map((o) => o.Key!));
    }
    assert.equal(pages, 3);
    assert.deepEqual(keys, ['index.html', 'media/a.jpg', 'media/b.jpg', 'static/app.css', 'static/img/logo.png']);
    const after = await s3.send(new ListObjectsV2Command({ Bucket, StartAfter: 'media/b.jpg', MaxKeys: 1 }));
    assert.deepEqual(after.Contents?.map((o) => o.Key), ['static/app.css']);
    assert.equal(after.IsTruncated, true);
    const bad = await rejection(s3.send(new ListObjectsV2Command({ Bucket, ContinuationToken: 'garbage' })));
    assert.equal(bad.name, 'InvalidArgument');
  });
});
