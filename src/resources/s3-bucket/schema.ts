/** s3.bucket: a bucket with its encryption, public access block, ownership, website and policy. */
import { z } from 'zod';
import { Template, type CheckContext, type KindSchema, type SpecProblem, type SpecResource } from '../../reconciler/types.ts';
import { knownText } from '../cross-checks.ts';
import { arn, oneOf, str, tags } from '../fields.ts';
import { grantsPublicAccess, policyDocument } from '../policy-document.ts';

export const bucketProperties = z
  .object({
    /** Globally unique; 3-63 of a-z 0-9 . -; e.g. blog-media-${aws.accountId}. Changing it replaces the bucket. */
    bucketName: str(),
    /** Once Enabled, a bucket can only be Suspended, never Disabled again. */
    versioning: oneOf(['Disabled', 'Enabled', 'Suspended']).default('Disabled'),
    /** Default encryption; S3 encrypts every new object with SSE-S3 (AES256) when nothing else is set. */
    encryption: z
      .object({
        sseAlgorithm: oneOf(['AES256', 'aws:kms', 'aws:kms:dsse']).default('AES256'),
        kmsMasterKeyId: arn().optional(),
        bucketKeyEnabled: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    /** All four on is AWS's default for new buckets. */
    publicAccessBlock: z
      .object({
        blockPublicAcls: z.boolean().default(true),
        ignorePublicAcls: z.boolean().default(true),
        blockPublicPolicy: z.boolean().default(true),
        restrictPublicBuckets: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    /** BucketOwnerEnforced (AWS's default) turns ACLs off: access is by policy only. */
    ownershipControls: oneOf(['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter']).default('BucketOwnerEnforced'),
    /** Static website hosting (HTTP only; served at the bucket's website endpoint). */
    website: z.object({ indexDocument: z.string().min(1), errorDocument: z.string().min(1).optional() }).strict().optional(),
    /** The bucket policy, written as YAML. */
    policy: policyDocument('resource').optional(),
    /**
     * Let a delete (with --allow-delete) empty the bucket first: every object, version and
     * delete marker. Recorded on the bucket as the tag blogctl:force-destroy when reconciled,
     * so it also holds once the bucket left the spec. Without it a bucket that holds objects
     * is not deleted (the error says how many). Never for a protected bucket.
     */
    forceDestroy: z.boolean().default(false),
    tags: tags(),
  })
  .strict();

export type BucketProperties = z.infer<typeof bucketProperties>;

/** S3's naming rules, applied to the text the spec fixes (references are checked once resolved, at plan time). */
export function nameProblems(value: unknown): string[] {
  const text = knownText(value);
  if (text === undefined) return [];
  const whole = typeof value === 'string';
  const out: string[] = [];
  if (/[^a-z0-9.-]/.test(text)) out.push('only lowercase letters, digits, dots and hyphens');
  const pieces = value instanceof Template ? value.parts.filter((x) => typeof x === 'string') : [text];
  if (pieces.some((t) => t.includes('..') || t.includes('.-') || t.includes('-.'))) out.push('no two dots in a row, nor a dot next to a hyphen');
  if (text.length > 63) out.push('at most 63 characters');
  if (whole) {
    if (text.length < 3) out.push('at least 3 characters');
    if (!/^[a-zA-Z0-9].*[a-zA-Z0-9]$/.test(text)) out.push('a letter or digit at both ends');
    if (/^\d+\.\d+\.\d+\.\d+$/.test(text)) out.push('not an IP address');
  }
  const first = value instanceof Template ? value.parts[0] : text;
  if (typeof first === 'string' && /^(xn--|sthree-|amzn-s3-demo-)/.test(first)) out.push('not starting with xn--, sthree- or amzn-s3-demo-');
  if (whole && /(-s3alias|--ol-s3|--x-s3|\.mrap)$/.test(text)) out.push('not ending with -s3alias, --ol-s3, --x-s3 or .mrap');
  return out;
}

function checkBucket(self: SpecResource, ctx: CheckContext): SpecProblem[] {
  const p = self.properties as BucketProperties;
  const problems: SpecProblem[] = [];
  const rules = nameProblems(p.bucketName);
  if (rules.length)
    problems.push({ pos: ctx.posOf(self, 'bucketName'), message: `"${String(p.bucketName)}" is not a valid bucket name: ${rules.join('; ')}` });
  if (self.protect && p.forceDestroy)
    problems.push({ pos: ctx.posOf(self, 'forceDestroy'), message: 'a protected bucket is never emptied nor deleted: remove forceDestroy (or protect)' });
  if (p.encryption.kmsMasterKeyId !== undefined && p.encryption.sseAlgorithm === 'AES256')
    problems.push({ pos: ctx.posOf(self, 'encryption.kmsMasterKeyId'), message: 'kmsMasterKeyId needs sseAlgorithm aws:kms (or aws:kms:dsse)' });
  if (p.policy && grantsPublicAccess(p.policy)) {
    const pab = p.publicAccessBlock;
    if (pab.blockPublicPolicy)
      problems.push({ pos: ctx.posOf(self, 'policy'), message: 'the policy grants public access (Principal "*"), which publicAccessBlock.blockPublicPolicy rejects: set it to false, or narrow the policy with a Condition' });
    else if (pab.restrictPublicBuckets)
      problems.push({ pos: ctx.posOf(self, 'publicAccessBlock.restrictPublicBuckets'), message: 'the policy grants public access, but restrictPublicBuckets makes S3 ignore it for anonymous requests: set it to false' });
  }
  return problems;
}

export const bucketKind = {
  kind: 's3.bucket',
  description: 'An S3 bucket: encryption, public access block, ownership, website hosting and policy.',
  schema: bucketProperties,
  outputs: { name: 'exists', arn: 'exists', regionalDomainName: 'exists', websiteEndpoint: 'exists', websiteDomain: 'exists' },
  defaultOutput: 'name',
  check: checkBucket,
} satisfies KindSchema<'s3.bucket'>;
