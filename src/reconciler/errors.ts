/**
 * The three kinds of failure of DESIGN.md: SpecError (bad input, never retried),
 * AdapterError (one resource, one operation), InternalError (a bug).
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

export class AdapterError extends Error {
  constructor(
    readonly resource: string,
    readonly operation: string,
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(`${resource}: ${operation} failed: ${message}`, options);
    this.name = 'AdapterError';
  }
}

export class InternalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`internal error (a bug in blogctl, please report it): ${message}`, options);
    this.name = 'InternalError';
  }
}
