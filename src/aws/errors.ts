/**
 * One line for an error of the AWS client layer, for the CLI: what AWS answered, or what
 * kept the call from reaching AWS (no credentials, no region, an endpoint that did not
 * answer, a malformed retry setting), with what to do. Never a stack trace, and "AWS
 * answered" only when AWS (or the sandbox standing in for it) did answer. Imports no SDK.
 */

export const NO_CREDENTIALS =
  'no AWS credentials found: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or use --sandbox';

/** A transport error as attachEndpointErrors (transport.ts) leaves it: the endpoint it was sent to. */
export interface EndpointError extends Error {
  readonly endpoint: string;
  readonly code?: string;
}

export function isEndpointError(e: unknown): e is EndpointError {
  return e instanceof Error && typeof (e as Partial<EndpointError>).endpoint === 'string';
}

/** A client setting (environment variable or option) that cannot be used. */
export class AwsConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AwsConfigError';
  }
}

interface SdkErrorLike {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly $fault?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number; readonly attempts?: number };
}

const attemptsOf = (e: SdkErrorLike) => {
  const n = e.$metadata?.attempts;
  return n === undefined ? '' : ` after ${n} attempt${n === 1 ? '' : 's'}`;
};

/** What kept calls from reaching AWS at all, wherever it is in the chain of causes. */
function unreachable(err: Error, depth = 0): string | undefined {
  const e = err as SdkErrorLike;
  if (err instanceof AwsConfigError) return err.message;
  if (e.name === 'CredentialsProviderError' || /^Could not load credentials/.test(e.message)) return NO_CREDENTIALS;
  if (/^Region is missing/.test(e.message)) return 'no AWS region: set AWS_REGION, or the region of the spec';
  if (isEndpointError(err)) {
    const timedOut = err.name === 'TimeoutError' || err.code === 'ETIMEDOUT';
    const what = timedOut ? 'did not answer in time' : `could not be reached (${err.code ?? err.name})`;
    return `${err.endpoint} ${what}${attemptsOf(e)}: check the network, or AWS_ENDPOINT_URL if you set it (${err.message})`;
  }
  return err.cause instanceof Error && depth < 5 ? unreachable(err.cause, depth + 1) : undefined;
}

/** The line to print for `err`, or undefined when it is not an error of the client layer. */
export function describeAwsError(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  const e = err as SdkErrorLike;
  const cause = unreachable(err);
  if (cause !== undefined) return cause;
  if (typeof e.$fault === 'string' && e.$metadata?.httpStatusCode !== undefined) return `AWS answered ${e.name}: ${e.message}`;
  return undefined;
}
