/**
 * A function's configuration: what CreateFunction/UpdateFunctionConfiguration accept
 * (runtime, role Lambda can assume, limits, environment), the code's SHA-256 and size,
 * and the FunctionConfiguration Lambda renders, with states derived from the clock.
 */
import { createHash } from 'node:crypto';
import type { Architecture, FunctionCode, FunctionConfiguration, LastUpdateStatusReasonCode, Runtime } from '@aws-sdk/client-lambda';
import type { IamState } from '../iam/state.ts';
import { trustsService } from '../iam/policy-documents.ts';
import { readObjectBytes } from '../s3/object-versions.ts';
import type { S3State } from '../s3/state.ts';
import { type LambdaCtx, lambdaFail, validationError } from './function-names.ts';
import type { FunctionConfigRec, FunctionRec } from './state.ts';

const RUNTIMES = [
  'nodejs18.x', 'nodejs20.x', 'nodejs22.x', 'nodejs24.x', 'python3.9', 'python3.10', 'python3.11', 'python3.12', 'python3.13',
  'java11', 'java17', 'java21', 'java8.al2', 'dotnet8', 'ruby3.2', 'ruby3.3', 'ruby3.4', 'provided.al2', 'provided.al2023',
];
const DEPRECATED = [
  'nodejs', 'nodejs4.3', 'nodejs4.3-edge', 'nodejs6.10', 'nodejs8.10', 'nodejs10.x', 'nodejs12.x', 'nodejs14.x', 'nodejs16.x',
  'python2.7', 'python3.6', 'python3.7', 'python3.8', 'java8', 'dotnetcore1.0', 'dotnetcore2.0', 'dotnetcore2.1', 'dotnetcore3.1',
  'dotnet6', 'ruby2.5', 'ruby2.7', 'go1.x', 'provided',
];
const NEWEST: Readonly<Record<string, string>> = { nodejs: 'nodejs24.x', python: 'python3.13', java: 'java21', dotnet: 'dotnet8', ruby: 'ruby3.4', go: 'provided.al2023', provided: 'provided.al2023' };
const RESERVED_ENV = /^(_HANDLER|_X_AMZN_TRACE_ID|AWS_REGION|AWS_EXECUTION_ENV|AWS_LAMBDA_FUNCTION_NAME|AWS_LAMBDA_FUNCTION_MEMORY_SIZE|AWS_LAMBDA_FUNCTION_VERSION|AWS_LAMBDA_INITIALIZATION_TYPE|AWS_LAMBDA_LOG_GROUP_NAME|AWS_LAMBDA_LOG_STREAM_NAME|AWS_ACCESS_KEY|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|AWS_LAMBDA_RUNTIME_API|LAMBDA_TASK_ROOT|LAMBDA_RUNTIME_DIR)$/;

export function checkRuntime(ctx: LambdaCtx, runtime: string | undefined): string {
  if (runtime === undefined) lambdaFail(ctx, 'InvalidParameterValueException', 'Runtime is required for .zip deployment packages.');
  if (DEPRECATED.includes(runtime)) {
    const family = /^[a-z]+/.exec(runtime)?.[0] ?? 'nodejs';
    lambdaFail(ctx, 'InvalidParameterValueException', `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use the new runtime (${NEWEST[family] ?? 'nodejs24.x'}) while creating or updating functions.`);
  }
  if (!RUNTIMES.includes(runtime)) validationError(ctx, 'runtime', runtime, `Member must satisfy enum value set: [${[...RUNTIMES, ...DEPRECATED].join(', ')}]`);
  return runtime;
}

/** The role must exist in IAM and trust lambda.amazonaws.com, or Lambda cannot assume it. */
export function checkRole(ctx: LambdaCtx, role: string | undefined): string {
  if (role === undefined) validationError(ctx, 'role', null, 'Member must not be null');
  if (!/^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/.test(role)) {
    validationError(ctx, 'role', role, 'Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+');
  }
  const found = Object.values(ctx.serviceState<IamState>('iam').roles).find((r) => r.arn === role);
  if (!found || !trustsService(found.assumeRolePolicy, 'lambda.amazonaws.com')) {
    lambdaFail(ctx, 'InvalidParameterValueException', 'The role defined for the function cannot be assumed by Lambda.');
  }
  return role;
}

export function checkRange(ctx: LambdaCtx, value: number | undefined, field: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) validationError(ctx, field, value, `Member must have value greater than or equal to ${min}`);
  if (value > max) validationError(ctx, field, value, `Member must have value less than or equal to ${max}`);
  return value;
}

export function checkEnvironment(ctx: LambdaCtx, variables: Record<string, string> | undefined): Record<string, string> | null {
  if (variables === undefined) return null;
  const reserved = Object.keys(variables).filter((k) => RESERVED_ENV.test(k));
  if (reserved.length > 0) {
    lambdaFail(ctx, 'InvalidParameterValueException', `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(', ')}`);
  }
  for (const key of Object.keys(variables)) {
    if (!/^[a-zA-Z]([a-zA-Z0-9_])+$/.test(key)) validationError(ctx, 'environment.variables', key, 'Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+');
  }
  const size = JSON.stringify(variables).length;
  if (size > 4096) {
    lambdaFail(ctx, 'InvalidParameterValueException', `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${JSON.stringify(variables)}`);
  }
  return { ...variables };
}

