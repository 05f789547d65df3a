/**
 * A role's policies through the real IAMClient: inline documents (URL-encoded on the way
 * out), AWS and customer managed policies, the per-role quota, and their errors.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  DeleteConflictException,
  DeletePolicyCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetPolicyCommand,
  GetRolePolicyCommand,
  IAMClient,
  InvalidInputException,
  LimitExceededException,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  MalformedPolicyDocumentException,
  NoSuchEntityException,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { harness, rejection } from '../harness.ts';
import { EC2_TRUST, identityPolicy } from './fixtures.ts';

async function withRole() {
  const iam = harness().clients.get(IAMClient);
  await iam.send(new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: EC2_TRUST }));
  return iam;
}

describe('iam role policies', () => {
  it('puts, gets (URL-encoded), lists and deletes inline policies', async () => {
    const iam = await withRole();
    const doc = identityPolicy('arn:aws:s3:::blog-media/*');
    await iam.send(new PutRolePolicyCommand({ RoleName: 'app', PolicyName: 'media', PolicyDocument: doc }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'app', PolicyName: 'db-secret', PolicyDocument: identityPolicy('*') }));
    const got = await iam.send(new GetRolePolicyCommand({ RoleName: 'app', PolicyName: 'media' }));
    assert.equal(got.PolicyDocument, encodeURIComponent(doc));
    assert.deepEqual((await iam.send(new ListRolePoliciesCommand({ RoleName: 'app' }))).PolicyNames, ['db-secret', 'media']);
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'app', PolicyName: 'media' }));
    const gone = await rejection(iam.send(new GetRolePolicyCommand({ RoleName: 'app', PolicyName: 'media' })));
    assert.ok(gone instanceof NoSuchEntityException);
    assert.equal(gone.message, 'The role policy with name media cannot be found.');
  });

  it('refuses identity policies without resources or with a principal', async () => {
    const iam = await withRole();
    const noResource = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }] });
    const withPrincipal = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] });
    for (const [doc, message] of [[noResource, 'Policy statement must contain resources.'], [withPrincipal, 'Policy document should not specify a principal.']] as const) {
      const err = await rejection(iam.send(new PutRolePolicyCommand({ RoleName: 'app', PolicyName: 'p', PolicyDocument: doc })));
      assert.ok(err instanceof MalformedPolicyDocumentException);
      assert.equal(err.message, message);
    }
  });

  it('attaches AWS managed policies by ARN (service-role paths included) and refuses unknown ones', async () => {
    const iam = await withRole();
    const basic = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'app', PolicyArn: basic }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'app', PolicyArn: basic }));
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'app' }));
    assert.deepEqual(attached.AttachedPolicies, [{ PolicyName: 'AWSLambdaBasicExecutionRole', PolicyArn: basic }]);
    assert.deepEqual((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'app', PathPrefix: '/service-role/' }))).AttachedPolicies?.length, 1);
    const unknown = await rejection(iam.send(new AttachRolePolicyCommand({ RoleName: 'app', PolicyArn: 'arn:aws:iam::aws:policy/NoSuchPolicy' })));
    assert.ok(unknown instanceof NoSuchEntityException);
    assert.equal(unknown.message, 'Policy arn:aws:iam::aws:policy/NoSuchPolicy does not exist or is not attachable.');
    const malformed = await rejection(iam.send(new AttachRolePolicyCommand({ RoleName: 'app', PolicyArn: 'AmazonS3FullAccess' })));
    assert.ok(malformed instanceof InvalidInputException);
    const notAttached = await rejection(iam.send(new DetachRolePolicyCommand({ RoleName: 'app', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })));
    assert.ok(notAttached instanceof NoSuchEntityException);
  });

  it('attaches customer managed policies up to the quota of 10, and will not delete an attached one', async () => {
    const iam = await withRole();
    const arns: string[] = [];
    for (let i = 0; i < 11; i++) {
      const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: `p${i}`, PolicyDocument: identityPolicy() }));
      arns.push(Policy!.Arn!);
    }
    assert.equal(arns[0], 'arn:aws:iam::123456789012:policy/p0');
    for (const arn of arns.slice(0, 10)) await iam.send(new AttachRolePolicyCommand({ RoleName: 'app', PolicyArn: arn }));
    const over = await rejection(iam.send(new AttachRolePolicyCommand({ RoleName: 'app', PolicyArn: arns[10] })));
    assert.ok(over instanceof LimitExceededException);
    assert.equal(over.message, 'Cannot exceed quota for PoliciesPerRole: 10');
    assert.equal((await iam.send(new GetPolicyCommand({ PolicyArn: arns[0] }))).Policy?.AttachmentCount, 1);
    const inUse = await rejection(iam.send(new DeletePolicyCommand({ PolicyArn: arns[0] })));
    assert.ok(inUse instanceof DeleteConflictException);
    await iam.send(new DeletePolicyCommand({ PolicyArn: arns[10] }));
    assert.ok((await rejection(iam.send(new GetPolicyCommand({ PolicyArn: arns[10] })))) instanceof NoSuchEntityException);
  });
});
