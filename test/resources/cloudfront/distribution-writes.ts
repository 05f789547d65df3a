/**
 * cloudfront.distribution's writes on the sandbox: If-Match with a re-read and re-apply
 * on PreconditionFailed, the delete sequence (disable -> Deployed -> delete) on virtual
 * time with progress, and a CallerReference CloudFront has seen before.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DistributionAlreadyExists, GetDistributionConfigCommand, ListDistributionsCommand, PreconditionFailed } from '@aws-sdk/client-cloudfront';
import { TAG } from '../../../src/reconciler/types.ts';
import { distributionAdapter as cdn } from '../../../src/resources/cloudfront-distribution/index.ts';
import { IF_MATCH_ATTEMPTS } from '../../../src/resources/cloudfront/if-match.ts';
import { DURATIONS } from '../../../src/sandbox/time.ts';
import { rejection } from '../../sandbox/harness.ts';
import { distDesired } from './fixtures.ts';
import { beforeCommand, cdnContext, someoneUpdates } from './world.ts';

const logging = { Enabled: true, IncludeCookies: false, Bucket: 'logs.s3.amazonaws.com', Prefix: 'other-tool/' };

describe('cloudfront.distribution: If-Match', () => {
  it('a write that lost the race (PreconditionFailed) reads again and re-applies over the other change', async () => {
    const ctx = cdnContext();
    const made = await cdn.create('cdn', distDesired(undefined), ctx);
    let raced = 0;
    const stop = beforeCommand(ctx.cf, 'UpdateDistributionCommand', async () => {
      if (raced++ === 0) await someoneUpdates(ctx.h, made.distributionId, (c) => ({ ...c, Comment: 'someone else', Logging: logging }));
    });
    const desired = distDesired(undefined, { comment: 'ours', isIpv6Enabled: true });
    const updated = await cdn.update('cdn', desired, made, cdn.diff(desired, made), ctx);
    stop();
    assert.equal(ctx.calls('UpdateDistribution'), 2, 'the first write failed with 412, the second went through');
    assert.equal(ctx.h.clients.counter.count('cloudfront', 'GetDistributionConfig'), 2, 'the ETag and config were read again');
    const now = (await ctx.cf.send(new GetDistributionConfigCommand({ Id: made.distributionId }))).DistributionConfig!;
    assert.deepEqual([now.Comment, now.IsIPV6Enabled], ['ours', true], 'our change is in');
    assert.deepEqual(now.Logging, logging, "the other writer's change to what the spec does not model is kept");
    assert.deepEqual(cdn.diff(desired, updated), []);
    assert.ok(ctx.lines.some((l) => /PreconditionFailed/.test(l.msg)));
  });

  it(`gives up with PreconditionFailed after ${IF_MATCH_ATTEMPTS} lost races`, async () => {
    const ctx = cdnContext();
    const made = await cdn.create('cdn', distDesired(undefined), ctx);
    let n = 0;
    const stop = beforeCommand(ctx.cf, 'UpdateDistributionCommand', () => someoneUpdates(ctx.h, made.distributionId, (c) => ({ ...c, Comment: `other ${++n}` })));
    const desired = distDesired(undefined, { comment: 'ours' });
    const err = await rejection(cdn.update('cdn', desired, made, cdn.diff(desired, made), ctx));
    stop();
    assert.ok(err instanceof PreconditionFailed);
    assert.equal(ctx.calls('UpdateDistribution'), IF_MATCH_ATTEMPTS);
  });

  it('a change of tags only writes no config', async () => {
    const ctx = cdnContext();
    const made = await cdn.create('cdn', distDesired(undefined), ctx);
    const desired = distDesired(undefined, { tags: { Name: 'contract', Team: 'blog' } });
    await cdn.update('cdn', desired, made, cdn.diff(desired, made), ctx);
    assert.deepEqual([ctx.calls('UpdateDistribution'), ctx.calls('TagResource'), ctx.calls('UntagResource')], [0, 1, 0]);
  });
});

describe('cloudfront.distribution: delete', () => {
  const DEPLOY = DURATIONS['cloudfront.distribution.deploy'].realistic;

  it('disables, waits until Deployed (minutes, with progress), deletes with the latest ETag; observe confirms', async () => {
    const ctx = cdnContext('realistic');
    const made = await cdn.create('cdn', distDesired(undefined), ctx);
    const sent: string[] = [];
    const stops = ['GetDistributionConfigCommand', 'UpdateDistributionCommand', 'GetDistributionCommand', 'DeleteDistributionCommand'].map((c) =>
      beforeCommand(ctx.cf, c, async () => void sent.push(c.replace('Command', ''))),
    );
    const started = ctx.h.clock.now();
    assert.equal(await cdn.delete(made, ctx), 'deleting');
    stops.forEach((s) => s());
    const elapsed = ctx.h.clock.now() - started;
    assert.ok(elapsed >= DEPLOY, `waited ${elapsed} ms of virtual time for the disable to deploy (${DEPLOY})`);
    assert.ok(elapsed < DEPLOY + 60_000, `and not much longer: ${elapsed} ms`);
    const steps = sent.filter((c, i) => c !== sent[i - 1]);
    assert.deepEqual(steps, ['GetDistributionConfig', 'UpdateDistribution', 'GetDistribution', 'DeleteDistribution']);
    const progress = ctx.lines.filter((l) => l.msg.startsWith('Still disabling... ['));
    assert.ok(progress.length >= DEPLOY / 30_000, `progress through the wait, polls at most 30 s apart: ${progress.length} lines`);
    assert.deepEqual(await cdn.observe([{ id: 'cdn', last: made }], ctx), []);
    assert.equal(await cdn.delete(made, ctx), 'deleted', 'deleting what is gone succeeds');
  });

  it('someone enables it again during the wait: it is disabled again before the delete', async () => {
    const ctx = cdnContext('realistic');
    const made = await cdn.create('cdn', distDesired(undefined), ctx);
    let polls = 0;
    const stop = beforeCommand(ctx.cf, 'GetDistributionCommand', async () => {
      if (++polls === 3) await someoneUpdates(ctx.h, made.distributionId, (c) => ({ ...c, Enabled: true }));
    });
    assert.equal(await cdn.delete(made, ctx), 'deleting');
    stop();
    assert.equal(ctx.calls('UpdateDistribution'), 2, 'disabled twice');
    assert.equal((await ctx.cf.send(new ListDistributionsCommand({}))).DistributionList?.Quantity, 0);
  });

  it('a distribution already disabled and deployed is deleted without another update', async () => {
    const ctx = cdnContext();
    const made = await cdn.create('cdn', distDesired(undefined, { enabled: false }), ctx);
    ctx.h.clock.advance(DURATIONS['cloudfront.distribution.deploy'].quick);
    assert.equal(await cdn.delete(made, ctx), 'deleting');
    assert.deepEqual([ctx.calls('UpdateDistribution'), ctx.calls('DeleteDistribution')], [0, 1]);
  });
});

describe('cloudfront.distribution: a CallerReference used before', () => {
  it('names our own earlier attempt: it is found and brought to the spec, not duplicated', async () => {
    const ctx = cdnContext();
    const first = await cdn.create('cdn', distDesired(undefined), ctx);
    // The same token (same stack, id and spec hash) with other content: CloudFront says DistributionAlreadyExists.
    const again = await cdn.create('cdn', distDesired(undefined, { comment: 'resolved differently' }), ctx);
    assert.equal(again.distributionId, first.distributionId);
    assert.equal(again.config.comment, 'resolved differently');
    assert.equal((await ctx.cf.send(new ListDistributionsCommand({}))).DistributionList?.Quantity, 1);
  });

  it('names a distribution deleted since: a fresh CallerReference is used', async () => {
    const ctx = cdnContext();
    let failed = false;
    const stop = beforeCommand(ctx.cf, 'CreateDistributionWithTagsCommand', async () => {
      if (failed) return;
      failed = true;
      throw new DistributionAlreadyExists({ message: 'The caller reference that you are using to create a distribution is associated with another distribution. Already exists: E0000000000000', $metadata: {} });
    });
    const made = await cdn.create('cdn', distDesired(undefined), ctx);
    stop();
    assert.ok(made.callerReference.startsWith(`${ctx.clientToken('cdn')}-`), made.callerReference);
    assert.equal(made.tags[TAG.id], 'cdn');
  });

  it("names another stack's distribution: the error stands", async () => {
    const ctx = cdnContext();
    const other = { ...ctx, identityTags: (id: string) => ({ ...ctx.identityTags(id), [TAG.stack]: 'other' }) };
    await cdn.create('cdn', distDesired(undefined), other);
    const err = await rejection(cdn.create('cdn', distDesired(undefined, { comment: 'mine' }), ctx));
    assert.ok(err instanceof DistributionAlreadyExists);
  });
});
