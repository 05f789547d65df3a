/**
 * Who may reach a bucket: its policy (checked as S3 does: valid JSON, statements with
 * principal, action and resources of this bucket; a public policy is refused with
 * AccessDenied while the public access block's BlockPublicPolicy is on), the public access
 * block, and object ownership controls.
 */
import type {
  DeleteBucketOwnershipControlsCommandInput,
  DeleteBucketOwnershipControlsCommandOutput,
  DeleteBucketPolicyCommandInput,
  DeleteBucketPolicyCommandOutput,
  DeletePublicAccessBlockCommandInput,
  DeletePublicAccessBlockCommandOutput,
  GetBucketOwnershipControlsCommandInput,
  GetBucketOwnershipControlsCommandOutput,
  GetBucketPolicyCommandInput,
  GetBucketPolicyCommandOutput,
  GetPublicAccessBlockCommandInput,
  GetPublicAccessBlockCommandOutput,
  ObjectOwnership,
  PutBucketOwnershipControlsCommandInput,
  PutBucketOwnershipControlsCommandOutput,
  PutBucketPolicyCommandInput,
  PutBucketPolicyCommandOutput,
  PutPublicAccessBlockCommandInput,
  PutPublicAccessBlockCommandOutput,
} from '@aws-sdk/client-s3';
import type { OperationTable } from '../service.ts';
import { bucketArn, findBucket, required, type S3Ctx, s3Fail } from './bucket-lookup.ts';
import type { BucketRec, S3State } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;

/** Condition keys that tie a statement to known callers, so a "*" principal is not public. */
const NARROWING_KEYS = /^aws:(sourcearn|sourceaccount|sourceowner|sourcevpc|sourcevpce|principalorgid|principalaccount|principalarn|userid|sourceip)$/i;

