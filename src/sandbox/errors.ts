/**
 * What goes wrong locally with the sandbox (its file, its lock, its settings): errors
 * whose message says what is wrong and what to do, so the CLI prints the message alone,
 * never a stack trace and never as if AWS had answered. Imports nothing: the CLI can
 * recognise these errors without loading the sandbox.
 */

/** The default state file, relative to the working directory. */
export const DEFAULT_SANDBOX_FILE = '.blogctl/sandbox.json';

/** A local sandbox problem with a complete, one-line message. */
export class SandboxError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SandboxError';
  }
}

/** A path as a shell argument: quoted when it holds anything but safe characters. */
function shellArg(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replaceAll("'", `'\\''`)}'`;
}

/** The `blogctl sandbox reset` command for this state file (naming it unless it is the default). */
export function resetCommand(location: string): string {
  return location === DEFAULT_SANDBOX_FILE ? 'blogctl sandbox reset' : `blogctl sandbox reset --sandbox-file ${shellArg(location)}`;
}

/** The sandbox state cannot be used as it is; the message says what to do. */
export class SandboxStateError extends SandboxError {
  readonly location: string;
  constructor(location: string, problem: string, options?: ErrorOptions) {
    super(
      `sandbox state ${location} ${problem}. It was left untouched. ` +
        `Fix or move the file, or run \`${resetCommand(location)}\` to start a new empty simulated account (this discards the old one).`,
      options,
    );
    this.name = 'SandboxStateError';
    this.location = location;
  }
}

/** The state file's permissions forbid what a call needs (its mode says read-only, or the directory refuses). */
export class SandboxAccessError extends SandboxError {
  readonly location: string;
  constructor(location: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SandboxAccessError';
    this.location = location;
  }
}

/** A BLOGCTL_SANDBOX_* variable (or option) that cannot be used. */
export class SandboxSettingsError extends SandboxError {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxSettingsError';
  }
}
