/**
 * The plan-time check of cloudfront.distribution's cache policy ids (its preflight) on the
 * sandbox: one ListCachePolicies for every request, a typo of a managed id named with the
 * id meant, values not known yet left alone.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KNOWN_AFTER_APPLY } from '../../../src/reconciler/types.ts';
import { distributionAdapter as cdn } from '../../../src/resources/cloudfront-distribution/index.ts';
import { CACHING_OPTIMIZED, distDesired } from './fixtures.ts';
import { cdnContext } from './world.ts';

const TYPO = '658327ea-f89e-4fab-a63d-7e88639e58f6';
const withStatic = (cachePolicyId: string) =>
  distDesired(undefined, { cacheBehaviors: [{ pathPattern: '/static/*', targetOriginId: 'media', viewerProtocolPolicy: 'redirect-to-https', cachePolicyId }] });

describe('cloudfront.distribution: cache policy ids at plan time', () => {
  it('names the behavior whose policy does not exist, with the managed id one typo away', async () => {
    const ctx = cdnContext();
    const problems = await cdn.preflight!([{ id: 'cdn', desired: withStatic(TYPO) }, { id: 'ok', desired: withStatic(CACHING_OPTIMIZED) }], ctx);
    assert.deepEqual(problems, [{
      id: 'cdn',
      path: 'cacheBehaviors.0.cachePolicyId',
      message: `cache policy ${TYPO} does not exist in this account; did you mean the managed CachingOptimized, ${CACHING_OPTIMIZED}?`,
    }]);
    assert.equal(ctx.calls('ListCachePolicies'), 1, 'one list for every request');
  });

  it('an id far from every managed one gets examples; the default behavior is checked too', async () => {
    const ctx = cdnContext();
    const desired = distDesired(undefined);
    const wrong = { ...desired, defaultCacheBehavior: { ...desired.defaultCacheBehavior, cachePolicyId: '00000000-0000-4000-8000-000000000000' } };
    const [problem] = await cdn.preflight!([{ id: 'cdn', desired: wrong }], ctx);
    assert.equal(problem?.path, 'defaultCacheBehavior.cachePolicyId');
    assert.match(problem?.message ?? '', /does not exist in this account \(CloudFront's managed policies include CachingOptimized 658327ea-f89d-/);
  });

  it('values not known before apply are not checked, and nothing to check costs no call', async () => {
    const ctx = cdnContext();
    const desired = distDesired(undefined);
    const unknown = {
      ...desired,
      defaultCacheBehavior: { ...desired.defaultCacheBehavior, cachePolicyId: KNOWN_AFTER_APPLY },
      cacheBehaviors: desired.cacheBehaviors.map((b) => ({ ...b, cachePolicyId: KNOWN_AFTER_APPLY })),
    };
    assert.deepEqual(await cdn.preflight!([{ id: 'cdn', desired: unknown }, { id: 'gone' }], ctx), []);
    assert.equal(ctx.calls('ListCachePolicies'), 0);
    const half = { ...unknown, cacheBehaviors: [{ ...unknown.cacheBehaviors[0]!, cachePolicyId: TYPO }] };
    assert.deepEqual((await cdn.preflight!([{ id: 'cdn', desired: half }], ctx)).map((p) => p.path), ['cacheBehaviors.0.cachePolicyId']);
    assert.equal(ctx.calls('ListCachePolicies'), 1);
  });
});
