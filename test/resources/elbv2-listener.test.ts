/**
 * elbv2.listener on the sandbox, beyond the shared contract: blog.spec.yaml's two
 * listeners (HTTPS 443 forwarding with the certificate, HTTP 80 answering 301 to HTTPS)
 * read back without false drift; an HTTPS listener without an sslPolicy gets blogctl's
 * current TLS policy, not the API's 2016 one; a policy changed in AWS is drift that
 * update repairs; AWS refuses a certificate that is not ISSUED yet (why `${cert}` waits).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChangeResourceRecordSetsCommand, ListHostedZonesByNameCommand, Route53Client } from '@aws-sdk/client-route-53';
import { DescribeListenersCommand, ElasticLoadBalancingV2Client, ModifyListenerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { certificateAdapter } from '../../src/resources/acm-certificate/index.ts';
import { DEFAULT_TLS_POLICY, listenerAdapter as listener } from '../../src/resources/elbv2-listener/index.ts';
import { loadBalancerAdapter } from '../../src/resources/elbv2-load-balancer/index.ts';
import { targetGroupAdapter } from '../../src/resources/elbv2-target-group/index.ts';
import { rejection } from '../sandbox/harness.ts';
import { only, sandboxContext } from './contract.ts';
import { albDesired, certificateDesired, makeAlbNetwork, targetGroupDesired } from './dnscert-fixtures.ts';

/** A certificate for www.example.com, its validation CNAME published by the SDK; ISSUED once `issue` moves the clock. */
async function certificate(ctx: ReturnType<typeof sandboxContext>) {
  const cert = await certificateAdapter.create('cert', certificateDesired('www.example.com'), ctx);
  const r53 = ctx.clients.get(Route53Client);
  const zone = (await r53.send(new ListHostedZonesByNameCommand({ DNSName: 'example.com', MaxItems: 1 }))).HostedZones![0]!.Id!;
  await r53.send(new ChangeResourceRecordSetsCommand({
    HostedZoneId: zone,
    ChangeBatch: { Changes: [{ Action: 'UPSERT', ResourceRecordSet: { Name: cert.validation!.name, Type: 'CNAME', TTL: 300, ResourceRecords: [{ Value: cert.validation!.value }] } }] },
  }));
  return { arn: cert.arn, issue: () => ctx.h.clock.advance(10_000) };
}

async function world() {
  const ctx = sandboxContext();
  const net = await makeAlbNetwork(ctx);
  const [lb, tg, cert] = await Promise.all([
    loadBalancerAdapter.create('alb', albDesired(ctx, net), ctx),
    targetGroupAdapter.create('tg', targetGroupDesired(ctx, net.vpcId), ctx),
    certificate(ctx),
  ]);
  const https = { loadBalancerArn: lb.arn, port: 443, protocol: 'HTTPS' as const, certificateArn: cert.arn, defaultAction: { type: 'forward' as const, targetGroupArn: tg.arn } };
  const http = {
    loadBalancerArn: lb.arn, port: 80, protocol: 'HTTP' as const,
    defaultAction: { type: 'redirect' as const, redirectConfig: { protocol: 'HTTPS' as const, port: 443, host: '#{host}', path: '/#{path}', query: '#{query}', statusCode: 'HTTP_301' as const } },
  };
  const describeListener = async (arn: string) =>
    (await ctx.clients.get(ElasticLoadBalancingV2Client).send(new DescribeListenersCommand({ ListenerArns: [arn] }))).Listeners![0]!;
  return { ctx, cert, https, http, describeListener };
}

describe('elbv2.listener', () => {
  it('is refused a certificate that is not ISSUED yet: dependents of ${cert} wait for readiness', async () => {
    const { ctx, cert, https } = await world();
    assert.equal((await rejection(listener.create('https', https, ctx))).name, 'UnsupportedCertificate');
    cert.issue();
    await listener.create('https', https, ctx);
  });

  it('forwards HTTPS with the certificate and, without an sslPolicy, blogctl\'s current TLS policy', async () => {
    const { ctx, cert, https, describeListener } = await world();
    cert.issue();
    const made = await listener.create('https', https, ctx);
    const aws = await describeListener(made.arn);
    assert.equal(aws.SslPolicy, DEFAULT_TLS_POLICY, 'not the API\'s ELBSecurityPolicy-2016-08 (TLS 1.0)');
    assert.deepEqual(aws.Certificates?.map((c) => c.CertificateArn), [cert.arn]);
    const seen = only(await listener.observe([{ id: 'https', desired: https }], ctx), 'https')!.state;
    assert.deepEqual(seen.defaultAction, https.defaultAction, 'AWS\'s TargetGroupArn + ForwardConfig read as one forward');
    assert.deepEqual(listener.diff(https, seen), []);
  });

  it('redirects HTTP 80 with a 301 to HTTPS 443, read back as the spec writes it', async () => {
    const { ctx, http, describeListener } = await world();
    const made = await listener.create('http', http, ctx);
    const aws = await describeListener(made.arn);
    assert.deepEqual(aws.DefaultActions?.[0]?.RedirectConfig, { Protocol: 'HTTPS', Port: '443', Host: '#{host}', Path: '/#{path}', Query: '#{query}', StatusCode: 'HTTP_301' });
    assert.equal(aws.SslPolicy, undefined);
    const seen = only(await listener.observe([{ id: 'http', desired: http }], ctx), 'http')!.state;
    assert.deepEqual(listener.diff(http, seen), []);
    const to302 = { ...http, defaultAction: { ...http.defaultAction, redirectConfig: { ...http.defaultAction.redirectConfig, statusCode: 'HTTP_302' as const } } };
    assert.deepEqual(listener.diff(to302, seen), [{ path: 'defaultAction.redirectConfig.statusCode', from: 'HTTP_301', to: 'HTTP_302' }]);
  });

  it('sees a TLS policy changed in AWS as a change of sslPolicy, and update puts it back', async () => {
    const { ctx, cert, https, describeListener } = await world();
    cert.issue();
    const made = await listener.create('https', { ...https, sslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06' }, ctx);
    const desired = { ...https, sslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06' };
    await ctx.clients.get(ElasticLoadBalancingV2Client).send(new ModifyListenerCommand({ ListenerArn: made.arn, SslPolicy: 'ELBSecurityPolicy-2016-08' }));
    const tampered = only(await listener.observe([{ id: 'https', desired }], ctx), 'https')!.state;
    const changes = listener.diff(desired, tampered);
    assert.deepEqual(changes, [{ path: 'sslPolicy', from: 'ELBSecurityPolicy-2016-08', to: 'ELBSecurityPolicy-TLS13-1-3-2021-06' }]);
    assert.ok(!listener.replaceOn.includes('sslPolicy' as never));
    await listener.update('https', desired, tampered, changes, ctx);
    assert.equal((await describeListener(made.arn)).SslPolicy, 'ELBSecurityPolicy-TLS13-1-3-2021-06');
    // A spec that leaves the policy out wants blogctl's default, which is a change too.
    assert.deepEqual(listener.diff(https, tampered).map((c) => c.to), [DEFAULT_TLS_POLICY]);
  });
});
