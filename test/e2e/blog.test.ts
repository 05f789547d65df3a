/**
 * The complete blog.spec.yaml end to end through the CLI on a file-backed sandbox (issue
 * 12): create everything -> no changes -> tamper three things with `blogctl sandbox
 * tamper` (a security-group rule, the media bucket policy, the distribution's minimum TLS
 * version) -> plan shows exactly those as "someone changed AWS" (exit 3) -> reconcile
 * repairs them -> objects uploaded and deleted under media/ reach the function and the
 * table -> destroy removes everything not protected, in dependency order, and reports
 * what protection kept. On the realistic profile scaled down; then the same under seeded
 * throttling and 5xx. (The quick profile runs in `npm start` and `npm run bench -- blog`.)
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { main, type Io } from '../../src/index.ts';

const SPEC = join(import.meta.dirname, '..', '..', 'blog.spec.yaml');

function cli(sandboxFile: string, extra: readonly string[] = []) {
  return async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), color: false };
    // Faults and timing are for blogctl's own runs; the tamper is "someone else", without them.
    const code = await main([...argv, '--sandbox-file', sandboxFile, ...(argv[0] === 'sandbox' ? [] : extra)], io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
}
type Run = ReturnType<typeof cli>;
const json = <T>(text: string): T => JSON.parse(text) as T;
type Outcome = { id: string; status: string; reason: string | null };

/** A simulated AWS call through `blogctl sandbox tamper`, its output parsed. */
async function tamper<T = Record<string, unknown>>(run: Run, service: string, op: string, input: object): Promise<T> {
  const r = await run('sandbox', 'tamper', service, op, JSON.stringify(input));
  assert.equal(r.code, 0, `${service} ${op}: ${r.err}`);
  return json<T>(r.out);
}

/** The id of the resource carrying blogctl:id=`id`, from the EC2 tags the account keeps. */
async function ec2Id(run: Run, id: string): Promise<string> {
  const out = await tamper<{ SecurityGroups: { GroupId: string }[] }>(run, 'ec2', 'DescribeSecurityGroups', { Filters: [{ Name: 'tag:blogctl:id', Values: [id] }] });
  return out.SecurityGroups[0]!.GroupId;
}

