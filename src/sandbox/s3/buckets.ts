/**
 * Buckets: CreateBucket (names checked, global namespace, the region's LocationConstraint
 * rules, the defaults of a new bucket since 2023: SSE-S3, all public access blocked, ACLs
 * off), HeadBucket, ListBuckets, GetBucketLocation, DeleteBucket (refused while it holds
 * objects or versions). Names follow S3's rules for general purpose buckets
 * (InvalidBucketName), and a few are held by "other accounts" (BucketAlreadyExists).
 */
import type {
  CreateBucketCommandInput,
  CreateBucketCommandOutput,
  DeleteBucketCommandInput,
  DeleteBucketCommandOutput,
  GetBucketLocationCommandInput,
  GetBucketLocationCommandOutput,
  HeadBucketCommandInput,
  HeadBucketCommandOutput,
  ListBucketsCommandInput,
  ListBucketsCommandOutput,
} from '@aws-sdk/client-s3';
import { paginate } from '../paging.ts';
import type { OperationTable } from '../service.ts';
import { findBucket, headNotFound, owner, type S3Ctx, s3Fail } from './bucket-lookup.ts';
import { checkTagSet } from './bucket-settings.ts';
import type { BucketRec, S3State } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;

export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return 'must be 3 to 63 characters long';
  if (!/^[a-z0-9.-]+$/.test(name)) return 'may hold only lowercase letters, digits, dots and hyphens';
  if (!/^[a-z0-9].*[a-z0-9]$/.test(name)) return 'must begin and end with a letter or digit';
  if (name.includes('..') || name.includes('.-') || name.includes('-.')) return 'must not hold two adjacent periods, nor a period next to a hyphen';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'must not be formatted as an IP address';
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name)) return 'must not start with xn--, sthree- or amzn-s3-demo-';
  if (/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name)) return 'must not end with -s3alias, --ol-s3, .mrap, --x-s3 or --table-s3';
  return undefined;
}

/**
 * Names other AWS accounts hold: CreateBucket answers BucketAlreadyExists for them (bucket
 * names are global across all accounts).
 */
export const FOREIGN_BUCKETS: readonly string[] = ['example', 'examplebucket', 'test', 'bucket', 'my-bucket', 'mybucket', 'logs', 'backup'];

const OWNERSHIPS = ['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter'];

function newBucket(ctx: S3Ctx, name: string, input: CreateBucketCommandInput): BucketRec {
  return {
    name,
    region: ctx.region,
    createdAt: ctx.now,
    tags: input.CreateBucketConfiguration?.Tags ? checkTagSet(ctx, input.CreateBucketConfiguration.Tags) : null,
    website: null,
    policy: null,
    publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    ownership: input.ObjectOwnership ?? 'BucketOwnerEnforced',
    versioning: null,
    encryption: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }] },
    notification: {},
    objects: {},
    sequence: 0,
  };
}

export function createBucketOperations(foreign: readonly string[]) {
  return {
    CreateBucket(input: CreateBucketCommandInput, ctx: S3Ctx): Out<CreateBucketCommandOutput> {
      const name = input.Bucket ?? '';
      if (bucketNameProblem(name) !== undefined) s3Fail(ctx, 'InvalidBucketName', 'The specified bucket is not valid.', { BucketName: name });
      const constraint = input.CreateBucketConfiguration?.LocationConstraint;
      if (ctx.region === 'us-east-1') {
        if (constraint !== undefined) s3Fail(ctx, 'InvalidLocationConstraint', 'The specified location-constraint is not valid', { LocationConstraint: constraint });
      } else if (constraint === undefined) {
        s3Fail(ctx, 'IllegalLocationConstraintException', 'The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.');
      } else if (constraint !== ctx.region) {
        s3Fail(ctx, 'IllegalLocationConstraintException', `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`);
      }
      if (input.ObjectOwnership !== undefined && !OWNERSHIPS.includes(input.ObjectOwnership)) s3Fail(ctx, 'InvalidArgument', 'Invalid x-amz-object-ownership header');
      if ((input.ObjectOwnership ?? 'BucketOwnerEnforced') === 'BucketOwnerEnforced' && input.ACL !== undefined && input.ACL !== 'private') {
        s3Fail(ctx, 'InvalidBucketAclWithObjectOwnership', "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting");
      }
      const location = ctx.region === 'us-east-1' ? `/${name}` : `http://${name}.s3.amazonaws.com/`;
      if (foreign.includes(name)) {
        s3Fail(ctx, 'BucketAlreadyExists', 'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.', { BucketName: name });
      }
      const existing = ctx.state.buckets[name];
      if (existing) {
        // AWS's legacy rule: re-creating your own bucket in North Virginia answers 200 OK.
        if (ctx.region === 'us-east-1' && existing.region === 'us-east-1') return { Location: location };
        s3Fail(ctx, 'BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', { BucketName: name });
      }
      ctx.state.buckets[name] = newBucket(ctx, name, input);
      return { Location: location };
    },

    HeadBucket(input: HeadBucketCommandInput, ctx: S3Ctx): Out<HeadBucketCommandOutput> {
      // Another account's bucket: 403 without a body (the caller may not know more).
      if (input.Bucket !== undefined && foreign.includes(input.Bucket)) s3Fail(ctx, 'Forbidden', 'UnknownError');
      const bucket = input.Bucket === undefined ? undefined : ctx.state.buckets[input.Bucket];
      if (!bucket) headNotFound(ctx);
      return { BucketRegion: bucket.region, AccessPointAlias: false };
    },

    ListBuckets(input: ListBucketsCommandInput, ctx: S3Ctx): Out<ListBucketsCommandOutput> {
      const buckets = Object.values(ctx.state.buckets).filter(
        (b) => (input.Prefix === undefined || b.name.startsWith(input.Prefix)) && (input.BucketRegion === undefined || b.region === input.BucketRegion),
      );
      const page = paginate(buckets, (b) => b.name, {
        size: input.MaxBuckets,
        token: input.ContinuationToken,
        min: 1,
        max: 10000,
        invalid: (what) => s3Fail(ctx, 'InvalidArgument', what === 'size' ? 'max-buckets must be between 1 and 10000' : 'The continuation token provided is incorrect'),
      });
      return {
        Buckets: page.items.map((b) => ({ Name: b.name, CreationDate: new Date(b.createdAt), BucketRegion: b.region })),
        Owner: owner(ctx),
        ContinuationToken: page.nextToken,
        Prefix: input.Prefix,
      };
    },

    GetBucketLocation(input: GetBucketLocationCommandInput, ctx: S3Ctx): Out<GetBucketLocationCommandOutput> {
      const bucket = findBucket(ctx, input.Bucket);
      return { LocationConstraint: bucket.region === 'us-east-1' ? undefined : (bucket.region as GetBucketLocationCommandOutput['LocationConstraint']) };
    },

    DeleteBucket(input: DeleteBucketCommandInput, ctx: S3Ctx): Out<DeleteBucketCommandOutput> {
      const bucket = findBucket(ctx, input.Bucket);
      const versions = Object.values(bucket.objects).flat();
      if (versions.length > 0) {
        const onlyNull = versions.every((v) => v.versionId === 'null');
        s3Fail(ctx, 'BucketNotEmpty', onlyNull ? 'The bucket you tried to delete is not empty' : 'The bucket you tried to delete is not empty. You must delete all versions in the bucket.', { BucketName: bucket.name });
      }
      delete ctx.state.buckets[bucket.name];
      return {};
    },
  } satisfies OperationTable<S3State>;
}
