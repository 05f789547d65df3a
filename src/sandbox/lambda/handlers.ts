/**
 * What runs when a simulated function is invoked, in process: a JS handler registered for
 * the function (by name or by Handler string), else the repo's own module when the Handler
 * names one under src/lambda (handler.handler -> src/lambda/handler.ts, export `handler`),
 * else nothing (the invocation is recorded with status 'no-handler').
 * The function's environment variables are set in process.env while its handler runs, and
 * its context carries `sdkClients` (not in AWS): SDK clients this sandbox answers, so a
 * handler that calls AWS (src/lambda writes DynamoDB, reads S3) reaches the same account.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { importSource, packagePath } from '../../package-files.ts';
import type { ClientProvider } from '../../reconciler/types.ts';

/** The `context` argument a Node.js Lambda handler gets (the members handlers use). */
export interface LambdaInvokeContext {
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
  readonly awsRequestId: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  readonly callbackWaitsForEmptyEventLoop: boolean;
  getRemainingTimeInMillis(): number;
  /** Not in AWS: SDK clients answered by this sandbox (`sdkClients.get(DynamoDBClient)`). */
  readonly sdkClients?: ClientProvider;
  /** Not in AWS: where the function's log lines go (its log group, in AWS), not this process's stdout. */
  readonly logSink?: (line: string) => void;
}

export type LambdaHandler = (event: unknown, context: LambdaInvokeContext) => unknown;

export interface HandlerOptions {
  /** Function name or Handler string -> the JS that runs for it. */
  readonly handlers?: Readonly<Record<string, LambdaHandler>>;
  /** Where Handler modules are looked up; default src/lambda of this repo; null: never. */
  readonly moduleRoot?: string | URL | null;
}

/** What the runner needs of a function. */
export interface FunctionView {
  readonly name: string;
  readonly arn: string;
  readonly version: string;
  readonly region: string;
  readonly handler: string;
  readonly timeout: number;
  readonly memorySize: number;
  readonly environment: Readonly<Record<string, string>>;
}

export interface Outcome {
  readonly status: 'succeeded' | 'failed' | 'no-handler';
  /** JSON text: the result, or Lambda's error document. */
  readonly payload: string;
  readonly error?: { errorType: string; errorMessage: string };
  /** What the handler logged through the context's logSink, as its log group would hold it. */
  readonly logs?: readonly string[];
}

/** The repo's own src/lambda, from the sources or the bundle alike. */
const defaultRoot = (): URL => pathToFileURL(`${packagePath('src', 'lambda')}/`);

class HandlerError extends Error {
  constructor(readonly errorType: string, message: string) {
    super(message);
  }
}

async function fromModule(root: URL, handler: string): Promise<LambdaHandler | undefined> {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const modulePath = handler.slice(0, dot);
  const exportName = handler.slice(dot + 1);
  const file = ['.ts', '.mts', '.js', '.mjs'].map((ext) => new URL(`${modulePath}${ext}`, root)).find((u) => existsSync(fileURLToPath(u)));
  if (file === undefined) return undefined;
  let mod: Record<string, unknown>;
  try {
    mod = await importSource(file.href);
  } catch (e) {
    throw new HandlerError('Runtime.ImportModuleError', `Error: ${(e as Error).message}`);
  }
  const fn = mod[exportName];
  if (typeof fn !== 'function') throw new HandlerError('Runtime.HandlerNotFound', `${modulePath}.${exportName} is undefined or not exported`);
  return fn as LambdaHandler;
}

function rootOf(options: HandlerOptions): URL | null {
  const root = options.moduleRoot === undefined ? defaultRoot() : options.moduleRoot;
  if (root === null) return null;
  if (root instanceof URL) return root;
  return pathToFileURL(root.endsWith('/') ? root : `${root}/`);
}

async function withEnvironment<T>(env: Readonly<Record<string, string>>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await run();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

function errorOutcome(e: unknown): Outcome {
  const err = e instanceof Error ? e : new Error(String(e));
  const errorType = err instanceof HandlerError ? err.errorType : err.name;
  const trace = (err.stack ?? '').split('\n').slice(1).map((l) => l.trim());
  return {
    status: 'failed',
    payload: JSON.stringify({ errorType, errorMessage: err.message, trace }),
    error: { errorType, errorMessage: err.message },
  };
}

/** Runs the function's handler on `event`; a throw becomes Lambda's error document, never an exception. */
export async function runFunction(options: HandlerOptions, fn: FunctionView, event: unknown, requestId: string, sdkClients?: ClientProvider): Promise<Outcome> {
  try {
    const root = rootOf(options);
    const handler =
      options.handlers?.[fn.name] ?? options.handlers?.[fn.handler] ?? (root === null ? undefined : await fromModule(root, fn.handler));
    if (handler === undefined) return { status: 'no-handler', payload: 'null' };
    const logs: string[] = [];
    const context: LambdaInvokeContext = {
      functionName: fn.name,
      functionVersion: fn.version,
      invokedFunctionArn: fn.arn,
      memoryLimitInMB: String(fn.memorySize),
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${fn.name}`,
      logStreamName: `sandbox/[${fn.version}]${requestId.replace(/-/g, '')}`,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => fn.timeout * 1000,
      ...(sdkClients && { sdkClients }),
      logSink: (line) => void logs.push(line.replace(/\n$/, '')),
    };
    const env = {
      ...fn.environment,
      AWS_REGION: fn.region,
      AWS_DEFAULT_REGION: fn.region,
      AWS_LAMBDA_FUNCTION_NAME: fn.name,
      AWS_LAMBDA_FUNCTION_VERSION: fn.version,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
      _HANDLER: fn.handler,
    };
    try {
      const result = await withEnvironment(env, async () => handler(event, context));
      return { status: 'succeeded', payload: JSON.stringify(result ?? null), logs };
    } catch (e) {
      return { ...errorOutcome(e), logs };
    }
  } catch (e) {
    return errorOutcome(e);
  }
}
