/**
 * End to end on the sandbox, the CloudFront part of blog.spec.yaml (mediaOac + cdn)
 * through planStack/applyStack on virtual time: create (nothing waits for Deployed) ->
 * no changes -> the minimum TLS version and the OAC's signing changed with the SDK show
 * as "someone changed AWS" field by field (exit 3) -> reconcile repairs -> a cache policy
 * id that does not exist is a plan error at its line, nothing written (and through the
 * CLI: exit 1) -> destroy: disable, wait Deployed, delete, then the OAC. Again with the
 * realistic profile, and under seeded throttling and 5xx. And through the CLI on a
 * sandbox file, the tamper the issue names: `blogctl sandbox tamper` lowers the minimum
 * TLS version, plan exits 3 with that field, reconcile repairs it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  CreateOriginAccessControlCommand, GetDistributionConfigCommand, GetOriginAccessControlCommand, UpdateDistributionCommand, UpdateOriginAccessControlCommand,
  type DistributionConfig,
} from '@aws-sdk/client-cloudfront';
import { AwsClients } from '../../src/aws/clients.ts';
import { main, type Io } from '../../src/index.ts';
import { SpecError } from '../../src/reconciler/errors.ts';
import { planExitCode, planStack, applyStack, applyExitCode } from '../../src/reconciler/reconcile.ts';
import type { Spec } from '../../src/reconciler/types.ts';
import { createSandbox } from '../../src/sandbox/index.ts';
import { DURATIONS, ManualClock, type DurationProfile } from '../../src/sandbox/time.ts';
import { cdnWorld, issuedCertificate, loadCdnSpec, writeCdnSpec, type CdnWorld } from './cdn-slice.ts';

const opts = { allowDelete: false, allowReplace: false, adopt: false, destroy: false };
const WRITES = ['CreateDistributionWithTags', 'UpdateDistribution', 'DeleteDistribution', 'TagResource', 'UntagResource', 'CreateOriginAccessControl', 'UpdateOriginAccessControl', 'DeleteOriginAccessControl'];

async function plan(w: CdnWorld, spec: Spec, o: Partial<typeof opts> = {}) {
  const planned = await planStack(spec, w.engine(spec), { ...opts, ...o });
  return { planned, exit: planExitCode(planned.plan), action: (id: string) => planned.plan.actions.find((a) => a.id === id)! };
}

async function reconcile(w: CdnWorld, spec: Spec, o: Partial<typeof opts> = {}) {
  const { planned } = await plan(w, spec, o);
  const outcomes = await applyStack(spec, w.engine(spec), planned);
  return { outcomes, exit: applyExitCode(planned.plan, outcomes), status: (id: string) => outcomes.find((x) => x.id === id)?.status };
}

async function scenario(profile: DurationProfile, faults?: { throttleRate: number; serverErrorRate: number }) {
  const w = await cdnWorld({ profile, ...(faults && { faults, seed: 'cdn-e2e', maxAttempts: 6 }) });
  const spec = loadCdnSpec(writeCdnSpec(w.certificateArn));
  const deploy = DURATIONS['cloudfront.distribution.deploy'][profile];

  // Create: the distribution's outputs are known at once; apply does not wait for Deployed.
  const before = w.h.clock.now();
  const made = await reconcile(w, spec);
  assert.equal(made.exit, 0, JSON.stringify(made.outcomes));
  assert.deepEqual([made.status('mediaOac'), made.status('cdn')], ['created', 'created']);
  if (!faults) assert.ok(w.h.clock.now() - before < deploy, 'apply was not held for the deploy');
  const first = await plan(w, spec);
  assert.equal(first.exit, 0, 'a second plan says no changes');
  assert.ok(first.planned.plan.actions.every((a) => a.type === 'noop'));
  const listed = w.calls('ListDistributions');
  assert.equal((await plan(w, spec)).exit, 0);
  assert.equal(w.calls('ListDistributions'), listed, 'with tag discovery, a plan reads the distribution by its ARN: no listing');
  const cdn = first.action('cdn').observed!.state as { distributionId: string; status: string };
  if (profile === 'realistic' && !faults) assert.equal(cdn.status, 'InProgress', 'in sync while still deploying');

  // Someone changes AWS with the SDK.
  const got = await w.cf.send(new GetDistributionConfigCommand({ Id: cdn.distributionId }));
  const c = got.DistributionConfig!;
  await w.cf.send(new UpdateDistributionCommand({ Id: cdn.distributionId, IfMatch: got.ETag, DistributionConfig: { ...c, ViewerCertificate: { ...c.ViewerCertificate, MinimumProtocolVersion: 'TLSv1' } } }));
  const oacId = (first.action('mediaOac').observed!.state as { oacId: string }).oacId;
  const oac = await w.cf.send(new GetOriginAccessControlCommand({ Id: oacId }));
  await w.cf.send(new UpdateOriginAccessControlCommand({ Id: oacId, IfMatch: oac.ETag, OriginAccessControlConfig: { ...oac.OriginAccessControl!.OriginAccessControlConfig!, SigningBehavior: 'no-override' } }));
  const drift = await plan(w, spec);
  assert.equal(drift.exit, 3, 'only drift made outside the spec');
  assert.deepEqual([drift.action('cdn').type, drift.action('cdn').drift], ['update', 'aws']);
  assert.deepEqual(drift.action('cdn').changes, [{ path: 'viewerCertificate.minimumProtocolVersion', from: 'TLSv1', to: 'TLSv1.2_2021' }]);
  assert.deepEqual(drift.action('mediaOac').changes, [{ path: 'signingBehavior', from: 'no-override', to: 'always' }]);
  assert.equal(drift.action('mediaOac').drift, 'aws');
  const fixed = await reconcile(w, spec);
  assert.deepEqual([fixed.exit, fixed.status('cdn'), fixed.status('mediaOac')], [0, 'updated', 'updated']);
  assert.equal((await plan(w, spec)).exit, 0);

  // A cache policy id no account has: a plan error at its line, before any write.
  const writes = w.calls(...WRITES);
  const typo = loadCdnSpec(writeCdnSpec(w.certificateArn, (doc) => doc.setIn(['resources', 'cdn', 'properties', 'cacheBehaviors', 1, 'cachePolicyId'], '658327ea-f89e-4fab-a63d-7e88639e58f6')));
  const err = await reconcile(w, typo).catch((e: unknown) => e);
  assert.ok(err instanceof SpecError, String(err));
  assert.match(err.message, /cdn\.spec\.yaml:\d+:26: cdn: cache policy 658327ea-f89e-4fab-a63d-7e88639e58f6 does not exist in this account; did you mean the managed CachingOptimized/);
  assert.equal(w.calls(...WRITES), writes, 'nothing written');

  // Destroy: the distribution (disable, wait Deployed, delete), then the OAC it used.
  const started = w.h.clock.now();
  const gone = await reconcile(w, spec, { destroy: true, allowDelete: true });
  assert.equal(gone.exit, 0, JSON.stringify(gone.outcomes));
  assert.deepEqual(gone.outcomes.filter((o) => o.status === 'deleted').map((o) => o.id), ['cdn', 'mediaOac']);
  assert.ok(w.h.clock.now() - started >= deploy, 'the disable was deployed before the delete');
  if (profile === 'realistic') assert.ok(w.lines.some((l) => l.msg.startsWith('Still disabling...')), 'progress while disabling');
  assert.ok((await plan(w, spec)).planned.plan.actions.every((a) => a.type === 'create'), 'nothing left');
  return w;
}

test('the CloudFront slice on the sandbox: create, no changes, drift, repair, bad cache policy, destroy', async () => {
  await scenario('quick');
});

test('the same with the realistic profile: minutes of deploys on virtual time', async () => {
  await scenario('realistic');
});

test('the same under seeded throttling and 5xx: the SDK retries, the engine converges', async () => {
  const w = await scenario('quick', { throttleRate: 0.1, serverErrorRate: 0.1 });
  const failed = w.h.clients.counter.snapshot().filter((s) => s.service === 'cloudfront').flatMap((s) => Object.keys(s.errors));
  assert.ok(failed.includes('Throttling') && failed.includes('InternalFailure'), `faults were injected and retried: ${failed.join(', ')}`);
});

test('a dependent of the distribution\'s domain name is made while the distribution still deploys', async () => {
  const w = await cdnWorld({ profile: 'realistic' });
  const file = writeCdnSpec(w.certificateArn, (doc) =>
    doc.setIn(['resources', 'edgeOac'], doc.createNode({
      kind: 'cloudfront.origin-access-control',
      properties: { name: 'edge-${cdn.domainName}' },
    })),
  );
  const spec = loadCdnSpec(file);
  const graph = (await plan(w, spec)).planned.graph;
  assert.deepEqual(graph.dependencies('edgeOac').map((e) => [e.to, e.need]), [['cdn', 'exists']], 'the domain name is known once it exists');
  const started = w.h.clock.now();
  const made = await reconcile(w, spec);
  assert.deepEqual(made.outcomes.map((o) => [o.id, o.status]), [['mediaOac', 'created'], ['cdn', 'created'], ['edgeOac', 'created']]);
  assert.ok(w.h.clock.now() - started < DURATIONS['cloudfront.distribution.deploy'].realistic, 'nothing waited for Deployed');
  const edge = (await plan(w, spec)).action('edgeOac').observed!.state as { name: string };
  assert.match(edge.name, /^edge-d[a-z0-9]{13}\.cloudfront\.net$/);
});

test('a distribution that left the spec is found by tag discovery and deleted (disable, Deployed, delete) with --allow-delete', async () => {
  const w = await cdnWorld();
  const spec = loadCdnSpec(writeCdnSpec(w.certificateArn));
  assert.equal((await reconcile(w, spec)).exit, 0);
  const without = loadCdnSpec(writeCdnSpec(w.certificateArn, (doc) => doc.deleteIn(['resources', 'cdn'])));
  const blocked = await reconcile(w, without);
  assert.deepEqual([blocked.exit, blocked.status('cdn')], [4, 'blocked']);
  const pruned = await reconcile(w, without, { allowDelete: true });
  assert.deepEqual([pruned.exit, pruned.status('cdn')], [0, 'deleted']);
  assert.equal((await plan(w, without)).exit, 0, 'the OAC stays, the distribution is gone');
});

test('an OAC made by hand with the spec\'s name is taken over only with --adopt; its protection then lives in the mark', async () => {
  const w = await cdnWorld();
  const spec = loadCdnSpec(writeCdnSpec(w.certificateArn, (doc) => {
    doc.deleteIn(['resources', 'cdn']);
    doc.setIn(['resources', 'mediaOac', 'protect'], true);
  }));
  const spec0 = spec.resources[0]!.properties as { name: string; description: string };
  const byHand = await w.cf.send(new CreateOriginAccessControlCommand({
    OriginAccessControlConfig: { Name: spec0.name, Description: spec0.description, OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
  }));
  const Id = byHand.OriginAccessControl!.Id!;
  const found = await plan(w, spec);
  assert.deepEqual([found.action('mediaOac').type, found.action('mediaOac').adopt, found.action('mediaOac').blocked?.code], ['update', true, 'needs-adopt']);
  assert.deepEqual(found.action('mediaOac').changes, [], 'every field already matches: only the ownership is missing');
  const adopted = await reconcile(w, spec, { adopt: true });
  assert.equal(adopted.status('mediaOac'), 'adopted');
  const description = (await w.cf.send(new GetOriginAccessControlCommand({ Id }))).OriginAccessControl!.OriginAccessControlConfig!.Description!;
  assert.match(description, new RegExp(`^${spec0.description} \\[blogctl blog/mediaOac [0-9a-f]{16} protect\\]$`));
  assert.equal((await plan(w, spec)).exit, 0);
  const destroy = await reconcile(w, spec, { destroy: true, allowDelete: true });
  assert.equal(destroy.status('mediaOac'), 'blocked', 'protected, by the mark');
});

test('through the CLI, a cache policy id that does not exist exits 1 naming file:line:col, nothing sent but reads', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'blogctl-cdn-cli-'));
  const arn = 'arn:aws:acm:us-east-1:123456789012:certificate/0b7a4ab1-0000-4000-8000-000000000000';
  const file = writeCdnSpec(arn, (doc) => doc.setIn(['resources', 'cdn', 'properties', 'defaultCacheBehavior', 'cachePolicyId'], '00000000-0000-4000-8000-000000000000'), dir);
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), color: false };
  const code = await main(['reconcile', '--once', '-f', file, '--sandbox-file', join(dir, 'sandbox.json')], io);
  assert.equal(code, 1);
  const text = err.join('\n');
  assert.match(text, /cdn\.spec\.yaml:\d+:24: cdn: cache policy 00000000-0000-4000-8000-000000000000 does not exist in this account/);
  assert.match(text, /nothing was changed in AWS/, 'a plan-time check: AWS was read, not written');
  assert.doesNotMatch(text, /\n\s+at /, 'no stack trace');
  const shown = await main(['sandbox', 'show', '--output', 'json', '--sandbox-file', join(dir, 'sandbox.json')], { out: (t) => out.push(t), err: () => undefined, color: false });
  assert.equal(shown, 0);
  const state = JSON.parse(out.at(-1)!) as { services: { cloudfront?: { distributions: object; originAccessControls: object } } };
  assert.deepEqual([Object.keys(state.services.cloudfront?.distributions ?? {}).length, Object.keys(state.services.cloudfront?.originAccessControls ?? {}).length], [0, 0]);
});

test('through the CLI on a sandbox file: `blogctl sandbox tamper` lowers the minimum TLS version, plan exits 3 naming the field, reconcile repairs it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'blogctl-cdn-tamper-'));
  const box = ['--sandbox-file', join(dir, 'sandbox.json')];
  // The certificate, issued an hour ago on a clock of our own: the CLI's real clock finds it ISSUED.
  const sandbox = createSandbox({ file: box[1], clock: new ManualClock(Date.now() - 3_600_000) });
  const clients = new AwsClients({ sandbox });
  const arn = await issuedCertificate({ clients, clock: sandbox.clock as ManualClock }, 'www.example.com');
  clients.destroy();
  const file = writeCdnSpec(arn, undefined, dir);
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const code = await main([...argv, ...box], { out: (t) => out.push(t), err: (t) => out.push(t), color: false });
    return { code, out: out.join('\n') };
  };
  assert.equal((await run('reconcile', '--once', '-f', file)).code, 0);
  assert.equal((await run('plan', '-f', file)).code, 0);
  const state = JSON.parse((await run('sandbox', 'show', '--output', 'json')).out) as { services: { cloudfront: { distributions: Record<string, unknown> } } };
  const Id = Object.keys(state.services.cloudfront.distributions)[0]!;
  const got = JSON.parse((await run('sandbox', 'tamper', 'cloudfront', 'GetDistributionConfig', JSON.stringify({ Id }))).out) as { DistributionConfig: DistributionConfig; ETag: string };
  const lowered = { ...got.DistributionConfig, ViewerCertificate: { ...got.DistributionConfig.ViewerCertificate, MinimumProtocolVersion: 'TLSv1' } };
  assert.equal((await run('sandbox', 'tamper', 'cloudfront', 'UpdateDistribution', JSON.stringify({ Id, IfMatch: got.ETag, DistributionConfig: lowered }))).code, 0);
  const drift = await run('plan', '-f', file);
  assert.equal(drift.code, 3, drift.out);
  assert.match(drift.out, /~ cdn .*someone changed AWS/);
  assert.match(drift.out, /viewerCertificate\.minimumProtocolVersion: "TLSv1" -> "TLSv1\.2_2021"/);
  const fix = await run('reconcile', '--once', '-f', file);
  assert.equal(fix.code, 0, fix.out);
  assert.match(fix.out, /updated +cdn/);
  assert.equal((await run('plan', '-f', file)).code, 0);
});
