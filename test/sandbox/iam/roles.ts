/**
 * IAM roles through the real IAMClient: ids and ARNs, the URL-encoded trust policy,
 * updates, tags, Marker paging and the errors AWS answers.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteConflictException,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  EntityAlreadyExistsException,
  GetRoleCommand,
  IAMClient,
  IAMServiceException,
  LimitExceededException,
  ListRolesCommand,
  ListRoleTagsCommand,
  MalformedPolicyDocumentException,
  NoSuchEntityException,
  paginateListRoles,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  RemoveRoleFromInstanceProfileCommand,
} from '@aws-sdk/client-iam';
import { harness, rejection, tag } from '../harness.ts';
import { EC2_TRUST, identityPolicy, LAMBDA_TRUST } from './fixtures.ts';

function iamOf(h = harness()) {
  return { ...h, iam: h.clients.get(IAMClient) };
}

describe('iam roles', () => {
  it('creates a role with AWS ids, a global ARN and the trust policy URL-encoded as given', async () => {
    const { iam } = iamOf();
    const document = `{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]\n}`;
    const { Role } = await iam.send(new CreateRoleCommand({ RoleName: 'app', Path: '/blog/', AssumeRolePolicyDocument: document, Description: 'the app', Tags: [tag('blogctl:stack', 'blog')] }));
    assert.match(Role!.RoleId!, /^AROA[A-Z0-9]{17}$/);
    assert.equal(Role!.Arn, 'arn:aws:iam::123456789012:role/blog/app');
    assert.equal(Role!.AssumeRolePolicyDocument, encodeURIComponent(document));
    assert.deepEqual(Role!.Tags, [tag('blogctl:stack', 'blog')]);
    const got = (await iam.send(new GetRoleCommand({ RoleName: 'app' }))).Role!;
    assert.equal(decodeURIComponent(got.AssumeRolePolicyDocument!), document, 'the SDK does not decode it: callers must');
    assert.equal(got.MaxSessionDuration, 3600);
    assert.equal(got.Description, 'the app');
    assert.deepEqual(got.RoleLastUsed, {});
    assert.ok(got.CreateDate instanceof Date);
  });

  it('answers typed errors: duplicates (regardless of case), missing roles, malformed policies, bad names', async () => {
    const { iam } = iamOf();
    await iam.send(new CreateRoleCommand({ RoleName: 'App', AssumeRolePolicyDocument: EC2_TRUST }));
    const dup = await rejection(iam.send(new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: EC2_TRUST })));
    assert.ok(dup instanceof EntityAlreadyExistsException);
    assert.equal(dup.$metadata?.httpStatusCode, 409);
    assert.equal(dup.message, 'Role with name app already exists.');
    const missing = await rejection(iam.send(new GetRoleCommand({ RoleName: 'nope' })));
    assert.ok(missing instanceof NoSuchEntityException);
    assert.equal(missing.$metadata?.httpStatusCode, 404);
    assert.equal((missing as unknown as { Code: string }).Code, 'NoSuchEntity', 'the wire code, as a parsed awsQuery error has it');
    for (const bad of ['{not json', JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', Resource: '*' }] })]) {
      const err = await rejection(iam.send(new CreateRoleCommand({ RoleName: 'other', AssumeRolePolicyDocument: bad })));
      assert.ok(err instanceof MalformedPolicyDocumentException, err.message);
    }
    const name = await rejection(iam.send(new CreateRoleCommand({ RoleName: 'bad name', AssumeRolePolicyDocument: EC2_TRUST })));
    assert.ok(name instanceof IAMServiceException);
    assert.equal(name.name, 'ValidationError');
    assert.match(name.message, /at 'roleName' failed to satisfy constraint/);
  });

  it('updates the trust policy, description and session duration', async () => {
    const { iam } = iamOf();
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: EC2_TRUST }));
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'r', PolicyDocument: LAMBDA_TRUST }));
    await iam.send(new UpdateRoleCommand({ RoleName: 'r', Description: 'now lambda', MaxSessionDuration: 7200 }));
    const role = (await iam.send(new GetRoleCommand({ RoleName: 'r' }))).Role!;
    assert.equal(decodeURIComponent(role.AssumeRolePolicyDocument!), LAMBDA_TRUST);
    assert.equal(role.Description, 'now lambda');
    assert.equal(role.MaxSessionDuration, 7200);
    const tooLong = await rejection(iam.send(new UpdateRoleCommand({ RoleName: 'r', MaxSessionDuration: 100 })));
    assert.equal(tooLong.name, 'ValidationError');
  });

  it('tags roles with case-insensitive keys, up to 50', async () => {
    const { iam } = iamOf();
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: EC2_TRUST, Tags: [tag('Env', 'dev')] }));
    await iam.send(new TagRoleCommand({ RoleName: 'r', Tags: [tag('env', 'prod'), tag('team', 'blog')] }));
    assert.deepEqual((await iam.send(new ListRoleTagsCommand({ RoleName: 'r' }))).Tags, [tag('env', 'prod'), tag('team', 'blog')]);
    await iam.send(new UntagRoleCommand({ RoleName: 'r', TagKeys: ['TEAM'] }));
    assert.deepEqual((await iam.send(new ListRoleTagsCommand({ RoleName: 'r' }))).Tags, [tag('env', 'prod')]);
    const many = Array.from({ length: 50 }, (_, i) => tag(`k${i}`, 'v'));
    const err = await rejection(iam.send(new TagRoleCommand({ RoleName: 'r', Tags: many })));
    assert.ok(err instanceof LimitExceededException);
  });

  it('pages ListRoles with Marker and MaxItems, through the SDK paginator', async () => {
    const { iam } = iamOf();
    for (const name of ['e', 'a', 'd', 'b', 'c']) await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: EC2_TRUST, Path: name < 'c' ? '/x/' : '/' }));
    const first = await iam.send(new ListRolesCommand({ MaxItems: 2 }));
    assert.deepEqual(first.Roles?.map((r) => r.RoleName), ['a', 'b']);
    assert.equal(first.IsTruncated, true);
    assert.equal('Tags' in first.Roles![0]!, false, 'ListRoles leaves tags out');
    const names: string[] = [];
    for await (const page of paginateListRoles({ client: iam, pageSize: 2 }, {})) names.push(...(page.Roles ?? []).map((r) => r.RoleName!));
    assert.deepEqual(names, ['a', 'b', 'c', 'd', 'e']);
    const last = await iam.send(new ListRolesCommand({ PathPrefix: '/x/' }));
    assert.deepEqual(last.Roles?.map((r) => r.RoleName), ['a', 'b']);
    assert.equal(last.IsTruncated, false);
    assert.equal(last.Marker, undefined);
  });

  it('throttles with Throttling, which the SDK retries', async () => {
    const { iam, sandbox, clients } = iamOf();
    sandbox.faults.inject({ service: 'iam', operation: 'ListRoles', fault: 'throttle' });
    const out = await iam.send(new ListRolesCommand({}));
    assert.equal(out.$metadata.attempts, 2);
    assert.deepEqual(clients.counter.snapshot().find((s) => s.operation === 'ListRoles')?.errors, { Throttling: 1 });
  });

  it('refuses to delete a role that still has policies or an instance profile', async () => {
    const { iam } = iamOf();
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: EC2_TRUST }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'r', PolicyName: 'inline', PolicyDocument: identityPolicy() }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore' }));
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'p' }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'p', RoleName: 'r' }));
    const expectConflict = async (pattern: RegExp) => {
      const err = await rejection(iam.send(new DeleteRoleCommand({ RoleName: 'r' })));
      assert.ok(err instanceof DeleteConflictException);
      assert.equal(err.$metadata?.httpStatusCode, 409);
      assert.match(err.message, pattern);
    };
    await expectConflict(/remove roles from instance profile/);
    await iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'p', RoleName: 'r' }));
    await expectConflict(/detach all policies/);
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'r', PolicyArn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore' }));
    await expectConflict(/delete policies first/);
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'r', PolicyName: 'inline' }));
    await iam.send(new DeleteRoleCommand({ RoleName: 'r' }));
    assert.ok((await rejection(iam.send(new GetRoleCommand({ RoleName: 'r' })))) instanceof NoSuchEntityException);
  });
});
