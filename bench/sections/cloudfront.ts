/**
 * CloudFront on the sandbox: what finding a distribution costs (API calls, wall time at
 * 50 ms per call) in an account holding 200 other distributions, by ARN (as after the
 * engine's tag discovery), by alias (one ListDistributions page per 100) and by the tag
 * scan aliases spare; the cache policy check; and the CloudFront slice's destroy on the
 * realistic profile (disable, Deployed, delete): the virtual minutes it waits, its calls
 * and the real milliseconds that takes on the engine's virtual clock.
 */
import { CloudFrontClient, CreateDistributionWithTagsCommand } from '@aws-sdk/client-cloudfront';
import { applyStack, planStack } from '../../src/reconciler/reconcile.ts';
import { distributionAdapter } from '../../src/resources/cloudfront-distribution/index.ts';
import { configFor } from '../../src/resources/cloudfront-distribution/config.ts';
import { realDelay } from '../../src/sandbox/time.ts';
import { cdnWorld, loadCdnSpec, writeCdnSpec } from '../../test/e2e/cdn-slice.ts';
import { distDesired } from '../../test/resources/cloudfront/fixtures.ts';
import { testContext, engineClock } from '../../test/resources/contract.ts';
import type { BenchSection, Recorder } from '../results.ts';

const OTHERS = 200;
const LATENCY_MS = 50;
const opts = { allowDelete: false, allowReplace: false, adopt: false, destroy: false };

async function lookups(record: Recorder): Promise<void> {
  let slow = false;
  const w = await cdnWorld({ rateLimits: false, faults: { latencyMs: LATENCY_MS }, delay: (ms) => (slow ? realDelay(ms) : Promise.resolve()) });
  const cf = w.h.clients.get(CloudFrontClient);
  for (let i = 0; i < OTHERS; i++) {
    const DistributionConfig = configFor(distDesired(undefined, { comment: `other ${i}` }), `other-${i}`);
    await cf.send(new CreateDistributionWithTagsCommand({ DistributionConfigWithTags: { DistributionConfig, Tags: { Items: [] } } }));
  }
  const ctx = testContext(w.h.clients, w.h.sandbox.region, 'bench', engineClock(w.h.clock));
  const withAlias = distDesired(undefined, { aliases: ['www.example.com'], viewerCertificate: { acmCertificateArn: w.certificateArn } });
  const made = await distributionAdapter.create('cdn', withAlias, ctx);
  const cases = [
    ['byArn', 'by ARN (after tag discovery)', [{ id: 'cdn', arn: made.arn, desired: withAlias }]],
    ['byAlias', 'by alias (no ARN: --target)', [{ id: 'cdn', desired: withAlias }]],
    ['byTagScan', 'by tag scan (no ARN, no alias)', [{ id: 'cdn', desired: distDesired(undefined) }]],
  ] as const;
  slow = true;
  for (const [key, what, requests] of cases) {
    const before = w.h.clients.counter.total;
    const started = performance.now();
    const found = await distributionAdapter.observe(requests, ctx);
    const ms = performance.now() - started;
    if (found.length !== 1) throw new Error(`${what}: found ${found.length}`);
    const calls = w.h.clients.counter.total - before;
    console.log(`observe cdn ${what}, ${OTHERS} other distributions, ${LATENCY_MS} ms/call: ${calls} API calls, ${ms.toFixed(0)} ms`);
    record(`cloudfront.observe.${key}.apiCalls`, calls);
    record(`cloudfront.observe.${key}.ms`, ms);
  }
  const before = w.h.clients.counter.total;
  const started = performance.now();
  await distributionAdapter.preflight!([{ id: 'cdn', desired: withAlias }], ctx);
  const ms = performance.now() - started;
  console.log(`cache policy check: ${w.h.clients.counter.total - before} API call, ${ms.toFixed(0)} ms`);
  record('cloudfront.cachePolicyCheck.apiCalls', w.h.clients.counter.total - before);
  record('cloudfront.cachePolicyCheck.ms', ms);
}

async function destroy(record: Recorder): Promise<void> {
  const w = await cdnWorld({ profile: 'realistic', rateLimits: false });
  const spec = loadCdnSpec(writeCdnSpec(w.certificateArn));
  await applyStack(spec, w.engine(spec), await planStack(spec, w.engine(spec), opts));
  const before = w.h.clients.counter.total;
  const virtual = w.h.clock.now();
  const started = performance.now();
  const planned = await planStack(spec, w.engine(spec), { ...opts, destroy: true, allowDelete: true });
  const outcomes = await applyStack(spec, w.engine(spec), planned);
  const ms = performance.now() - started;
  if (outcomes.filter((o) => o.status === 'deleted').length !== 2) throw new Error(`destroy: ${JSON.stringify(outcomes)}`);
  const minutes = (w.h.clock.now() - virtual) / 60_000;
  const calls = w.h.clients.counter.total - before;
  console.log(`destroy of the CloudFront slice, realistic profile: ${minutes.toFixed(1)} virtual minutes (disable -> Deployed -> delete), ${calls} API calls, ${ms.toFixed(0)} ms real`);
  record('cloudfront.destroyRealistic.virtualMinutes', minutes);
  record('cloudfront.destroyRealistic.apiCalls', calls);
  record('cloudfront.destroyRealistic.ms', ms);
}

export const cloudFrontSection: BenchSection = {
  name: 'cloudfront',
  async run(_dir, record) {
    await lookups(record);
    await destroy(record);
  },
};
