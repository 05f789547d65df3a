/**
 * A bucket as observe reports it: HeadBucket (exists? whose?), then every setting blogctl
 * manages, read at once. A setting S3 has no document for reads as S3 behaves without
 * it: no tags, no policy, no website, no public access block (all four off), ownership
 * ObjectWriter (the behaviour without ownership controls), versioning Disabled.
 */
import {
  GetBucketEncryptionCommand, GetBucketOwnershipControlsCommand, GetBucketPolicyCommand, GetBucketTaggingCommand, GetBucketVersioningCommand,
  GetBucketWebsiteCommand, GetPublicAccessBlockCommand, HeadBucketCommand, S3Client,
} from '@aws-sdk/client-s3';
import { TAG, type AdapterContext, type DesiredOf } from '../../reconciler/types.ts';
import { isNotFound, unlessGone } from '../aws-errors.ts';
import { tagRecord } from '../normalize/tags.ts';
import type { bucketProperties } from './schema.ts';

type Desired = DesiredOf<typeof bucketProperties>;

/** The tag that records forceDestroy on the bucket, so a delete knows it once the bucket left the spec. */
export const FORCE_DESTROY_TAG = 'blogctl:force-destroy';

export interface ObservedBucket {
  readonly bucketName: string;
  readonly arn: string;
  readonly region: string;
  readonly versioning: Desired['versioning'];
  readonly encryption: Desired['encryption'];
  readonly publicAccessBlock: Desired['publicAccessBlock'];
  readonly ownershipControls: Desired['ownershipControls'];
  readonly website?: NonNullable<Desired['website']>;
  /** As S3 returns it (JSON text); compared by meaning. */
  readonly policy?: string;
  readonly forceDestroy: boolean;
  readonly tags: Record<string, string>;
}

export const s3 = (ctx: AdapterContext): S3Client => ctx.clients.get(S3Client);

/** Is this the 403 of a bucket another account owns (HeadBucket has no body, so only the status says it)? */
export const isForbidden = (err: unknown): boolean => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.$metadata?.httpStatusCode === 403 || e.name === 'Forbidden' || e.name === 'AccessDenied';
};

/** Does the bucket exist, and is it this account's? */
export async function headBucket(ctx: AdapterContext, name: string): Promise<'mine' | 'absent' | 'taken'> {
  try {
    await s3(ctx).send(new HeadBucketCommand({ Bucket: name }));
    return 'mine';
  } catch (err) {
    if (isForbidden(err)) return 'taken';
    if (isNotFound(err)) return 'absent';
    throw err;
  }
}

export async function readBucket(ctx: AdapterContext, name: string): Promise<{ state: ObservedBucket; tags: Record<string, string> } | undefined> {
  let region: string | undefined;
  try {
    region = (await s3(ctx).send(new HeadBucketCommand({ Bucket: name }))).BucketRegion;
  } catch (err) {
    // Absent, or another account's: neither is a bucket of ours to observe.
    if (isNotFound(err) || isForbidden(err)) return undefined;
    throw err;
  }
  const c = s3(ctx);
  const B = { Bucket: name };
  const [tagging, versioning, encryption, pab, ownership, policy, website] = await Promise.all([
    unlessGone(c.send(new GetBucketTaggingCommand(B))),
    c.send(new GetBucketVersioningCommand(B)),
    unlessGone(c.send(new GetBucketEncryptionCommand(B))),
    unlessGone(c.send(new GetPublicAccessBlockCommand(B))),
    unlessGone(c.send(new GetBucketOwnershipControlsCommand(B))),
    unlessGone(c.send(new GetBucketPolicyCommand(B))),
    unlessGone(c.send(new GetBucketWebsiteCommand(B))),
  ]);
  const tags = tagRecord(tagging?.TagSet);
  const rule = encryption?.ServerSideEncryptionConfiguration?.Rules?.[0];
  const sse = rule?.ApplyServerSideEncryptionByDefault;
  const block = pab?.PublicAccessBlockConfiguration;
  const index = website?.IndexDocument?.Suffix;
  const state: ObservedBucket = {
    bucketName: name,
    arn: `arn:${ctx.region.startsWith('cn-') ? 'aws-cn' : ctx.region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws'}:s3:::${name}`,
    region: region ?? ctx.region,
    versioning: versioning.Status === 'Enabled' || versioning.Status === 'Suspended' ? versioning.Status : 'Disabled',
    encryption: {
      sseAlgorithm: (sse?.SSEAlgorithm ?? 'AES256') as Desired['encryption']['sseAlgorithm'],
      ...(sse?.KMSMasterKeyID && { kmsMasterKeyId: sse.KMSMasterKeyID }),
      bucketKeyEnabled: rule?.BucketKeyEnabled ?? false,
    },
    publicAccessBlock: {
      blockPublicAcls: block?.BlockPublicAcls ?? false, ignorePublicAcls: block?.IgnorePublicAcls ?? false,
      blockPublicPolicy: block?.BlockPublicPolicy ?? false, restrictPublicBuckets: block?.RestrictPublicBuckets ?? false,
    },
    ownershipControls: (ownership?.OwnershipControls?.Rules?.[0]?.ObjectOwnership ?? 'ObjectWriter') as Desired['ownershipControls'],
    ...(index !== undefined && { website: { indexDocument: index, ...(website?.ErrorDocument?.Key && { errorDocument: website.ErrorDocument.Key }) } }),
    ...(policy?.Policy !== undefined && { policy: policy.Policy }),
    forceDestroy: tags[FORCE_DESTROY_TAG] === 'true',
    tags,
  };
  return { state, tags };
}

/** Does the bucket carry blogctl:protect? */
export const isProtected = (b: ObservedBucket): boolean => b.tags[TAG.protect] === 'true';
