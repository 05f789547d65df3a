/** Exit codes of DESIGN.md, shared by every command. */
export const ExitCode = {
  /** In sync, applied, valid. */
  Ok: 0,
  /** Bad input, an AWS error, a bug. */
  Error: 1,
  /** Changes pending (plan, drift): the spec is not applied yet. */
  ChangesPending: 2,
  /** Drift made outside the spec: someone changed AWS. */
  Drift: 3,
  /** An action was blocked by a missing --allow-* permission. */
  Blocked: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
