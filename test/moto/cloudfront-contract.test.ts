/**
 * The adapter contract of the two CloudFront kinds against moto. Where moto departs from
 * AWS, the case is skipped here with the reason (and the README lists it under "known
 * differences of local emulators"); the sandbox runs every case.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContractCase } from '../resources/contract.ts';
import { contractSuite } from '../resources/contract.ts';
import { CLOUDFRONT_CONTRACTS, distDesired, distributionFixture } from '../resources/cloudfront/fixtures.ts';
import { keepingLog } from '../resources/cloudfront/world.ts';
import { distributionAdapter } from '../../src/resources/cloudfront-distribution/index.ts';
import { motoSuite } from './server.ts';

const moto = motoSuite();
const makeContext = () => moto.context();

/**
 * moto 5.2.1's Origin model keeps no OriginAccessControlId (moto/cloudfront/models.py reads
 * Id, DomainName, OriginPath, S3OriginConfig, CustomOriginConfig, OriginShield, timeouts
 * and CustomHeaders only): a distribution whose S3 origin is signed by an OAC reads back
 * without it, which AWS never does, so the spec shows false drift.
 */
const LOST_OAC = 'moto: GetDistribution drops an origin\'s OriginAccessControlId';
const OAC_SKIPS: Partial<Record<ContractCase, string>> = { 'no-false-drift': LOST_OAC, 'no-duplicate': LOST_OAC, 'update-in-place': LOST_OAC };

for (const [kind, c] of Object.entries(CLOUDFRONT_CONTRACTS))
  contractSuite(`${kind} on moto`, { ...c, makeContext, unavailable: moto.unavailable, ...(kind === 'cloudfront.distribution' && { skip: OAC_SKIPS }) });

// The cases skipped above, on a distribution whose S3 origin has no origin access control.
contractSuite('cloudfront.distribution (S3 origin without an OAC) on moto', {
  adapter: distributionAdapter,
  setup: (ctx) => distributionFixture(ctx, { oac: false }),
  makeContext,
  unavailable: moto.unavailable,
});

/**
 * moto 5.2.1 has no cache policies (no ListCachePolicies): the plan-time check says it
 * cannot check and lets the plan go on, instead of failing every plan against moto.
 */
describe('cloudfront.distribution cache policy check on moto', { skip: moto.unavailable }, () => {
  it('warns that it cannot check, and reports no problem', async () => {
    const lines = keepingLog();
    const ctx = { ...moto.context(), log: lines };
    const problems = await distributionAdapter.preflight!([{ id: 'cdn', desired: distDesired(undefined) }], ctx);
    assert.deepEqual(problems, []);
    assert.ok(lines.lines.some((l) => l.level === 'warn' && /not checked/.test(l.msg)), JSON.stringify(lines.lines));
  });
});
