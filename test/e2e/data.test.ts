/**
 * End to end on the sandbox, the data and events slice of blog.spec.yaml with the network
 * it needs, through planStack/applyStack with tag discovery: create -> no changes ->
 * objects uploaded and deleted under media/ reach the real S3-event handler, whose rows
 * land in the table -> destroy with --allow-delete removes what is not protected and
 * reports what protection kept. Then, unprotected: a bucket holding objects is refused
 * with its count until it records forceDestroy, and destroy removes everything.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { tagDiscovery } from '../../src/aws/discovery.ts';
import type { Outcome } from '../../src/reconciler/apply.ts';
import { adapterContext, silentLog } from '../../src/reconciler/context.ts';
import { clientTokenFor, identityTagsFor } from '../../src/reconciler/desired.ts';
import { applyExitCode, applyStack, planExitCode, planStack, type Engine, type RunOptions } from '../../src/reconciler/reconcile.ts';
import type { Spec } from '../../src/reconciler/types.ts';
import { adapters, kindCatalog } from '../../src/resources/registry.ts';
import type { LambdaState } from '../../src/sandbox/lambda/state.ts';
import { harness } from '../sandbox/harness.ts';
import { engineClock } from '../resources/contract.ts';
import { DATA_IDS, dataSlice, REPO } from './data-slice.ts';

const h = harness();
const engineFor = (spec: Spec): Engine => ({
  catalog: kindCatalog,
  adapters: (kind) => adapters[kind],
  ctx: adapterContext({
    stack: spec.stack, region: spec.region, specDir: REPO, clients: h.clients, clock: engineClock(h.clock), log: silentLog,
    identityTags: identityTagsFor(spec), clientToken: clientTokenFor(spec),
  }),
  accountId: async () => (await h.clients.get(STSClient).send(new GetCallerIdentityCommand({}))).Account!,
  discover: tagDiscovery(h.clients),
});
const options = (o: Partial<RunOptions> = {}): RunOptions => ({ allowDelete: false, allowReplace: false, adopt: false, destroy: false, ...o });

async function reconcile(spec: Spec, o: Partial<RunOptions> = {}) {
  const engine = engineFor(spec);
  const planned = await planStack(spec, engine, options(o));
  const outcomes = await applyStack(spec, engine, planned);
  const by = (status: Outcome['status']) => outcomes.filter((x) => x.status === status).map((x) => x.id).sort();
  return { planned, outcomes, by, exit: applyExitCode(planned.plan, outcomes) };
}

const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const role = await h.clients.get(IAMClient).send(new CreateRoleCommand({ RoleName: 'blog-s3-events-lambda', AssumeRolePolicyDocument: JSON.stringify(trust) }));
const roleArn = role.Role!.Arn!;
const protectedSlice = dataSlice({ roleArn }).spec;
const bucket = `blog-media-123456789012-us-east-1`;

test('the data and events slice: create, no changes, S3 events to the table, destroy keeps what is protected', async (t) => {
  await t.test('create: every resource of the slice', async () => {
    const r = await reconcile(protectedSlice);
    assert.equal(r.exit, 0, r.outcomes.filter((o) => o.status !== 'created').map((o) => `${o.id}: ${o.reason}`).join('\n'));
    assert.deepEqual(r.by('created'), [...DATA_IDS].sort());
    assert.deepEqual(r.planned.plan.notes ?? [], [], 'nothing to warn about: a current engine version and runtime');
  });

  await t.test('a second plan has no changes', async () => {
    const { plan } = await planStack(protectedSlice, engineFor(protectedSlice), options());
    const pending = plan.actions.filter((a) => a.type !== 'noop').map((a) => `${a.id}: ${a.changes.map((c) => c.path).join(', ')}`);
    assert.deepEqual(pending, []);
    assert.equal(planExitCode(plan), 0);
  });

  await t.test('a key schema change of the protected table is a replacement, refused', async () => {
    const changed = dataSlice({
      roleArn,
      edit: (doc) => {
        doc.setIn(['resources', 'objectTable', 'properties', 'attributeDefinitions'], [{ attributeName: 'bucket', attributeType: 'S' }, { attributeName: 'key', attributeType: 'S' }]);
        doc.setIn(['resources', 'objectTable', 'properties', 'keySchema'], [{ attributeName: 'bucket', keyType: 'HASH' }, { attributeName: 'key', keyType: 'RANGE' }]);
      },
    }).spec;
    const { plan } = await planStack(changed, engineFor(changed), options({ allowReplace: true }));
    const table = plan.actions.find((a) => a.id === 'objectTable')!;
    assert.equal(table.type, 'delete-then-create', 'the name stays: the old table must go first');
    assert.deepEqual(table.forcedBy, ['keySchema']);
    assert.equal(table.blocked?.code, 'protected');
  });

  await t.test('objects uploaded and deleted under media/ reach the function, and the table holds the rows', async () => {
    const s3 = h.clients.get(S3Client);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'media/a photo.jpg', Body: 'jpeg', ContentType: 'image/jpeg' }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'media/old.png', Body: 'png' }));
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'media/old.png' }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'static/site.css', Body: 'css' }));
    const lambda = (await h.sandbox.snapshot()).services['lambda'] as LambdaState;
    const fromS3 = lambda.invocations.filter((i) => i.source === 's3');
    assert.deepEqual(fromS3.map((i) => i.status), ['succeeded', 'succeeded', 'succeeded'], 'three events under media/, none for static/');
    const ddb = h.clients.get(DynamoDBClient);
    const item = async (key: string) => (await ddb.send(new GetItemCommand({ TableName: 'blog-s3-objects', Key: { id: { S: `${bucket}/${key}` } } }))).Item;
    const photo = await item('media/a photo.jpg');
    assert.equal(photo?.deleted?.BOOL, false);
    assert.equal(photo?.contentType?.S, 'image/jpeg');
    assert.equal((await item('media/old.png'))?.deleted?.BOOL, true, 'a removal is kept as a tombstone');
    assert.equal(await item('static/site.css'), undefined);
  });

  await t.test('destroy with --allow-delete removes what is not protected and reports what protection kept', async () => {
    const r = await reconcile(protectedSlice, { destroy: true, allowDelete: true });
    assert.equal(r.exit, 4, 'protection blocked some deletes');
    assert.deepEqual(r.by('deleted'), ['failoverBucket', 'mediaNotification', 's3EventsFunction', 's3InvokePermission']);
    const kept = r.outcomes.filter((o) => o.status === 'blocked');
    assert.deepEqual(kept.map((o) => o.id).sort(), ['db', 'media', 'objectTable']);
    assert.ok(kept.every((o) => /^protected/.test(o.reason ?? '')), kept.map((o) => o.reason).join('\n'));
    // What the protected database stands on waits for it.
    assert.deepEqual(r.by('skipped'), ['albSg', 'dbSg', 'dbSubnetGroup', 'ec2Sg', 'privateSubnetA', 'privateSubnetB', 'vpc']);
    const again = await planStack(protectedSlice, engineFor(protectedSlice), options({ destroy: true, allowDelete: true }));
    assert.deepEqual(again.plan.actions.filter((a) => a.type === 'delete' && !a.blocked).map((a) => a.id).sort(), ['albSg', 'dbSg', 'dbSubnetGroup', 'ec2Sg', 'privateSubnetA', 'privateSubnetB', 'vpc']);
  });

  await t.test('unprotected: a bucket holding objects is refused with its count, until it records forceDestroy', async () => {
    const open = dataSlice({ roleArn, params: { protectData: 'false' } }).spec;
    const r = await reconcile(open, { allowDelete: true });
    assert.equal(r.exit, 0, r.outcomes.map((o) => `${o.id} ${o.status}: ${o.reason ?? ''}`).join('\n'));
    const refused = await reconcile(open, { destroy: true, allowDelete: true });
    const media = refused.outcomes.find((o) => o.id === 'media');
    assert.equal(media?.status, 'failed');
    assert.match(media?.reason ?? '', /holds 4 objects \(versions and delete markers included\), so it is not deleted/);
    assert.ok(refused.by('deleted').includes('db'), 'the database went, with its final snapshot');
    const rds = (await h.sandbox.snapshot()).services['rds'] as { snapshots: Record<string, unknown> };
    assert.ok(Object.keys(rds.snapshots).some((s) => /^blog-db-final-\d{8}-\d{6}$/.test(s)));

    const force = dataSlice({ roleArn, params: { protectData: 'false' }, edit: (doc) => doc.setIn(['resources', 'media', 'properties', 'forceDestroy'], true) }).spec;
    assert.equal((await reconcile(force)).exit, 0, 'recorded on the bucket');
    const gone = await reconcile(force, { destroy: true, allowDelete: true });
    assert.equal(gone.exit, 0, gone.outcomes.filter((o) => o.status !== 'deleted').map((o) => `${o.id} ${o.status}: ${o.reason ?? ''}`).join('\n'));
    const left = await planStack(force, engineFor(force), options());
    assert.ok(left.plan.actions.every((a) => a.type === 'create'), 'nothing of the stack is left');
  });
});