function list(v: unknown): unknown[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function isWildcard(principal: unknown): boolean {
  if (principal === '*') return true;
  return typeof principal === 'object' && principal !== null && list((principal as Record<string, unknown>)['AWS']).includes('*');
}

function narrows(condition: unknown): boolean {
  if (typeof condition !== 'object' || condition === null) return false;
  return Object.values(condition).some((byKey) => typeof byKey === 'object' && byKey !== null && Object.keys(byKey).some((k) => NARROWING_KEYS.test(k)));
}

function checkPolicy(ctx: S3Ctx, bucket: BucketRec, text: string): boolean {
  const malformed = (m: string): never => s3Fail(ctx, 'MalformedPolicy', m);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    malformed("Policies must be valid JSON and the first byte must be '{'");
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return malformed("Policies must be valid JSON and the first byte must be '{'");
  const statements = list((doc as Record<string, unknown>)['Statement']);
  if (statements.length === 0) malformed('Missing required field Statement');
  const arn = bucketArn(ctx, bucket.name);
  let isPublic = false;
  for (const raw of statements) {
    const s = raw as Record<string, unknown>;
    if (s['Effect'] !== 'Allow' && s['Effect'] !== 'Deny') malformed(`Invalid effect: ${String(s['Effect'])}`);
    if (s['Principal'] === undefined && s['NotPrincipal'] === undefined) malformed('Missing required field Principal');
    const actions = list(s['Action'] ?? s['NotAction']);
    if (actions.length === 0) malformed('Missing required field Action');
    if (actions.some((a) => typeof a !== 'string' || !/^(\*|s3:[A-Za-z*?]+)$/.test(a))) malformed('Policy has invalid action');
    const resources = list(s['Resource'] ?? s['NotResource']);
    if (resources.length === 0) malformed('Missing required field Resource');
    if (resources.some((r) => typeof r !== 'string' || (r !== arn && !r.startsWith(`${arn}/`)))) malformed('Policy has invalid resource');
    if (s['Effect'] === 'Allow' && isWildcard(s['Principal']) && !narrows(s['Condition'])) isPublic = true;
  }
  return isPublic;
}

export const bucketAccessOperations = {
  PutBucketPolicy(input: PutBucketPolicyCommandInput, ctx: S3Ctx): Out<PutBucketPolicyCommandOutput> {
    const bucket = findBucket(ctx, input.Bucket);
    const policy = required(ctx, input.Policy, 'Policy');
    const isPublic = checkPolicy(ctx, bucket, policy);
    if (isPublic && bucket.publicAccessBlock?.BlockPublicPolicy) s3Fail(ctx, 'AccessDenied', 'Access Denied');
    bucket.policy = policy;
    return {};
  },

  GetBucketPolicy(input: GetBucketPolicyCommandInput, ctx: S3Ctx): Out<GetBucketPolicyCommandOutput> {
    const bucket = findBucket(ctx, input.Bucket);
    if (bucket.policy === null) s3Fail(ctx, 'NoSuchBucketPolicy', 'The bucket policy does not exist', { BucketName: bucket.name });
    return { Policy: bucket.policy };
  },

  DeleteBucketPolicy(input: DeleteBucketPolicyCommandInput, ctx: S3Ctx): Out<DeleteBucketPolicyCommandOutput> {
    findBucket(ctx, input.Bucket).policy = null;
    return {};
  },

  PutPublicAccessBlock(input: PutPublicAccessBlockCommandInput, ctx: S3Ctx): Out<PutPublicAccessBlockCommandOutput> {
    const bucket = findBucket(ctx, input.Bucket);
    const c = required(ctx, input.PublicAccessBlockConfiguration, 'PublicAccessBlockConfiguration');
    bucket.publicAccessBlock = {
      BlockPublicAcls: c.BlockPublicAcls ?? false,
      IgnorePublicAcls: c.IgnorePublicAcls ?? false,
      BlockPublicPolicy: c.BlockPublicPolicy ?? false,
      RestrictPublicBuckets: c.RestrictPublicBuckets ?? false,
    };
    return {};
  },

  GetPublicAccessBlock(input: GetPublicAccessBlockCommandInput, ctx: S3Ctx): Out<GetPublicAccessBlockCommandOutput> {
    const bucket = findBucket(ctx, input.Bucket);
    if (bucket.publicAccessBlock === null) s3Fail(ctx, 'NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', { BucketName: bucket.name });
    return { PublicAccessBlockConfiguration: { ...bucket.publicAccessBlock } };
  },

  DeletePublicAccessBlock(input: DeletePublicAccessBlockCommandInput, ctx: S3Ctx): Out<DeletePublicAccessBlockCommandOutput> {
    findBucket(ctx, input.Bucket).publicAccessBlock = null;
    return {};
  },

  PutBucketOwnershipControls(input: PutBucketOwnershipControlsCommandInput, ctx: S3Ctx): Out<PutBucketOwnershipControlsCommandOutput> {
    const bucket = findBucket(ctx, input.Bucket);
    const rules = required(ctx, input.OwnershipControls?.Rules, 'Rules');
    const value = rules[0]?.ObjectOwnership;
    if (rules.length !== 1 || !['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter'].includes(value ?? '')) {
      s3Fail(ctx, 'MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
    }
    bucket.ownership = value!;
    return {};
  },

  GetBucketOwnershipControls(input: GetBucketOwnershipControlsCommandInput, ctx: S3Ctx): Out<GetBucketOwnershipControlsCommandOutput> {
    const bucket = findBucket(ctx, input.Bucket);
    if (bucket.ownership === null) s3Fail(ctx, 'OwnershipControlsNotFoundError', 'The bucket ownership controls were not found', { BucketName: bucket.name });
    return { OwnershipControls: { Rules: [{ ObjectOwnership: bucket.ownership as ObjectOwnership }] } };
  },

  DeleteBucketOwnershipControls(input: DeleteBucketOwnershipControlsCommandInput, ctx: S3Ctx): Out<DeleteBucketOwnershipControlsCommandOutput> {
    findBucket(ctx, input.Bucket).ownership = null;
    return {};
  },
} satisfies OperationTable<S3State>;
