/**
 * lambda.permission on the sandbox: the shared contract (found again by its statement id,
 * blogctl-<stack>_<id>), and its own cases: another stack's statements are never ours; the
 * same grant under someone else's id is an adoption candidate, and adopting moves it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AddPermissionCommand, GetPolicyCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { TAG } from '../../src/reconciler/types.ts';
import { permissionAdapter } from '../../src/resources/lambda-permission/index.ts';
import { contractSuite, sandboxContext } from './contract.ts';
import { permissionFixture } from './data-fixtures.ts';

contractSuite('lambda.permission on the sandbox', {
  adapter: permissionAdapter, setup: permissionFixture, makeContext: sandboxContext,
});

describe('lambda.permission', () => {
  it('writes its statement id as blogctl-<stack>_<id>; another stack on the same function is not ours', async () => {
    const ctx = sandboxContext();
    const { desired } = await permissionFixture(ctx);
    const made = await permissionAdapter.create('s3Invoke', desired, ctx);
    assert.equal(made.statementId, `blogctl-${ctx.stack}_s3Invoke`);
    const other = { ...ctx, stack: 'other-stack' };
    await permissionAdapter.create('s3Invoke', desired, other);
    const found = await permissionAdapter.observe([{ id: 's3Invoke', desired }], ctx);
    assert.deepEqual(found.map((o) => [o.id, o.tags[TAG.stack], o.state.statementId]), [['s3Invoke', ctx.stack, `blogctl-${ctx.stack}_s3Invoke`]]);
  });

  it('the same grant under another statement id is an adoption candidate; adopting moves it under blogctl\'s id', async () => {
    const ctx = sandboxContext();
    const { desired } = await permissionFixture(ctx);
    const lambda = ctx.h.clients.get(LambdaClient);
    await lambda.send(new AddPermissionCommand({ FunctionName: desired.functionName, StatementId: 'AllowS3', Action: desired.action, Principal: desired.principal, SourceArn: desired.sourceArn, SourceAccount: desired.sourceAccount }));
    const [candidate, ...rest] = await permissionAdapter.observe([{ id: 's3Invoke', desired }], ctx);
    assert.equal(rest.length, 0);
    assert.deepEqual([candidate!.id, candidate!.tags, candidate!.state.statementId], ['s3Invoke', {}, 'AllowS3']);
    assert.deepEqual(permissionAdapter.diff(desired, candidate!.state), [], 'the grant itself is in sync');
    const adopted = await permissionAdapter.update('s3Invoke', desired, candidate!.state, [], ctx);
    assert.equal(adopted.statementId, `blogctl-${ctx.stack}_s3Invoke`);
    const policy = JSON.parse((await lambda.send(new GetPolicyCommand({ FunctionName: desired.functionName }))).Policy!) as { Statement: { Sid: string }[] };
    assert.deepEqual(policy.Statement.map((s) => s.Sid), [`blogctl-${ctx.stack}_s3Invoke`]);
  });
});
