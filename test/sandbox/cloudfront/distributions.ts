/**
 * CloudFront distributions through the real CloudFrontClient: ids and ARNs, the config as
 * AWS keeps it, CallerReference idempotency, ETags and If-Match, InProgress -> Deployed on
 * the clock, and what a delete needs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateDistributionCommand,
  DeleteDistributionCommand,
  DistributionAlreadyExists,
  DistributionNotDisabled,
  GetDistributionCommand,
  GetDistributionConfigCommand,
  IllegalUpdate,
  InvalidIfMatchVersion,
  NoSuchDistribution,
  PreconditionFailed,
  UpdateDistributionCommand,
} from '@aws-sdk/client-cloudfront';
import { rejection } from '../harness.ts';
import { cfHarness, DEPLOY_MS, distributionConfig } from './fixtures.ts';

describe('cloudfront distributions', () => {
  it('creates a distribution InProgress that is Deployed after the deploy time', async () => {
    const { cf, clock } = cfHarness();
    const created = await cf.send(new CreateDistributionCommand({ DistributionConfig: distributionConfig() }));
    const d = created.Distribution!;
    assert.match(d.Id!, /^E[A-Z0-9]{13}$/);
    assert.equal(d.ARN, `arn:aws:cloudfront::123456789012:distribution/${d.Id}`);
    assert.match(d.DomainName!, /^d[a-z0-9]{13}\.cloudfront\.net$/);
    assert.equal(created.Location, `https://cloudfront.amazonaws.com/2020-05-31/distribution/${d.Id}`);
    assert.match(created.ETag!, /^E[A-Z0-9]{13}$/);
    assert.equal(d.Status, 'InProgress');
    assert.ok(d.LastModifiedTime instanceof Date);

    clock.advance(DEPLOY_MS - 1);
    assert.equal((await cf.send(new GetDistributionCommand({ Id: d.Id }))).Distribution?.Status, 'InProgress');
    clock.advance(1);
    const got = await cf.send(new GetDistributionCommand({ Id: d.Id }));
    assert.equal(got.Distribution?.Status, 'Deployed');
    assert.equal(got.ETag, created.ETag, 'reading does not change the ETag');
  });

  it('keeps the config in the request shape, with the members AWS fills in', async () => {
    const { cf } = cfHarness();
    const sent = distributionConfig();
    const { Distribution } = await cf.send(new CreateDistributionCommand({ DistributionConfig: sent }));
    const { DistributionConfig: c, ETag } = await cf.send(new GetDistributionConfigCommand({ Id: Distribution!.Id }));
    assert.ok(ETag);
    assert.deepEqual(c?.Origins?.Items?.[0]?.CustomOriginConfig, { ...sent.Origins!.Items![0]!.CustomOriginConfig, OriginReadTimeout: 30, OriginKeepaliveTimeout: 5 });
    assert.equal(c?.Origins?.Items?.[1]?.OriginAccessControlId, '');
    assert.equal(c?.Origins?.Items?.[1]?.ConnectionAttempts, 3);
    assert.deepEqual(c?.CacheBehaviors?.Items?.[0]?.AllowedMethods, { Quantity: 2, Items: ['HEAD', 'GET'], CachedMethods: { Quantity: 2, Items: ['HEAD', 'GET'] } });
    assert.deepEqual(c?.DefaultCacheBehavior?.LambdaFunctionAssociations, { Quantity: 0 });
    assert.deepEqual(c?.CustomErrorResponses, { Quantity: 0 });
    assert.deepEqual(c?.Aliases, { Quantity: 0 }, 'an empty list has no Items');
    assert.deepEqual(c?.Restrictions, { GeoRestriction: { RestrictionType: 'none', Quantity: 0 } });
    assert.deepEqual(c?.ViewerCertificate, { CloudFrontDefaultCertificate: true, SSLSupportMethod: 'vip', MinimumProtocolVersion: 'TLSv1', CertificateSource: 'cloudfront' });
    assert.equal(c?.WebACLId, '');
    assert.equal(c?.PriceClass, 'PriceClass_100');
  });

  it('answers the same CallerReference and config with the same distribution, and a different config with DistributionAlreadyExists', async () => {
    const { cf } = cfHarness();
    const first = await cf.send(new CreateDistributionCommand({ DistributionConfig: distributionConfig() }));
    const again = await cf.send(new CreateDistributionCommand({ DistributionConfig: distributionConfig() }));
    assert.equal(again.Distribution?.Id, first.Distribution?.Id);
    assert.equal(again.ETag, first.ETag);
    const other = await rejection(cf.send(new CreateDistributionCommand({ DistributionConfig: distributionConfig({ comment: 'other' }) })));
    assert.ok(other instanceof DistributionAlreadyExists);
    assert.equal(other.$metadata?.httpStatusCode, 409);
    assert.match(other.message, new RegExp(first.Distribution!.Id!));
    const second = await cf.send(new CreateDistributionCommand({ DistributionConfig: distributionConfig({ ref: 'another' }) }));
    assert.notEqual(second.Distribution?.Id, first.Distribution?.Id);
  });

  it('updates only with the current ETag, changes the ETag and goes back to InProgress', async () => {
    const { cf, clock } = cfHarness();
    const { Distribution, ETag } = await cf.send(new CreateDistributionCommand({ DistributionConfig: distributionConfig() }));
    const Id = Distribution!.Id!;
    clock.advance(DEPLOY_MS);
    const { DistributionConfig } = await cf.send(new GetDistributionConfigCommand({ Id }));
    const changed = { ...DistributionConfig!, Comment: 'changed' };

    const missing = await rejection(cf.send(new UpdateDistributionCommand({ Id, DistributionConfig: changed })));
    assert.ok(missing instanceof InvalidIfMatchVersion);
    const stale = await rejection(cf.send(new UpdateDistributionCommand({ Id, DistributionConfig: changed, IfMatch: 'E000000000000X' })));
    assert.ok(stale instanceof PreconditionFailed);
    assert.equal(stale.$metadata?.httpStatusCode, 412);
    const unknown = await rejection(cf.send(new UpdateDistributionCommand({ Id: 'E0000000000000', DistributionConfig: changed, IfMatch: ETag })));
    assert.ok(unknown instanceof NoSuchDistribution);
    assert.equal(unknown.$metadata?.httpStatusCode, 404);
    const newRef = await rejection(cf.send(new UpdateDistributionCommand({ Id, DistributionConfig: { ...changed, CallerReference: 'x' }, IfMatch: ETag })));
    assert.ok(newRef instanceof IllegalUpdate);

    const updated = await cf.send(new UpdateDistributionCommand({ Id, DistributionConfig: changed, IfMatch: ETag }));
    assert.notEqual(updated.ETag, ETag);
    assert.equal(updated.Distribution?.Status, 'InProgress');
    assert.equal(updated.Distribution?.DistributionConfig?.Comment, 'changed');
    const reused = await rejection(cf.send(new UpdateDistributionCommand({ Id, DistributionConfig: changed, IfMatch: ETag })));
    assert.ok(reused instanceof PreconditionFailed, 'the old ETag is stale now');
    clock.advance(DEPLOY_MS);
    assert.equal((await cf.send(new GetDistributionCommand({ Id }))).Distribution?.Status, 'Deployed');
  });

  it('deletes only a disabled, deployed distribution, with its current ETag', async () => {
    const { cf, clock } = cfHarness();
    const { Distribution, ETag } = await cf.send(new CreateDistributionCommand({ DistributionConfig: distributionConfig() }));
    const Id = Distribution!.Id!;
    clock.advance(DEPLOY_MS);
    const enabled = await rejection(cf.send(new DeleteDistributionCommand({ Id, IfMatch: ETag })));
    assert.ok(enabled instanceof DistributionNotDisabled);
    assert.equal(enabled.$metadata?.httpStatusCode, 409);
    assert.ok((await rejection(cf.send(new DeleteDistributionCommand({ Id })))) instanceof InvalidIfMatchVersion);

    const disabled = await cf.send(new UpdateDistributionCommand({ Id, IfMatch: ETag, DistributionConfig: { ...Distribution!.DistributionConfig!, Enabled: false } }));
    const deploying = await rejection(cf.send(new DeleteDistributionCommand({ Id, IfMatch: disabled.ETag })));
    assert.ok(deploying instanceof DistributionNotDisabled, 'disabled but still InProgress');
    clock.advance(DEPLOY_MS);
    assert.ok((await rejection(cf.send(new DeleteDistributionCommand({ Id, IfMatch: ETag })))) instanceof PreconditionFailed);
    await cf.send(new DeleteDistributionCommand({ Id, IfMatch: disabled.ETag }));
    assert.ok((await rejection(cf.send(new GetDistributionCommand({ Id })))) instanceof NoSuchDistribution);
  });

  it('goes to Deployed on the realistic profile only after AWS-like minutes', async () => {
    const { cf, clock } = cfHarness({ profile: 'realistic' });
    const { Distribution } = await cf.send(new CreateDistributionCommand({ DistributionConfig: distributionConfig() }));
    clock.advance(DEPLOY_MS);
    assert.equal((await cf.send(new GetDistributionCommand({ Id: Distribution!.Id }))).Distribution?.Status, 'InProgress');
    clock.advance(300_000);
    assert.equal((await cf.send(new GetDistributionCommand({ Id: Distribution!.Id }))).Distribution?.Status, 'Deployed');
  });
});
