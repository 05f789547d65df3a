/**
 * How Lambda names a function in a request (a name, a full or partial ARN, with or without
 * a qualifier) and the errors it answers, with their HTTP statuses.
 */
import type { CallContext } from '../service.ts';
import type { FunctionConfigRec, FunctionRec, LambdaState } from './state.ts';

export type LambdaCtx = CallContext<LambdaState>;

const STATUS: Readonly<Record<string, number>> = {
  ResourceNotFoundException: 404,
  ResourceConflictException: 409,
  PreconditionFailedException: 412,
  RequestTooLargeException: 413,
  TooManyRequestsException: 429,
};

/** Fails with Lambda's error code, message and status (400 unless listed). */
export function lambdaFail(ctx: LambdaCtx, code: string, message: string): never {
  return ctx.fail(code, message, { status: STATUS[code] ?? 400, fields: { Type: 'User', Message: message } });
}

export function validationError(ctx: LambdaCtx, field: string, value: unknown, constraint: string): never {
  return lambdaFail(ctx, 'ValidationException', `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: ${constraint}`);
}

const REF =
  /^(?:arn:(aws[a-zA-Z-]*):lambda:([a-z]{2}(?:-gov)?-[a-z]+-\d):(\d{12}):function:|(\d{12}):function:)?([a-zA-Z0-9_-]{1,64})(?::(\$LATEST|[a-zA-Z0-9_-]{1,128}))?$/;
const REF_PATTERN =
  '(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?';

export interface FunctionRef {
  /** The unqualified ARN: the key of the function in state. */
  readonly arn: string;
  readonly name: string;
  readonly region: string;
  readonly qualifier: string | undefined;
}

/** Parses a FunctionName parameter (and an optional Qualifier parameter). */
export function parseFunctionRef(ctx: LambdaCtx, value: string | undefined, qualifier?: string, field = 'functionName'): FunctionRef {
  if (value === undefined) validationError(ctx, field, null, 'Member must not be null');
  const m = REF.exec(value);
  if (!m) validationError(ctx, field, value, `Member must satisfy regular expression pattern: ${REF_PATTERN}`);
  const region = m[2] ?? ctx.region;
  const account = m[3] ?? m[4] ?? ctx.accountId;
  const name = m[5]!;
  const inRef = m[6];
  if (inRef !== undefined && qualifier !== undefined && inRef !== qualifier) {
    lambdaFail(ctx, 'InvalidParameterValueException', 'The derived qualifier from the function name does not match the specified qualifier.');
  }
  const arn = ctx.arn(`function:${name}`, { region, account });
  return { arn, name, region, qualifier: inRef ?? qualifier };
}

export interface FoundFunction {
  readonly fn: FunctionRec;
  /** The configuration the qualifier names ($LATEST's unless a version). */
  readonly config: FunctionConfigRec;
  /** '$LATEST' or a version number. */
  readonly version: string;
}

/** The function a request names, or ResourceNotFoundException. */
export function findFunction(ctx: LambdaCtx, value: string | undefined, qualifier?: string): FoundFunction {
  const ref = parseFunctionRef(ctx, value, qualifier);
  const fn = ctx.state.functions[ref.arn];
  const shown = ref.qualifier === undefined ? ref.arn : `${ref.arn}:${ref.qualifier}`;
  if (!fn) lambdaFail(ctx, 'ResourceNotFoundException', `Function not found: ${shown}`);
  if (ref.qualifier === undefined || ref.qualifier === '$LATEST') return { fn, config: fn.config, version: '$LATEST' };
  const published = fn.versions.find((v) => v.version === ref.qualifier);
  if (!published) lambdaFail(ctx, 'ResourceNotFoundException', `Function not found: ${shown}`);
  return { fn, config: published.config, version: published.version };
}

/** The function an ARN of a taggable resource names (TagResource, ListTags). */
export function findTaggable(ctx: LambdaCtx, arn: string | undefined): FunctionRec {
  if (arn === undefined) validationError(ctx, 'resource', null, 'Member must not be null');
  const m = /^arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:function:[a-zA-Z0-9_-]+$/.exec(arn);
  if (!m) validationError(ctx, 'resource', arn, 'Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+)');
  const fn = ctx.state.functions[arn];
  if (!fn) lambdaFail(ctx, 'ResourceNotFoundException', `Function not found: ${arn}`);
  return fn;
}
