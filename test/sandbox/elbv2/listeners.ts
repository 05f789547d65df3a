/**
 * Listeners: HTTPS with an ISSUED ACM certificate (and what happens without one),
 * forward / redirect / fixed-response actions as AWS fills them in, idempotency and
 * DuplicateListener, ModifyListener, and ACM refusing to delete a certificate in use.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeleteCertificateCommand, DescribeCertificateCommand, RequestCertificateCommand, ResourceInUseException as AcmResourceInUse } from '@aws-sdk/client-acm';
import {
  CertificateNotFoundException,
  CreateListenerCommand,
  type CreateListenerCommandInput,
  DeleteListenerCommand,
  DeleteLoadBalancerCommand,
  DescribeListenersCommand,
  DuplicateListenerException,
  InvalidLoadBalancerActionException,
  ListenerNotFoundException,
  ModifyListenerCommand,
  paginateDescribeListeners,
  SSLPolicyNotFoundException,
  TargetGroupAssociationLimitException,
  TargetGroupNotFoundException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { rejection } from '../harness.ts';
import { alb, elbHarness, issuedCertificate, targetGroup } from './setup.ts';

const REDIRECT = { Type: 'redirect' as const, RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' as const } };

describe('elbv2 listeners', () => {
  it('creates an HTTPS listener on an ISSUED certificate, which ACM then reports in use', async () => {
    const h = await elbHarness();
    const lb = await alb(h);
    const tg = await targetGroup(h);
    const cert = await issuedCertificate(h);
    const https: CreateListenerCommandInput = {
      LoadBalancerArn: lb, Port: 443, Protocol: 'HTTPS', Certificates: [{ CertificateArn: cert }],
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', DefaultActions: [{ Type: 'forward', TargetGroupArn: tg }],
      Tags: [{ Key: 'blogctl:id', Value: 'httpsListener' }],
    };
    const l = (await h.elb.send(new CreateListenerCommand(https))).Listeners![0]!;
    assert.match(l.ListenerArn!, /^arn:aws:elasticloadbalancing:us-east-1:123456789012:listener\/app\/blog-alb\/[0-9a-f]{16}\/[0-9a-f]{16}$/);
    assert.deepEqual(l.Certificates, [{ CertificateArn: cert }]);
    assert.equal(l.SslPolicy, 'ELBSecurityPolicy-TLS13-1-2-2021-06');
    assert.deepEqual(l.DefaultActions, [{
      Type: 'forward', TargetGroupArn: tg,
      ForwardConfig: { TargetGroups: [{ TargetGroupArn: tg, Weight: 1 }], TargetGroupStickinessConfig: { Enabled: false } },
    }]);
    assert.equal((await h.elb.send(new CreateListenerCommand(https))).Listeners![0]!.ListenerArn, l.ListenerArn, 'same settings, same listener');
    const described = (await h.acm.send(new DescribeCertificateCommand({ CertificateArn: cert }))).Certificate!;
    assert.deepEqual(described.InUseBy, [lb]);
    assert.equal(described.RenewalEligibility, 'ELIGIBLE');
    assert.ok((await rejection(h.acm.send(new DeleteCertificateCommand({ CertificateArn: cert })))) instanceof AcmResourceInUse);
    await h.elb.send(new DeleteListenerCommand({ ListenerArn: l.ListenerArn }));
    await h.acm.send(new DeleteCertificateCommand({ CertificateArn: cert }));
  });

  it('refuses HTTPS without a certificate, with an unknown one, or one not yet issued', async () => {
    const h = await elbHarness();
    const lb = await alb(h);
    const tg = await targetGroup(h);
    const base = { LoadBalancerArn: lb, Port: 443, Protocol: 'HTTPS' as const, DefaultActions: [{ Type: 'forward' as const, TargetGroupArn: tg }] };
    assert.equal((await rejection(h.elb.send(new CreateListenerCommand(base)))).name, 'ValidationError');
    const unknown = await rejection(h.elb.send(new CreateListenerCommand({ ...base, Certificates: [{ CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-4000-8000-000000000000' }] })));
    assert.ok(unknown instanceof CertificateNotFoundException);
    const pending = (await h.acm.send(new RequestCertificateCommand({ DomainName: 'www.example.com', ValidationMethod: 'DNS' }))).CertificateArn!;
    const notIssued = await rejection(h.elb.send(new CreateListenerCommand({ ...base, Certificates: [{ CertificateArn: pending }] })));
    assert.equal(notIssued.name, 'UnsupportedCertificate');
    assert.equal((notIssued as unknown as { Code: string }).Code, 'UnsupportedCertificate');
    const cert = await issuedCertificate(h);
    const policy = await rejection(h.elb.send(new CreateListenerCommand({ ...base, Certificates: [{ CertificateArn: cert }], SslPolicy: 'ELBSecurityPolicy-Nope' })));
    assert.ok(policy instanceof SSLPolicyNotFoundException);
    const l = (await h.elb.send(new CreateListenerCommand({ ...base, Certificates: [{ CertificateArn: cert }] }))).Listeners![0]!;
    assert.equal(l.SslPolicy, 'ELBSecurityPolicy-2016-08', "the API's default policy");
  });

  it('fills in redirects, refuses redirect loops, and serves fixed responses', async () => {
    const h = await elbHarness();
    const lb = await alb(h);
    const http = (await h.elb.send(new CreateListenerCommand({ LoadBalancerArn: lb, Port: 80, Protocol: 'HTTP', DefaultActions: [REDIRECT] }))).Listeners![0]!;
    assert.deepEqual(http.DefaultActions, [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', Host: '#{host}', Path: '/#{path}', Query: '#{query}', StatusCode: 'HTTP_301' } }]);
    assert.equal(http.Certificates, undefined);
    const loop = await rejection(h.elb.send(new CreateListenerCommand({ LoadBalancerArn: lb, Port: 8080, Protocol: 'HTTP', DefaultActions: [{ Type: 'redirect', RedirectConfig: { StatusCode: 'HTTP_302' } }] })));
    assert.ok(loop instanceof InvalidLoadBalancerActionException);
    const fixed = (await h.elb.send(new CreateListenerCommand({ LoadBalancerArn: lb, Port: 8081, Protocol: 'HTTP', DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '503', ContentType: 'text/plain', MessageBody: 'down' } }] }))).Listeners![0]!;
    assert.deepEqual(fixed.DefaultActions![0]!.FixedResponseConfig, { StatusCode: '503', ContentType: 'text/plain', MessageBody: 'down' });
    const dup = await rejection(h.elb.send(new CreateListenerCommand({ LoadBalancerArn: lb, Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200' } }] })));
    assert.ok(dup instanceof DuplicateListenerException);
  });

  it('checks forward targets: existing, one load balancer per target group', async () => {
    const h = await elbHarness();
    const lb = await alb(h);
    const other = await alb(h, { Name: 'other-alb' });
    const tg = await targetGroup(h);
    const missing = await rejection(h.elb.send(new CreateListenerCommand({ LoadBalancerArn: lb, Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.replace(/[0-9a-f]{16}$/, '0000000000000000') }] })));
    assert.ok(missing instanceof TargetGroupNotFoundException);
    await h.elb.send(new CreateListenerCommand({ LoadBalancerArn: lb, Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: tg }] }));
    const shared = await rejection(h.elb.send(new CreateListenerCommand({ LoadBalancerArn: other, Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: tg }] })));
    assert.ok(shared instanceof TargetGroupAssociationLimitException);
  });

  it('modifies port, protocol and actions; describes with paging; goes with its load balancer', async () => {
    const h = await elbHarness();
    const lb = await alb(h);
    const tg = await targetGroup(h);
    const cert = await issuedCertificate(h);
    const l = (await h.elb.send(new CreateListenerCommand({ LoadBalancerArn: lb, Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: tg }] }))).Listeners![0]!;
    await h.elb.send(new CreateListenerCommand({ LoadBalancerArn: lb, Port: 8080, Protocol: 'HTTP', DefaultActions: [REDIRECT] }));
    const clash = await rejection(h.elb.send(new ModifyListenerCommand({ ListenerArn: l.ListenerArn, Port: 8080 })));
    assert.ok(clash instanceof DuplicateListenerException);
    const mod = (await h.elb.send(new ModifyListenerCommand({ ListenerArn: l.ListenerArn, Port: 443, Protocol: 'HTTPS', Certificates: [{ CertificateArn: cert }] }))).Listeners![0]!;
    assert.equal(mod.Port, 443);
    assert.equal(mod.SslPolicy, 'ELBSecurityPolicy-2016-08');
    assert.equal(mod.DefaultActions![0]!.TargetGroupArn, tg, 'actions kept');
    const back = (await h.elb.send(new ModifyListenerCommand({ ListenerArn: l.ListenerArn, Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200' } }] }))).Listeners![0]!;
    assert.equal(back.Certificates, undefined);
    assert.equal(back.SslPolicy, undefined);
    const sizes: number[] = [];
    for await (const page of paginateDescribeListeners({ client: h.elb }, { LoadBalancerArn: lb, PageSize: 1 })) sizes.push(page.Listeners!.length);
    assert.deepEqual(sizes, [1, 1]);
    assert.equal((await rejection(h.elb.send(new DescribeListenersCommand({})))).name, 'ValidationError');
    await h.elb.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: lb }));
    assert.ok((await rejection(h.elb.send(new DescribeListenersCommand({ ListenerArns: [l.ListenerArn!] })))) instanceof ListenerNotFoundException);
    assert.ok((await rejection(h.elb.send(new DeleteListenerCommand({ ListenerArn: l.ListenerArn })))) instanceof ListenerNotFoundException);
  });
});
