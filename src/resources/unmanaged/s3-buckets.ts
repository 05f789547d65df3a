/**
 * `drift --unmanaged` for S3 buckets: those of this region named `<stack>-*` whose tags
 * carry no `blogctl:stack`. One ListBuckets with S3's Prefix and BucketRegion filters
 * (an emulator that ignores them is filtered again here), then one GetBucketTagging per
 * bucket it names, never a listing of every bucket's tags.
 */
import { GetBucketTaggingCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import type { Kind } from '../../reconciler/types.ts';
import { unlessGone } from '../aws-errors.ts';
import { classify, type UnmanagedFinder } from './classify.ts';

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
  const items = await Promise.all(names.sort().map(async (name) => ({
    id: name, tags: (await unlessGone(s3.send(new GetBucketTaggingCommand({ Bucket: name }))))?.TagSet, name,
  })));
  return classify('s3.bucket', items, scope);
};

export const unmanagedS3: { readonly [K in Kind]?: UnmanagedFinder } = { 's3.bucket': findBuckets };
