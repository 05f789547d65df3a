/**
 * Writing a bucket's settings, one S3 document each. Create and update share these; the
 * order matters where S3 checks one setting against another: the public access block is
 * relaxed before a public policy is put, and tightened after a public policy is removed.
 */
import {
  CreateBucketCommand, DeleteBucketPolicyCommand, DeleteBucketWebsiteCommand, PutBucketEncryptionCommand, PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand, PutBucketTaggingCommand, PutBucketVersioningCommand, PutBucketWebsiteCommand, PutPublicAccessBlockCommand,
  type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import type { AdapterContext, DesiredOf } from '../../reconciler/types.ts';
import { tagList } from '../normalize/tags.ts';
import { FORCE_DESTROY_TAG, isForbidden, s3 } from './read.ts';
import type { bucketProperties } from './schema.ts';

type Desired = DesiredOf<typeof bucketProperties>;

/** The settings, in the order they may be written (see setAll). */
export type Setting = 'ownershipControls' | 'encryption' | 'versioning' | 'publicAccessBlock' | 'website' | 'policy' | 'tags';

/** Policy JSON as S3 takes it: the spec's YAML document, Version first. */
export const policyText = (d: Desired): string | undefined => (d.policy ? JSON.stringify(d.policy) : undefined);

/** The whole tag set (S3 replaces it at once): the user's, blogctl's identity, and forceDestroy's record. */
export const bucketTags = (d: Desired, identity: Readonly<Record<string, string>>): Record<string, string> =>
  ({ ...(d.tags ?? {}), ...identity, ...(d.forceDestroy ? { [FORCE_DESTROY_TAG]: 'true' } : {}) });

export class BucketNameTaken extends Error {
  constructor(name: string) {
    super(`bucket name "${name}" is taken by another AWS account (bucket names are global across all accounts): choose another bucketName`);
    this.name = 'BucketNameTaken';
  }
}

/** CreateBucket, tagged from the start (where S3 takes tags at create); ours already is fine. */
export async function createBucket(ctx: AdapterContext, d: Desired, tags: Readonly<Record<string, string>>): Promise<void> {
  const constraint = ctx.region === 'us-east-1' ? undefined : (ctx.region as BucketLocationConstraint);
  try {
    await s3(ctx).send(new CreateBucketCommand({
      Bucket: d.bucketName, ObjectOwnership: d.ownershipControls,
      CreateBucketConfiguration: { ...(constraint && { LocationConstraint: constraint }), Tags: tagList(tags) },
    }));
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'BucketAlreadyExists' || isForbidden(err)) throw new BucketNameTaken(d.bucketName);
    if (name !== 'BucketAlreadyOwnedByYou') throw err;
  }
}

async function write(ctx: AdapterContext, d: Desired, setting: Setting, identity: Readonly<Record<string, string>>): Promise<void> {
  const c = s3(ctx);
  const Bucket = d.bucketName;
  switch (setting) {
    case 'ownershipControls':
      return void (await c.send(new PutBucketOwnershipControlsCommand({ Bucket, OwnershipControls: { Rules: [{ ObjectOwnership: d.ownershipControls }] } })));
    case 'encryption': {
      const e = d.encryption;
      return void (await c.send(new PutBucketEncryptionCommand({
        Bucket,
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: e.sseAlgorithm, ...(e.kmsMasterKeyId && { KMSMasterKeyID: e.kmsMasterKeyId }) }, BucketKeyEnabled: e.bucketKeyEnabled }],
        },
      })));
    }
    case 'versioning':
      // A bucket never versioned stays so; once versioned it can only be suspended (preflight refuses Disabled).
      if (d.versioning === 'Disabled') return;
      return void (await c.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: d.versioning } })));
    case 'publicAccessBlock': {
      const p = d.publicAccessBlock;
      return void (await c.send(new PutPublicAccessBlockCommand({
        Bucket,
        PublicAccessBlockConfiguration: { BlockPublicAcls: p.blockPublicAcls, IgnorePublicAcls: p.ignorePublicAcls, BlockPublicPolicy: p.blockPublicPolicy, RestrictPublicBuckets: p.restrictPublicBuckets },
      })));
    }
    case 'website':
      if (!d.website) return void (await c.send(new DeleteBucketWebsiteCommand({ Bucket })));
      return void (await c.send(new PutBucketWebsiteCommand({
        Bucket,
        WebsiteConfiguration: { IndexDocument: { Suffix: d.website.indexDocument }, ...(d.website.errorDocument && { ErrorDocument: { Key: d.website.errorDocument } }) },
      })));
    case 'policy': {
      const text = policyText(d);
      if (text === undefined) return void (await c.send(new DeleteBucketPolicyCommand({ Bucket })));
      return void (await c.send(new PutBucketPolicyCommand({ Bucket, Policy: text })));
    }
    case 'tags':
      return void (await c.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: tagList(bucketTags(d, identity)) } })));
  }
}

/**
 * Writes the given settings: ownership, encryption and versioning first; the public access
 * block before the policy when it lets a public policy in, after it otherwise; tags last
 * (they carry the final blogctl:spec).
 */
export async function setAll(ctx: AdapterContext, d: Desired, settings: ReadonlySet<Setting>, identity: Readonly<Record<string, string>>): Promise<void> {
  const relaxesFirst = !d.publicAccessBlock.blockPublicPolicy;
  const order: Setting[] = ['ownershipControls', 'encryption', 'versioning', ...(relaxesFirst ? ['publicAccessBlock', 'policy'] as const : ['policy', 'publicAccessBlock'] as const), 'website', 'tags'];
  for (const s of order) if (settings.has(s)) await write(ctx, d, s, identity);
}
