/**
 * Bucket settings with simple documents: tagging (NoSuchTagSet when none), website
 * (NoSuchWebsiteConfiguration), versioning (Enabled or Suspended; never back to unversioned)
 * and default encryption (SSE-S3 on every bucket; deleting it goes back to SSE-S3, as AWS
 * does since 2023).
 */
import type {
  DeleteBucketEncryptionCommandInput,
  DeleteBucketEncryptionCommandOutput,
  DeleteBucketTaggingCommandInput,
  DeleteBucketTaggingCommandOutput,
  DeleteBucketWebsiteCommandInput,
  DeleteBucketWebsiteCommandOutput,
  GetBucketEncryptionCommandInput,
  GetBucketEncryptionCommandOutput,
  GetBucketTaggingCommandInput,
  GetBucketTaggingCommandOutput,
  GetBucketVersioningCommandInput,
  GetBucketVersioningCommandOutput,
  GetBucketWebsiteCommandInput,
  GetBucketWebsiteCommandOutput,
  PutBucketEncryptionCommandInput,
  PutBucketEncryptionCommandOutput,
  PutBucketTaggingCommandInput,
  PutBucketTaggingCommandOutput,
  PutBucketVersioningCommandInput,
  PutBucketVersioningCommandOutput,
  PutBucketWebsiteCommandInput,
  PutBucketWebsiteCommandOutput,
  Tag,
} from '@aws-sdk/client-s3';
import type { OperationTable } from '../service.ts';
import { findBucket, required, type S3Ctx, s3Fail } from './bucket-lookup.ts';
import type { S3State } from './state.ts';
import { copyJson } from '../json.ts';

type Out<T> = Omit<T, '$metadata'>;

