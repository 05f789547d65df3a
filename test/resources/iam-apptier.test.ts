/**
 * IAM roles and instance profiles, their own cases on the sandbox: documents compared by
 * meaning (IAM's URL-encoding, rewritten key order and lists are not drift; a real
 * change names its statement), the stack's path (found in one list call, other stacks
 * unseen), and a role of our name at another path: reported, never moved or written.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateRoleCommand, IAMClient, ListRoleTagsCommand, PutRolePolicyCommand, UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { TAG } from '../../src/reconciler/types.ts';
import { instanceProfileAdapter } from '../../src/resources/iam-instance-profile/index.ts';
import { roleAdapter } from '../../src/resources/iam-role/index.ts';
import { harness } from '../sandbox/harness.ts';
import { roleDesired } from './apptier-fixtures.ts';
import { engineClock, only, testContext } from './contract.ts';

function twoStacks() {
  const h = harness();
  const ctx = (stack: string) => testContext(h.clients, h.sandbox.region, stack, engineClock(h.clock));
  return { h, iam: h.clients.get(IAMClient), a: ctx('alpha'), b: ctx('beta') };
}

describe('iam.role', () => {
  it('does not see drift in documents IAM or a person rewrote without changing their meaning', async () => {
    const { iam, a } = twoStacks();
    const desired = roleDesired(a);
    await roleAdapter.create('appRole', desired, a);
    // Same policies, written otherwise: keys reordered, lists for strings, whitespace, no Version.
    await iam.send(new PutRolePolicyCommand({
      RoleName: desired.roleName, PolicyName: 'media',
      PolicyDocument: '{\n  "Statement": [ { "Resource": ["arn:aws:s3:::media/*"], "Action": ["s3:GetObject"], "Effect": "Allow", "Sid": "ReadMedia" } ]\n}',
    }));
    await iam.send(new UpdateAssumeRolePolicyCommand({
      RoleName: desired.roleName,
      PolicyDocument: JSON.stringify({ Statement: [{ Action: ['sts:AssumeRole'], Principal: { Service: ['ec2.amazonaws.com'] }, Effect: 'Allow' }], Version: '2012-10-17' }),
    }));
    const seen = only(await roleAdapter.observe([{ id: 'appRole', desired }], a), 'appRole')!;
    assert.deepEqual(roleAdapter.diff(desired, seen.state), []);

    const wider = { ...desired, inlinePolicies: { media: { Version: '2012-10-17' as const, Statement: [{ Sid: 'ReadMedia', Effect: 'Allow' as const, Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::media/*' }] } } };
    const changes = roleAdapter.diff(wider, seen.state);
    assert.deepEqual(changes.map((c) => c.path), ['inlinePolicies.media.Statement[ReadMedia]']);
    await roleAdapter.update('appRole', wider, seen.state, changes, a);
    assert.deepEqual(roleAdapter.diff(wider, only(await roleAdapter.observe([], a), 'appRole')!.state), []);
  });

  it('keeps each stack\'s roles under /blogctl/<stack>/: one list call finds ours, never another stack\'s', async () => {
    const { a, b } = twoStacks();
    const ours = await roleAdapter.create('appRole', roleDesired(a), a);
    await roleAdapter.create('appRole', roleDesired(b), b);
    assert.equal(ours.path, '/blogctl/alpha/');
    assert.match(ours.arn, /:role\/blogctl\/alpha\/alpha-app$/);
    const found = await roleAdapter.observe([], a);
    assert.deepEqual(found.map((f) => [f.id, f.state.roleName, f.tags[TAG.stack]]), [['appRole', 'alpha-app', 'alpha']]);
    assert.equal(a.counter.count('iam', 'ListRoles'), 1);
  });

  it('reports a role of our name at another path for adoption, and refuses to take it over without writing anything', async () => {
    const { iam, a } = twoStacks();
    const desired = roleDesired(a);
    await iam.send(new CreateRoleCommand({ RoleName: desired.roleName, AssumeRolePolicyDocument: JSON.stringify(desired.assumeRolePolicy) }));
    const candidate = only(await roleAdapter.observe([{ id: 'appRole', desired }], a), 'appRole')!;
    assert.equal(candidate.tags[TAG.stack], undefined, 'not ours: only with --adopt');
    const changes = roleAdapter.diff(desired, candidate.state);
    assert.deepEqual(changes.find((c) => c.path === 'path'), { path: 'path', from: '/', to: '/blogctl/alpha/', deleteBeforeReplace: true });
    await assert.rejects(roleAdapter.update('appRole', desired, candidate.state, changes, a),
      /role "alpha-app" exists at path "\/", and IAM cannot move it to "\/blogctl\/alpha\/" where blogctl keeps this stack's roles: delete it \(or give the spec another name\)/);
    const tags = await iam.send(new ListRoleTagsCommand({ RoleName: desired.roleName }));
    assert.deepEqual(tags.Tags, [], 'nothing written');
  });

  it('deletes what the role holds now, policies added behind its back included', async () => {
    const { iam, a } = twoStacks();
    const made = await roleAdapter.create('appRole', roleDesired(a), a);
    await iam.send(new PutRolePolicyCommand({ RoleName: made.roleName, PolicyName: 'extra', PolicyDocument: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }] }) }));
    await roleAdapter.delete(made, a);
    assert.deepEqual(await roleAdapter.observe([], a), []);
  });
});

describe('iam.instance-profile', () => {
  it('lives under the stack\'s path and swaps its one role in place', async () => {
    const { a } = twoStacks();
    const [r1, r2] = await Promise.all([roleAdapter.create('r1', roleDesired(a, 'one'), a), roleAdapter.create('r2', roleDesired(a, 'two'), a)]);
    const desired = { instanceProfileName: 'alpha-app', path: '/', roleName: r1.roleName };
    const made = await instanceProfileAdapter.create('profile', desired, a);
    assert.match(made.arn, /:instance-profile\/blogctl\/alpha\/alpha-app$/);
    const swapped = { ...desired, roleName: r2.roleName };
    const changes = instanceProfileAdapter.diff(swapped, made);
    assert.deepEqual(changes.map((c) => c.path), ['roleName']);
    await instanceProfileAdapter.update('profile', swapped, made, changes, a);
    const seen = only(await instanceProfileAdapter.observe([], a), 'profile')!;
    assert.equal(seen.state.roleName, r2.roleName);
    assert.equal(seen.state.instanceProfileId, made.instanceProfileId, 'the same profile');
  });
});
