/**
 * The Lambda part of the simulated account: functions keyed by their unqualified ARN (so
 * functions of different regions never mix), their published versions, resource policies,
 * and a log of invocations (what ran, with which event, and what came of it).
 */

/** What a published version freezes (and $LATEST holds). */
export interface FunctionConfigRec {
  runtime: string;
  handler: string;
  role: string;
  description: string;
  timeout: number;
  memorySize: number;
  architectures: string[];
  /** null: no Environment member in responses. */
  environment: Record<string, string> | null;
  ephemeralStorage: number;
  codeSha256: string;
  codeSize: number;
  lastModified: number;
  revisionId: string;
}

export interface PolicyStatementRec {
  sid: string;
  action: string;
  principal: string;
  sourceArn: string | null;
  sourceAccount: string | null;
  principalOrgId: string | null;
  /** The ARN the statement grants on (qualified when AddPermission had a Qualifier). */
  resource: string;
}

export interface PublishedVersionRec {
  version: string;
  config: FunctionConfigRec;
  publishedAt: number;
}

export interface FunctionRec {
  name: string;
  arn: string;
  region: string;
  config: FunctionConfigRec;
  createdAt: number;
  /** Pending until then (CreateFunction). */
  activeAt: number;
  /** LastUpdateStatus InProgress until then (UpdateFunctionCode/Configuration); null before any update. */
  updateDoneAt: number | null;
  tags: Record<string, string>;
  policy: PolicyStatementRec[];
  policyRevisionId: string;
  reservedConcurrency: number | null;
  versions: PublishedVersionRec[];
}

export interface InvocationRec {
  requestId: string;
  functionArn: string;
  /** ISO time. */
  at: string;
  invocationType: string;
  /** Who invoked: 'api' or the service ('s3'). */
  source: string;
  /** The event as JSON text. */
  event: string;
  status: 'running' | 'succeeded' | 'failed' | 'no-handler';
  /** JSON text of what the handler returned. */
  result?: string;
  error?: { errorType: string; errorMessage: string };
  /** The handler's log lines (the last LOG_LINES_KEPT), as its log group would show them. */
  logs?: string[];
}

export interface LambdaState {
  functions: Record<string, FunctionRec>;
  invocations: InvocationRec[];
}

/** Invocations kept in the account file (the oldest go first). */
export const INVOCATIONS_KEPT = 200;

/** Log lines kept per invocation. */
export const LOG_LINES_KEPT = 50;

export function emptyLambdaState(): LambdaState {
  return { functions: {}, invocations: [] };
}
