/**
 * Lambda functions through the real LambdaClient: code digests, the role check against
 * IAM, Pending -> Active on the clock, validation errors, versions and Marker paging.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvalidParameterValueException,
  LambdaServiceException,
  ListFunctionsCommand,
  ListVersionsByFunctionCommand,
  paginateListFunctions,
  PublishVersionCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import { rejection } from '../harness.ts';
import { EC2_TRUST } from '../iam/fixtures.ts';
import { createFunction, lambdaHarness, sha256, zip } from './setup.ts';

describe('lambda functions', () => {
  it('creates a function Pending, with the code SHA-256 and size, then Active on the clock', async () => {
    const h = lambdaHarness();
    const code = zip('first build');
    const created = await createFunction(h, { Code: { ZipFile: code }, Environment: { Variables: { TABLE_NAME: 'objects' } }, MemorySize: 256, Timeout: 30, Tags: { 'blogctl:stack': 'blog' } }, false);
    assert.equal(created.FunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:fn');
    assert.equal(created.CodeSha256, sha256(code));
    assert.equal(created.CodeSize, code.length);
    assert.equal(created.State, 'Pending');
    assert.equal(created.StateReasonCode, 'Creating');
    assert.equal(created.Version, '$LATEST');
    assert.match(created.LastModified!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    assert.deepEqual(created.Environment, { Variables: { TABLE_NAME: 'objects' } });
    assert.match(created.RevisionId!, /^[0-9a-f-]{36}$/);
    h.clock.advance(999);
    assert.equal((await h.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'fn' }))).State, 'Pending');
    h.clock.advance(1);
    const active = await h.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: created.FunctionArn }));
    assert.equal(active.State, 'Active');
    assert.equal(active.LastUpdateStatus, 'Successful');
    const full = await h.lambda.send(new GetFunctionCommand({ FunctionName: 'fn' }));
    assert.deepEqual(full.Tags, { 'blogctl:stack': 'blog' });
    assert.equal(full.Code?.RepositoryType, 'S3');
    assert.equal(full.Configuration?.MemorySize, 256);
  });

  it('refuses a role Lambda cannot assume: missing, or not trusting lambda.amazonaws.com', async () => {
    const h = lambdaHarness();
    const { Role } = await h.iam.send(new CreateRoleCommand({ RoleName: 'ec2-only', AssumeRolePolicyDocument: EC2_TRUST }));
    for (const role of [Role!.Arn!, 'arn:aws:iam::123456789012:role/missing']) {
      const err = await rejection(h.lambda.send(new CreateFunctionCommand({ FunctionName: 'fn', Runtime: 'nodejs20.x', Handler: 'h.h', Role: role, Code: { ZipFile: zip() } })));
      assert.ok(err instanceof InvalidParameterValueException);
      assert.equal(err.message, 'The role defined for the function cannot be assumed by Lambda.');
      assert.equal(err.$metadata?.httpStatusCode, 400);
    }
    const malformed = await rejection(h.lambda.send(new CreateFunctionCommand({ FunctionName: 'fn', Runtime: 'nodejs20.x', Handler: 'h.h', Role: 'not-an-arn', Code: { ZipFile: zip() } })));
    assert.ok(malformed instanceof LambdaServiceException);
    assert.equal(malformed.name, 'ValidationException');
  });

  it('answers Lambda errors for bad packages, runtimes, limits, names and duplicates', async () => {
    const h = lambdaHarness();
    await createFunction(h);
    const role = (await h.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'fn' }))).Role!;
    const base = { FunctionName: 'other', Runtime: 'nodejs20.x' as const, Handler: 'h.h', Role: role, Code: { ZipFile: zip() } };
    const notZip = await rejection(h.lambda.send(new CreateFunctionCommand({ ...base, Code: { ZipFile: Buffer.from('console.log(1)') } })));
    assert.ok(notZip instanceof InvalidParameterValueException);
    assert.match(notZip.message, /Could not unzip uploaded file/);
    const old = await rejection(h.lambda.send(new CreateFunctionCommand({ ...base, Runtime: 'nodejs12.x' })));
    assert.ok(old instanceof InvalidParameterValueException);
    assert.match(old.message, /nodejs12.x is no longer supported/);
    const memory = await rejection(h.lambda.send(new CreateFunctionCommand({ ...base, MemorySize: 64 })));
    assert.equal(memory.name, 'ValidationException');
    const reserved = await rejection(h.lambda.send(new CreateFunctionCommand({ ...base, Environment: { Variables: { AWS_REGION: 'x' } } })));
    assert.ok(reserved instanceof InvalidParameterValueException);
    const oneLetter = await rejection(h.lambda.send(new CreateFunctionCommand({ ...base, Environment: { Variables: { A: '1' } } })));
    assert.match(oneLetter.message, /\[a-zA-Z\]\(\[a-zA-Z0-9_\]\)\+/, 'AWS wants keys of two characters or more');
    const name = await rejection(h.lambda.send(new CreateFunctionCommand({ ...base, FunctionName: 'bad name' })));
    assert.equal(name.name, 'ValidationException');
    const dup = await rejection(h.lambda.send(new CreateFunctionCommand({ ...base, FunctionName: 'fn' })));
    assert.ok(dup instanceof ResourceConflictException);
    assert.equal(dup.$metadata?.httpStatusCode, 409);
    assert.equal(dup.message, 'Function already exist: fn');
  });

  it('gets, lists with Marker paging, and deletes functions', async () => {
    const h = lambdaHarness();
    for (const name of ['d', 'a', 'c', 'b', 'e']) await createFunction(h, { FunctionName: name });
    const first = await h.lambda.send(new ListFunctionsCommand({ MaxItems: 2 }));
    assert.deepEqual(first.Functions?.map((f) => f.FunctionName), ['a', 'b']);
    assert.ok(first.NextMarker);
    const names: string[] = [];
    for await (const page of paginateListFunctions({ client: h.lambda, pageSize: 2 }, {})) names.push(...(page.Functions ?? []).map((f) => f.FunctionName!));
    assert.deepEqual(names, ['a', 'b', 'c', 'd', 'e']);
    await h.lambda.send(new DeleteFunctionCommand({ FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:c' }));
    const gone = await rejection(h.lambda.send(new GetFunctionCommand({ FunctionName: 'c' })));
    assert.ok(gone instanceof ResourceNotFoundException);
    assert.equal(gone.$metadata?.httpStatusCode, 404);
    assert.equal(gone.message, 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:c');
    assert.ok((await rejection(h.lambda.send(new DeleteFunctionCommand({ FunctionName: 'c' })))) instanceof ResourceNotFoundException);
    const otherRegion = await rejection(h.lambda.send(new GetFunctionCommand({ FunctionName: 'arn:aws:lambda:eu-west-1:123456789012:function:a' })));
    assert.ok(otherRegion instanceof ResourceNotFoundException, 'functions are regional');
  });

  it('throttles with TooManyRequestsException (429), which the SDK retries', async () => {
    const h = lambdaHarness();
    h.sandbox.faults.inject({ service: 'lambda', operation: 'ListFunctions', fault: 'throttle' });
    assert.equal((await h.lambda.send(new ListFunctionsCommand({}))).$metadata.attempts, 2);
    assert.deepEqual(h.clients.counter.snapshot().find((s) => s.operation === 'ListFunctions')?.errors, { TooManyRequestsException: 1 });
  });

  it('publishes versions only when $LATEST changed, and reads them by qualifier', async () => {
    const h = lambdaHarness();
    await createFunction(h);
    const v1 = await h.lambda.send(new PublishVersionCommand({ FunctionName: 'fn', Description: 'first' }));
    assert.equal(v1.Version, '1');
    assert.equal(v1.FunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:fn:1');
    assert.equal((await h.lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }))).Version, '1', 'nothing changed');
    const updated = await h.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'fn', ZipFile: zip('v2') }));
    h.clock.advance(500);
    const v2 = await h.lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }));
    assert.equal(v2.Version, '2');
    assert.equal(v2.CodeSha256, updated.CodeSha256);
    const old = await h.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'fn', Qualifier: '1' }));
    assert.equal(old.CodeSha256, sha256(zip('v1')));
    const versions = await h.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'fn' }));
    assert.deepEqual(versions.Versions?.map((v) => v.Version), ['$LATEST', '1', '2']);
    const missing = await rejection(h.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'fn:7' })));
    assert.ok(missing instanceof ResourceNotFoundException);
  });
});
