/**
 * Cache policies: the managed ones listed (by type, page by page) and read by id, and a
 * distribution naming a cache policy that does not exist refused with NoSuchCachePolicy.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateDistributionCommand,
  GetCachePolicyCommand,
  ListCachePoliciesCommand,
  NoSuchCachePolicy,
  UpdateDistributionCommand,
} from '@aws-sdk/client-cloudfront';
import { rejection } from '../harness.ts';
import { CACHING_OPTIMIZED, cfHarness, distributionConfig } from './fixtures.ts';

describe('cloudfront cache policies', () => {
  it('lists the managed policies by type and page, and reads one by id', async () => {
    const { cf } = cfHarness();
    const all = await cf.send(new ListCachePoliciesCommand({}));
    const ids = (all.CachePolicyList?.Items ?? []).map((s) => s.CachePolicy!.Id);
    assert.ok(ids.includes(CACHING_OPTIMIZED) && ids.includes('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'));
    assert.ok((all.CachePolicyList?.Items ?? []).every((s) => s.Type === 'managed'));
    assert.equal(all.CachePolicyList?.Quantity, ids.length);
    const custom = await cf.send(new ListCachePoliciesCommand({ Type: 'custom' }));
    assert.deepEqual([custom.CachePolicyList?.Quantity, custom.CachePolicyList?.Items], [0, undefined]);

    const first = await cf.send(new ListCachePoliciesCommand({ MaxItems: 3 }));
    assert.equal(first.CachePolicyList?.Quantity, 3);
    const rest = await cf.send(new ListCachePoliciesCommand({ Marker: first.CachePolicyList!.NextMarker }));
    assert.deepEqual([...(first.CachePolicyList?.Items ?? []), ...(rest.CachePolicyList?.Items ?? [])].map((s) => s.CachePolicy!.Id), ids);

    const one = await cf.send(new GetCachePolicyCommand({ Id: CACHING_OPTIMIZED }));
    assert.equal(one.CachePolicy?.CachePolicyConfig?.Name, 'Managed-CachingOptimized');
    assert.equal(one.CachePolicy?.CachePolicyConfig?.MaxTTL, 31_536_000);
    assert.ok(one.ETag);
    const missing = await rejection(cf.send(new GetCachePolicyCommand({ Id: '658327ea-f89e-4fab-a63d-7e88639e58f6' })));
    assert.ok(missing instanceof NoSuchCachePolicy);
    assert.equal(missing.$metadata?.httpStatusCode, 404);
  });

  it('refuses a distribution whose behavior names a cache policy that does not exist', async () => {
    const { cf } = cfHarness();
    const base = distributionConfig();
    const wrong = { ...base, DefaultCacheBehavior: { ...base.DefaultCacheBehavior!, CachePolicyId: '00000000-0000-4000-8000-000000000000' } };
    assert.ok((await rejection(cf.send(new CreateDistributionCommand({ DistributionConfig: wrong })))) instanceof NoSuchCachePolicy);
    const made = await cf.send(new CreateDistributionCommand({ DistributionConfig: base }));
    const update = rejection(cf.send(new UpdateDistributionCommand({ Id: made.Distribution!.Id, IfMatch: made.ETag, DistributionConfig: wrong })));
    assert.ok((await update) instanceof NoSuchCachePolicy);
  });
});
