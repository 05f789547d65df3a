/**
 * What every S3 operation shares: S3's errors with their HTTP statuses (and the members a
 * parsed S3 error carries, like BucketName), finding the bucket a request names, and the
 * bucket's ARN (no region, no account: S3's format).
 */
import { partitionOf } from '../ids.ts';
import type { CallContext } from '../service.ts';
import type { BucketRec, S3State } from './state.ts';

export type S3Ctx = CallContext<S3State>;

const STATUS: Readonly<Record<string, number>> = {
  AccessDenied: 403,
  Forbidden: 403,
  NoSuchBucket: 404,
  NoSuchKey: 404,
  NoSuchVersion: 404,
  NotFound: 404,
  NoSuchTagSet: 404,
  NoSuchBucketPolicy: 404,
  NoSuchWebsiteConfiguration: 404,
  NoSuchPublicAccessBlockConfiguration: 404,
  OwnershipControlsNotFoundError: 404,
  ServerSideEncryptionConfigurationNotFoundError: 404,
  MethodNotAllowed: 405,
  BucketAlreadyExists: 409,
  BucketAlreadyOwnedByYou: 409,
  BucketNotEmpty: 409,
  OperationAborted: 409,
  NotModified: 304,
  PreconditionFailed: 412,
  InvalidRange: 416,
  NotImplemented: 501,
};

/** Fails with S3's code, message and status; `fields` are members of the parsed error (BucketName, Key). */
export function s3Fail(ctx: S3Ctx, code: string, message: string, fields: Record<string, unknown> = {}): never {
  return ctx.fail(code, message, { status: STATUS[code] ?? 400, fields });
}

export function bucketArn(ctx: S3Ctx, name: string): string {
  return `arn:${partitionOf(ctx.region)}:s3:::${name}`;
}

/** The bucket a request names, or NoSuchBucket. */
export function findBucket(ctx: S3Ctx, name: string | undefined): BucketRec {
  const bucket = name === undefined ? undefined : ctx.state.buckets[name];
  if (!bucket) s3Fail(ctx, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: name });
  return bucket;
}

/** Head* requests have no body: the SDK names the error after the status and has no message. */
export function headNotFound(ctx: S3Ctx): never {
  return s3Fail(ctx, 'NotFound', 'UnknownError');
}

/** Input members the SDK types as optional but S3 requires. */
export function required<T>(ctx: S3Ctx, value: T | undefined, what: string): T {
  if (value === undefined || value === null) s3Fail(ctx, 'MalformedXML', `The XML you provided was not well-formed or did not validate against our published schema (${what} is missing)`);
  return value;
}

/** The owner of every bucket and object of the account (ListBuckets Owner, object Owner). */
export function owner(ctx: S3Ctx): { ID: string } {
  return { ID: Buffer.from(`blogctl-sandbox-${ctx.accountId}`).toString('hex').padEnd(64, '0').slice(0, 64) };
}
