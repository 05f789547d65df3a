/**
 * `blogctl drift` on the network slice in a sandbox file: in sync (0); changed outside
 * the spec, field by field (3); the spec changed (2); deleted out of band, with what
 * shows it existed (3); a new resource not created yet (2); --unmanaged finds an
 * untagged subnet in the VPC and leaves out AWS's defaults; --explain lists what
 * ignoreChanges and the normalisers suppressed; and it never writes.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeCalls } from '../../src/aws/read-operations.ts';
import { parseCli } from '../../src/cli/args.ts';
import { driftWired } from '../../src/cli/commands/drift.ts';
import { loadSpecFor } from '../../src/cli/commands/spec.ts';
import { prepareAdapters, wire } from '../../src/cli/wiring.ts';
import { main, type Io } from '../../src/index.ts';
import { openSandbox } from '../../src/sandbox/index.ts';
import { writeNetworkSpec } from './network-slice.ts';

// The adapters wire() hands the engine: all of them, as the CLI loads them for an untargeted run.
await prepareAdapters();

const dir = mkdtempSync(join(tmpdir(), 'blogctl-drift-'));
const file = join(dir, 'sandbox.json');
const spec = writeNetworkSpec((doc) => doc.setIn(['resources', 'vpc', 'ignoreChanges'], ['tags.Owner']), mkdtempSync(join(dir, 's-')));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), color: false };
  const code = await main([...argv, '--sandbox-file', file], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

interface Entry { id: string; kind: string; state: string; class: string; changes: { path: string; spec: unknown; live: unknown }[]; evidence: string[]; suppressed: { path: string; reason: string }[] }
const driftJson = async (...extra: string[]) => {
  const r = await run('drift', '-f', spec, '--output', 'json', ...extra);
  const body = JSON.parse(r.out) as { formatVersion: number; exitCode: number; resources: Entry[]; ignored: { physicalId: string; reason: string }[]; apiCalls: { total: number; writes: number } };
  assert.equal(body.exitCode, r.code);
  return { code: r.code, body, entry: (id: string) => body.resources.find((e) => e.id === id)! };
};
const idOf = async (logical: string) => {
  const state = JSON.parse((await run('sandbox', 'show', '--output', 'json')).out) as { services: { ec2: { tags: Record<string, Record<string, string>> } } };
  return Object.entries(state.services.ec2.tags).find(([, t]) => t['blogctl:id'] === logical)![0];
};
const tamper = (op: string, input: object) => run('sandbox', 'tamper', 'ec2', op, JSON.stringify(input));

test('drift through its states, with exit codes and zero writes', async (t) => {
  assert.equal((await run('reconcile', '--once', '-f', spec)).code, 0);

  await t.test('in sync: exit 0, every resource in sync, no write call', async () => {
    const d = await driftJson();
    assert.equal(d.code, 0);
    assert.equal(d.body.formatVersion, 1);
    assert.ok(d.body.resources.every((e) => e.state === 'in-sync'));
    assert.deepEqual(d.body.apiCalls.writes, 0);
  });

  await t.test('changed outside the spec: exit 3, field by field (applied -> now); ignoreChanges suppressed, said with --explain', async () => {
    await tamper('ModifySubnetAttribute', { SubnetId: await idOf('publicSubnetA'), MapPublicIpOnLaunch: { Value: false } });
    await tamper('CreateTags', { Resources: [await idOf('vpc')], Tags: [{ Key: 'Owner', Value: 'alice' }] });
    const d = await driftJson('--explain');
    assert.equal(d.code, 3);
    assert.deepEqual(d.entry('publicSubnetA').changes, [{ path: 'mapPublicIpOnLaunch', spec: true, live: false }]);
    assert.equal(d.entry('publicSubnetA').class, 'outside');
    assert.equal(d.entry('vpc').state, 'in-sync');
    assert.deepEqual(d.entry('vpc').suppressed, [{ path: 'tags.Owner', spec: null, live: 'alice', reason: 'ignoreChanges: tags.Owner' }]);
    const text = await run('drift', '-f', spec);
    assert.match(text.out, /~ publicSubnetA +ec2\.subnet +changed outside the spec: someone changed AWS\n +mapPublicIpOnLaunch: applied true, AWS now false/);
    assert.doesNotMatch(text.out, /Owner/, 'without --explain, suppressed differences stay out');
    const md = await run('drift', '-f', spec, '--output', 'markdown');
    assert.match(md.out, /^### blogctl drift: stack `blog`/);
    assert.match(md.out, /\| `~` \| `publicSubnetA` \| ec2\.subnet \| changed outside the spec \|/);
    assert.match(md.out, /<details><summary><code>publicSubnetA<\/code>: changed outside the spec<\/summary>/);
  });

  await t.test('a spec change not applied: exit 2 even with drift made outside', async () => {
    const changed = writeNetworkSpec((doc) => doc.setIn(['resources', 'privateSubnetA', 'properties', 'tags', 'Tier'], 'data'), mkdtempSync(join(dir, 'c-')));
    const r = await run('drift', '-f', changed, '--output', 'json');
    assert.equal(r.code, 2);
    const e = (JSON.parse(r.out) as { resources: Entry[] }).resources.find((x) => x.id === 'privateSubnetA')!;
    assert.deepEqual([e.state, e.class], ['spec-pending', 'spec']);
    assert.ok(e.changes.some((c) => c.path === 'tags.Tier' && c.spec === 'data'));
  });

  await t.test('deleted out of band: missing, with what still names it; a new resource: not created', async () => {
    assert.equal((await run('reconcile', '--once', '-f', spec)).code, 0);
    const igw = await idOf('igw');
    await tamper('DetachInternetGateway', { InternetGatewayId: igw, VpcId: await idOf('vpc') });
    await tamper('DeleteInternetGateway', { InternetGatewayId: igw });
    const d = await driftJson();
    assert.equal(d.code, 3, 'deleted out of band is drift made outside the spec');
    assert.equal(d.entry('igw').state, 'missing');
    assert.deepEqual(d.entry('igw').evidence, [
      "publicRouteTable's blogctl:deps tag names it",
      `publicRouteTable's routes[0.0.0.0/0] still holds {"destinationCidrBlock":"0.0.0.0/0","gatewayId":"${igw}"}`,
    ]);
    const more = writeNetworkSpec((doc) => doc.setIn(['resources', 'extraSg'], doc.createNode({ kind: 'ec2.security-group', properties: { vpcId: '${vpc}', groupName: 'blog-extra', description: 'extra' } })), mkdtempSync(join(dir, 'n-')));
    const r = await run('drift', '-f', more, '--output', 'json');
    assert.equal(r.code, 2);
    const e = (JSON.parse(r.out) as { resources: Entry[] }).resources.find((x) => x.id === 'extraSg')!;
    assert.equal(e.state, 'not-created');
    assert.deepEqual(e.evidence, []);
  });

  await t.test('--unmanaged: an untagged subnet in the VPC; the main route table and default group are only explained', async () => {
    const made = JSON.parse((await tamper('CreateSubnet', { VpcId: await idOf('vpc'), CidrBlock: '90.90.99.0/24' })).out) as { Subnet: { SubnetId: string } };
    const d = await driftJson('--unmanaged', '--explain');
    const u = d.entry(made.Subnet.SubnetId);
    assert.deepEqual([u.kind, u.state, u.class], ['ec2.subnet', 'unmanaged', 'outside']);
    assert.deepEqual(d.body.ignored.map((i) => i.reason).sort(), ['the default security group AWS makes with the VPC', 'the main route table AWS makes with the VPC']);
    assert.equal((await driftJson()).body.resources.some((e) => e.state === 'unmanaged'), false, 'only with --unmanaged');
  });

  await t.test('--unmanaged beyond the network: an instance started by hand in the VPC, a bucket and a launch template named blog-*; said which kinds were looked at', async () => {
    const images = JSON.parse((await tamper('DescribeImages', { Owners: ['amazon'] })).out) as { Images: { ImageId: string }[] };
    const run1 = JSON.parse((await tamper('RunInstances', { ImageId: images.Images[0]!.ImageId, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, SubnetId: await idOf('privateSubnetA') })).out) as { Instances: { InstanceId: string }[] };
    const handMade = run1.Instances[0]!.InstanceId;
    await tamper('CreateLaunchTemplate', { LaunchTemplateName: 'blog-manual', LaunchTemplateData: { InstanceType: 't3.micro' } });
    await run('sandbox', 'tamper', 's3', 'CreateBucket', JSON.stringify({ Bucket: 'blog-stray-uploads' }));
    await run('sandbox', 'tamper', 's3', 'CreateBucket', JSON.stringify({ Bucket: 'other-team-bucket' }));
    const r = await run('drift', '-f', spec, '--output', 'json', '--unmanaged');
    const body = JSON.parse(r.out) as { unmanagedKinds: string[]; resources: Entry[] };
    const unmanaged = body.resources.filter((e) => e.state === 'unmanaged').map((e) => `${e.kind} ${e.kind === 'ec2.launch-template' ? 'lt' : e.id}`);
    assert.ok(unmanaged.includes(`ec2.instance ${handMade}`), unmanaged.join(', '));
    assert.ok(unmanaged.includes('s3.bucket blog-stray-uploads'), unmanaged.join(', '));
    assert.ok(unmanaged.includes('ec2.launch-template lt'), unmanaged.join(', '));
    assert.ok(!unmanaged.includes('s3.bucket other-team-bucket'), 'a bucket outside the stack\'s name prefix is not the stack\'s business');
    for (const kind of ['ec2.vpc', 'ec2.instance', 'ec2.vpc-endpoint', 'ec2.launch-template', 's3.bucket']) assert.ok(body.unmanagedKinds.includes(kind), kind);
    assert.match((await run('drift', '-f', spec, '--unmanaged')).out, /untagged resources looked for among ec2\.vpc, .*s3\.bucket; other kinds are not/);
    assert.match((await run('drift', '-f', spec, '--unmanaged', '--output', 'markdown')).out, /^_\(untagged resources looked for among ec2\.vpc, .*s3\.bucket; other kinds are not\)_$/m, 'a ticket says it too');
    assert.match((await run('drift', '-f', spec, '--output', 'markdown')).out, /^_\(untagged resources were not looked for: --unmanaged does\)_$/m);
    await tamper('TerminateInstances', { InstanceIds: [handMade] });
    const after = await driftJson('--unmanaged');
    assert.equal(after.body.resources.some((e) => e.id === handMade), false, 'a terminated instance is not listed');
  });

  await t.test('read-only, provably: the account itself saw no write from a drift run', async () => {
    const args = parseCli(['drift', '-f', spec, '--sandbox-file', file, '--unmanaged', '--explain']);
    const sandbox = openSandbox({ file });
    const loaded = loadSpecFor(args);
    const wired = wire(loaded, args, sandbox);
    const out: string[] = [];
    await driftWired(args, { out: (x) => out.push(x), err: () => undefined }, 'text', loaded, wired);
    assert.ok(wired.clients.counter.total > 10, 'it did read');
    assert.deepEqual(writeCalls(wired.clients.counter.snapshot()), {}, 'the clients sent no write');
    assert.deepEqual(writeCalls(sandbox.calls.snapshot()), {}, 'the simulated account received none');
  });
});
