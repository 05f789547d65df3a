/**
 * How cloudfront.distribution finds what it is asked for, and what that costs: by ARN
 * (tag discovery) two reads and no listing; without one, by alias (one ListDistributions
 * page, the tags of the alias's holder only); without an alias, a tag scan that stops
 * once every requested id is found. An alias held by a distribution that is not ours is
 * an adoption candidate, or another stack's.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreateDistributionWithTagsCommand, ListDistributionsCommand } from '@aws-sdk/client-cloudfront';
import { Route53Client } from '@aws-sdk/client-route-53';
import { TAG } from '../../../src/reconciler/types.ts';
import { distributionAdapter as cdn } from '../../../src/resources/cloudfront-distribution/index.ts';
import { configFor } from '../../../src/resources/cloudfront-distribution/config.ts';
import { issuedCertificate } from '../../sandbox/cloudfront/fixtures.ts';
import { only } from '../contract.ts';
import { distDesired } from './fixtures.ts';
import { cdnContext, type CdnContext } from './world.ts';

const SCAN_BATCH = 8;

async function withCertificate(ctx: CdnContext, domain = '*.example.com') {
  return issuedCertificate({ ...ctx.h, cf: ctx.cf, r53: ctx.h.clients.get(Route53Client) }, domain);
}

const aliased = (cert: string, alias: string) => distDesired(undefined, { aliases: [alias], viewerCertificate: { acmCertificateArn: cert } });

/** A distribution someone else made, without blogctl's tags (or with `tags`). */
async function foreign(ctx: CdnContext, ref: string, desired = distDesired(undefined, { comment: ref }), tags: { Key: string; Value: string }[] = []) {
  const out = await ctx.cf.send(new CreateDistributionWithTagsCommand({ DistributionConfigWithTags: { DistributionConfig: configFor(desired, ref), Tags: { Items: tags } } }));
  return out.Distribution!;
}

/** Counts of the CloudFront reads since `mark`. */
const reads = (ctx: CdnContext, mark: Record<string, number>) => {
  const ops = ['ListDistributions', 'ListTagsForResource', 'GetDistribution'];
  return Object.fromEntries(ops.map((o) => [o, ctx.calls(o) - (mark[o] ?? 0)]));
};
const mark = (ctx: CdnContext) => reads(ctx, {});

describe('cloudfront.distribution: observe', () => {
  it('with an ARN: GetDistribution and ListTagsForResource, no listing', async () => {
    const ctx = cdnContext();
    for (let i = 0; i < 5; i++) await foreign(ctx, `other-${i}`);
    const made = await cdn.create('cdn', distDesired(undefined), ctx);
    const before = mark(ctx);
    const found = only(await cdn.observe([{ id: 'cdn', arn: made.arn, desired: distDesired(undefined) }], ctx), 'cdn');
    assert.equal(found?.state.distributionId, made.distributionId);
    assert.deepEqual(reads(ctx, before), { ListDistributions: 0, ListTagsForResource: 1, GetDistribution: 1 });
  });

  it("without an ARN, by alias: one page, the holder's tags only, however many others the account has", async () => {
    const ctx = cdnContext();
    const cert = await withCertificate(ctx);
    for (let i = 0; i < 12; i++) await foreign(ctx, `other-${i}`);
    const made = await cdn.create('cdn', aliased(cert, 'www.example.com'), ctx);
    const before = mark(ctx);
    const found = only(await cdn.observe([{ id: 'cdn', desired: aliased(cert, 'www.example.com') }], ctx), 'cdn');
    assert.equal(found?.state.distributionId, made.distributionId);
    assert.equal(found?.tags[TAG.stack], ctx.stack);
    assert.deepEqual(reads(ctx, before), { ListDistributions: 1, ListTagsForResource: 1, GetDistribution: 1 });
  });

  it('without an alias: a tag scan in batches, stopping at the batch that holds it', async () => {
    const ctx = cdnContext();
    for (let i = 0; i < 20; i++) await foreign(ctx, `other-${i}`);
    const made = await cdn.create('cdn', distDesired(undefined), ctx);
    const order = ((await ctx.cf.send(new ListDistributionsCommand({}))).DistributionList?.Items ?? []).map((s) => s.Id);
    const position = order.indexOf(made.distributionId);
    const before = mark(ctx);
    const found = only(await cdn.observe([{ id: 'cdn', desired: distDesired(undefined) }], ctx), 'cdn');
    assert.equal(found?.state.distributionId, made.distributionId);
    const expected = Math.min(order.length, (Math.floor(position / SCAN_BATCH) + 1) * SCAN_BATCH);
    assert.deepEqual(reads(ctx, before), { ListDistributions: 1, ListTagsForResource: expected, GetDistribution: 1 });
    assert.deepEqual(await cdn.observe([{ id: 'absent', desired: distDesired(undefined) }], ctx), [], 'nothing carries that id');
  });

  it('an alias held by an untagged distribution is an adoption candidate; by another stack, theirs', async () => {
    const ctx = cdnContext();
    const cert = await withCertificate(ctx);
    const hand = await foreign(ctx, 'by-hand', aliased(cert, 'www.example.com'), [{ Key: 'Name', Value: 'made by hand' }]);
    const theirs = await foreign(ctx, 'theirs', aliased(cert, 'blog.example.com'), [{ Key: TAG.stack, Value: 'other' }, { Key: TAG.id, Value: 'cdn' }]);
    const found = await cdn.observe([{ id: 'cdn', desired: aliased(cert, 'www.example.com') }, { id: 'blog', desired: aliased(cert, 'blog.example.com') }], ctx);
    const candidate = only(found, 'cdn')!;
    assert.equal(candidate.state.distributionId, hand.Id);
    assert.equal(candidate.tags[TAG.stack], undefined, 'not ours: adopted only with --adopt');
    const other = only(found, 'blog')!;
    assert.equal(other.state.distributionId, theirs.Id);
    assert.equal(other.tags[TAG.stack], 'other', 'never taken over');
  });

  it('ours found by tags wins over an untagged holder of the alias the spec moved to', async () => {
    const ctx = cdnContext();
    const cert = await withCertificate(ctx);
    const ours = await cdn.create('cdn', aliased(cert, 'old.example.com'), ctx);
    await foreign(ctx, 'holder', aliased(cert, 'www.example.com'));
    const found = only(await cdn.observe([{ id: 'cdn', desired: aliased(cert, 'www.example.com') }], ctx), 'cdn');
    assert.equal(found?.state.distributionId, ours.distributionId);
    assert.deepEqual(cdn.diff(aliased(cert, 'www.example.com'), found!.state).map((c) => c.path), ['aliases[old.example.com]', 'aliases[www.example.com]']);
  });
});