const SSE_S3 = { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' as const }, BucketKeyEnabled: false }] };

export function checkTagSet(ctx: S3Ctx, tags: readonly Tag[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags) {
    const key = t.Key ?? '';
    const value = t.Value ?? '';
    if (key.length < 1 || key.length > 128) s3Fail(ctx, 'InvalidTag', 'The TagKey you have provided is invalid');
    if (value.length > 256) s3Fail(ctx, 'InvalidTag', 'The TagValue you have provided is too long, max 256');
    if (key.toLowerCase().startsWith('aws:')) s3Fail(ctx, 'InvalidTag', 'System tags cannot be added/updated by requester');
    if (key in out) s3Fail(ctx, 'InvalidTag', 'Cannot provide multiple Tags with the same key');
    out[key] = value;
  }
  if (Object.keys(out).length > 50) s3Fail(ctx, 'InvalidTag', 'Bucket tag count cannot be greater than 50');
  return out;
}

export const bucketSettingOperations = {
  PutBucketTagging(input: PutBucketTaggingCommandInput, ctx: S3Ctx): Out<PutBucketTaggingCommandOutput> {
    const bucket = findBucket(ctx, input.Bucket);
    bucket.tags = checkTagSet(ctx, required(ctx, input.Tagging?.TagSet, 'TagSet'));
    return {};
  },

  GetBucketTagging(input: GetBucketTaggingCommandInput, ctx: S3Ctx): Out<GetBucketTaggingCommandOutput> {
    const bucket = findBucket(ctx, input.Bucket);
    if (bucket.tags === null || Object.keys(bucket.tags).length === 0) s3Fail(ctx, 'NoSuchTagSet', 'The TagSet does not exist', { BucketName: bucket.name });
    return { TagSet: Object.entries(bucket.tags).map(([Key, Value]) => ({ Key, Value })) };
  },

  DeleteBucketTagging(input: DeleteBucketTaggingCommandInput, ctx: S3Ctx): Out<DeleteBucketTaggingCommandOutput> {
    findBucket(ctx, input.Bucket).tags = null;
    return {};
  },

  PutBucketWebsite(input: PutBucketWebsiteCommandInput, ctx: S3Ctx): Out<PutBucketWebsiteCommandOutput> {
    const bucket = findBucket(ctx, input.Bucket);
    const config = required(ctx, input.WebsiteConfiguration, 'WebsiteConfiguration');
    if (config.RedirectAllRequestsTo) {
      if (config.IndexDocument || config.ErrorDocument || config.RoutingRules?.length) {
        s3Fail(ctx, 'InvalidArgument', 'RedirectAllRequestsTo cannot be provided in conjunction with other Routing/Redirect configurations.');
      }
    } else {
      const suffix = config.IndexDocument?.Suffix;
      if (suffix === undefined) s3Fail(ctx, 'InvalidArgument', 'A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty');
      if (suffix === '' || suffix.includes('/')) s3Fail(ctx, 'InvalidArgument', 'The IndexDocument Suffix is not well formed');
    }
    bucket.website = copyJson(config);
    return {};
  },

  GetBucketWebsite(input: GetBucketWebsiteCommandInput, ctx: S3Ctx): Out<GetBucketWebsiteCommandOutput> {
    const bucket = findBucket(ctx, input.Bucket);
    if (bucket.website === null) s3Fail(ctx, 'NoSuchWebsiteConfiguration', 'The specified bucket does not have a website configuration', { BucketName: bucket.name });
    return copyJson(bucket.website);
  },

  DeleteBucketWebsite(input: DeleteBucketWebsiteCommandInput, ctx: S3Ctx): Out<DeleteBucketWebsiteCommandOutput> {
    findBucket(ctx, input.Bucket).website = null;
    return {};
  },

  PutBucketVersioning(input: PutBucketVersioningCommandInput, ctx: S3Ctx): Out<PutBucketVersioningCommandOutput> {
    const bucket = findBucket(ctx, input.Bucket);
    const status = input.VersioningConfiguration?.Status;
    if (status !== 'Enabled' && status !== 'Suspended') s3Fail(ctx, 'MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
    if (input.VersioningConfiguration?.MFADelete === 'Enabled') s3Fail(ctx, 'AccessDenied', 'Mfa Authentication must be used for this request');
    bucket.versioning = status;
    return {};
  },

  GetBucketVersioning(input: GetBucketVersioningCommandInput, ctx: S3Ctx): Out<GetBucketVersioningCommandOutput> {
    const bucket = findBucket(ctx, input.Bucket);
    return { Status: bucket.versioning ?? undefined };
  },

  PutBucketEncryption(input: PutBucketEncryptionCommandInput, ctx: S3Ctx): Out<PutBucketEncryptionCommandOutput> {
    const bucket = findBucket(ctx, input.Bucket);
    const rules = required(ctx, input.ServerSideEncryptionConfiguration?.Rules, 'Rules');
    if (rules.length !== 1) s3Fail(ctx, 'MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
    const sse = rules[0]!.ApplyServerSideEncryptionByDefault;
    if (!sse || !['AES256', 'aws:kms', 'aws:kms:dsse'].includes(sse.SSEAlgorithm ?? '')) s3Fail(ctx, 'MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
    if (sse.SSEAlgorithm === 'AES256' && sse.KMSMasterKeyID !== undefined) {
      s3Fail(ctx, 'InvalidArgument', 'a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse');
    }
    bucket.encryption = { Rules: [{ ApplyServerSideEncryptionByDefault: { ...sse }, BucketKeyEnabled: rules[0]!.BucketKeyEnabled ?? false }] };
    return {};
  },

  GetBucketEncryption(input: GetBucketEncryptionCommandInput, ctx: S3Ctx): Out<GetBucketEncryptionCommandOutput> {
    const bucket = findBucket(ctx, input.Bucket);
    if (bucket.encryption === null) {
      s3Fail(ctx, 'ServerSideEncryptionConfigurationNotFoundError', 'The server side encryption configuration was not found', { BucketName: bucket.name });
    }
    return { ServerSideEncryptionConfiguration: copyJson(bucket.encryption) };
  },

  DeleteBucketEncryption(input: DeleteBucketEncryptionCommandInput, ctx: S3Ctx): Out<DeleteBucketEncryptionCommandOutput> {
    findBucket(ctx, input.Bucket).encryption = copyJson(SSE_S3);
    return {};
  },
} satisfies OperationTable<S3State>;
