/**
 * `drift --unmanaged` for S3 buckets: those of this region named `<stack>-*` whose tags
 * carry no `blogctl:stack`. One ListBuckets with S3's Prefix and BucketRegion filters
 * (an emulator that ignores them is filtered again here), then one GetBucketTagging per
 * bucket it names, never a listing of every bucket's tags.
 */
import { GetBucketTaggingCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import type { Kind } from '../../reconciler/types.ts';
import { TAG } from '../../reconciler/types.ts';
import { tagRecord } from '../normalize/tags.ts';
import { optional } from '../s3-bucket/read.ts';
import type { UnmanagedFinder, UnmanagedFound } from './ec2-network.ts';

const findBuckets: UnmanagedFinder = async (scope, clients) => {
  const s3 = clients.get(S3Client);
  const prefix = `${scope.stack}-`;
  const region = await s3.config.region();
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListBucketsCommand({ Prefix: prefix, BucketRegion: region, MaxBuckets: 1000, ContinuationToken: token }));
    for (const b of page.Buckets ?? []) {
      if (b.Name?.startsWith(prefix) && (b.BucketRegion === undefined || b.BucketRegion === region)) names.push(b.Name);
    }
    token = page.ContinuationToken;
  } while (token);
  const tagged = await Promise.all(names.sort().map(async (name) => ({ name, tags: tagRecord((await optional(s3.send(new GetBucketTaggingCommand({ Bucket: name }))))?.TagSet) })));
  const out: UnmanagedFound = { found: [], ignored: [] };
  for (const { name, tags } of tagged) {
    const stack = tags[TAG.stack];
    if (stack === scope.stack) continue;
    if (stack !== undefined) out.ignored.push({ kind: 's3.bucket', physicalId: name, reason: `managed by blogctl stack "${stack}"` });
    else out.found.push({ kind: 's3.bucket', physicalId: name, name, why: `its name starts with ${prefix}` });
  }
  return out;
};

export const unmanagedS3: { readonly [K in Kind]?: UnmanagedFinder } = { 's3.bucket': findBuckets };
