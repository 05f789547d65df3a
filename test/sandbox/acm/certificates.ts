/**
 * ACM certificates through the real ACMClient: the validation CNAME appearing a moment
 * after the request, DNS validation against the simulated Route 53 account (records
 * written through the real Route53Client), idempotency tokens, timeouts, typed errors.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ACMClient,
  DescribeCertificateCommand,
  ListCertificatesCommand,
  GetCertificateCommand,
  InvalidArnException,
  RequestCertificateCommand,
  RequestInProgressException,
  ResourceNotFoundException,
} from '@aws-sdk/client-acm';
import { ec2Simulator } from '../../../src/sandbox/ec2/index.ts';
import { acmSimulator } from '../../../src/sandbox/acm/index.ts';
import { AwsClients } from '../../../src/aws/clients.ts';
import { fastRetry, rejection } from '../harness.ts';
import { acmHarness, publishValidation, upsertCname } from './setup.ts';

const ARN = /^arn:aws:acm:us-east-1:123456789012:certificate\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('acm certificates', () => {
  it('shows the validation CNAME a moment after the request', async () => {
    const { acm, clock } = acmHarness();
    const { CertificateArn } = await acm.send(new RequestCertificateCommand({ DomainName: 'WWW.example.com', ValidationMethod: 'DNS', SubjectAlternativeNames: ['example.com'] }));
    assert.match(CertificateArn!, ARN);
    const first = (await acm.send(new DescribeCertificateCommand({ CertificateArn }))).Certificate!;
    assert.equal(first.Status, 'PENDING_VALIDATION');
    assert.equal(first.DomainName, 'www.example.com');
    assert.deepEqual(first.SubjectAlternativeNames, ['www.example.com', 'example.com']);
    assert.equal(first.DomainValidationOptions![0]!.ResourceRecord, undefined);
    assert.equal(first.KeyAlgorithm, 'RSA_2048');
    assert.equal(first.Type, 'AMAZON_ISSUED');
    assert.deepEqual(first.InUseBy, []);
    assert.equal(first.NotAfter, undefined);
    clock.advance(500);
    const later = (await acm.send(new DescribeCertificateCommand({ CertificateArn }))).Certificate!;
    const [www, apex] = later.DomainValidationOptions!;
    assert.match(www!.ResourceRecord!.Name!, /^_[0-9a-f]{32}\.www\.example\.com\.$/);
    assert.equal(www!.ResourceRecord!.Type, 'CNAME');
    assert.match(www!.ResourceRecord!.Value!, /^_[0-9a-f]{32}\.[a-z]{10}\.acm-validations\.aws\.$/);
    assert.match(apex!.ResourceRecord!.Name!, /^_[0-9a-f]{32}\.example\.com\.$/);
    assert.equal(www!.ValidationStatus, 'PENDING_VALIDATION');
    assert.equal(www!.ValidationMethod, 'DNS');
  });

  it('issues once every validation record is in sync in Route 53, and not before', async () => {
    const { acm, r53, clock } = acmHarness();
    const { CertificateArn } = await acm.send(new RequestCertificateCommand({ DomainName: 'www.example.com', ValidationMethod: 'DNS', SubjectAlternativeNames: ['example.com'] }));
    clock.advance(3_600_000);
    const status = async () => (await acm.send(new DescribeCertificateCommand({ CertificateArn }))).Certificate!;
    assert.equal((await status()).Status, 'PENDING_VALIDATION', 'no record, no validation');
    const c = await status();
    const [www, apex] = c.DomainValidationOptions!;
    await upsertCname(r53, www!.ResourceRecord!.Name!, www!.ResourceRecord!.Value!);
    clock.advance(60_000);
    assert.equal((await status()).Status, 'PENDING_VALIDATION', 'one name of two is validated');
    await upsertCname(r53, apex!.ResourceRecord!.Name!, '_wrong.acm-validations.aws.');
    clock.advance(60_000);
    assert.equal((await status()).Status, 'PENDING_VALIDATION', 'a wrong value does not validate');
    await upsertCname(r53, apex!.ResourceRecord!.Name!.toUpperCase(), apex!.ResourceRecord!.Value!.replace(/\.$/, ''));
    clock.advance(1_000 + 1_999); // Route 53 INSYNC after 1 s, ACM validates 2 s later
    assert.equal((await status()).Status, 'PENDING_VALIDATION');
    clock.advance(1);
    const issued = await status();
    assert.equal(issued.Status, 'ISSUED');
    assert.ok(issued.DomainValidationOptions!.every((o) => o.ValidationStatus === 'SUCCESS'));
    assert.ok(issued.IssuedAt instanceof Date);
    const days = (issued.NotAfter!.getTime() - issued.NotBefore!.getTime()) / 86_400_000;
    assert.equal(Math.round(days), 395, 'validity before March 2026');
    assert.match(issued.Serial!, /^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
    assert.deepEqual(issued.ExtendedKeyUsages, [{ Name: 'TLS_WEB_SERVER_AUTHENTICATION', OID: '1.3.6.1.5.5.7.3.1' }]);
    const got = await acm.send(new GetCertificateCommand({ CertificateArn }));
    assert.match(got.Certificate!, /^-----BEGIN CERTIFICATE-----/);
  });

  it('validates a new certificate at once from a record left by an earlier one; 198-day certificates from 2026', async () => {
    const { acm, r53, clock } = acmHarness();
    clock.set(Date.UTC(2026, 9, 1));
    const first = (await acm.send(new RequestCertificateCommand({ DomainName: 'www.example.com', ValidationMethod: 'DNS' }))).CertificateArn!;
    clock.advance(500);
    await publishValidation(acm, r53, first);
    const second = (await acm.send(new RequestCertificateCommand({ DomainName: 'www.example.com', ValidationMethod: 'DNS' }))).CertificateArn!;
    assert.notEqual(second, first);
    clock.advance(3_000);
    const c = (await acm.send(new DescribeCertificateCommand({ CertificateArn: second }))).Certificate!;
    assert.equal(c.Status, 'ISSUED');
    assert.equal(Math.round((c.NotAfter!.getTime() - c.NotBefore!.getTime()) / 86_400_000), 198);
  });

  it('times out after 72 hours without validation', async () => {
    const { acm, clock } = acmHarness();
    const { CertificateArn } = await acm.send(new RequestCertificateCommand({ DomainName: 'www.example.com', ValidationMethod: 'DNS' }));
    clock.advance(72 * 3_600_000);
    const c = (await acm.send(new DescribeCertificateCommand({ CertificateArn }))).Certificate!;
    assert.equal(c.Status, 'VALIDATION_TIMED_OUT');
    assert.equal(c.DomainValidationOptions![0]!.ValidationStatus, 'FAILED');
  });

  it('never validates in a sandbox without Route 53', async () => {
    const { acm, clock } = acmHarness({ services: [ec2Simulator, acmSimulator] });
    const { CertificateArn } = await acm.send(new RequestCertificateCommand({ DomainName: 'www.example.com', ValidationMethod: 'DNS' }));
    clock.advance(3_600_000);
    assert.equal((await acm.send(new DescribeCertificateCommand({ CertificateArn }))).Certificate!.Status, 'PENDING_VALIDATION');
  });

  it('returns the same certificate for the same IdempotencyToken and names within an hour', async () => {
    const { acm, clock } = acmHarness();
    const req = { DomainName: 'www.example.com', ValidationMethod: 'DNS' as const, IdempotencyToken: 'blogctlcert1' };
    const a = (await acm.send(new RequestCertificateCommand(req))).CertificateArn;
    const b = (await acm.send(new RequestCertificateCommand(req))).CertificateArn;
    assert.equal(a, b);
    const other = (await acm.send(new RequestCertificateCommand({ ...req, DomainName: 'blog.example.com' }))).CertificateArn;
    assert.notEqual(other, a);
    clock.advance(3_600_000);
    assert.notEqual((await acm.send(new RequestCertificateCommand(req))).CertificateArn, a);
  });

  it('keeps certificates in their region', async () => {
    const { acm, sandbox } = acmHarness();
    const { CertificateArn } = await acm.send(new RequestCertificateCommand({ DomainName: 'www.example.com', ValidationMethod: 'DNS' }));
    const west = new AwsClients({ sandbox, region: 'eu-west-1', retryStrategy: fastRetry() }).get(ACMClient);
    assert.ok((await rejection(west.send(new DescribeCertificateCommand({ CertificateArn })))) instanceof ResourceNotFoundException);
    assert.deepEqual((await west.send(new ListCertificatesCommand({}))).CertificateSummaryList, []);
    const own = (await west.send(new RequestCertificateCommand({ DomainName: 'www.example.com', ValidationMethod: 'DNS' }))).CertificateArn!;
    assert.match(own, /^arn:aws:acm:eu-west-1:123456789012:certificate\//);
  });

  it('answers with typed errors', async () => {
    const { acm } = acmHarness();
    const missing = await rejection(acm.send(new DescribeCertificateCommand({ CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-4000-8000-000000000000' })));
    assert.ok(missing instanceof ResourceNotFoundException);
    assert.equal(missing.$metadata?.httpStatusCode, 400);
    const malformed = await rejection(acm.send(new DescribeCertificateCommand({ CertificateArn: 'not-an-arn' })));
    assert.ok(malformed instanceof InvalidArnException);
    const { CertificateArn } = await acm.send(new RequestCertificateCommand({ DomainName: 'www.example.com', ValidationMethod: 'DNS' }));
    assert.ok((await rejection(acm.send(new GetCertificateCommand({ CertificateArn })))) instanceof RequestInProgressException);
    const bad = await rejection(acm.send(new RequestCertificateCommand({ DomainName: 'localhost', ValidationMethod: 'DNS' })));
    assert.equal(bad.name, 'InvalidDomainValidationOptionsException');
  });
});

describe('acm faults', () => {
  it('throttles with ThrottlingException, which the SDK retries', async () => {
    const { acm, sandbox } = acmHarness();
    sandbox.faults.inject({ service: 'acm', fault: 'throttle', times: 2 });
    const out = await acm.send(new RequestCertificateCommand({ DomainName: 'www.example.com', ValidationMethod: 'DNS' }));
    assert.equal(out.$metadata.attempts, 3);
  });
});