async function scenario(run: Run): Promise<void> {
  const created = await run('reconcile', '--once', '-f', SPEC, '--output', 'json');
  assert.equal(created.code, 0, created.out + created.err);
  const outcomes = json<{ outcomes: Outcome[] }>(created.out).outcomes;
  assert.equal(outcomes.filter((o) => o.status === 'created').length, 39, JSON.stringify(outcomes.filter((o) => o.status !== 'created')));
  const clean = await run('plan', '-f', SPEC);
  assert.equal(clean.code, 0, clean.out);
  assert.match(clean.out, /No changes: AWS matches the spec\./);

  // Someone changes three things in AWS.
  await tamper(run, 'ec2', 'AuthorizeSecurityGroupIngress', { GroupId: await ec2Id(run, 'albSg'), IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] });
  const buckets = (await tamper<{ Buckets: { Name: string }[] }>(run, 's3', 'ListBuckets', {})).Buckets.map((b) => b.Name);
  const media = buckets.find((b) => b.startsWith('blog-media-'))!;
  const policy = json<{ Statement: { Sid?: string }[] }>((await tamper<{ Policy: string }>(run, 's3', 'GetBucketPolicy', { Bucket: media })).Policy);
  // (Block Public Access refuses a public grant, as S3 does: a Deny it takes.)
  const changedPolicy = { ...policy, Statement: [...policy.Statement, { Sid: 'NoDeletes', Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: `arn:aws:s3:::${media}/*` }] };
  await tamper(run, 's3', 'PutBucketPolicy', { Bucket: media, Policy: JSON.stringify(changedPolicy) });
  const dists = await tamper<{ DistributionList: { Items: { Id: string }[] } }>(run, 'cloudfront', 'ListDistributions', {});
  const Id = dists.DistributionList.Items[0]!.Id;
  const config = await tamper<{ DistributionConfig: { ViewerCertificate: object }; ETag: string }>(run, 'cloudfront', 'GetDistributionConfig', { Id });
  const lowered = { ...config.DistributionConfig, ViewerCertificate: { ...config.DistributionConfig.ViewerCertificate, MinimumProtocolVersion: 'TLSv1' } };
  await tamper(run, 'cloudfront', 'UpdateDistribution', { Id, IfMatch: config.ETag, DistributionConfig: lowered });

  const drift = await run('plan', '-f', SPEC, '--output', 'json');
  assert.equal(drift.code, 3, `only drift made in AWS: ${drift.out}`);
  const changed = json<{ actions: { id: string; action: string; drift: string | null }[] }>(drift.out).actions.filter((a) => a.action !== 'noop');
  assert.deepEqual(changed.map((a) => [a.id, a.action, a.drift]).sort(), [['albSg', 'update', 'aws'], ['cdn', 'update', 'aws'], ['media', 'update', 'aws']]);
  const repaired = await run('reconcile', '--once', '-f', SPEC);
  assert.equal(repaired.code, 0, repaired.out + repaired.err);
  assert.equal((await run('plan', '-f', SPEC)).code, 0);

  // Objects under media/ reach the function, which writes their metadata to the table.
  await tamper(run, 's3', 'PutObject', { Bucket: media, Key: 'media/cat.jpg', Body: 'meow', ContentType: 'image/jpeg' });
  await tamper(run, 's3', 'PutObject', { Bucket: media, Key: 'media/dog.jpg', Body: 'woof' });
  await tamper(run, 's3', 'DeleteObject', { Bucket: media, Key: 'media/dog.jpg' });
  await tamper(run, 's3', 'PutObject', { Bucket: media, Key: 'static/site.css', Body: 'body{}' });
  const tables = (await tamper<{ TableNames: string[] }>(run, 'dynamodb', 'ListTables', {})).TableNames.filter((t) => t !== 'blogctl-leases');
  assert.equal(tables.length, 1);
  const rows = (await tamper<{ Items: Record<string, { S?: string; BOOL?: boolean }>[] }>(run, 'dynamodb', 'Scan', { TableName: tables[0] })).Items;
  const byKey = new Map(rows.map((r) => [r['key']?.S, r]));
  assert.deepEqual([...byKey.keys()].sort(), ['media/cat.jpg', 'media/dog.jpg'], 'only objects under media/');
  assert.equal(byKey.get('media/cat.jpg')!['contentType']?.S, 'image/jpeg');
  assert.equal(byKey.get('media/dog.jpg')!['deleted']?.BOOL, true, 'a removal is kept as a tombstone');

  // Destroy: everything but what protection keeps (and what those need) goes, in dependency order.
  const destroyed = await run('destroy', '-f', SPEC, '--allow-delete', '--output', 'json');
  assert.equal(destroyed.code, 4, 'protected resources are blocked');
  const done = json<{ outcomes: Outcome[] }>(destroyed.out).outcomes;
  assert.deepEqual(done.filter((o) => o.status === 'failed'), []);
  const status = (id: string) => done.find((o) => o.id === id)?.status;
  for (const id of ['db', 'media', 'objectTable']) {
    assert.equal(status(id), 'blocked', id);
    assert.match(done.find((o) => o.id === id)!.reason!, /^protected/);
  }
  const deleted = ['s3Endpoint', 'httpsListener', 'httpListener', 'mediaNotification', 's3InvokePermission', 's3EventsFunction', 'lambdaRole', 'cpuPolicy',
    'appAsg', 'appTargetGroup', 'appLaunchTemplate', 'appInstanceProfile', 'appRole', 'natInstance', 'natSg', 'privateRouteTable', 'primaryRecord',
    'secondaryRecord', 'certValidationRecord', 'healthCheck', 'failoverBucket'];
  for (const id of deleted) assert.equal(status(id), 'deleted', id);
  const order = done.filter((o) => o.status === 'deleted').map((o) => o.id);
  const before = (a: string, b: string) => assert.ok(order.indexOf(a) < order.indexOf(b), `${a} before ${b}: ${order.join(', ')}`);
  before('mediaNotification', 's3EventsFunction');
  before('s3InvokePermission', 's3EventsFunction');
  before('cpuPolicy', 'appAsg');
  before('appAsg', 'appTargetGroup');
  before('appInstanceProfile', 'appRole');
  before('natInstance', 'natSg');
  // What protected resources still use stays, and says why: the database's subnets and
  // groups (so the VPC), the distribution the media bucket's policy names (so the ALB).
  const reason = (id: string) => done.find((o) => o.id === id)?.reason ?? '';
  assert.equal(status('dbSubnetGroup'), 'skipped');
  assert.match(reason('dbSubnetGroup'), /waits for db to be deleted first/);
  assert.match(reason('cdn'), /waits for media to be deleted first/);
  assert.match(reason('vpc'), /waits for .*to be deleted first/);
  assert.deepEqual(done.filter((o) => !['deleted', 'blocked', 'skipped', 'unchanged'].includes(o.status)), []);
}

/** The realistic profile's minutes, scaled down to milliseconds: the waits are real, the test is short. */
async function scaled(fn: () => Promise<void>): Promise<void> {
  const saved = process.env.BLOGCTL_SANDBOX_TIME_SCALE;
  process.env.BLOGCTL_SANDBOX_TIME_SCALE = '0.002';
  try {
    await fn();
  } finally {
    if (saved === undefined) delete process.env.BLOGCTL_SANDBOX_TIME_SCALE;
    else process.env.BLOGCTL_SANDBOX_TIME_SCALE = saved;
  }
}

test('the whole blog: create, no changes, three tampers (exit 3), repair, S3 events into the table, destroy', () =>
  scaled(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'blogctl-blog-'));
    await scenario(cli(join(dir, 'sandbox.json'), ['--sandbox-profile', 'realistic']));
  }));

test('the same under seeded throttling and 5xx', () =>
  scaled(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'blogctl-blog-faults-'));
    const faults = ['--sandbox-profile', 'realistic', '--sandbox-throttle-rate', '0.05', '--sandbox-5xx-rate', '0.03', '--sandbox-seed', 'blog-e2e'];
    await scenario(cli(join(dir, 'sandbox.json'), faults));
  }));
