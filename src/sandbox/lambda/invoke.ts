/**
 * Invoke: checks the request inside the call's transaction (the function exists and is
 * not Pending, the payload is JSON), records the invocation, then runs the handler after
 * the commit, outside the state lock, so the handler may call the sandbox itself (the S3
 * events function writes to DynamoDB). RequestResponse waits for the result (a throw gives
 * FunctionError 'Unhandled'); Event answers 202. Either way the outcome is recorded.
 */
import { Uint8ArrayBlobAdapter } from '@smithy/core/serde';
import type { InvokeCommandInput, InvokeCommandOutput } from '@aws-sdk/client-lambda';
import type { OperationTable } from '../service.ts';
import { isPending } from './configuration.ts';
import { findFunction, type LambdaCtx, lambdaFail } from './function-names.ts';
import { type HandlerOptions, runFunction, type FunctionView, type Outcome } from './handlers.ts';
import { INVOCATIONS_KEPT, LOG_LINES_KEPT, type InvocationRec, type LambdaState } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;

const SYNC_PAYLOAD_MAX = 6 * 1024 * 1024;
const ASYNC_PAYLOAD_MAX = 1024 * 1024;

function payloadText(payload: unknown): string {
  if (payload === undefined) return '{}';
  if (typeof payload === 'string') return payload;
  if (payload instanceof Uint8Array) return Buffer.from(payload).toString('utf8');
  return JSON.stringify(payload);
}

function logTail(requestId: string, version: string, outcome: Outcome): string {
  const lines = [`START RequestId: ${requestId} Version: ${version}`, ...(outcome.logs ?? [])];
  if (outcome.error) lines.push(`${outcome.error.errorType}: ${outcome.error.errorMessage}`);
  lines.push(`END RequestId: ${requestId}`, `REPORT RequestId: ${requestId}\tDuration: 1.00 ms\tBilled Duration: 1 ms`);
  return Buffer.from(`${lines.join('\n')}\n`).toString('base64');
}

export function invokeOperations(options: HandlerOptions) {
  return {
    Invoke(input: InvokeCommandInput, ctx: LambdaCtx): Out<InvokeCommandOutput> {
      const { fn, config, version } = findFunction(ctx, input.FunctionName, input.Qualifier);
      const type = input.InvocationType ?? 'RequestResponse';
      if (!['RequestResponse', 'Event', 'DryRun'].includes(type)) {
        lambdaFail(ctx, 'ValidationException', `1 validation error detected: Value '${type}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]`);
      }
      if (isPending(fn, ctx.now)) {
        lambdaFail(ctx, 'ResourceConflictException', 'The operation cannot be performed at this time. The function is currently in the following state: Pending');
      }
      const text = payloadText(input.Payload);
      const limit = type === 'Event' ? ASYNC_PAYLOAD_MAX : SYNC_PAYLOAD_MAX;
      if (Buffer.byteLength(text) > limit) lambdaFail(ctx, 'RequestTooLargeException', `${type === 'Event' ? 'Request' : 'Request must be smaller than 6291456 bytes for the InvokeFunction operation'}`);
      let event: unknown;
      try {
        event = JSON.parse(text);
      } catch (e) {
        lambdaFail(ctx, 'InvalidRequestContentException', `Could not parse request body into json: Could not parse payload into json: ${(e as Error).message}`);
      }
      if (type === 'DryRun') return { StatusCode: 204 };

      const requestId = ctx.ids.uuid();
      const records = (event as { Records?: { eventSource?: string }[] } | null)?.Records;
      const source = Array.isArray(records) && typeof records[0]?.eventSource === 'string' ? records[0].eventSource.replace(/^aws:/, '') : 'api';
      const record: InvocationRec = { requestId, functionArn: fn.arn, at: new Date(ctx.now).toISOString(), invocationType: type, source, event: text, status: 'running' };
      ctx.state.invocations.push(record);
      ctx.state.invocations.splice(0, Math.max(0, ctx.state.invocations.length - INVOCATIONS_KEPT));
      const view: FunctionView = {
        name: fn.name,
        arn: version === '$LATEST' ? fn.arn : `${fn.arn}:${version}`,
        version,
        region: fn.region,
        handler: config.handler,
        timeout: config.timeout,
        memorySize: config.memorySize,
        environment: { ...config.environment },
      };
      ctx.afterCommit(async (effect) => {
        const outcome = await runFunction(options, view, event, requestId, effect.clients(fn.region));
        if (type === 'RequestResponse') {
          effect.output['Payload'] = Uint8ArrayBlobAdapter.fromString(outcome.payload);
          if (outcome.status === 'failed') effect.output['FunctionError'] = 'Unhandled';
          if (input.LogType === 'Tail') effect.output['LogResult'] = logTail(requestId, version, outcome);
        }
        await effect.transact((account) => {
          const state = account.services['lambda'] as LambdaState | undefined;
          const stored = state?.invocations.find((r) => r.requestId === requestId);
          if (!stored) return;
          stored.status = outcome.status;
          if (outcome.status === 'succeeded') stored.result = outcome.payload;
          if (outcome.error) stored.error = outcome.error;
          if (outcome.logs && outcome.logs.length > 0) stored.logs = outcome.logs.slice(-LOG_LINES_KEPT);
        });
      });
      return type === 'Event' ? { StatusCode: 202 } : { StatusCode: 200, ExecutedVersion: version };
    },
  } satisfies OperationTable<LambdaState>;
}
