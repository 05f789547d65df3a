/**
 * CloudFront tags (on create and through the tag APIs), ListDistributions paging through
 * the SDK's paginator, and throttling answered with CloudFront's own error and retried.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateDistributionCommand,
  CreateDistributionWithTagsCommand,
  InvalidTagging,
  ListDistributionsCommand,
  ListTagsForResourceCommand,
  NoSuchResource,
  paginateListDistributions,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-cloudfront';
import { rejection } from '../harness.ts';
import { cfHarness, distributionConfig } from './fixtures.ts';

describe('cloudfront tags and listing', () => {
  it('tags a distribution on create and through TagResource/UntagResource', async () => {
    const { cf } = cfHarness();
    const { Distribution } = await cf.send(new CreateDistributionWithTagsCommand({
      DistributionConfigWithTags: { DistributionConfig: distributionConfig(), Tags: { Items: [{ Key: 'Name', Value: 'blog-cdn' }, { Key: 'blogctl:stack', Value: 'blog' }] } },
    }));
    const Resource = Distribution!.ARN!;
    const tags = async () => (await cf.send(new ListTagsForResourceCommand({ Resource }))).Tags?.Items;
    assert.deepEqual(await tags(), [{ Key: 'Name', Value: 'blog-cdn' }, { Key: 'blogctl:stack', Value: 'blog' }]);
    await cf.send(new TagResourceCommand({ Resource, Tags: { Items: [{ Key: 'Name', Value: 'renamed' }, { Key: 'env', Value: 'prod' }] } }));
    await cf.send(new UntagResourceCommand({ Resource, TagKeys: { Items: ['blogctl:stack'] } }));
    assert.deepEqual(await tags(), [{ Key: 'Name', Value: 'renamed' }, { Key: 'env', Value: 'prod' }]);

    const unknown = await rejection(cf.send(new ListTagsForResourceCommand({ Resource: 'arn:aws:cloudfront::123456789012:distribution/E0000000000000' })));
    assert.ok(unknown instanceof NoSuchResource);
    const reserved = await rejection(cf.send(new TagResourceCommand({ Resource, Tags: { Items: [{ Key: 'aws:owner', Value: 'x' }] } })));
    assert.ok(reserved instanceof InvalidTagging);
    const badOnCreate = await rejection(cf.send(new CreateDistributionWithTagsCommand({
      DistributionConfigWithTags: { DistributionConfig: distributionConfig({ ref: 'other' }), Tags: { Items: [{ Key: '', Value: 'x' }] } },
    })));
    assert.ok(badOnCreate instanceof InvalidTagging);
  });

  it('lists distributions page by page, each summary with its ETag and status', async () => {
    const { cf } = cfHarness();
    const empty = await cf.send(new ListDistributionsCommand({}));
    assert.deepEqual(empty.DistributionList, { Marker: '', MaxItems: 100, IsTruncated: false, Quantity: 0 });
    const created: { id: string; etag: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const out = await cf.send(new CreateDistributionCommand({ DistributionConfig: distributionConfig({ ref: `ref-${i}`, comment: `d${i}` }) }));
      created.push({ id: out.Distribution!.Id!, etag: out.ETag! });
    }
    const first = await cf.send(new ListDistributionsCommand({ MaxItems: 2 }));
    assert.equal(first.DistributionList?.IsTruncated, true);
    assert.equal(first.DistributionList?.NextMarker, first.DistributionList?.Items?.[1]?.Id);
    const pages = [];
    for await (const page of paginateListDistributions({ client: cf, pageSize: 2 }, {})) pages.push(page.DistributionList!);
    assert.deepEqual(pages.map((p) => p.Quantity), [2, 2, 1]);
    const summaries = pages.flatMap((p) => p.Items ?? []);
    assert.deepEqual(summaries.map((s) => s.Id), created.map((c) => c.id).sort());
    const one = summaries.find((s) => s.Id === created[3]!.id)!;
    assert.equal(one.ETag, created[3]!.etag);
    assert.equal(one.Status, 'InProgress');
    assert.equal(one.Comment, 'd3');
    assert.equal(one.Origins?.Quantity, 2);
  });

  it('answers throttling with CloudFront\'s error, which the SDK retries', async () => {
    const { cf, sandbox } = cfHarness();
    sandbox.faults.inject({ service: 'cloudfront', operation: 'ListDistributions', fault: 'throttle' });
    const out = await cf.send(new ListDistributionsCommand({}));
    assert.equal(out.$metadata.attempts, 2);
    sandbox.faults.inject({ service: 'cloudfront', fault: 'throttle', times: 3 });
    const e = await rejection(cf.send(new ListDistributionsCommand({})));
    assert.equal(e.name, 'Throttling');
    assert.equal(e.$metadata?.httpStatusCode, 400);
  });
});
