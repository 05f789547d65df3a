/**
 * Changing a function: UpdateFunctionCode and UpdateFunctionConfiguration (refused while
 * Pending or InProgress; LastUpdateStatus InProgress for the update duration, then
 * Successful), and reserved concurrency (Put/Get/DeleteFunctionConcurrency); with what
 * every change shares: the Pending/InProgress guard, RevisionId checks, publishing a version.
 */
import type {
  DeleteFunctionConcurrencyCommandInput,
  DeleteFunctionConcurrencyCommandOutput,
  GetFunctionConcurrencyCommandInput,
  GetFunctionConcurrencyCommandOutput,
  PutFunctionConcurrencyCommandInput,
  PutFunctionConcurrencyCommandOutput,
  UpdateFunctionCodeCommandInput,
  UpdateFunctionCodeCommandOutput,
  UpdateFunctionConfigurationCommandInput,
  UpdateFunctionConfigurationCommandOutput,
} from '@aws-sdk/client-lambda';
import type { OperationTable } from '../service.ts';
import { checkArchitectures, checkEnvironment, checkRange, checkRole, checkRuntime, codeDigest, isPending, isUpdating, renderConfig } from './configuration.ts';
import { findFunction, type LambdaCtx, lambdaFail, validationError } from './function-names.ts';
import type { FunctionConfigRec, FunctionRec, LambdaState, PublishedVersionRec } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;

/** Refuses a change while the function is being created or updated, as Lambda does. */
export function assertSettled(ctx: LambdaCtx, fn: FunctionRec): void {
  if (isPending(fn, ctx.now)) {
    lambdaFail(ctx, 'ResourceConflictException', 'The operation cannot be performed at this time. The function is currently in the following state: Pending');
  }
  if (isUpdating(fn, ctx.now)) {
    lambdaFail(ctx, 'ResourceConflictException', `The operation cannot be performed at this time. An update is in progress for resource: ${fn.arn}`);
  }
}

/** A RevisionId given with a change must be the function's current one. */
export function checkRevision(ctx: LambdaCtx, current: string, given: string | undefined): void {
  if (given !== undefined && given !== current) {
    lambdaFail(ctx, 'PreconditionFailedException', 'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id');
  }
}

function sameCode(a: FunctionConfigRec, b: FunctionConfigRec): boolean {
  const strip = ({ lastModified: _l, revisionId: _r, description: _d, ...rest }: FunctionConfigRec) => JSON.stringify(rest);
  return strip(a) === strip(b);
}

/** Publishes $LATEST as a new version, unless the newest version already holds it (Lambda's rule). */
export function publish(ctx: LambdaCtx, fn: FunctionRec, description: string | undefined, revisionId?: string): PublishedVersionRec {
  checkRevision(ctx, fn.config.revisionId, revisionId);
  const last = fn.versions[fn.versions.length - 1];
  if (last && sameCode(last.config, fn.config)) return last;
  const number = last ? Number(last.version) + 1 : 1;
  const version: PublishedVersionRec = {
    version: String(number),
    config: { ...fn.config, environment: fn.config.environment && { ...fn.config.environment }, architectures: [...fn.config.architectures], description: description ?? fn.config.description, revisionId: ctx.ids.uuid() },
    publishedAt: ctx.now,
  };
  fn.versions.push(version);
  return version;
}

/** The account's concurrency and what must stay unreserved (AWS defaults). */
const ACCOUNT_CONCURRENCY = 1000;
const MIN_UNRESERVED = 100;

function startUpdate(ctx: LambdaCtx, fn: FunctionRec, next: FunctionConfigRec): void {
  fn.config = { ...next, lastModified: ctx.now, revisionId: ctx.ids.uuid() };
  fn.updateDoneAt = ctx.now + ctx.durations.of('lambda.function.update');
}

