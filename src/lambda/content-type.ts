/**
 * The content type of a created object, which S3 events do not carry: one HeadObject of
 * the event's version (or, unversioned, of the object only while its ETag is the event's).
 * By the time the event arrives the object may be gone, replaced, or its bucket deleted;
 * that is not a failure, the item is recorded without a content type:
 *   404 NotFound / NoSuchKey / NoSuchBucket / NoSuchVersion  the object or bucket is gone
 *   403 AccessDenied   what S3 answers for a missing key when the role may not ListBucket
 *   405 MethodNotAllowed  the version is now a delete marker
 *   412 PreconditionFailed  the key holds a newer object (its own event records it)
 * Anything else (throttling, 5xx once the client's retries are spent) fails the record.
 */
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ObjectEvent } from './event.ts';

export interface ContentTypeLookup {
  readonly contentType?: string;
  /** Why there is none: the object was not there to ask. */
  readonly missing?: string;
}

const GONE_STATUSES = new Set([403, 404, 405, 412]);

export async function contentTypeOf(s3: S3Client, event: ObjectEvent): Promise<ContentTypeLookup> {
  try {
    const head = await s3.send(
      new HeadObjectCommand({
        Bucket: event.bucket,
        Key: event.key,
        ...(event.versionId !== undefined ? { VersionId: event.versionId } : event.eTag !== undefined && { IfMatch: `"${event.eTag}"` }),
      }),
    );
    return head.ContentType === undefined ? {} : { contentType: head.ContentType };
  } catch (e) {
    const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === undefined || !GONE_STATUSES.has(status)) throw e;
    return { missing: `HeadObject answered ${status} ${(e as Error).name}` };
  }
}
