/**
 * s3.bucket-notification on the sandbox: the shared contract, and its own cases: its
 * configurations carry blogctl's S3 Ids; other tools' configurations on the bucket are
 * shown as changes and warned about, never dropped silently; a bucket holding only
 * others' configurations is an adoption candidate; a delete puts them back; events under
 * media/ reach the function.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GetBucketNotificationConfigurationCommand, PutBucketNotificationConfigurationCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { TAG } from '../../src/reconciler/types.ts';
import { bucketNotificationAdapter } from '../../src/resources/s3-bucket-notification/index.ts';
import { contractSuite, only, sandboxContext } from './contract.ts';
import { notificationFixture } from './data-fixtures.ts';

contractSuite('s3.bucket-notification on the sandbox', {
  adapter: bucketNotificationAdapter, setup: notificationFixture, makeContext: sandboxContext,
});

/** Another tool's configuration on the bucket: a second function's, under its own Id. */
async function otherToolsConfig(ctx: ReturnType<typeof sandboxContext>, bucket: string, arn: string, keepOurs = true) {
  const s3 = ctx.h.clients.get(S3Client);
  const now = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: bucket }));
  const theirs = { Id: 'thumbnails', LambdaFunctionArn: arn, Events: ['s3:ObjectCreated:Put' as const], Filter: { Key: { FilterRules: [{ Name: 'prefix' as const, Value: 'thumbs/' }] } } };
  await s3.send(new PutBucketNotificationConfigurationCommand({
    Bucket: bucket, NotificationConfiguration: { LambdaFunctionConfigurations: [...(keepOurs ? now.LambdaFunctionConfigurations ?? [] : []), theirs] },
  }));
}

describe('s3.bucket-notification', () => {
  it('names its configurations blogctl-<stack>_<id>.<configuration id>', async () => {
    const ctx = sandboxContext();
    const { desired } = await notificationFixture(ctx);
    await bucketNotificationAdapter.create('mediaNotification', desired, ctx);
    const raw = await ctx.h.clients.get(S3Client).send(new GetBucketNotificationConfigurationCommand({ Bucket: desired.bucket }));
    assert.deepEqual(raw.LambdaFunctionConfigurations?.map((c) => c.Id), [`blogctl-${ctx.stack}_mediaNotification.media-objects`]);
  });

  it("other tools' configurations are changes in the plan and a warning, and a delete puts them back", async () => {
    const ctx = sandboxContext();
    const { desired } = await notificationFixture(ctx);
    const fn = desired.lambdaFunctionConfigurations[0]!.lambdaFunctionArn;
    await bucketNotificationAdapter.create('n', desired, ctx);
    await otherToolsConfig(ctx, desired.bucket, fn);
    const seen = only(await bucketNotificationAdapter.observe([{ id: 'n', desired }], ctx), 'n')!;
    assert.deepEqual(bucketNotificationAdapter.diff(desired, seen.state).map((c) => [c.path, c.to]), [['foreign[thumbnails]', undefined]]);
    const [warning] = seen.notes ?? [];
    assert.equal(warning?.severity, 'warning');
    assert.match(warning!.message, /also holds 1 configuration\(s\) blogctl did not write: thumbnails \(s3:ObjectCreated:Put -> arn:aws:lambda:.*\)\. .*add them to the spec to keep them/);
    await bucketNotificationAdapter.delete(seen.state, ctx);
    const after = await ctx.h.clients.get(S3Client).send(new GetBucketNotificationConfigurationCommand({ Bucket: desired.bucket }));
    assert.deepEqual(after.LambdaFunctionConfigurations?.map((c) => c.Id), ['thumbnails'], 'ours gone, theirs kept');
  });

  it("a bucket with only others' configurations is an adoption candidate, not ours", async () => {
    const ctx = sandboxContext();
    const { desired } = await notificationFixture(ctx);
    await otherToolsConfig(ctx, desired.bucket, desired.lambdaFunctionConfigurations[0]!.lambdaFunctionArn, false);
    const [candidate, ...rest] = await bucketNotificationAdapter.observe([{ id: 'n', desired }], ctx);
    assert.equal(rest.length, 0);
    assert.equal(candidate?.tags[TAG.stack], undefined);
    const other = { ...ctx, stack: 'other' };
    await bucketNotificationAdapter.update('n', desired, candidate!.state, [], other);
    const foreign = await bucketNotificationAdapter.observe([{ id: 'n', desired }], ctx);
    assert.deepEqual(foreign.map((o) => [o.id, o.tags[TAG.stack]]), [['n', 'other']], "another stack's configuration is reported as that stack's");
  });

  it('an object under media/ invokes the function; one elsewhere does not', async () => {
    const ctx = sandboxContext();
    const { desired } = await notificationFixture(ctx);
    await bucketNotificationAdapter.create('n', desired, ctx);
    const s3 = ctx.h.clients.get(S3Client);
    await s3.send(new PutObjectCommand({ Bucket: desired.bucket, Key: 'media/photo.jpg', Body: 'x' }));
    await s3.send(new PutObjectCommand({ Bucket: desired.bucket, Key: 'static/site.css', Body: 'x' }));
    const lambda = (await ctx.h.sandbox.snapshot()).services['lambda'] as { invocations: { event: string; source: string }[] };
    const keys = lambda.invocations.filter((i) => i.source === 's3').map((i) => JSON.parse(i.event).Records[0].s3.object.key);
    assert.deepEqual(keys, ['media/photo.jpg']);
  });
});
