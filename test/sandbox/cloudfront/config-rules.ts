/**
 * What CloudFront refuses in a distribution config: inconsistent quantities, origins that
 * are neither S3 nor custom, behaviors without an origin, alternate domain names without a
 * covering ISSUED us-east-1 certificate or already used elsewhere, unknown origin access
 * controls.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CNAMEAlreadyExists,
  CreateDistributionCommand,
  CreateOriginAccessControlCommand,
  InconsistentQuantities,
  InvalidArgument,
  InvalidOrigin,
  InvalidOriginAccessControl,
  InvalidViewerCertificate,
  NoSuchOrigin,
} from '@aws-sdk/client-cloudfront';
import { rejection } from '../harness.ts';
import { cfHarness, distributionConfig, requestCertificate, validate } from './fixtures.ts';

describe('cloudfront distribution config rules', () => {
  it('refuses malformed lists, origins and behaviors', async () => {
    const { cf } = cfHarness();
    const base = distributionConfig();
    const send = (DistributionConfig: typeof base) => rejection(cf.send(new CreateDistributionCommand({ DistributionConfig })));

    const quantities = await send({ ...base, Aliases: { Quantity: 2, Items: ['www.example.com'] } });
    assert.ok(quantities instanceof InconsistentQuantities);
    const noKind = await send({ ...base, Origins: { Quantity: 1, Items: [{ Id: 'alb', DomainName: 'b.s3.us-east-1.amazonaws.com' }] }, CacheBehaviors: { Quantity: 0 } });
    assert.ok(noKind instanceof InvalidOrigin, 'an origin needs S3OriginConfig or CustomOriginConfig');
    const lost = await send({ ...base, DefaultCacheBehavior: { ...base.DefaultCacheBehavior!, TargetOriginId: 'nowhere' } });
    assert.ok(lost instanceof NoSuchOrigin);
    assert.equal(lost.$metadata?.httpStatusCode, 404);
    const { CachePolicyId: _omitted, ...legacy } = base.DefaultCacheBehavior!;
    const noPolicy = await send({ ...base, DefaultCacheBehavior: legacy });
    assert.ok(noPolicy instanceof InvalidArgument);
    assert.match(noPolicy.message, /ForwardedValues is required/);
    const methods = await send({ ...base, DefaultCacheBehavior: { ...base.DefaultCacheBehavior!, AllowedMethods: { Quantity: 2, Items: ['GET', 'POST'] } } });
    assert.ok(methods instanceof InvalidArgument);
  });

  it('requires an ISSUED us-east-1 certificate covering every alternate domain name', async () => {
    const h = cfHarness();
    const { cf } = h;
    const aliases = ['www.example.com'];
    const noCert = await rejection(cf.send(new CreateDistributionCommand({ DistributionConfig: distributionConfig({ aliases }) })));
    assert.ok(noCert instanceof InvalidViewerCertificate);
    assert.match(noCert.message, /alternate domain name/);
    const elsewhere = 'arn:aws:acm:eu-west-1:123456789012:certificate/0b7a4ab1-0000-4000-8000-000000000000';
    assert.ok((await rejection(cf.send(new CreateDistributionCommand({ DistributionConfig: distributionConfig({ aliases, certificateArn: elsewhere }) })))) instanceof InvalidViewerCertificate);

    const issued = await requestCertificate(h);
    const notIssued = await rejection(cf.send(new CreateDistributionCommand({ DistributionConfig: distributionConfig({ aliases, certificateArn: issued }) })));
    assert.ok(notIssued instanceof InvalidViewerCertificate, 'PENDING_VALIDATION is not usable');
    await validate(h, issued);
    const uncovered = await rejection(cf.send(new CreateDistributionCommand({ DistributionConfig: distributionConfig({ aliases: ['blog.example.com'], certificateArn: issued }) })));
    assert.ok(uncovered instanceof InvalidViewerCertificate);
    const ok = await cf.send(new CreateDistributionCommand({ DistributionConfig: distributionConfig({ aliases, certificateArn: issued }) }));
    assert.deepEqual(ok.Distribution?.DistributionConfig?.ViewerCertificate, {
      CloudFrontDefaultCertificate: false,
      ACMCertificateArn: issued,
      SSLSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
      Certificate: issued,
      CertificateSource: 'acm',
    });
    assert.deepEqual(ok.Distribution?.AliasICPRecordals, [{ CNAME: 'www.example.com', ICPRecordalStatus: 'APPROVED' }]);

    const taken = await rejection(cf.send(new CreateDistributionCommand({ DistributionConfig: distributionConfig({ ref: 'second', aliases: ['WWW.example.com'], certificateArn: issued }) })));
    assert.ok(taken instanceof CNAMEAlreadyExists);
    assert.equal(taken.$metadata?.httpStatusCode, 409);
  });

  it('accepts a known origin access control on an S3 origin and refuses an unknown one', async () => {
    const { cf } = cfHarness();
    const unknown = await rejection(cf.send(new CreateDistributionCommand({ DistributionConfig: distributionConfig({ oacId: 'E0000000000000' }) })));
    assert.ok(unknown instanceof InvalidOriginAccessControl);
    const { OriginAccessControl } = await cf.send(new CreateOriginAccessControlCommand({
      OriginAccessControlConfig: { Name: 'blog-media-oac', SigningProtocol: 'sigv4', SigningBehavior: 'always', OriginAccessControlOriginType: 's3' },
    }));
    const ok = await cf.send(new CreateDistributionCommand({ DistributionConfig: distributionConfig({ oacId: OriginAccessControl!.Id }) }));
    assert.equal(ok.Distribution?.DistributionConfig?.Origins?.Items?.[1]?.OriginAccessControlId, OriginAccessControl!.Id);
  });
});
