/**
 * Changing Lambda functions: UpdateFunctionCode/Configuration with LastUpdateStatus
 * InProgress -> Successful on the clock, the conflicts AWS answers meanwhile, RevisionId
 * preconditions, and reserved concurrency.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DeleteFunctionConcurrencyCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  InvalidParameterValueException,
  PreconditionFailedException,
  PutFunctionConcurrencyCommand,
  ResourceConflictException,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { rejection } from '../harness.ts';
import { createFunction, lambdaHarness, sha256, zip } from './setup.ts';

describe('lambda updates', () => {
  it('refuses changes while the function is Pending', async () => {
    const h = lambdaHarness();
    await createFunction(h, {}, false);
    const err = await rejection(h.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'fn', ZipFile: zip('v2') })));
    assert.ok(err instanceof ResourceConflictException);
    assert.match(err.message, /currently in the following state: Pending/);
  });

  it('updates code and configuration one at a time, InProgress until the update settles', async () => {
    const h = lambdaHarness();
    await createFunction(h);
    const code = zip('v2');
    const updating = await h.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'fn', ZipFile: code }));
    assert.equal(updating.LastUpdateStatus, 'InProgress');
    assert.equal(updating.CodeSha256, sha256(code));
    const busy = await rejection(h.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'fn', Timeout: 60 })));
    assert.ok(busy instanceof ResourceConflictException);
    assert.equal(busy.message, 'The operation cannot be performed at this time. An update is in progress for resource: arn:aws:lambda:us-east-1:123456789012:function:fn');
    h.clock.advance(500);
    assert.equal((await h.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'fn' }))).LastUpdateStatus, 'Successful');
    const config = await h.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'fn', Timeout: 60, MemorySize: 512, Environment: { Variables: { AB: '1' } }, Description: 'd' }));
    assert.equal(config.Timeout, 60);
    assert.equal(config.MemorySize, 512);
    assert.deepEqual(config.Environment, { Variables: { AB: '1' } });
    h.clock.advance(500);
    const cleared = await h.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'fn', Environment: { Variables: {} } }));
    assert.equal(cleared.Environment, undefined);
    assert.equal(cleared.Description, 'd');
  });

  it('checks RevisionId as a precondition', async () => {
    const h = lambdaHarness();
    const created = await createFunction(h);
    const stale = created.RevisionId!;
    await h.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'fn', Timeout: 10, RevisionId: stale }));
    h.clock.advance(500);
    const err = await rejection(h.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'fn', Timeout: 20, RevisionId: stale })));
    assert.ok(err instanceof PreconditionFailedException);
    assert.equal(err.$metadata?.httpStatusCode, 412);
  });

  it('reserves concurrency within the account limit', async () => {
    const h = lambdaHarness();
    await createFunction(h);
    assert.equal((await h.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'fn' }))).ReservedConcurrentExecutions, undefined);
    await h.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'fn', ReservedConcurrentExecutions: 5 }));
    assert.equal((await h.lambda.send(new GetFunctionCommand({ FunctionName: 'fn' }))).Concurrency?.ReservedConcurrentExecutions, 5);
    const over = await rejection(h.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'fn', ReservedConcurrentExecutions: 950 })));
    assert.ok(over instanceof InvalidParameterValueException);
    await h.lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: 'fn' }));
    assert.equal((await h.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'fn' }))).ReservedConcurrentExecutions, undefined);
  });
});