export const updateOperations = {
  UpdateFunctionCode(input: UpdateFunctionCodeCommandInput, ctx: LambdaCtx): Out<UpdateFunctionCodeCommandOutput> {
    const { fn } = findFunction(ctx, input.FunctionName);
    const digest = codeDigest(ctx, input);
    const architectures = checkArchitectures(ctx, input.Architectures, fn.config.architectures);
    checkRevision(ctx, fn.config.revisionId, input.RevisionId);
    if (input.DryRun) return renderConfig(fn, fn.config, '$LATEST', ctx.now);
    assertSettled(ctx, fn);
    startUpdate(ctx, fn, { ...fn.config, codeSha256: digest.sha256, codeSize: digest.size, architectures });
    if (input.Publish) {
      const v = publish(ctx, fn, undefined);
      return renderConfig(fn, v.config, v.version, ctx.now);
    }
    return renderConfig(fn, fn.config, '$LATEST', ctx.now);
  },

  UpdateFunctionConfiguration(input: UpdateFunctionConfigurationCommandInput, ctx: LambdaCtx): Out<UpdateFunctionConfigurationCommandOutput> {
    const { fn } = findFunction(ctx, input.FunctionName);
    const c = fn.config;
    if (input.Handler !== undefined && !/^[^\s]{1,128}$/.test(input.Handler)) validationError(ctx, 'handler', input.Handler, 'Member must satisfy regular expression pattern: [^\\s]+');
    const variables = input.Environment === undefined ? undefined : (input.Environment.Variables ?? {});
    const environment = variables === undefined ? c.environment : checkEnvironment(ctx, variables);
    const next: FunctionConfigRec = {
      ...c,
      runtime: input.Runtime === undefined ? c.runtime : checkRuntime(ctx, input.Runtime),
      handler: input.Handler ?? c.handler,
      role: input.Role === undefined ? c.role : checkRole(ctx, input.Role),
      description: input.Description ?? c.description,
      timeout: checkRange(ctx, input.Timeout, 'timeout', 1, 900, c.timeout),
      memorySize: checkRange(ctx, input.MemorySize, 'memorySize', 128, 10240, c.memorySize),
      ephemeralStorage: checkRange(ctx, input.EphemeralStorage?.Size, 'ephemeralStorage.size', 512, 10240, c.ephemeralStorage),
      environment: environment !== null && Object.keys(environment).length === 0 ? null : environment,
    };
    checkRevision(ctx, c.revisionId, input.RevisionId);
    assertSettled(ctx, fn);
    startUpdate(ctx, fn, next);
    return renderConfig(fn, fn.config, '$LATEST', ctx.now);
  },

  PutFunctionConcurrency(input: PutFunctionConcurrencyCommandInput, ctx: LambdaCtx): Out<PutFunctionConcurrencyCommandOutput> {
    const { fn } = findFunction(ctx, input.FunctionName);
    const wanted = input.ReservedConcurrentExecutions;
    if (wanted === undefined) validationError(ctx, 'reservedConcurrentExecutions', null, 'Member must not be null');
    if (!Number.isInteger(wanted) || wanted < 0) validationError(ctx, 'reservedConcurrentExecutions', wanted, 'Member must have value greater than or equal to 0');
    const others = Object.values(ctx.state.functions).filter((f) => f !== fn && f.region === fn.region).reduce((n, f) => n + (f.reservedConcurrency ?? 0), 0);
    if (ACCOUNT_CONCURRENCY - others - wanted < MIN_UNRESERVED) {
      lambdaFail(ctx, 'InvalidParameterValueException', `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${MIN_UNRESERVED}].`);
    }
    fn.reservedConcurrency = wanted;
    return { ReservedConcurrentExecutions: wanted };
  },

  GetFunctionConcurrency(input: GetFunctionConcurrencyCommandInput, ctx: LambdaCtx): Out<GetFunctionConcurrencyCommandOutput> {
    const { fn } = findFunction(ctx, input.FunctionName);
    return { ReservedConcurrentExecutions: fn.reservedConcurrency ?? undefined };
  },

  DeleteFunctionConcurrency(input: DeleteFunctionConcurrencyCommandInput, ctx: LambdaCtx): Out<DeleteFunctionConcurrencyCommandOutput> {
    const { fn } = findFunction(ctx, input.FunctionName);
    fn.reservedConcurrency = null;
    return {};
  },
} satisfies OperationTable<LambdaState>;
