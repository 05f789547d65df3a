/**
 * Policy documents compared by meaning: the forms AWS hands back (JSON text, one-element
 * lists as strings, condition values as strings, account ids as root ARNs, another
 * statement order) are the same policy; a real difference is not.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalPolicy, parsePolicy, samePolicy } from '../../../src/resources/normalize/policy.ts';

const spec = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'CloudFrontReads',
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Resource: ['arn:aws:s3:::media/static/*', 'arn:aws:s3:::media/media/*'],
      Condition: { StringEquals: { 'AWS:SourceArn': 'arn:aws:cloudfront::123456789012:distribution/E1' } },
    },
    { Sid: 'TLS', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::media', 'arn:aws:s3:::media/*'], Condition: { Bool: { 'aws:SecureTransport': false } } },
  ],
};

// What S3 answers for it: JSON text, other order, lists and strings swapped, "false" as text.
const fromAws = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Condition: { Bool: { 'aws:SecureTransport': 'false' } }, Resource: ['arn:aws:s3:::media/*', 'arn:aws:s3:::media'], Action: 's3:*', Principal: '*', Effect: 'Deny', Sid: 'TLS' },
    {
      Sid: 'CloudFrontReads', Effect: 'Allow', Principal: { Service: ['cloudfront.amazonaws.com'] }, Action: ['s3:GetObject'],
      Resource: ['arn:aws:s3:::media/media/*', 'arn:aws:s3:::media/static/*'],
      Condition: { StringEquals: { 'aws:SourceArn': ['arn:aws:cloudfront::123456789012:distribution/E1'] } },
    },
  ],
});

describe('policy normalisation', () => {
  it('the forms AWS hands back are the same policy', () => {
    assert.ok(samePolicy(spec, fromAws));
    assert.equal(canonicalPolicy(spec), canonicalPolicy(fromAws));
  });

  it('an account id principal is its root ARN; actions compare case-insensitively; an empty Sid is none', () => {
    const a = { Version: '2012-10-17', Statement: [{ Sid: '', Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 'S3:GetObject', Resource: '*' }] };
    const b = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::123456789012:root'] }, Action: ['s3:getobject'], Resource: ['*'] }] };
    assert.ok(samePolicy(a, b));
    assert.ok(samePolicy({ ...a, Statement: [{ ...a.Statement[0]!, Principal: { AWS: '123456789012' } }] }, JSON.stringify(b)));
  });

  it('real differences are differences', () => {
    const narrower = { ...spec, Statement: [{ ...spec.Statement[0]!, Resource: 'arn:aws:s3:::media/static/*' }, spec.Statement[1]!] };
    assert.ok(!samePolicy(spec, narrower));
    const otherEffect = { ...spec, Statement: [spec.Statement[0]!, { ...spec.Statement[1]!, Effect: 'Allow' }] };
    assert.ok(!samePolicy(spec, otherEffect));
    const otherDistribution = JSON.parse(fromAws.replace('distribution/E1', 'distribution/E2')) as unknown;
    assert.ok(!samePolicy(spec, otherDistribution));
    assert.ok(!samePolicy(spec, undefined));
    assert.ok(samePolicy(undefined, undefined));
  });

  it('reads URL-encoded JSON (as IAM returns documents)', () => {
    assert.deepEqual(parsePolicy(encodeURIComponent(fromAws)), JSON.parse(fromAws));
  });
});
