/**
 * Alias and failover records as the blog publishes them: a PRIMARY alias to the CloudFront
 * distribution with a health check, a SECONDARY alias to the S3 website endpoint. Alias
 * targets must exist; failover records need their set identifier and one role each.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreateDistributionCommand } from '@aws-sdk/client-cloudfront';
import { CreateHealthCheckCommand, InvalidChangeBatch, InvalidInput, NoSuchHealthCheck, type ResourceRecordSet } from '@aws-sdk/client-route-53';
import { findRecords, type Route53State } from '../../../src/sandbox/route53/index.ts';
import { distributionConfig, issuedCertificate } from '../cloudfront/fixtures.ts';
import { rejection } from '../harness.ts';
import { changes, cname, create, r53Harness, records, remove } from './fixtures.ts';

const healthCheckConfig = { Type: 'HTTPS' as const, FullyQualifiedDomainName: 'blog-alb-123.us-east-1.elb.amazonaws.com', ResourcePath: '/' };

function failover(role: 'PRIMARY' | 'SECONDARY', HostedZoneId: string, DNSName: string, HealthCheckId?: string): ResourceRecordSet {
  return {
    Name: 'www.example.com',
    Type: 'A',
    SetIdentifier: role.toLowerCase(),
    Failover: role,
    AliasTarget: { HostedZoneId, DNSName, EvaluateTargetHealth: false },
    ...(HealthCheckId !== undefined && { HealthCheckId }),
  };
}

describe('route53 alias and failover records', () => {
  it('publishes the blog\'s failover pair: CloudFront primary with a health check, S3 website secondary', async () => {
    const h = await r53Harness();
    const { r53, cf, zoneId } = h;
    const certificateArn = await issuedCertificate(h);
    const { Distribution } = await cf.send(new CreateDistributionCommand({ DistributionConfig: distributionConfig({ aliases: ['www.example.com'], certificateArn }) }));
    const { HealthCheck } = await r53.send(new CreateHealthCheckCommand({ CallerReference: 'blog-health', HealthCheckConfig: healthCheckConfig }));
    const primary = failover('PRIMARY', 'Z2FDTNDATAQYW2', Distribution!.DomainName!, HealthCheck!.Id);
    const secondary = failover('SECONDARY', 'Z3AQBSTGFYJSTF', 's3-website-us-east-1.amazonaws.com');
    await changes(r53, zoneId, create(primary), create(secondary));

    const www = (await records(r53, zoneId)).filter((r) => r.Name === 'www.example.com.');
    assert.deepEqual(www, [
      { ...primary, Name: 'www.example.com.', AliasTarget: { ...primary.AliasTarget!, DNSName: `${Distribution!.DomainName}.` } },
      { ...secondary, Name: 'www.example.com.', AliasTarget: { ...secondary.AliasTarget!, DNSName: 's3-website-us-east-1.amazonaws.com.' } },
    ]);
    const again = await rejection(changes(r53, zoneId, create({ ...primary, SetIdentifier: 'other' })));
    assert.ok(again instanceof InvalidChangeBatch);
    assert.match(again.messages![0]!, /PRIMARY failover record with the same name and type already exists/);
    const simple = await rejection(changes(r53, zoneId, create({ Name: 'www.example.com', Type: 'A', TTL: 60, ResourceRecords: [{ Value: '192.0.2.1' }] })));
    assert.ok(simple instanceof InvalidChangeBatch, 'a simple record cannot join a failover pair');
    await changes(r53, zoneId, remove(secondary), remove(primary));
  });

  it('refuses alias targets that do not exist', async () => {
    const h = await r53Harness();
    const { r53, cf, zoneId } = h;
    const { Distribution } = await cf.send(new CreateDistributionCommand({ DistributionConfig: distributionConfig() }));
    const toCloudFront = await rejection(changes(r53, zoneId, create(failover('SECONDARY', 'Z2FDTNDATAQYW2', Distribution!.DomainName!))));
    assert.ok(toCloudFront instanceof InvalidChangeBatch);
    assert.deepEqual(toCloudFront.messages, [
      `Tried to create an alias that targets ${Distribution!.DomainName}., type A in zone Z2FDTNDATAQYW2, but the alias target name does not lie within the target zone`,
    ], 'the distribution does not list www.example.com as an alternate domain name');
    const toS3 = await rejection(changes(r53, zoneId, create(failover('SECONDARY', 'Z3AQBSTGFYJSTF', 's3-website-eu-west-1.amazonaws.com'))));
    assert.ok(toS3 instanceof InvalidChangeBatch);
    const inZone = await rejection(changes(r53, zoneId, create({ Name: 'apex-alias.example.com', Type: 'A', AliasTarget: { HostedZoneId: zoneId, DNSName: 'nothing.example.com', EvaluateTargetHealth: false } })));
    assert.match((inZone as InvalidChangeBatch).messages![0]!, /but that target was not found$/);
    await changes(r53, zoneId, create(cname('target.example.com', 'example.net')), create({ Name: 'alias.example.com', Type: 'CNAME', AliasTarget: { HostedZoneId: zoneId, DNSName: 'target.example.com', EvaluateTargetHealth: true } }));
  });

  it('needs a set identifier with a routing policy, and a health check that exists', async () => {
    const { r53, zoneId } = await r53Harness();
    const noId = await rejection(changes(r53, zoneId, create({ ...failover('PRIMARY', 'Z3AQBSTGFYJSTF', 's3-website-us-east-1.amazonaws.com'), SetIdentifier: undefined })));
    assert.ok(noId instanceof InvalidInput);
    assert.equal(noId.message, "Invalid request: Missing field 'SetIdentifier' in Change with [Action=CREATE, Name=www.example.com., Type=A, SetIdentifier=null]");
    const noPolicy = await rejection(changes(r53, zoneId, create({ ...cname('x.example.com', 'y.example.com'), SetIdentifier: 'x' })));
    assert.ok(noPolicy instanceof InvalidInput);
    const missing = await rejection(changes(r53, zoneId, create(failover('PRIMARY', 'Z3AQBSTGFYJSTF', 's3-website-us-east-1.amazonaws.com', '0b0f3c1e-0000-4000-8000-000000000000'))));
    assert.ok(missing instanceof NoSuchHealthCheck);
    assert.equal(missing.$metadata?.httpStatusCode, 404);
  });

  it('keeps records in the documented state shape other simulators read (ACM finds its CNAME)', async () => {
    const { r53, zoneId, sandbox } = await r53Harness();
    await changes(r53, zoneId, create(cname('_ABC.www.example.com', '_def.acm-validations.aws.')));
    const state = (await sandbox.snapshot()).services['route53'] as Route53State;
    const found = findRecords(state, '_abc.WWW.example.com', 'CNAME');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.zoneId, zoneId);
    assert.deepEqual({ ...found[0]!.record, changedAt: 0, insyncAt: 0 }, {
      name: '_abc.www.example.com.', type: 'CNAME', ttl: 300, values: ['_def.acm-validations.aws.'], alias: null,
      setIdentifier: null, failover: null, weight: null, healthCheckId: null, changedAt: 0, insyncAt: 0,
    });
    assert.ok(found[0]!.record.insyncAt > found[0]!.record.changedAt);
  });
});
