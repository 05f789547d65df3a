/**
 * Functions: CreateFunction (Pending until the clock passes the create duration; code
 * digested, role checked against IAM), GetFunction, GetFunctionConfiguration,
 * ListFunctions (Marker/MaxItems), DeleteFunction, PublishVersion, ListVersionsByFunction.
 */
import type {
  CreateFunctionCommandInput,
  CreateFunctionCommandOutput,
  DeleteFunctionCommandInput,
  DeleteFunctionCommandOutput,
  GetFunctionCommandInput,
  GetFunctionCommandOutput,
  GetFunctionConfigurationCommandInput,
  GetFunctionConfigurationCommandOutput,
  ListFunctionsCommandInput,
  ListFunctionsCommandOutput,
  ListVersionsByFunctionCommandInput,
  ListVersionsByFunctionCommandOutput,
  PublishVersionCommandInput,
  PublishVersionCommandOutput,
} from '@aws-sdk/client-lambda';
import { paginate } from '../paging.ts';
import type { OperationTable } from '../service.ts';
import {
  checkArchitectures,
  checkEnvironment,
  checkRange,
  checkRole,
  checkRuntime,
  codeDigest,
  renderConfig,
} from './configuration.ts';
import { findFunction, type LambdaCtx, lambdaFail, parseFunctionRef, validationError } from './function-names.ts';
import { checkTags } from './tags.ts';
import { assertSettled, publish } from './updates.ts';
import type { FunctionConfigRec, FunctionRec, LambdaState } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;

/** One Lambda page: Marker/MaxItems, NextMarker. */
export function lambdaPage<T>(ctx: LambdaCtx, items: readonly T[], key: (item: T) => string, input: { Marker?: string; MaxItems?: number }) {
  const page = paginate(items, key, {
    size: input.MaxItems,
    token: input.Marker,
    min: 1,
    max: 10000,
    defaultSize: 50,
    invalid: (what) =>
      what === 'size'
        ? validationError(ctx, 'maxItems', input.MaxItems, 'Member must have value between 1 and 10000')
        : lambdaFail(ctx, 'InvalidParameterValueException', 'Invalid marker.'),
  });
  return { items: page.items, NextMarker: page.nextToken };
}

