/**
 * Bad input that only the plan can see, through the CLI on a file-backed sandbox: a
 * retired RDS engine version, a Lambda runtime Lambda no longer creates, a bucket name
 * that is not valid DNS once its references resolve, a bucket policy with a malformed
 * ARN. Each: `reconcile --once` exits 1 naming file:line:col of the property and what to
 * do, without a stack trace, and nothing is written to the account.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { parseDocument } from 'yaml';
import { main, type Io } from '../../src/index.ts';
import { dataSlice, REPO } from './data-slice.ts';

/** The slice as a spec file beside the repo's src/ (code.path src/lambda resolves there), and a run of blogctl on it. */
function setup(edit: (doc: ReturnType<typeof parseDocument>) => void = () => undefined) {
  const dir = mkdtempSync(join(tmpdir(), 'blogctl-bad-'));
  symlinkSync(join(REPO, 'src'), join(dir, 'src'));
  const { text } = dataSlice({ roleArn: 'arn:aws:iam::123456789012:role/blog-s3-events-lambda', edit });
  const file = join(dir, 'blog.spec.yaml');
  writeFileSync(file, text);
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), color: false };
    const code = await main([...argv, '-f', file, '--sandbox-file', join(dir, 'sandbox.json')], io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  /** `file:line:col` of the first line holding `needle`, at its value. */
  const at = (needle: string, value: string) => {
    const lines = text.split('\n');
    const i = lines.findIndex((l) => l.includes(needle));
    assert.ok(i >= 0, `no line holds ${needle}`);
    return `${file}:${i + 1}:${lines[i]!.indexOf(value) + 1}`;
  };
  return { file, run, at, text };
}

async function assertNothingWritten(run: ReturnType<typeof setup>['run']): Promise<void> {
  const show = await run('sandbox', 'show', '--output', 'json');
  const services = (JSON.parse(show.out) as { services: Record<string, Record<string, Record<string, unknown>>> }).services;
  const ec2Tags = Object.values((services['ec2']?.['tags'] ?? {}) as Record<string, Record<string, string>>);
  assert.ok(ec2Tags.every((t) => t['blogctl:stack'] === undefined), 'nothing of the stack in EC2 (the default VPC is AWS\'s)');
  for (const [service, what] of [['s3', 'buckets'], ['rds', 'subnetGroups'], ['rds', 'instances'], ['lambda', 'functions'], ['dynamodb', 'tables']] as const) {
    // blogctl's own lease table (one writer per stack) is not the stack's.
    const made = Object.keys(services[service]?.[what] ?? {}).filter((k) => !k.endsWith(':table/blogctl-leases'));
    assert.deepEqual(made, [], `no ${service} ${what}`);
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('a retired RDS engine version: the plan stops at engineVersion and lists what RDS offers', async () => {
  const s = setup();
  const r = await s.run('reconcile', '--once', '--param', 'dbEngineVersion=8.0.28');
  assert.equal(r.code, 1, r.out + r.err);
  assert.match(r.err, new RegExp(`^${escape(s.at('engineVersion: ${param.dbEngineVersion}', '$'))}: db: RDS no longer offers mysql 8\\.0\\.28 .*; RDS offers 8\\.0: 8\\.0\\.36, .*; 8\\.4: .*8\\.4\\.7: set engineVersion to one of them$`, 'm'));
  assert.match(r.err, /1 problem in the spec; nothing was changed in AWS\./);
  assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
  await assertNothingWritten(s.run);
});

test('a Lambda runtime Lambda no longer creates functions on: the plan stops at runtime', async () => {
  const s = setup((doc) => doc.setIn(['resources', 's3EventsFunction', 'properties', 'runtime'], 'nodejs20.x'));
  const r = await s.run('reconcile', '--once');
  assert.equal(r.code, 1, r.out + r.err);
  assert.match(r.err, new RegExp(`^${escape(s.at('runtime: nodejs20.x', 'nodejs20.x'))}: s3EventsFunction: Lambda no longer creates functions on nodejs20\\.x \\(deprecated 2026-04-30, creation blocked since 2026-08-31\\); use nodejs22\\.x or nodejs24\\.x$`, 'm'));
  await assertNothingWritten(s.run);
});

test('a bucket name that is DNS only until its references resolve (too long with the account id): the plan stops at bucketName', async () => {
  const s = setup((doc) => {
    doc.setIn(['resources', 'failoverBucket', 'properties', 'bucketName'], '${param.subdomain}-${aws.accountId}-${aws.region}-sorry-page-shown-while-the-blog-itself-is-down');
    doc.deleteIn(['resources', 'failoverBucket', 'properties', 'policy']);
  });
  const r = await s.run('reconcile', '--once');
  assert.equal(r.code, 1, r.out + r.err);
  assert.match(r.err, new RegExp(`^${escape(s.at('-sorry-page-shown-while-the-blog-itself-is-down', '$'))}: failoverBucket: "www-123456789012-us-east-1-sorry-page-shown-while-the-blog-itself-is-down" is not a valid bucket name \\(S3 names are DNS names\\): at most 63 characters$`, 'm'));
  await assertNothingWritten(s.run);
});

test('a bucket policy with a malformed ARN: the plan stops at that Resource', async () => {
  const s = setup((doc) => doc.setIn(['resources', 'failoverBucket', 'properties', 'policy', 'Statement', 0, 'Resource'], 'arn:${aws.partition}:s3::${param.subdomain}.${param.domain}/*'));
  const r = await s.run('reconcile', '--once');
  assert.equal(r.code, 1, r.out + r.err);
  assert.match(r.err, new RegExp(`^${escape(s.at('arn:${aws.partition}:s3::${param.subdomain}', 'arn:'))}: failoverBucket: "arn:aws:s3::www\\.example\\.com/\\*" is not an ARN`, 'm'));
  await assertNothingWritten(s.run);
});
