/**
 * Instance profiles through the real IAMClient: ids, one role each, tags, and the errors.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  DeleteConflictException,
  DeleteInstanceProfileCommand,
  EntityAlreadyExistsException,
  GetInstanceProfileCommand,
  IAMClient,
  LimitExceededException,
  ListInstanceProfilesForRoleCommand,
  ListInstanceProfileTagsCommand,
  NoSuchEntityException,
  RemoveRoleFromInstanceProfileCommand,
  TagInstanceProfileCommand,
  UntagInstanceProfileCommand,
} from '@aws-sdk/client-iam';
import { harness, rejection, tag } from '../harness.ts';
import { EC2_TRUST } from './fixtures.ts';

describe('iam instance profiles', () => {
  it('creates a tagged profile that holds one role', async () => {
    const iam = harness().clients.get(IAMClient);
    for (const name of ['app', 'other']) await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: EC2_TRUST }));
    const { InstanceProfile } = await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'app-profile', Path: '/blog/', Tags: [tag('blogctl:id', 'appProfile')] }));
    assert.match(InstanceProfile!.InstanceProfileId!, /^AIPA[A-Z0-9]{17}$/);
    assert.equal(InstanceProfile!.Arn, 'arn:aws:iam::123456789012:instance-profile/blog/app-profile');
    assert.deepEqual(InstanceProfile!.Roles, []);
    const dup = await rejection(iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'APP-profile' })));
    assert.ok(dup instanceof EntityAlreadyExistsException);

    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'app-profile', RoleName: 'app' }));
    const got = (await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'app-profile' }))).InstanceProfile!;
    assert.equal(got.Roles?.[0]?.RoleName, 'app');
    assert.equal(decodeURIComponent(got.Roles![0]!.AssumeRolePolicyDocument!), EC2_TRUST);
    assert.deepEqual(got.Tags, [tag('blogctl:id', 'appProfile')]);
    const second = await rejection(iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'app-profile', RoleName: 'other' })));
    assert.ok(second instanceof LimitExceededException);
    assert.equal(second.message, 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1');
    const forRole = await iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'app' }));
    assert.deepEqual(forRole.InstanceProfiles?.map((p) => p.InstanceProfileName), ['app-profile']);
    assert.equal(forRole.IsTruncated, false);
  });

  it('tags profiles, and deletes one only once its role is removed', async () => {
    const iam = harness().clients.get(IAMClient);
    await iam.send(new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: EC2_TRUST }));
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'p' }));
    await iam.send(new TagInstanceProfileCommand({ InstanceProfileName: 'p', Tags: [tag('a', '1'), tag('b', '2')] }));
    await iam.send(new UntagInstanceProfileCommand({ InstanceProfileName: 'p', TagKeys: ['a'] }));
    assert.deepEqual((await iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'p' }))).Tags, [tag('b', '2')]);
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'p', RoleName: 'app' }));
    const conflict = await rejection(iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'p' })));
    assert.ok(conflict instanceof DeleteConflictException);
    await iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'p', RoleName: 'app' }));
    const notIn = await rejection(iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'p', RoleName: 'app' })));
    assert.ok(notIn instanceof NoSuchEntityException);
    await iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'p' }));
    const gone = await rejection(iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'p' })));
    assert.ok(gone instanceof NoSuchEntityException);
    assert.equal(gone.message, 'Instance Profile p cannot be found.');
  });
});