export const functionOperations = {
  CreateFunction(input: CreateFunctionCommandInput, ctx: LambdaCtx): Out<CreateFunctionCommandOutput> {
    const ref = parseFunctionRef(ctx, input.FunctionName);
    if (ref.qualifier !== undefined) validationError(ctx, 'functionName', input.FunctionName, 'Member must not include a qualifier');
    if (input.PackageType === 'Image') lambdaFail(ctx, 'InvalidParameterValueException', 'The blogctl sandbox simulates .zip deployment packages only.');
    const runtime = checkRuntime(ctx, input.Runtime);
    if (input.Handler === undefined || input.Handler === '') lambdaFail(ctx, 'InvalidParameterValueException', 'Handler is required for .zip deployment packages.');
    if (!/^[^\s]{1,128}$/.test(input.Handler)) validationError(ctx, 'handler', input.Handler, 'Member must satisfy regular expression pattern: [^\\s]+');
    const role = checkRole(ctx, input.Role);
    const config: FunctionConfigRec = {
      runtime,
      handler: input.Handler,
      role,
      description: input.Description ?? '',
      timeout: checkRange(ctx, input.Timeout, 'timeout', 1, 900, 3),
      memorySize: checkRange(ctx, input.MemorySize, 'memorySize', 128, 10240, 128),
      architectures: checkArchitectures(ctx, input.Architectures, ['x86_64']),
      environment: checkEnvironment(ctx, input.Environment?.Variables),
      ephemeralStorage: checkRange(ctx, input.EphemeralStorage?.Size, 'ephemeralStorage.size', 512, 10240, 512),
      ...(({ sha256, size }) => ({ codeSha256: sha256, codeSize: size }))(codeDigest(ctx, input.Code)),
      lastModified: ctx.now,
      revisionId: ctx.ids.uuid(),
    };
    const tags = checkTags(ctx, input.Tags ?? {});
    if (ctx.state.functions[ref.arn]) lambdaFail(ctx, 'ResourceConflictException', `Function already exist: ${ref.name}`);
    const fn: FunctionRec = {
      name: ref.name,
      arn: ref.arn,
      region: ref.region,
      config,
      createdAt: ctx.now,
      activeAt: ctx.now + ctx.durations.of('lambda.function.create'),
      updateDoneAt: null,
      tags,
      policy: [],
      policyRevisionId: ctx.ids.uuid(),
      reservedConcurrency: null,
      versions: [],
    };
    ctx.state.functions[ref.arn] = fn;
    if (input.Publish) {
      const v = publish(ctx, fn, undefined);
      return renderConfig(fn, v.config, v.version, ctx.now);
    }
    return renderConfig(fn, fn.config, '$LATEST', ctx.now);
  },

  GetFunction(input: GetFunctionCommandInput, ctx: LambdaCtx): Out<GetFunctionCommandOutput> {
    const { fn, config, version } = findFunction(ctx, input.FunctionName, input.Qualifier);
    const tags = Object.keys(fn.tags).length > 0 ? { ...fn.tags } : undefined;
    return {
      Configuration: renderConfig(fn, config, version, ctx.now),
      Code: {
        RepositoryType: 'S3',
        Location: `https://awslambda-${fn.region}-tasks.s3.${fn.region}.amazonaws.com/snapshots/${ctx.accountId}/${fn.name}-${config.revisionId}?X-Amz-Security-Token=sandbox`,
      },
      Tags: tags,
      Concurrency: fn.reservedConcurrency === null ? undefined : { ReservedConcurrentExecutions: fn.reservedConcurrency },
    };
  },

  GetFunctionConfiguration(input: GetFunctionConfigurationCommandInput, ctx: LambdaCtx): Out<GetFunctionConfigurationCommandOutput> {
    const { fn, config, version } = findFunction(ctx, input.FunctionName, input.Qualifier);
    return renderConfig(fn, config, version, ctx.now);
  },

  ListFunctions(input: ListFunctionsCommandInput, ctx: LambdaCtx): Out<ListFunctionsCommandOutput> {
    const fns = Object.values(ctx.state.functions).filter((f) => f.region === ctx.region);
    const page = lambdaPage(ctx, fns, (f) => f.name, input);
    const all = input.FunctionVersion === 'ALL';
    return {
      Functions: page.items.flatMap((f) => [
        renderConfig(f, f.config, '$LATEST', ctx.now),
        ...(all ? f.versions.map((v) => renderConfig(f, v.config, v.version, ctx.now)) : []),
      ]),
      NextMarker: page.NextMarker,
    };
  },

  DeleteFunction(input: DeleteFunctionCommandInput, ctx: LambdaCtx): Out<DeleteFunctionCommandOutput> {
    const { fn, version } = findFunction(ctx, input.FunctionName, input.Qualifier);
    if (input.Qualifier === '$LATEST') lambdaFail(ctx, 'InvalidParameterValueException', '$LATEST version cannot be deleted without deleting the function.');
    if (version !== '$LATEST') {
      fn.versions = fn.versions.filter((v) => v.version !== version);
      return {};
    }
    delete ctx.state.functions[fn.arn];
    return {};
  },

  PublishVersion(input: PublishVersionCommandInput, ctx: LambdaCtx): Out<PublishVersionCommandOutput> {
    const { fn } = findFunction(ctx, input.FunctionName);
    assertSettled(ctx, fn);
    if (input.CodeSha256 !== undefined && input.CodeSha256 !== fn.config.codeSha256) {
      lambdaFail(ctx, 'InvalidParameterValueException', `CodeSHA256 (${input.CodeSha256}) is different from current CodeSHA256 in $LATEST (${fn.config.codeSha256}). Please try again with the current CodeSHA256.`);
    }
    const v = publish(ctx, fn, input.Description, input.RevisionId);
    return renderConfig(fn, v.config, v.version, ctx.now);
  },

  ListVersionsByFunction(input: ListVersionsByFunctionCommandInput, ctx: LambdaCtx): Out<ListVersionsByFunctionCommandOutput> {
    const { fn } = findFunction(ctx, input.FunctionName);
    const all = [{ version: '$LATEST', config: fn.config }, ...fn.versions];
    // $LATEST sorts first; numbered versions in numeric order.
    const page = lambdaPage(ctx, all, (v) => (v.version === '$LATEST' ? '0' : `1${v.version.padStart(12, '0')}`), input);
    return { Versions: page.items.map((v) => renderConfig(fn, v.config, v.version, ctx.now)), NextMarker: page.NextMarker };
  },
} satisfies OperationTable<LambdaState>;
