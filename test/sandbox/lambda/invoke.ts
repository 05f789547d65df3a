/**
 * Invoke through the real LambdaClient: registered JS handlers run in process with the
 * function's environment, throws become FunctionError, Handler modules load from a
 * directory, and every invocation is recorded in the account.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  InvalidRequestContentException,
  InvokeCommand,
  ResourceConflictException,
  ResourceNotFoundException,
} from '@aws-sdk/client-lambda';
import type { LambdaState } from '../../../src/sandbox/lambda/index.ts';
import { rejection } from '../harness.ts';
import { createFunction, lambdaHarness, type LambdaHarness } from './setup.ts';

async function invocations(h: LambdaHarness) {
  return ((await h.sandbox.snapshot()).services['lambda'] as LambdaState).invocations;
}

describe('lambda invoke', () => {
  it('runs the handler registered for the function, with its environment, and returns its result', async () => {
    const seen: unknown[] = [];
    const h = lambdaHarness({
      moduleRoot: null,
      handlers: {
        fn: async (event, context) => {
          seen.push({ event, name: context.functionName, arn: context.invokedFunctionArn, memory: context.memoryLimitInMB, table: process.env['TABLE_NAME'] });
          return { ok: true };
        },
      },
    });
    await createFunction(h, { Environment: { Variables: { TABLE_NAME: 'objects' } } });
    const out = await h.lambda.send(new InvokeCommand({ FunctionName: 'fn', Payload: JSON.stringify({ hello: 'world' }), LogType: 'Tail' }));
    assert.equal(out.StatusCode, 200);
    assert.equal(out.ExecutedVersion, '$LATEST');
    assert.equal(out.FunctionError, undefined);
    assert.deepEqual(JSON.parse(out.Payload!.transformToString()), { ok: true });
    assert.match(Buffer.from(out.LogResult!, 'base64').toString(), /^START RequestId: .* Version: \$LATEST/);
    assert.deepEqual(seen, [{ event: { hello: 'world' }, name: 'fn', arn: 'arn:aws:lambda:us-east-1:123456789012:function:fn', memory: '128', table: 'objects' }]);
    assert.equal(process.env['TABLE_NAME'], undefined, 'the environment is restored');
    const [record] = await invocations(h);
    assert.equal(record?.status, 'succeeded');
    assert.equal(record?.source, 'api');
    assert.equal(record?.result, '{"ok":true}');
  });

  it('reports a throw as FunctionError Unhandled with the error document, and records it', async () => {
    const h = lambdaHarness({ moduleRoot: null, handlers: { 'handler.handler': () => Promise.reject(new TypeError('bad input')) } });
    await createFunction(h);
    const out = await h.lambda.send(new InvokeCommand({ FunctionName: 'fn', Payload: '{}' }));
    assert.equal(out.StatusCode, 200);
    assert.equal(out.FunctionError, 'Unhandled');
    const payload = JSON.parse(out.Payload!.transformToString()) as { errorType: string; errorMessage: string; trace: string[] };
    assert.equal(payload.errorType, 'TypeError');
    assert.equal(payload.errorMessage, 'bad input');
    assert.ok(Array.isArray(payload.trace));
    const [record] = await invocations(h);
    assert.deepEqual(record?.error, { errorType: 'TypeError', errorMessage: 'bad input' });
  });

  it('answers Event with 202 and DryRun with 204, and still runs (and records) the Event', async () => {
    let runs = 0;
    const h = lambdaHarness({ moduleRoot: null, handlers: { fn: () => void (runs += 1) } });
    await createFunction(h);
    assert.equal((await h.lambda.send(new InvokeCommand({ FunctionName: 'fn', InvocationType: 'DryRun' }))).StatusCode, 204);
    const event = await h.lambda.send(new InvokeCommand({ FunctionName: 'fn', InvocationType: 'Event', Payload: '{"a":1}' }));
    assert.equal(event.StatusCode, 202);
    assert.equal(event.Payload, undefined);
    assert.equal(runs, 1);
    assert.deepEqual((await invocations(h)).map((r) => [r.invocationType, r.status]), [['Event', 'succeeded']]);
  });

  it('records a no-op when nothing is registered and no module exists', async () => {
    const h = lambdaHarness({ moduleRoot: null });
    await createFunction(h);
    const out = await h.lambda.send(new InvokeCommand({ FunctionName: 'fn' }));
    assert.equal(out.Payload!.transformToString(), 'null');
    assert.equal((await invocations(h))[0]?.status, 'no-handler');
  });

  it('loads the Handler module from the module root', async () => {
    const h = lambdaHarness({ moduleRoot: new URL('./', import.meta.url) });
    await createFunction(h, { Handler: 'echo.fixture.handler', Environment: { Variables: { TABLE_NAME: 't' } } });
    const out = await h.lambda.send(new InvokeCommand({ FunctionName: 'fn', Payload: '{"n":1}' }));
    assert.deepEqual(JSON.parse(out.Payload!.transformToString()), { from: 'module', functionName: 'fn', event: { n: 1 }, table: 't' });
    await createFunction(h, { FunctionName: 'other', Handler: 'echo.fixture.missing' });
    const missing = await h.lambda.send(new InvokeCommand({ FunctionName: 'other' }));
    assert.equal(missing.FunctionError, 'Unhandled');
    assert.equal(JSON.parse(missing.Payload!.transformToString()).errorType, 'Runtime.HandlerNotFound');
  });

  it('refuses to invoke a Pending or missing function, or a payload that is not JSON', async () => {
    const h = lambdaHarness({ moduleRoot: null });
    await createFunction(h, {}, false);
    const pending = await rejection(h.lambda.send(new InvokeCommand({ FunctionName: 'fn' })));
    assert.ok(pending instanceof ResourceConflictException);
    h.clock.advance(1_000);
    const bad = await rejection(h.lambda.send(new InvokeCommand({ FunctionName: 'fn', Payload: 'not json' })));
    assert.ok(bad instanceof InvalidRequestContentException);
    assert.ok((await rejection(h.lambda.send(new InvokeCommand({ FunctionName: 'nope' })))) instanceof ResourceNotFoundException);
  });
});
