/**
 * cloudfront.origin-access-control on the sandbox: the owner mark in the description
 * (compared without it), adoption by name, another stack's OAC left alone, a name taken
 * at create, renames in place, If-Match re-applied, and a delete AWS refuses while a
 * distribution uses it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateOriginAccessControlCommand, GetOriginAccessControlCommand, OriginAccessControlAlreadyExists, OriginAccessControlInUse,
} from '@aws-sdk/client-cloudfront';
import { TAG } from '../../../src/reconciler/types.ts';
import { distributionAdapter } from '../../../src/resources/cloudfront-distribution/index.ts';
import { originAccessControlAdapter as oac, originAccessControlKind } from '../../../src/resources/cloudfront-origin-access-control/index.ts';
import { readMark, withMark } from '../../../src/resources/cloudfront-origin-access-control/owner-mark.ts';
import { rejection } from '../../sandbox/harness.ts';
import { only, TEST_SPEC_HASH } from '../contract.ts';
import { distDesired, oacDesired } from './fixtures.ts';
import { beforeCommand, cdnContext, type CdnContext } from './world.ts';

const config = (Name: string, Description: string) => ({
  Name, Description, OriginAccessControlOriginType: 's3' as const, SigningBehavior: 'always' as const, SigningProtocol: 'sigv4' as const,
});
const byHand = async (ctx: CdnContext, name: string, description = 'made by hand') =>
  (await ctx.cf.send(new CreateOriginAccessControlCommand({ OriginAccessControlConfig: config(name, description) }))).OriginAccessControl!.Id!;

describe('cloudfront.origin-access-control', () => {
  it('AWS keeps the spec description followed by the owner mark; diff compares the spec part', async () => {
    const ctx = cdnContext();
    const made = await oac.create('mediaOac', oacDesired('blog-media-oac'), ctx);
    const held = (await ctx.cf.send(new GetOriginAccessControlCommand({ Id: made.oacId }))).OriginAccessControl!.OriginAccessControlConfig!.Description;
    assert.equal(held, `signs requests to the media bucket [blogctl ${ctx.stack}/mediaOac ${TEST_SPEC_HASH}]`);
    assert.deepEqual(made.tags, { [TAG.stack]: ctx.stack, [TAG.id]: 'mediaOac', [TAG.spec]: TEST_SPEC_HASH });
    assert.deepEqual(oac.diff(oacDesired('blog-media-oac'), made), []);
    assert.deepEqual(readMark('no mark here'), { description: 'no mark here', identity: {} });
    const full = { [TAG.stack]: 'blog', [TAG.id]: 'mediaOac', [TAG.spec]: TEST_SPEC_HASH, [TAG.protect]: 'true', [TAG.deps]: 'cert,zone' };
    assert.equal(withMark('signs', full), `signs [blogctl blog/mediaOac ${TEST_SPEC_HASH} protect deps=cert,zone]`);
    assert.deepEqual(readMark(withMark('signs', full)), { description: 'signs', identity: full });
    assert.throws(() => withMark('x'.repeat(128), { ...full, [TAG.deps]: 'd'.repeat(100) }), /more than AWS's 256: shorten the description/);
    const empty = await oac.create('bare', oacDesired('bare', { description: '' }), ctx);
    assert.equal(empty.description, '');
  });

  it('an unmarked OAC of the requested name is an adoption candidate; adopting writes the mark', async () => {
    const ctx = cdnContext();
    const id = await byHand(ctx, 'blog-media-oac');
    const desired = oacDesired('blog-media-oac');
    const candidate = only(await oac.observe([{ id: 'mediaOac', desired }], ctx), 'mediaOac')!;
    assert.equal(candidate.state.oacId, id);
    assert.deepEqual(candidate.tags, {}, 'not ours: taken only with --adopt');
    assert.deepEqual(oac.diff(desired, candidate.state).map((c) => c.path), ['description']);
    await oac.update('mediaOac', desired, candidate.state, oac.diff(desired, candidate.state), ctx);
    const adopted = only(await oac.observe([], ctx), 'mediaOac')!;
    assert.equal(adopted.state.oacId, id);
    assert.equal(adopted.tags[TAG.stack], ctx.stack);
  });

  it("another stack's OAC of that name comes back with its mark, so it is never taken over", async () => {
    const ctx = cdnContext();
    await byHand(ctx, 'blog-media-oac', 'theirs [blogctl other/mediaOac 0123456789abcdef]');
    const found = only(await oac.observe([{ id: 'mediaOac', desired: oacDesired('blog-media-oac') }], ctx), 'mediaOac')!;
    assert.equal(found.tags[TAG.stack], 'other');
    assert.equal(found.state.description, 'theirs');
  });

  it('a name taken by an OAC that is not ours fails the create; one our cut-short create made is taken up', async () => {
    const ctx = cdnContext();
    await byHand(ctx, 'taken');
    assert.ok((await rejection(oac.create('mediaOac', oacDesired('taken'), ctx))) instanceof OriginAccessControlAlreadyExists);
    const first = await oac.create('mediaOac', oacDesired('mine'), ctx);
    const again = await oac.create('mediaOac', oacDesired('mine', { signingBehavior: 'no-override' }), ctx);
    assert.equal(again.oacId, first.oacId);
    assert.equal(again.signingBehavior, 'no-override');
  });

  it('a rename is an update in place: it stays ours by its mark', async () => {
    const ctx = cdnContext();
    const made = await oac.create('mediaOac', oacDesired('old-name'), ctx);
    const renamed = oacDesired('new-name');
    await oac.update('mediaOac', renamed, made, oac.diff(renamed, made), ctx);
    const seen = only(await oac.observe([{ id: 'mediaOac', desired: renamed }], ctx), 'mediaOac')!;
    assert.deepEqual([seen.state.oacId, seen.state.name], [made.oacId, 'new-name']);
  });

  it('an update that lost the race (PreconditionFailed) reads the ETag again and re-applies', async () => {
    const ctx = cdnContext();
    const made = await oac.create('mediaOac', oacDesired('oac'), ctx);
    let raced = false;
    const stop = beforeCommand(ctx.cf, 'UpdateOriginAccessControlCommand', async () => {
      if (raced) return;
      raced = true;
      const got = (await ctx.h.sandbox.call('CloudFrontClient', 'GetOriginAccessControl', { Id: made.oacId })) as { ETag: string };
      await ctx.h.sandbox.call('CloudFrontClient', 'UpdateOriginAccessControl', { Id: made.oacId, IfMatch: got.ETag, OriginAccessControlConfig: config('oac', 'someone') });
    });
    const desired = oacDesired('oac', { signingBehavior: 'never' });
    const out = await oac.update('mediaOac', desired, made, oac.diff(desired, made), ctx);
    stop();
    assert.equal(ctx.calls('UpdateOriginAccessControl'), 2);
    assert.deepEqual(oac.diff(desired, out), []);
  });

  it('delete is refused while a distribution uses it, and succeeds once it is gone', async () => {
    const ctx = cdnContext();
    const made = await oac.create('mediaOac', oacDesired('oac'), ctx);
    const dist = await distributionAdapter.create('cdn', distDesired(made.oacId), ctx);
    assert.ok((await rejection(oac.delete(made, ctx))) instanceof OriginAccessControlInUse);
    assert.equal(await distributionAdapter.delete(dist, ctx), 'deleting');
    await oac.delete(made, ctx);
    assert.deepEqual(await oac.observe([], ctx), []);
    await oac.delete(made, ctx);
  });

  it('the kind refuses an id too long to fit the mark, at load', () => {
    const pos = { file: 'f', line: 1, col: 1 };
    const self = { id: 'x'.repeat(65), kind: 'cloudfront.origin-access-control' as const, properties: { name: 'n' }, protect: false, dependsOn: [], ignoreChanges: [], pos, positions: new Map() };
    const problems = originAccessControlKind.check(self, { region: 'us-east-1', resource: () => undefined, ofKind: () => [], posOf: () => pos });
    assert.match(problems[0]?.message ?? '', /at most 64 characters/);
  });
});
