/**
 * acm.certificate on the sandbox, beyond the shared contract: create returns once ACM
 * shows the validation CNAME (its outputs feed the route53.record that publishes it);
 * readiness is ISSUED, which comes once that record is INSYNC; without an ARN from tag
 * discovery a certificate is found by its domain name (ours, or an untagged one to
 * adopt; another stack's is not ours and not in the way); a delete waits a while for
 * ACM to see the certificate unused, then reports AWS's refusal.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACMClient, RequestCertificateCommand } from '@aws-sdk/client-acm';
import { ListHostedZonesByNameCommand, Route53Client } from '@aws-sdk/client-route-53';
import { TAG } from '../../src/reconciler/types.ts';
import { certificateAdapter as cert, IN_USE_GRACE_MS } from '../../src/resources/acm-certificate/index.ts';
import { listenerAdapter } from '../../src/resources/elbv2-listener/index.ts';
import { loadBalancerAdapter } from '../../src/resources/elbv2-load-balancer/index.ts';
import { targetGroupAdapter } from '../../src/resources/elbv2-target-group/index.ts';
import { recordAdapter } from '../../src/resources/route53-record/index.ts';
import { rejection } from '../sandbox/harness.ts';
import { only, sandboxContext } from './contract.ts';
import { albDesired, certificateDesired, makeAlbNetwork, targetGroupDesired } from './dnscert-fixtures.ts';

const WWW = certificateDesired('www.example.com');

async function exampleZone(ctx: ReturnType<typeof sandboxContext>): Promise<string> {
  const zones = await ctx.clients.get(Route53Client).send(new ListHostedZonesByNameCommand({ DNSName: 'example.com', MaxItems: 1 }));
  return zones.HostedZones![0]!.Id!.replace('/hostedzone/', '');
}

/** Publishes the certificate's validation CNAME the way blog.spec.yaml does: a route53.record from its outputs. */
async function publish(ctx: ReturnType<typeof sandboxContext>, made: Parameters<typeof cert.outputs>[0]) {
  const out = cert.outputs(made);
  return recordAdapter.create('certValidationRecord', {
    hostedZoneId: await exampleZone(ctx), name: out.validationRecordName!, type: 'CNAME', ttl: 300, records: [out.validationRecordValue!],
  }, ctx);
}

