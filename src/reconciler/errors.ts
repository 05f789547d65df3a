/**
 * The three kinds of failure of DESIGN.md: SpecError (bad input, never retried),
 * AdapterError (one resource, one operation, with AWS's operation and error code),
 * InternalError (a bug).
 */
import type { SourcePos, SpecProblem } from './types.ts';

export const formatPos = (p: SourcePos): string => `${p.file}:${p.line}:${p.col}`;

export const comparePos = (a: SourcePos, b: SourcePos): number =>
  a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col;

/** All problems of a spec, sorted by place; the message lists each on its own line. */
export class SpecError extends Error {
  readonly problems: readonly SpecProblem[];
  constructor(problems: readonly SpecProblem[]) {
    const sorted = [...problems].sort((a, b) => comparePos(a.pos, b.pos));
    super(sorted.map((p) => `${formatPos(p.pos)}: ${p.message}`).join('\n'));
    this.name = 'SpecError';
    this.problems = sorted;
  }
}

/** Problems of the spec found by asking AWS (preflight): the run stops before any write. */
export class PreflightError extends SpecError {
  constructor(problems: readonly SpecProblem[]) {
    super(problems);
    this.name = 'PreflightError';
  }
}

/** What the SDK (or the client middlewares) leave on an error: read without importing the SDK. */
interface AwsErrorShape {
  readonly name?: string;
  readonly message?: string;
  /** Set by src/aws's call counter: the operation that failed, e.g. CreateSubnet. */
  readonly $operation?: string;
  readonly $fault?: 'client' | 'server';
  readonly $retryable?: { throttling?: boolean };
  readonly $metadata?: { httpStatusCode?: number };
}

/** AWS's names for "slow down" (error names and messages). */
export const THROTTLING = /Throttl|RequestLimitExceeded|TooManyRequests|SlowDown|RateExceeded|Rate exceeded|PriorRequestNotComplete|RequestThrottled/;

/** Worth trying the whole operation again: throttling, a 5xx, a timeout or a dropped connection. */
export function isRetryable(err: unknown): boolean {
  const e = err as AwsErrorShape;
  if (e.$retryable !== undefined || e.$fault === 'server') return true;
  if (THROTTLING.test(e.name ?? '') || THROTTLING.test(e.message ?? '')) return true;
  return /TimeoutError|ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|socket hang up/.test(`${e.name ?? ''} ${e.message ?? ''}`);
}

/** Did AWS answer (an error with response metadata), as opposed to a local failure? */
export const isAwsError = (err: unknown): boolean => (err as AwsErrorShape | undefined)?.$metadata !== undefined;

/**
 * One resource's operation failed (or one kind's, for observe, with resource ''): `create publicSubnetA (ec2.subnet): CreateSubnet:
 * InvalidSubnet.Conflict: The CIDR '10.0.1.0/24' conflicts with another subnet`.
 */
export class AdapterError extends Error {
  readonly operation: string | undefined;
  readonly code: string | undefined;
  readonly retryable: boolean;
  constructor(
    readonly action: string,
    readonly resource: string,
    readonly kind: string,
    cause: unknown,
  ) {
    const e = (cause ?? {}) as AwsErrorShape;
    const operation = e.$operation;
    const code = isAwsError(cause) ? e.name : undefined;
    const detail = [operation, code, e.message ?? String(cause)].filter(Boolean).join(': ');
    super(`${action} ${resource ? `${resource} (${kind})` : kind}: ${detail}`, { cause });
    this.name = 'AdapterError';
    this.operation = operation;
    this.code = code;
    this.retryable = isRetryable(cause);
  }

  /** The message without the leading `action resource (kind): `. */
  get detail(): string {
    return this.message.slice(this.message.indexOf(': ') + 2);
  }
}

export class InternalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`internal error (a bug in blogctl, please report it): ${message}`, options);
    this.name = 'InternalError';
  }
}

/** A --target that names no resource of the spec. */
export class TargetError extends Error {
  override name = 'TargetError';
}
