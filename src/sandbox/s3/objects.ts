/**
 * Objects: PutObject (any body the SDK accepts; ETag the MD5 in quotes; conditional writes;
 * no ACLs when the bucket enforces ownership), GetObject (a Body the caller can
 * transformToString; Range; If-Match/If-None-Match), HeadObject, DeleteObject and
 * DeleteObjects (versions and delete markers). Writes and deletes notify the bucket's
 * Lambda destinations.
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type {
  DeleteObjectCommandInput,
  DeleteObjectCommandOutput,
  DeleteObjectsCommandInput,
  DeleteObjectsCommandOutput,
  GetObjectCommandInput,
  GetObjectCommandOutput,
  HeadObjectCommandInput,
  HeadObjectCommandOutput,
  PutObjectCommandInput,
  PutObjectCommandOutput,
  ServerSideEncryption,
} from '@aws-sdk/client-s3';
import type { OperationTable } from '../service.ts';
import { bodyStream, readBody } from './bodies.ts';
import { findBucket, headNotFound, required, type S3Ctx, s3Fail } from './bucket-lookup.ts';
import { notify, type ObjectEvent } from './events.ts';
import { addVersion, current, deleteKey, latest, reportedVersion } from './object-versions.ts';
import type { BucketRec, ObjectVersionRec, S3State } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;

const HEADER_MEMBERS = ['CacheControl', 'ContentDisposition', 'ContentEncoding', 'ContentLanguage'] as const;

function sse(bucket: BucketRec): ServerSideEncryption {
  return (bucket.encryption?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm ?? 'AES256') as ServerSideEncryption;
}

/** The version a GET/HEAD names; `missing` answers for a key (or version) that is not there. */
function readable(ctx: S3Ctx, bucket: BucketRec, key: string, versionId: string | undefined, missing: () => never): ObjectVersionRec {
  if (versionId === undefined) return current(bucket, key) ?? missing();
  const v = (bucket.objects[key] ?? []).find((x) => x.versionId === versionId);
  if (!v) return s3Fail(ctx, 'NoSuchVersion', 'The specified version does not exist.', { Key: key, VersionId: versionId });
  if (v.deleteMarker) s3Fail(ctx, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', { Method: 'GET', ResourceType: 'DeleteMarker' });
  return v;
}

function checkPreconditions(ctx: S3Ctx, v: ObjectVersionRec, input: { IfMatch?: string; IfNoneMatch?: string }): void {
  const matches = (tag: string) => tag === '*' || tag.replace(/"/g, '') === v.etag.replace(/"/g, '');
  if (input.IfMatch !== undefined && !matches(input.IfMatch)) s3Fail(ctx, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', { Condition: 'If-Match' });
  if (input.IfNoneMatch !== undefined && matches(input.IfNoneMatch)) s3Fail(ctx, 'NotModified', 'Not Modified');
}

function describe(bucket: BucketRec, v: ObjectVersionRec) {
  return {
    ETag: v.etag,
    LastModified: new Date(v.lastModified),
    ContentType: v.contentType,
    VersionId: reportedVersion(bucket, v),
    Metadata: { ...v.metadata },
    ServerSideEncryption: sse(bucket),
    AcceptRanges: 'bytes',
    StorageClass: v.storageClass === 'STANDARD' ? undefined : (v.storageClass as HeadObjectCommandOutput['StorageClass']),
    ...Object.fromEntries(HEADER_MEMBERS.filter((h) => v.headers[h] !== undefined).map((h) => [h, v.headers[h]])),
  };
}

/** bytes=a-b, a-, -n; undefined for no (or an unusable) Range, as S3 then sends the whole object. */
function parseRange(ctx: S3Ctx, range: string | undefined, size: number): [number, number] | undefined {
  const m = range === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(range);
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  const [start, end] = m[1] === '' ? [Math.max(0, size - Number(m[2])), size - 1] : [Number(m[1]), m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)];
  if (start >= size || start > end) s3Fail(ctx, 'InvalidRange', 'The requested range is not satisfiable', { RangeRequested: range, ActualObjectSize: String(size) });
  return [start, end];
}

export const objectOperations = {
  async PutObject(input: PutObjectCommandInput, ctx: S3Ctx): Promise<Out<PutObjectCommandOutput>> {
    const bucket = findBucket(ctx, input.Bucket);
    const key = required(ctx, input.Key, 'Key');
    if (key === '' || Buffer.byteLength(key) > 1024) s3Fail(ctx, 'KeyTooLongError', 'Your key is too long');
    if (input.ACL !== undefined && input.ACL !== 'bucket-owner-full-control' && bucket.ownership === 'BucketOwnerEnforced') {
      s3Fail(ctx, 'AccessControlListNotSupported', 'The bucket does not allow ACLs');
    }
    const bytes = await readBody(input.Body);
    const md5 = createHash('md5').update(bytes);
    const digest = md5.digest();
    if (input.ContentMD5 !== undefined && input.ContentMD5 !== digest.toString('base64')) {
      s3Fail(ctx, 'BadDigest', 'The Content-MD5 you specified did not match what we received.');
    }
    const existing = current(bucket, key);
    if (input.IfNoneMatch === '*' && existing) s3Fail(ctx, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', { Condition: 'If-None-Match' });
    if (input.IfMatch !== undefined) {
      if (!existing) s3Fail(ctx, 'NoSuchKey', 'The specified key does not exist.', { Key: key });
      checkPreconditions(ctx, existing, { IfMatch: input.IfMatch });
    }
    const etag = `"${digest.toString('hex')}"`;
    const version = addVersion(ctx, bucket, key, {
      deleteMarker: false,
      body: bytes.toString('base64'),
      size: bytes.length,
      etag,
      lastModified: ctx.now,
      contentType: input.ContentType ?? 'binary/octet-stream',
      metadata: Object.fromEntries(Object.entries(input.Metadata ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
      headers: Object.fromEntries(HEADER_MEMBERS.filter((h) => input[h] !== undefined).map((h) => [h, String(input[h])])),
      storageClass: input.StorageClass ?? 'STANDARD',
    });
    notify(ctx, bucket, [
      { name: 'ObjectCreated:Put', key, size: bytes.length, eTag: etag.replace(/"/g, ''), ...(bucket.versioning === 'Enabled' && { versionId: version.versionId }) },
    ]);
    const checksum = Buffer.alloc(4);
    checksum.writeUInt32BE(crc32(bytes));
    return {
      ETag: etag,
      VersionId: reportedVersion(bucket, version),
      ServerSideEncryption: sse(bucket),
      ChecksumCRC32: input.ChecksumAlgorithm === 'CRC32' ? checksum.toString('base64') : undefined,
    };
  },

  GetObject(input: GetObjectCommandInput, ctx: S3Ctx): Out<GetObjectCommandOutput> {
    const bucket = findBucket(ctx, input.Bucket);
    const key = required(ctx, input.Key, 'Key');
    const v = readable(ctx, bucket, key, input.VersionId, () => s3Fail(ctx, 'NoSuchKey', 'The specified key does not exist.', { Key: key }));
    checkPreconditions(ctx, v, input);
    const bytes = Buffer.from(v.body, 'base64');
    const range = parseRange(ctx, input.Range, bytes.length);
    const body = range ? bytes.subarray(range[0], range[1] + 1) : bytes;
    return {
      ...describe(bucket, v),
      Body: bodyStream(body),
      ContentLength: body.length,
      ContentRange: range ? `bytes ${range[0]}-${range[1]}/${bytes.length}` : undefined,
    };
  },

  HeadObject(input: HeadObjectCommandInput, ctx: S3Ctx): Out<HeadObjectCommandOutput> {
    const bucket = input.Bucket === undefined ? undefined : ctx.state.buckets[input.Bucket];
    if (!bucket || input.Key === undefined) return headNotFound(ctx);
    const v = readable(ctx, bucket, input.Key, input.VersionId, () => headNotFound(ctx));
    checkPreconditions(ctx, v, input);
    return { ...describe(bucket, v), ContentLength: v.size };
  },

  DeleteObject(input: DeleteObjectCommandInput, ctx: S3Ctx): Out<DeleteObjectCommandOutput> {
    const bucket = findBucket(ctx, input.Bucket);
    const key = required(ctx, input.Key, 'Key');
    if (input.IfMatch !== undefined) {
      const v = latest(bucket, key);
      if (!v || v.deleteMarker) s3Fail(ctx, 'NoSuchKey', 'The specified key does not exist.', { Key: key });
      checkPreconditions(ctx, v, { IfMatch: input.IfMatch });
    }
    const result = deleteKey(ctx, bucket, key, input.VersionId);
    if (result.event) notify(ctx, bucket, [result.event]);
    return { DeleteMarker: result.deleteMarker, VersionId: bucket.versioning === null ? undefined : result.versionId };
  },

  DeleteObjects(input: DeleteObjectsCommandInput, ctx: S3Ctx): Out<DeleteObjectsCommandOutput> {
    const bucket = findBucket(ctx, input.Bucket);
    const objects = required(ctx, input.Delete?.Objects, 'Object');
    if (objects.length === 0 || objects.length > 1000) s3Fail(ctx, 'MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
    const events: ObjectEvent[] = [];
    const deleted = objects.map((o) => {
      const key = required(ctx, o.Key, 'Key');
      const result = deleteKey(ctx, bucket, key, o.VersionId);
      if (result.event) events.push(result.event);
      const markerCreated = result.deleteMarker && o.VersionId === undefined;
      return {
        Key: key,
        VersionId: o.VersionId,
        DeleteMarker: result.deleteMarker,
        DeleteMarkerVersionId: markerCreated ? result.versionId : o.VersionId !== undefined && result.deleteMarker ? o.VersionId : undefined,
      };
    });
    notify(ctx, bucket, events);
    return { Deleted: input.Delete?.Quiet ? undefined : deleted, Errors: undefined };
  },
} satisfies OperationTable<S3State>;
