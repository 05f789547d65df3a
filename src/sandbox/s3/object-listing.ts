/**
 * Listing objects: ListObjectsV2 (UTF-8 binary key order, Prefix, Delimiter with common
 * prefixes counted as keys, StartAfter, MaxKeys up to 1000, opaque continuation tokens) and
 * ListObjectVersions (newest version first per key, delete markers, KeyMarker /
 * VersionIdMarker paging), which a forced bucket delete needs.
 */
import type {
  DeleteMarkerEntry,
  ListObjectsV2CommandInput,
  ListObjectsV2CommandOutput,
  ListObjectVersionsCommandInput,
  ListObjectVersionsCommandOutput,
  ObjectVersion,
  StorageClass,
} from '@aws-sdk/client-s3';
import type { OperationTable } from '../service.ts';
import { findBucket, owner, type S3Ctx, s3Fail } from './bucket-lookup.ts';
import { current } from './object-versions.ts';
import type { BucketRec, S3State } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;

function sortedKeys(bucket: BucketRec, prefix: string): string[] {
  return Object.keys(bucket.objects)
    .filter((k) => k.startsWith(prefix))
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

const after = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b)) > 0;

interface Position {
  key: string;
  /** The position is a common prefix: every key under it was listed. */
  prefix: boolean;
}

function encodeToken(p: Position): string {
  return Buffer.from(JSON.stringify({ k: p.key, p: p.prefix })).toString('base64url');
}

function decodeToken(ctx: S3Ctx, token: string): Position {
  try {
    const data = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { k?: unknown; p?: unknown };
    if (typeof data.k === 'string' && typeof data.p === 'boolean') return { key: data.k, prefix: data.p };
  } catch {
    // falls through
  }
  return s3Fail(ctx, 'InvalidArgument', 'The continuation token provided is incorrect', { ArgumentName: 'continuation-token' });
}

function maxKeys(ctx: S3Ctx, n: number | undefined): number {
  if (n === undefined) return 1000;
  if (!Number.isInteger(n) || n < 0) s3Fail(ctx, 'InvalidArgument', 'Provided max-keys not an integer or within integer range', { ArgumentName: 'max-keys' });
  return Math.min(n, 1000);
}

const urlEncode = (s: string) => encodeURIComponent(s).replace(/%2F/g, '/');

export const objectListingOperations = {
  ListObjectsV2(input: ListObjectsV2CommandInput, ctx: S3Ctx): Out<ListObjectsV2CommandOutput> {
    const bucket = findBucket(ctx, input.Bucket);
    const prefix = input.Prefix ?? '';
    const limit = maxKeys(ctx, input.MaxKeys);
    const start: Position | undefined = input.ContinuationToken ? decodeToken(ctx, input.ContinuationToken) : input.StartAfter ? { key: input.StartAfter, prefix: false } : undefined;
    const entries: Position[] = [];
    let truncated = false;
    for (const key of sortedKeys(bucket, prefix)) {
      if (!current(bucket, key)) continue;
      if (start && (!after(key, start.key) || (start.prefix && key.startsWith(start.key)))) continue;
      const rest = key.slice(prefix.length);
      const cut = input.Delimiter ? rest.indexOf(input.Delimiter) : -1;
      const entry: Position = cut >= 0 ? { key: prefix + rest.slice(0, cut + input.Delimiter!.length), prefix: true } : { key, prefix: false };
      const last = entries[entries.length - 1];
      if (entry.prefix && last?.prefix && last.key === entry.key) continue;
      if (entries.length >= limit) {
        truncated = true;
        break;
      }
      entries.push(entry);
    }
    const encode = input.EncodingType === 'url' ? urlEncode : (s: string) => s;
    const contents = entries.filter((e) => !e.prefix).map((e) => {
      const v = current(bucket, e.key)!;
      return { Key: encode(e.key), LastModified: new Date(v.lastModified), ETag: v.etag, Size: v.size, StorageClass: v.storageClass as StorageClass, Owner: input.FetchOwner ? owner(ctx) : undefined };
    });
    const prefixes = entries.filter((e) => e.prefix).map((e) => ({ Prefix: encode(e.key) }));
    const last = entries[entries.length - 1];
    return {
      Name: bucket.name,
      Prefix: input.Prefix === undefined ? '' : encode(prefix),
      Delimiter: input.Delimiter,
      MaxKeys: limit,
      KeyCount: entries.length,
      IsTruncated: truncated,
      Contents: contents.length > 0 ? contents : undefined,
      CommonPrefixes: prefixes.length > 0 ? prefixes : undefined,
      ContinuationToken: input.ContinuationToken,
      NextContinuationToken: truncated && last ? encodeToken(last) : undefined,
      StartAfter: input.StartAfter,
      EncodingType: input.EncodingType,
    };
  },

  ListObjectVersions(input: ListObjectVersionsCommandInput, ctx: S3Ctx): Out<ListObjectVersionsCommandOutput> {
    const bucket = findBucket(ctx, input.Bucket);
    const prefix = input.Prefix ?? '';
    const limit = maxKeys(ctx, input.MaxKeys);
    if (input.VersionIdMarker !== undefined && input.KeyMarker === undefined) {
      s3Fail(ctx, 'InvalidArgument', 'A version-id marker cannot be specified without a key marker.', { ArgumentName: 'version-id-marker' });
    }
    const rows = sortedKeys(bucket, prefix).flatMap((key) => {
      const versions = bucket.objects[key]!;
      return [...versions].reverse().map((v, i) => ({ key, v, isLatest: i === 0 }));
    });
    let startAt = 0;
    if (input.KeyMarker !== undefined) {
      const marker = input.KeyMarker;
      const byVersion = input.VersionIdMarker === undefined ? -1 : rows.findIndex((r) => r.key === marker && r.v.versionId === input.VersionIdMarker);
      startAt = byVersion >= 0 ? byVersion + 1 : rows.findIndex((r) => after(r.key, marker));
      if (startAt < 0) startAt = rows.length;
    }
    const page = rows.slice(startAt, startAt + limit);
    const truncated = startAt + limit < rows.length;
    const last = page[page.length - 1];
    const versions: ObjectVersion[] = page.filter((r) => !r.v.deleteMarker).map((r) => ({
      ETag: r.v.etag, Size: r.v.size, StorageClass: 'STANDARD', Key: r.key, VersionId: r.v.versionId, IsLatest: r.isLatest, LastModified: new Date(r.v.lastModified), Owner: owner(ctx),
    }));
    const markers: DeleteMarkerEntry[] = page.filter((r) => r.v.deleteMarker).map((r) => ({
      Owner: owner(ctx), Key: r.key, VersionId: r.v.versionId, IsLatest: r.isLatest, LastModified: new Date(r.v.lastModified),
    }));
    return {
      Name: bucket.name,
      Prefix: prefix,
      KeyMarker: input.KeyMarker ?? '',
      VersionIdMarker: input.VersionIdMarker ?? '',
      MaxKeys: limit,
      IsTruncated: truncated,
      Versions: versions.length > 0 ? versions : undefined,
      DeleteMarkers: markers.length > 0 ? markers : undefined,
      NextKeyMarker: truncated && last ? last.key : undefined,
      NextVersionIdMarker: truncated && last ? last.v.versionId : undefined,
    };
  },
} satisfies OperationTable<S3State>;
