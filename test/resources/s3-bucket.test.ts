/**
 * s3.bucket on the sandbox: the shared contract, and its own cases: the policy compares by
 * meaning; a bucket holding objects is refused with the count unless it records
 * forceDestroy, then emptied (versions and delete markers) and deleted; a protected one
 * never; plan-time checks of the name (DNS, taken) and of the policy's ARNs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeleteObjectCommand, HeadBucketCommand, PutBucketPolicyCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { TAG } from '../../src/reconciler/types.ts';
import { bucketAdapter } from '../../src/resources/s3-bucket/index.ts';
import { contractSuite, only, sandboxContext } from './contract.ts';
import { bucketDesired, bucketFixture } from './data-fixtures.ts';

contractSuite('s3.bucket on the sandbox', { adapter: bucketAdapter, setup: bucketFixture, makeContext: sandboxContext });

async function withObjects(keys: string[], extra: Parameters<typeof bucketDesired>[1] = {}) {
  const ctx = sandboxContext();
  const desired = bucketDesired(`${ctx.stack}-media`, extra);
  const made = await bucketAdapter.create('media', desired, ctx);
  const s3 = ctx.h.clients.get(S3Client);
  for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket: desired.bucketName, Key, Body: 'x' }));
  return { ctx, desired, made, s3 };
}

describe('s3.bucket', () => {
  it('the policy as S3 returns it, reordered and restringed, is no change', async () => {
    const ctx = sandboxContext();
    const desired = bucketDesired(`${ctx.stack}-media`);
    await bucketAdapter.create('media', desired, ctx);
    const st = desired.policy!.Statement[0]!;
    const same = { Statement: [{ Condition: { Bool: { 'aws:SecureTransport': false } }, Resource: [...(st.Resource as string[])].reverse(), Action: ['s3:*'], Principal: '*', Effect: 'Deny', Sid: 'TLS' }], Version: '2012-10-17' };
    await ctx.h.clients.get(S3Client).send(new PutBucketPolicyCommand({ Bucket: desired.bucketName, Policy: JSON.stringify(same) }));
    const seen = only(await bucketAdapter.observe([{ id: 'media', desired }], ctx), 'media')!;
    assert.deepEqual(bucketAdapter.diff(desired, seen.state), []);
  });

  it('refuses to delete a bucket that holds objects, with the count (versions and delete markers)', async () => {
    const { ctx, made, s3, desired } = await withObjects(['media/a.jpg', 'media/b.jpg']);
    await s3.send(new DeleteObjectCommand({ Bucket: desired.bucketName, Key: 'media/a.jpg' }));
    await assert.rejects(bucketAdapter.delete(made, ctx), /holds 3 objects \(versions and delete markers included\), so it is not deleted: .*forceDestroy: true/);
    await s3.send(new HeadBucketCommand({ Bucket: desired.bucketName }));
  });

  it('with forceDestroy recorded on the bucket, a delete empties it first, versions and all', async () => {
    const { ctx, made, s3, desired } = await withObjects(['media/a.jpg', 'static/site.css'], { forceDestroy: true });
    assert.equal(made.tags['blogctl:force-destroy'], 'true', 'forceDestroy is recorded on the bucket');
    await s3.send(new PutObjectCommand({ Bucket: desired.bucketName, Key: 'media/a.jpg', Body: 'v2' }));
    await bucketAdapter.delete(made, ctx);
    assert.deepEqual(await bucketAdapter.observe([{ id: 'media', desired }], ctx), []);
  });

  it('a protected bucket is never emptied, forceDestroy or not', async () => {
    const { ctx, made, s3, desired } = await withObjects(['media/a.jpg'], { forceDestroy: true });
    const prot = { ...made, tags: { ...made.tags, [TAG.protect]: 'true' } };
    await assert.rejects(bucketAdapter.delete(prot, ctx), /protected/);
    await s3.send(new HeadBucketCommand({ Bucket: desired.bucketName }));
    assert.equal((await bucketAdapter.observe([{ id: 'media', desired }], ctx)).length, 1);
  });

  it('plan-time: a resolved name that is not DNS, a taken name, malformed and foreign ARNs, versioning back off', async () => {
    const ctx = sandboxContext();
    const errors = async (d: ReturnType<typeof bucketDesired>, observed?: Awaited<ReturnType<typeof bucketAdapter.create>>) =>
      (await bucketAdapter.preflight!([{ id: 'b', desired: d, ...(observed && { last: observed }) }], ctx)).map((f) => `${f.severity ?? 'error'} ${f.path}: ${f.message}`);
    assert.deepEqual(await errors(bucketDesired('blog-media-123456789012-us-east-1')), []);
    assert.match((await errors(bucketDesired('Blog_Media')))[0]!, /^error bucketName: "Blog_Media" is not a valid bucket name \(S3 names are DNS names\): only lowercase/);
    assert.deepEqual(await errors(bucketDesired('examplebucket')), ['error bucketName: bucket name "examplebucket" is taken by another AWS account (bucket names are global across all accounts): choose another bucketName']);
    const bad = bucketDesired('blog-media');
    bad.policy!.Statement[0]!.Resource = ['arn:aws:s3:::blog-media', 'arn:aws:s3::blog-media/*', 'arn:aws:s3:::other/*'];
    assert.deepEqual((await errors(bad)).map((e) => e.split(':')[0]), ['error policy.Statement.0.Resource.1', 'error policy.Statement.0.Resource.2']);
    assert.match((await errors(bad))[0]!, /"arn:aws:s3::blog-media\/\*" is not an ARN/);
    const made = await bucketAdapter.create('media', bucketDesired(`${ctx.stack}-media`), ctx);
    assert.deepEqual(await errors(bucketDesired(`${ctx.stack}-media`, { versioning: 'Disabled' }), made), [
      `error versioning: versioning is Enabled on ${ctx.stack}-media; S3 never turns it back off: use Suspended`,
    ]);
  });

  it('a name another account holds fails the create with a clear error', async () => {
    const ctx = sandboxContext();
    await assert.rejects(bucketAdapter.create('media', bucketDesired('examplebucket'), ctx), /bucket name "examplebucket" is taken by another AWS account/);
  });

  it('website outputs name the region\'s website endpoint', async () => {
    const ctx = sandboxContext();
    const made = await bucketAdapter.create('www', bucketDesired('www.example.com', { website: { indexDocument: 'index.html' }, policy: undefined }), ctx);
    assert.deepEqual(made.website, { indexDocument: 'index.html' });
    const out = bucketAdapter.outputs(made);
    assert.equal(out.websiteDomain, 's3-website-us-east-1.amazonaws.com');
    assert.equal(out.websiteEndpoint, 'www.example.com.s3-website-us-east-1.amazonaws.com');
    assert.equal(out.regionalDomainName, 'www.example.com.s3.us-east-1.amazonaws.com');
  });
});