describe('acm.certificate', () => {
  it('returns from create with the validation CNAME; is ready once ACM issued it from the published record', async () => {
    const ctx = sandboxContext();
    const made = await cert.create('cert', WWW, ctx);
    const out = cert.outputs(made);
    assert.match(out.validationRecordName!, /^_[0-9a-f]{32}\.www\.example\.com\.$/);
    assert.equal(out.validationRecordType, 'CNAME');
    assert.match(out.validationRecordValue!, /\.acm-validations\.aws\.$/);
    assert.equal(cert.readiness!(made), 'pending');
    const record = await publish(ctx, made);
    assert.equal(recordAdapter.readiness!(record), 'pending', 'the record change is not INSYNC yet');
    ctx.h.clock.advance(1_500);
    assert.equal(cert.readiness!(only(await cert.observe([{ id: 'cert', last: made }], ctx), 'cert')!.state), 'pending', 'ACM validates after INSYNC');
    ctx.h.clock.advance(2_000);
    const issued = only(await cert.observe([{ id: 'cert', last: made }], ctx), 'cert')!.state;
    assert.equal(issued.status, 'ISSUED');
    assert.equal(cert.readiness!(issued), 'ready');
  });

  it('without an ARN from discovery, finds ours by its domain name; another stack\'s certificate is not in the way', async () => {
    const ctx = sandboxContext();
    const acm = ctx.clients.get(ACMClient);
    const { CertificateArn: theirs } = await acm.send(new RequestCertificateCommand({
      DomainName: 'www.example.com', ValidationMethod: 'DNS', Tags: [{ Key: TAG.stack, Value: 'another' }, { Key: TAG.id, Value: 'cert' }],
    }));
    assert.equal(only(await cert.observe([{ id: 'cert', desired: WWW }], ctx), 'cert'), undefined, 'another stack\'s is neither ours nor adoptable');
    const made = await cert.create('cert', WWW, ctx);
    assert.notEqual(made.arn, theirs);
    const found = only(await cert.observe([{ id: 'cert', desired: WWW }], ctx), 'cert')!;
    assert.equal(found.state.arn, made.arn);
    assert.equal(found.tags[TAG.stack], ctx.stack);
    assert.equal(ctx.counter.count('acm', 'ListCertificates'), 2, 'one list per observe');
    const byArn = only(await cert.observe([{ id: 'cert', desired: WWW, arn: made.arn }], ctx), 'cert')!;
    assert.equal(byArn.state.arn, made.arn);
    assert.equal(ctx.counter.count('acm', 'ListCertificates'), 2, 'with an ARN from discovery nothing is listed');
  });

  it('offers an untagged certificate of the domain for adoption; adopting it tags it', async () => {
    const ctx = sandboxContext();
    const { CertificateArn } = await ctx.clients.get(ACMClient).send(new RequestCertificateCommand({ DomainName: 'www.example.com', ValidationMethod: 'DNS' }));
    const candidate = only(await cert.observe([{ id: 'cert', desired: WWW }], ctx), 'cert')!;
    assert.equal(candidate.state.arn, CertificateArn);
    assert.equal(candidate.tags[TAG.stack], undefined);
    const changes = cert.diff(WWW, candidate.state);
    assert.deepEqual(changes.map((c) => c.path), ['tags.Name']);
    await cert.update('cert', WWW, candidate.state, changes, ctx);
    assert.equal(only(await cert.observe([{ id: 'cert', arn: CertificateArn }], ctx), 'cert')!.tags[TAG.stack], ctx.stack);
  });

  it('waits for ACM to see the certificate unused before it gives up with AWS\'s answer', async () => {
    const ctx = sandboxContext();
    const net = await makeAlbNetwork(ctx);
    const made = await cert.create('cert', WWW, ctx);
    await publish(ctx, made);
    ctx.h.clock.advance(5_000);
    const [lb, tg] = await Promise.all([loadBalancerAdapter.create('alb', albDesired(ctx, net), ctx), targetGroupAdapter.create('tg', targetGroupDesired(ctx, net.vpcId), ctx)]);
    const https = await listenerAdapter.create('https', {
      loadBalancerArn: lb.arn, port: 443, protocol: 'HTTPS', certificateArn: made.arn, defaultAction: { type: 'forward', targetGroupArn: tg.arn },
    }, ctx);
    const started = ctx.h.clock.now();
    assert.equal((await rejection(cert.delete(made, ctx))).name, 'ResourceInUseException');
    assert.ok(ctx.h.clock.now() - started >= IN_USE_GRACE_MS, 'it waited the grace period (virtual time)');
    await listenerAdapter.delete(https, ctx);
    await cert.delete(made, ctx);
    assert.equal(only(await cert.observe([{ id: 'cert', last: made }], ctx), 'cert'), undefined);
  });

  it('replaces for other names or key algorithm; names compare without case or the root dot', () => {
    const seen = { arn: 'arn', domainName: 'www.example.com', subjectAlternativeNames: [], keyAlgorithm: 'RSA_2048', validationMethod: 'DNS', certificateTransparencyLogging: 'ENABLED' as const, status: 'ISSUED', type: 'AMAZON_ISSUED', recordsShown: true, inUseBy: [], tags: { Name: 'contract' } };
    assert.deepEqual(cert.diff({ ...WWW, domainName: 'WWW.Example.com.' }, seen), [], 'names compare without case or the root dot');
    const changes = cert.diff({ ...WWW, keyAlgorithm: 'EC_prime256v1', subjectAlternativeNames: ['example.com'] }, seen);
    assert.deepEqual(changes.map((c) => c.path), ['subjectAlternativeNames[example.com]', 'keyAlgorithm']);
    assert.ok(changes.every((c) => cert.replaceOn.includes(c.path.split(/[.[]/)[0] as never)));
    assert.equal(cert.replaceOrder, 'create-before-delete', 'the listener moves to the new certificate before the old goes');
    assert.deepEqual(cert.discovery, { service: 'acm', resourceType: 'certificate' });
  });
});
