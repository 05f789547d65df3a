/**
 * s3.bucket: S3 cannot list buckets by tag, so tag discovery hands observe the stack's
 * bucket ARNs; a bucket the spec names is found by its name (HeadBucket, then its
 * settings and tags). Every managed setting is one S3 document (read.ts, write.ts); the
 * policy compares by meaning (normalize/policy.ts). A bucket that holds objects is not
 * deleted unless it records forceDestroy (empty.ts); a protected one never is.
 */
import type { DesiredOf, ExplainSink, FieldChange, ResourceAdapter } from '../../reconciler/types.ts';
import { lookups, readAll } from '../lookup.ts';
import { diffFields } from '../normalize/compare.ts';
import { diffPolicy, parsePolicy } from '../normalize/policy.ts';
import { diffTags } from '../normalize/tags.ts';
import { deleteBucket } from './empty.ts';
import { readBucket, type ObservedBucket } from './read.ts';
import type { bucketProperties } from './schema.ts';
import { bucketFindings } from './checks.ts';
import { bucketTags, createBucket, setAll, type Setting } from './write.ts';

type Desired = DesiredOf<typeof bucketProperties>;

const PAB = ['blockPublicAcls', 'ignorePublicAcls', 'blockPublicPolicy', 'restrictPublicBuckets'] as const;

function diffBucket(d: Desired, o: ObservedBucket, explain?: ExplainSink): FieldChange[] {
  const e = d.encryption;
  const encryptionDiffers = e.sseAlgorithm !== o.encryption.sseAlgorithm || e.bucketKeyEnabled !== o.encryption.bucketKeyEnabled
    || (e.kmsMasterKeyId !== undefined && e.kmsMasterKeyId !== o.encryption.kmsMasterKeyId);
  return [
    ...diffFields(d, o, ['bucketName', 'versioning', 'ownershipControls']),
    ...(encryptionDiffers ? [{ path: 'encryption', from: o.encryption, to: e }] : []),
    ...PAB.filter((k) => d.publicAccessBlock[k] !== o.publicAccessBlock[k])
      .map((k) => ({ path: `publicAccessBlock.${k}`, from: o.publicAccessBlock[k], to: d.publicAccessBlock[k] })),
    ...(JSON.stringify(d.website) !== JSON.stringify(o.website) ? [{ path: 'website', from: o.website, to: d.website }] : []),
    // No policy in the spec means no policy on the bucket.
    ...(d.policy === undefined ? (o.policy === undefined ? [] : [{ path: 'policy', from: parsePolicy(o.policy), to: undefined }]) : diffPolicy('policy', d.policy, o.policy, explain)),
    ...(d.forceDestroy !== o.forceDestroy ? [{ path: 'forceDestroy', from: o.forceDestroy, to: d.forceDestroy }] : []),
    ...diffTags(d.tags, o.tags),
  ];
}

/** The S3 document a change is written with (forceDestroy is recorded in the tags). */
const settingOf = (path: string): Setting => {
  const top = path.split(/[.[]/)[0];
  return top === 'forceDestroy' ? 'tags' : (top as Setting);
};

/** Website endpoints: the older regions use "s3-website-<region>", the others "s3-website.<region>". */
const DASH_WEBSITE_REGIONS = new Set(['us-east-1', 'us-west-1', 'us-west-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1', 'eu-west-1', 'sa-east-1', 'us-gov-west-1']);
const websiteDomain = (region: string) => `s3-website${DASH_WEBSITE_REGIONS.has(region) ? '-' : '.'}${region}.amazonaws.com`;

async function readBack(ctx: Parameters<typeof readBucket>[0], name: string): Promise<ObservedBucket> {
  const now = await readBucket(ctx, name);
  if (!now) throw new Error(`bucket ${name} is not there right after blogctl wrote it`);
  return now.state;
}

export const bucketAdapter: ResourceAdapter<'s3.bucket', Desired, ObservedBucket> = {
  kind: 's3.bucket',
  replaceOn: ['bucketName'],
  replaceOrder: 'create-before-delete',
  discovery: { service: 's3' },
  timeouts: { create: 5 * 60_000, update: 5 * 60_000, delete: 30 * 60_000, ready: 60_000 },

  observe: (requests, ctx) =>
    readAll(ctx, lookups(requests, { desired: (d) => d.bucketName, observed: (o) => o.bucketName, arn: (arn) => arn.slice(arn.lastIndexOf(':') + 1) }), (l) => readBucket(ctx, l.name)),

  diff: diffBucket,

  async preflight(requests, ctx) {
    const found = await Promise.all(requests.map(async (r) => (r.desired ? (await bucketFindings(r.desired, ctx, r.last)).map((f) => ({ ...f, id: r.id })) : [])));
    return found.flat();
  },

  async create(id, desired, ctx) {
    await createBucket(ctx, desired, bucketTags(desired, ctx.identityTags(id, 'creating')));
    const settings = new Set<Setting>(['encryption', 'versioning', 'publicAccessBlock', 'ownershipControls', 'tags']);
    if (desired.website) settings.add('website');
    if (desired.policy) settings.add('policy');
    await setAll(ctx, desired, settings, ctx.identityTags(id));
    return readBack(ctx, desired.bucketName);
  },

  async update(id, desired, observed, changes, ctx) {
    await setAll(ctx, desired, new Set(changes.map((c) => settingOf(c.path))), ctx.identityTags(id));
    return readBack(ctx, observed.bucketName);
  },

  async delete(observed, ctx) {
    await deleteBucket(ctx, observed);
  },

  outputs: (o) => ({
    id: o.bucketName,
    name: o.bucketName,
    arn: o.arn,
    regionalDomainName: `${o.bucketName}.s3.${o.region}.amazonaws.com`,
    websiteDomain: websiteDomain(o.region),
    websiteEndpoint: `${o.bucketName}.${websiteDomain(o.region)}`,
  }),
};
