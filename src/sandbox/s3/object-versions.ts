/**
 * Object versions as S3 keeps them: with versioning Enabled every write adds a version and
 * a delete without VersionId adds a delete marker; unversioned (or Suspended) buckets keep
 * one 'null' version per key, which a write replaces (Suspended: a delete marker too).
 * Also how other services read an object's bytes (Lambda's Code.S3Bucket/S3Key).
 */
import type { S3Ctx } from './bucket-lookup.ts';
import type { ObjectEvent } from './events.ts';
import type { BucketRec, ObjectVersionRec, S3State } from './state.ts';

export function newVersionId(ctx: S3Ctx): string {
  return Buffer.from(ctx.ids.hex(48), 'hex').toString('base64url');
}

/** The newest version of the key (maybe a delete marker). */
export function latest(bucket: BucketRec, key: string): ObjectVersionRec | undefined {
  const versions = bucket.objects[key];
  return versions?.[versions.length - 1];
}

/** The object a plain GET sees: the newest version unless it is a delete marker. */
export function current(bucket: BucketRec, key: string): ObjectVersionRec | undefined {
  const v = latest(bucket, key);
  return v && !v.deleteMarker ? v : undefined;
}

/** The VersionId S3 reports for a version: none in a bucket that was never versioned. */
export function reportedVersion(bucket: BucketRec, v: ObjectVersionRec): string | undefined {
  return bucket.versioning === null ? undefined : v.versionId;
}

/** Adds a version (or replaces the 'null' one) and returns it. */
export function addVersion(ctx: S3Ctx, bucket: BucketRec, key: string, rec: Omit<ObjectVersionRec, 'versionId'>): ObjectVersionRec {
  const versionId = bucket.versioning === 'Enabled' ? newVersionId(ctx) : 'null';
  const kept = (bucket.objects[key] ?? []).filter((v) => versionId !== 'null' || v.versionId !== 'null');
  const version: ObjectVersionRec = { ...rec, versionId };
  bucket.objects[key] = [...kept, version];
  return version;
}

export interface DeleteResult {
  readonly deleteMarker?: boolean;
  readonly versionId?: string;
  /** What happened, for event notifications (nothing when nothing was there to delete). */
  readonly event?: ObjectEvent;
}

/** DeleteObject's semantics for one key (and optional version). */
export function deleteKey(ctx: S3Ctx, bucket: BucketRec, key: string, versionId: string | undefined): DeleteResult {
  const versions = bucket.objects[key] ?? [];
  if (versionId !== undefined) {
    const found = versions.find((v) => v.versionId === versionId);
    if (!found) return { versionId };
    const left = versions.filter((v) => v !== found);
    if (left.length > 0) bucket.objects[key] = left;
    else delete bucket.objects[key];
    return {
      versionId,
      ...(found.deleteMarker && { deleteMarker: true }),
      event: { name: 'ObjectRemoved:Delete', key, versionId },
    };
  }
  if (bucket.versioning === null) {
    if (versions.length === 0) return {};
    delete bucket.objects[key];
    return { event: { name: 'ObjectRemoved:Delete', key } };
  }
  const marker: Omit<ObjectVersionRec, 'versionId'> = {
    deleteMarker: true,
    body: '',
    size: 0,
    etag: '',
    lastModified: ctx.now,
    contentType: '',
    metadata: {},
    headers: {},
    storageClass: 'STANDARD',
  };
  const added = addVersion(ctx, bucket, key, marker);
  return {
    deleteMarker: true,
    versionId: added.versionId,
    event: { name: 'ObjectRemoved:DeleteMarkerCreated', key, ...(bucket.versioning === 'Enabled' && { versionId: added.versionId }) },
  };
}

/** For services that fetch from S3 themselves (Lambda's Code.S3Bucket/S3Key). */
/** The bytes of an object (the latest version unless one is named), or S3's error code. */
export function readObjectBytes(state: S3State, bucket: string, key: string, versionId?: string): Uint8Array | 'NoSuchBucket' | 'NoSuchKey' {
  const b = state.buckets[bucket];
  if (!b) return 'NoSuchBucket';
  const versions = b.objects[key] ?? [];
  const v = versionId === undefined ? versions[versions.length - 1] : versions.find((x) => x.versionId === versionId);
  if (!v || v.deleteMarker) return 'NoSuchKey';
  return Buffer.from(v.body, 'base64');
}
