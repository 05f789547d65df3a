/**
 * Deleting a bucket: S3 refuses while it holds any object version or delete marker. Unless
 * the bucket records forceDestroy (and is not protected), blogctl refuses too, with the
 * count; with it, every version and delete marker goes first, 1,000 per DeleteObjects.
 */
import { DeleteBucketCommand, DeleteObjectsCommand, ListObjectVersionsCommand, type ObjectIdentifier } from '@aws-sdk/client-s3';
import type { AdapterContext } from '../../reconciler/types.ts';
import { goneIsFine, isNotFound } from '../aws-errors.ts';
import { isProtected, s3, type ObservedBucket } from './read.ts';

/** Counting stops here: a refusal says "at least" that many. */
const COUNT_LIMIT = 10_000;

/** The bucket's object versions and delete markers, up to `limit`. */
export async function versionsOf(ctx: AdapterContext, bucket: string, limit = Infinity): Promise<ObjectIdentifier[]> {
  const out: ObjectIdentifier[] = [];
  let marker: { KeyMarker?: string; VersionIdMarker?: string } = {};
  try {
    for (;;) {
      const page = await s3(ctx).send(new ListObjectVersionsCommand({ Bucket: bucket, ...marker }));
      for (const v of [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]) out.push({ Key: v.Key!, ...(v.VersionId && { VersionId: v.VersionId }) });
      if (!page.IsTruncated || out.length >= limit) break;
      marker = { KeyMarker: page.NextKeyMarker, VersionIdMarker: page.NextVersionIdMarker };
    }
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  return out;
}

export class BucketNotEmpty extends Error {
  constructor(bucket: string, count: number) {
    super(`bucket ${bucket} holds ${count >= COUNT_LIMIT ? `at least ${COUNT_LIMIT} objects` : `${count} object${count === 1 ? '' : 's'}`} (versions and delete markers included), so it is not deleted: ` +
      'empty it yourself, or set forceDestroy: true on it, reconcile (the bucket records it), then delete with --allow-delete');
    this.name = 'BucketNotEmpty';
  }
}

export async function deleteBucket(ctx: AdapterContext, b: ObservedBucket): Promise<void> {
  if (isProtected(b)) throw new Error(`bucket ${b.bucketName} is protected (blogctl:protect): never emptied nor deleted`);
  let objects = await versionsOf(ctx, b.bucketName, b.forceDestroy ? Infinity : COUNT_LIMIT);
  if (objects.length > 0 && !b.forceDestroy) throw new BucketNotEmpty(b.bucketName, objects.length);
  // New objects may land while it is emptied (the app, the Lambda): empty until S3 lists none.
  while (objects.length > 0) {
    ctx.log.info({ bucket: b.bucketName, objects: objects.length }, 'emptying the bucket before deleting it (forceDestroy)');
    for (let i = 0; i < objects.length; i += 1000) {
      const out = await s3(ctx).send(new DeleteObjectsCommand({ Bucket: b.bucketName, Delete: { Objects: objects.slice(i, i + 1000), Quiet: true } }));
      const failed = out.Errors ?? [];
      if (failed.length > 0) throw new Error(`emptying bucket ${b.bucketName}: ${failed.length} objects not deleted (first: ${failed[0]!.Key}: ${failed[0]!.Code} ${failed[0]!.Message})`);
    }
    objects = await versionsOf(ctx, b.bucketName);
  }
  await goneIsFine(() => s3(ctx).send(new DeleteBucketCommand({ Bucket: b.bucketName })));
}
