/**
 * Policy documents compared by meaning: what IAM or a person writes differently for
 * one policy is equal; a real difference is reported per statement, by Sid or position.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalPolicy, diffPolicy, parsePolicy, samePolicy } from '../../../src/resources/normalize/policy.ts';

const spec = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'ListMedia', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::media' },
    { Sid: 'ReadWriteMedia', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::media/*' },
  ],
};

describe('policy normalisation', () => {
  it('reads IAM\'s URL-encoded documents and plain JSON text alike', () => {
    const text = JSON.stringify(spec, null, 2);
    assert.deepEqual(parsePolicy(encodeURIComponent(text)), spec);
    assert.deepEqual(parsePolicy(text), spec);
    assert.ok(samePolicy(encodeURIComponent(text), spec));
  });

  it('ignores key order, one-element lists, list order, statement order and a missing Version', () => {
    const rewritten = {
      Statement: [
        { Resource: ['arn:aws:s3:::media/*'], Action: ['s3:PutObject', 's3:GetObject'], Effect: 'Allow', Sid: 'ReadWriteMedia' },
        { Effect: 'Allow', Sid: 'ListMedia', Resource: ['arn:aws:s3:::media'], Action: ['s3:ListBucket'] },
      ],
    };
    assert.ok(samePolicy(spec, rewritten));
    assert.deepEqual(diffPolicy('p', spec, rewritten), []);
    assert.equal(canonicalPolicy(rewritten).Version, '2012-10-17');
  });

  it('treats Principal "*" as { AWS: "*" }, an account id as its root ARN, and condition values as strings', () => {
    const a = { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': false } } }] };
    const b = { Statement: [{ Effect: 'Allow', Principal: { AWS: ['*'] }, Action: 's3:GetObject', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': ['false'] } } }] };
    assert.ok(samePolicy(a, b));
    const byId = { Statement: [{ Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 'sts:AssumeRole' }] };
    const byArn = { Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }] };
    assert.ok(samePolicy(byId, byArn));
  });

  it('sees real differences: an action, an effect, a Version, a principal service', () => {
    const more = structuredClone(spec);
    (more.Statement[1]!.Action as string[]).push('s3:DeleteObject');
    assert.ok(!samePolicy(spec, more));
    assert.ok(!samePolicy(spec, { ...spec, Version: '2008-10-17' }));
    const trust = (service: string) => ({ Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });
    assert.ok(!samePolicy(trust('ec2.amazonaws.com'), trust('lambda.amazonaws.com')));
  });

  it('names the statement that differs: by Sid, and by position when it has none', () => {
    const observed = structuredClone(spec);
    (observed.Statement[1]!.Action as string[]).pop();
    const changes = diffPolicy('inlinePolicies.media', spec, encodeURIComponent(JSON.stringify(observed)));
    assert.deepEqual(changes.map((c) => c.path), ['inlinePolicies.media.Statement[ReadWriteMedia]']);
    assert.deepEqual((changes[0]!.to as { Action: string[] }).Action, ['s3:GetObject', 's3:PutObject']);

    const unnamed = (action: string) => ({ Statement: [{ Effect: 'Allow', Action: 'logs:CreateLogGroup', Resource: '*' }, { Effect: 'Allow', Action: action, Resource: '*' }] });
    assert.deepEqual(diffPolicy('p', unnamed('logs:PutLogEvents'), unnamed('logs:CreateLogStream')).map((c) => c.path), ['p.Statement[#2]']);
  });

  it('reports added and removed statements, and a Version change', () => {
    const fewer = { Version: '2008-10-17', Statement: [spec.Statement[0]] };
    const changes = diffPolicy('p', spec, fewer);
    assert.deepEqual(changes.map((c) => [c.path, c.from === undefined, c.to === undefined]), [
      ['p.Version', false, false],
      ['p.Statement[ReadWriteMedia]', true, false],
    ]);
    assert.deepEqual(diffPolicy('p', fewer, spec).at(-1)!.path, 'p.Statement[ReadWriteMedia]');
    assert.equal(diffPolicy('p', fewer, spec).at(-1)!.to, undefined);
    assert.deepEqual(diffPolicy('p', undefined, spec), [], 'undefined desired is not managed');
    assert.deepEqual(diffPolicy('p', spec, undefined).map((c) => c.path), ['p']);
  });
});

describe('policy normalisation and drift --explain', () => {
  it('says why two documents written differently count as one, and nothing for identical ones', () => {
    const said: { path: string; reason: string }[] = [];
    const explain = (s: { path: string; reason: string }) => void said.push(s);
    const rewritten = { Statement: spec.Statement.map((s) => ({ ...s, Action: [s.Action].flat() })) };
    assert.deepEqual(diffPolicy('inlinePolicies.media', spec, encodeURIComponent(JSON.stringify(rewritten)), explain), []);
    assert.deepEqual(said.map((s) => s.path), ['inlinePolicies.media']);
    assert.match(said[0]!.reason, /compared by meaning/);
    diffPolicy('p', spec, JSON.stringify(spec), explain);
    assert.equal(said.length, 1, 'the same document: nothing to explain');
  });
});
