/**
 * The S3-event Lambda (Handler "handler.handler"): records every object created or removed
 * in the bucket in the object table, correct under S3's duplicate and out-of-order
 * delivery (object-table.ts). Imports nothing of blogctl's engine or adapters; bundled by
 * bundle.ts with the AWS SDK left to the Lambda runtime.
 *
 * In AWS the init phase reads the configuration and builds the clients, so a missing
 * TABLE_NAME fails the cold start. An in-process host (the blogctl sandbox) imports this
 * module once for many functions and accounts: there the configuration is read at each
 * invocation and the clients come from the context's `sdkClients`, which AWS never sets.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { readConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { type HandlerDeps, processEvent, type Summary } from './records.ts';

/** SDK clients a host hands the function (AwsClients does). */
export interface ClientSource {
  get<T extends object>(ctor: new (config: never) => T): T;
}

/** The members of Lambda's context the handler reads, and the host's clients. */
export interface InvokeContext {
  readonly awsRequestId?: string;
  readonly sdkClients?: ClientSource;
  /** A host's log group (AWS has none: Lambda sends stdout there). */
  readonly logSink?: (line: string) => void;
}

/**
 * Attempts per DynamoDB write in AWS (the SDK's standard mode backs off between them,
 * from 500 ms for throttling): about 4 s of retries at most, well inside the 30 s timeout.
 */
const DYNAMODB_MAX_ATTEMPTS = 5;

type Runtime = Omit<HandlerDeps, 'log'> & { readonly host: ClientSource | undefined };

let runtime: Runtime | undefined;
const log = createLogger();

function runtimeFor(env: NodeJS.ProcessEnv, host: ClientSource | undefined): Runtime {
  const { tableName } = readConfig(env);
  if (runtime !== undefined && runtime.tableName === tableName && runtime.host === host) return runtime;
  runtime = {
    host,
    tableName,
    ddb: host ? host.get(DynamoDBClient) : new DynamoDBClient({ maxAttempts: DYNAMODB_MAX_ATTEMPTS }),
    s3: host ? host.get(S3Client) : new S3Client({}),
  };
  return runtime;
}

if (process.env['AWS_EXECUTION_ENV']?.startsWith('AWS_Lambda_')) runtimeFor(process.env, undefined);

export async function handler(event: unknown, context?: InvokeContext): Promise<Summary> {
  const deps = runtimeFor(process.env, context?.sdkClients);
  const base = context?.logSink ? createLogger({ write: context.logSink }) : log;
  return processEvent(event, { ...deps, log: base.child({ requestId: context?.awsRequestId }) });
}
