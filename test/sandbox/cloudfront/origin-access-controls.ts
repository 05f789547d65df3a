/**
 * CloudFront origin access controls through the real client: round trips with ETags,
 * unique names, If-Match, in use by a distribution, and listing with the SDK's paginator.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateDistributionCommand,
  CreateOriginAccessControlCommand,
  DeleteOriginAccessControlCommand,
  GetOriginAccessControlCommand,
  GetOriginAccessControlConfigCommand,
  InvalidArgument,
  InvalidIfMatchVersion,
  NoSuchOriginAccessControl,
  OriginAccessControlAlreadyExists,
  type OriginAccessControlConfig,
  OriginAccessControlInUse,
  paginateListOriginAccessControls,
  PreconditionFailed,
  UpdateDistributionCommand,
  UpdateOriginAccessControlCommand,
} from '@aws-sdk/client-cloudfront';
import { rejection } from '../harness.ts';
import { cfHarness, DEPLOY_MS, distributionConfig } from './fixtures.ts';

const oacConfig = (Name: string, extra: Partial<OriginAccessControlConfig> = {}): OriginAccessControlConfig => ({
  Name,
  SigningProtocol: 'sigv4',
  SigningBehavior: 'always',
  OriginAccessControlOriginType: 's3',
  ...extra,
});

describe('cloudfront origin access controls', () => {
  it('creates, reads, updates and deletes with ETags', async () => {
    const { cf } = cfHarness();
    const created = await cf.send(new CreateOriginAccessControlCommand({ OriginAccessControlConfig: oacConfig('blog-media-oac', { Description: 'signs to S3' }) }));
    const Id = created.OriginAccessControl!.Id!;
    assert.match(Id, /^E[A-Z0-9]{13}$/);
    assert.equal(created.Location, `https://cloudfront.amazonaws.com/2020-05-31/origin-access-control/${Id}`);
    const got = await cf.send(new GetOriginAccessControlCommand({ Id }));
    assert.deepEqual(got.OriginAccessControl, { Id, OriginAccessControlConfig: oacConfig('blog-media-oac', { Description: 'signs to S3' }) });
    assert.equal(got.ETag, created.ETag);
    const config = await cf.send(new GetOriginAccessControlConfigCommand({ Id }));
    assert.equal(config.OriginAccessControlConfig?.SigningBehavior, 'always');

    const change = oacConfig('blog-media-oac', { SigningBehavior: 'no-override' });
    assert.ok((await rejection(cf.send(new UpdateOriginAccessControlCommand({ Id, OriginAccessControlConfig: change })))) instanceof InvalidIfMatchVersion);
    assert.ok((await rejection(cf.send(new UpdateOriginAccessControlCommand({ Id, OriginAccessControlConfig: change, IfMatch: 'E00000000000XX' })))) instanceof PreconditionFailed);
    const updated = await cf.send(new UpdateOriginAccessControlCommand({ Id, OriginAccessControlConfig: change, IfMatch: created.ETag }));
    assert.notEqual(updated.ETag, created.ETag);
    assert.equal(updated.OriginAccessControl?.OriginAccessControlConfig?.Description, '', 'an omitted description is empty');
    assert.equal(updated.OriginAccessControl?.OriginAccessControlConfig?.SigningBehavior, 'no-override');

    assert.ok((await rejection(cf.send(new DeleteOriginAccessControlCommand({ Id, IfMatch: created.ETag })))) instanceof PreconditionFailed);
    await cf.send(new DeleteOriginAccessControlCommand({ Id, IfMatch: updated.ETag }));
    const gone = await rejection(cf.send(new GetOriginAccessControlCommand({ Id })));
    assert.ok(gone instanceof NoSuchOriginAccessControl);
    assert.equal(gone.$metadata?.httpStatusCode, 404);
  });

  it('keeps names unique and values valid', async () => {
    const { cf } = cfHarness();
    const a = await cf.send(new CreateOriginAccessControlCommand({ OriginAccessControlConfig: oacConfig('a') }));
    await cf.send(new CreateOriginAccessControlCommand({ OriginAccessControlConfig: oacConfig('b') }));
    const duplicate = await rejection(cf.send(new CreateOriginAccessControlCommand({ OriginAccessControlConfig: oacConfig('a') })));
    assert.ok(duplicate instanceof OriginAccessControlAlreadyExists);
    assert.equal(duplicate.$metadata?.httpStatusCode, 409);
    const rename = await rejection(cf.send(new UpdateOriginAccessControlCommand({ Id: a.OriginAccessControl!.Id, IfMatch: a.ETag, OriginAccessControlConfig: oacConfig('b') })));
    assert.ok(rename instanceof OriginAccessControlAlreadyExists);
    const bad = await rejection(cf.send(new CreateOriginAccessControlCommand({ OriginAccessControlConfig: oacConfig('c', { SigningBehavior: 'sometimes' as never }) })));
    assert.ok(bad instanceof InvalidArgument);
  });

  it('refuses to delete one a distribution uses, until the distribution stops using it', async () => {
    const { cf, clock } = cfHarness();
    const oac = await cf.send(new CreateOriginAccessControlCommand({ OriginAccessControlConfig: oacConfig('blog-media-oac') }));
    const Id = oac.OriginAccessControl!.Id!;
    const dist = await cf.send(new CreateDistributionCommand({ DistributionConfig: distributionConfig({ oacId: Id }) }));
    const inUse = await rejection(cf.send(new DeleteOriginAccessControlCommand({ Id, IfMatch: oac.ETag })));
    assert.ok(inUse instanceof OriginAccessControlInUse);
    assert.equal(inUse.$metadata?.httpStatusCode, 409);
    clock.advance(DEPLOY_MS);
    await cf.send(new UpdateDistributionCommand({ Id: dist.Distribution!.Id, IfMatch: dist.ETag, DistributionConfig: distributionConfig() }));
    await cf.send(new DeleteOriginAccessControlCommand({ Id, IfMatch: oac.ETag }));
  });

  it('lists page by page with Marker and MaxItems', async () => {
    const { cf } = cfHarness();
    const ids: string[] = [];
    for (const name of ['o1', 'o2', 'o3', 'o4', 'o5']) ids.push((await cf.send(new CreateOriginAccessControlCommand({ OriginAccessControlConfig: oacConfig(name) }))).OriginAccessControl!.Id!);
    const pages = [];
    for await (const page of paginateListOriginAccessControls({ client: cf, pageSize: 2 }, {})) pages.push(page.OriginAccessControlList!);
    assert.deepEqual(pages.map((p) => p.Quantity), [2, 2, 1]);
    assert.deepEqual(pages.map((p) => p.IsTruncated), [true, true, false]);
    assert.equal(pages[0]!.NextMarker, pages[0]!.Items![1]!.Id, 'NextMarker is the last id of the page');
    assert.deepEqual(pages.flatMap((p) => p.Items!.map((i) => i.Id)), [...ids].sort());
    assert.deepEqual(pages[2]!.Items![0]!.Description, '');
  });
});