export function checkArchitectures(ctx: LambdaCtx, value: readonly string[] | undefined, fallback: string[]): string[] {
  if (value === undefined) return fallback;
  if (value.length !== 1) validationError(ctx, 'architectures', `[${value.join(', ')}]`, 'Member must have length less than or equal to 1');
  if (!['x86_64', 'arm64'].includes(value[0]!)) validationError(ctx, 'architectures', `[${value.join(', ')}]`, 'Member must satisfy enum value set: [x86_64, arm64]');
  return [...value];
}

function zipBytes(ctx: LambdaCtx, code: Pick<FunctionCode, 'ZipFile' | 'S3Bucket' | 'S3Key' | 'S3ObjectVersion'>): Uint8Array {
  if (code.ZipFile !== undefined) {
    // Through the SDK: bytes. Through `blogctl sandbox tamper` (JSON): base64 text.
    const zip: unknown = code.ZipFile;
    return typeof zip === 'string' ? Buffer.from(zip, 'base64') : (zip as Uint8Array);
  }
  if (code.S3Bucket !== undefined && code.S3Key !== undefined) {
    const read = readObjectBytes(ctx.serviceState<S3State>('s3'), code.S3Bucket, code.S3Key, code.S3ObjectVersion);
    if (typeof read === 'string') {
      lambdaFail(ctx, 'InvalidParameterValueException', `Error occurred while GetObject. S3 Error Code: ${read}. S3 Error Message: ${read === 'NoSuchBucket' ? 'The specified bucket does not exist' : 'The specified key does not exist.'}`);
    }
    return read;
  }
  return lambdaFail(ctx, 'InvalidParameterValueException', 'Please provide a source for function code.');
}

/** The deployment package: it must be a zip; Lambda reports its SHA-256 (base64) and size. */
export function codeDigest(ctx: LambdaCtx, code: Pick<FunctionCode, 'ZipFile' | 'S3Bucket' | 'S3Key' | 'S3ObjectVersion'> | undefined): { sha256: string; size: number } {
  if (code === undefined) validationError(ctx, 'code', null, 'Member must not be null');
  const bytes = zipBytes(ctx, code);
  const magic = Buffer.from(bytes.subarray(0, 4)).toString('latin1');
  if (magic !== 'PK\u0003\u0004' && magic !== 'PK\u0005\u0006') {
    lambdaFail(ctx, 'InvalidParameterValueException', 'Could not unzip uploaded file. Please check your file, then try to upload again.');
  }
  if (bytes.length > 50 * 1024 * 1024) lambdaFail(ctx, 'RequestTooLargeException', 'Request must be smaller than 52428800 bytes for the CreateFunction operation');
  return { sha256: createHash('sha256').update(bytes).digest('base64'), size: bytes.length };
}

/** Lambda's timestamp format: 2025-01-01T00:00:00.000+0000. */
export function lambdaTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** Pending -> Active after create; LastUpdateStatus InProgress -> Successful after an update. */
function states(fn: FunctionRec, now: number, version: string): Partial<FunctionConfiguration> {
  if (version === '$LATEST' && now < fn.activeAt) {
    return { State: 'Pending', StateReason: 'The function is being created.', StateReasonCode: 'Creating' };
  }
  if (version === '$LATEST' && fn.updateDoneAt !== null && now < fn.updateDoneAt) {
    return { State: 'Active', LastUpdateStatus: 'InProgress', LastUpdateStatusReason: 'The function is being created.', LastUpdateStatusReasonCode: 'Creating' as LastUpdateStatusReasonCode };
  }
  return { State: 'Active', LastUpdateStatus: 'Successful' };
}

export function isPending(fn: FunctionRec, now: number): boolean {
  return now < fn.activeAt;
}

export function isUpdating(fn: FunctionRec, now: number): boolean {
  return fn.updateDoneAt !== null && now < fn.updateDoneAt;
}

export function renderConfig(fn: FunctionRec, config: FunctionConfigRec, version: string, now: number): FunctionConfiguration {
  return {
    FunctionName: fn.name,
    FunctionArn: version === '$LATEST' ? fn.arn : `${fn.arn}:${version}`,
    Runtime: config.runtime as Runtime,
    Role: config.role,
    Handler: config.handler,
    CodeSize: config.codeSize,
    Description: config.description,
    Timeout: config.timeout,
    MemorySize: config.memorySize,
    LastModified: lambdaTime(config.lastModified),
    CodeSha256: config.codeSha256,
    Version: version,
    Environment: config.environment === null ? undefined : { Variables: { ...config.environment } },
    TracingConfig: { Mode: 'PassThrough' },
    RevisionId: config.revisionId,
    PackageType: 'Zip',
    Architectures: config.architectures as Architecture[],
    EphemeralStorage: { Size: config.ephemeralStorage },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${fn.name}` },
    ...states(fn, now, version),
  };
}
