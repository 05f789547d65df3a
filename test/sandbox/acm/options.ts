/** UpdateCertificateOptions: Certificate Transparency logging turned off and on, and its errors. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DescribeCertificateCommand, RequestCertificateCommand, UpdateCertificateOptionsCommand, type CertificateTransparencyLoggingPreference } from '@aws-sdk/client-acm';
import { rejection } from '../harness.ts';
import { acmHarness } from './setup.ts';

describe('acm certificate options', () => {
  it('turns Certificate Transparency logging off and on', async () => {
    const { acm } = acmHarness();
    const { CertificateArn } = await acm.send(new RequestCertificateCommand({ DomainName: 'www.example.com', ValidationMethod: 'DNS' }));
    const logging = async () => (await acm.send(new DescribeCertificateCommand({ CertificateArn }))).Certificate!.Options!.CertificateTransparencyLoggingPreference;
    assert.equal(await logging(), 'ENABLED');
    await acm.send(new UpdateCertificateOptionsCommand({ CertificateArn, Options: { CertificateTransparencyLoggingPreference: 'DISABLED' } }));
    assert.equal(await logging(), 'DISABLED');
    await acm.send(new UpdateCertificateOptionsCommand({ CertificateArn, Options: { CertificateTransparencyLoggingPreference: 'ENABLED' } }));
    assert.equal(await logging(), 'ENABLED');
  });

  it('answers an unknown certificate and a bad preference as ACM does', async () => {
    const { acm } = acmHarness();
    const missing = 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-4000-8000-000000000000';
    assert.equal((await rejection(acm.send(new UpdateCertificateOptionsCommand({ CertificateArn: missing, Options: { CertificateTransparencyLoggingPreference: 'DISABLED' } })))).name, 'ResourceNotFoundException');
    const { CertificateArn } = await acm.send(new RequestCertificateCommand({ DomainName: 'www.example.com', ValidationMethod: 'DNS' }));
    const bad = 'SOMETIMES' as CertificateTransparencyLoggingPreference;
    assert.equal((await rejection(acm.send(new UpdateCertificateOptionsCommand({ CertificateArn, Options: { CertificateTransparencyLoggingPreference: bad } })))).name, 'ValidationException');
  });
});
