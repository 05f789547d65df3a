/**
 * The engine's identity regressions (issue 7) against moto, through the CLI as a user
 * runs it with AWS_ENDPOINT_URL: protect added to an existing resource is written and
 * then blocks its delete; drift made outside the spec exits 3, a spec change 2.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DescribeSubnetsCommand, EC2Client, ModifySubnetAttributeCommand } from '@aws-sdk/client-ec2';
import { main, type Io } from '../../src/index.ts';
import { motoSuite } from './server.ts';

const moto = motoSuite();
const dir = mkdtempSync(join(tmpdir(), 'blogctl-moto-id-'));
const stack = `id${process.pid}`;

const specText = (subnetMeta: string, withSubnet = true) => `apiVersion: blogctl/v1
stack: ${stack}
region: us-east-1
resources:
  vpc:
    kind: ec2.vpc
    properties: { cidrBlock: 10.61.0.0/16 }
${withSubnet ? `  subnet:
    kind: ec2.subnet
${subnetMeta}    properties:
      vpcId: \${vpc}
      cidrBlock: 10.61.1.0/24
      availabilityZone: us-east-1a
      mapPublicIpOnLaunch: true
` : ''}`;

let n = 0;
async function run(text: string, ...argv: string[]) {
  const file = join(dir, `spec-${++n}.yaml`);
  writeFileSync(file, text);
  const out: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => out.push(t), color: false };
  const code = await main([...argv, '-f', file], io);
  return { code, out: out.join('\n') };
}

describe('identity tags on moto', { skip: moto.unavailable }, () => {
  it('create, protect, blocked delete, drift exits 3', async () => {
    assert.equal((await run(specText(''), 'reconcile', '--once')).code, 0);
    assert.equal((await run(specText(''), 'plan')).code, 0);
    const protectedSpec = specText('    protect: true\n');
    const plan = await run(protectedSpec, 'plan', '--output', 'json');
    assert.equal(plan.code, 2);
    const subnet = JSON.parse(plan.out).actions.find((a: { id: string }) => a.id === 'subnet');
    assert.deepEqual([subnet.action, subnet.drift], ['update', 'spec']);
    assert.ok(subnet.changes.some((c: { path: string; to: string }) => c.path === 'tags.blogctl:protect' && c.to === 'true'));
    assert.equal((await run(protectedSpec, 'reconcile', '--once')).code, 0);
    const ec2 = new EC2Client({});
    const live = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'tag:blogctl:stack', Values: [stack] }] }))).Subnets!;
    assert.equal(live.length, 1);
    assert.equal(live[0]!.Tags!.find((t) => t.Key === 'blogctl:protect')?.Value, 'true');

    await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: live[0]!.SubnetId!, MapPublicIpOnLaunch: { Value: false } }));
    assert.equal((await run(protectedSpec, 'plan')).code, 3, 'someone changed AWS');
    assert.equal((await run(protectedSpec, 'reconcile', '--once')).code, 0);

    const gone = await run(specText('', false), 'reconcile', '--once', '--allow-delete');
    assert.equal(gone.code, 4, gone.out);
    assert.match(gone.out, /blocked {3}subnet \(ec2\.subnet\): protected/);
    ec2.destroy();
  });
});
