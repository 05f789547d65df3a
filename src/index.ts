/** The CLI: argv -> wiring -> run -> exit code. Nothing else lives here. */
import { describeAwsError } from './aws/errors.ts';
import { parseCli, UsageError, type CliArgs } from './cli/args.ts';
import { stdio, type Io } from './cli/io.ts';
import { USAGE } from './cli/usage.ts';
import { AdapterError, InternalError, PreflightError, SpecError, TargetError } from './reconciler/errors.ts';
import { ExitCode } from './reconciler/exit-codes.ts';
import { LeaseBusyError } from './lease/lease.ts';
import { SandboxError } from './sandbox/errors.ts';

export type { Io } from './cli/io.ts';

type Command = (args: CliArgs, io: Io) => Promise<number> | number;

/**
 * Each command's module is loaded only when it runs: `--help` and `validate` never load
 * the engine's AWS side, and `validate` no SDK client.
 */
const commands: Record<string, () => Promise<Command>> = {
  validate: async () => (await import('./cli/commands/spec.ts')).validateCommand,
  graph: async () => (await import('./cli/commands/spec.ts')).graphCommand,
  schema: async () => (await import('./cli/commands/spec.ts')).schemaCommand,
  plan: async () => (await import('./cli/commands/reconcile.ts')).planCommand,
  reconcile: async () => (await import('./cli/commands/reconcile.ts')).reconcileCommand,
  destroy: async () => (await import('./cli/commands/reconcile.ts')).destroyCommand,
  drift: async () => (await import('./cli/commands/drift.ts')).driftCommand,
  'iam-policy': async () => (await import('./cli/commands/iam-policy.ts')).iamPolicyCommand,
  sandbox: async () => (await import('./cli/commands/sandbox.ts')).sandboxCommand,
};

export async function main(argv: readonly string[], io: Io = stdio): Promise<number> {
  try {
    const args = parseCli(argv);
    if (args.help || !args.command) {
      io.out(USAGE);
      return args.command || args.help ? ExitCode.Ok : ExitCode.Error;
    }
    const load = commands[args.command];
    if (!load) throw new UsageError(`unknown command "${args.command}"; run blogctl --help`);
    return await (await load())(args, io);
  } catch (err) {
    if (err instanceof SpecError) {
      io.err(err.message);
      const sent = err instanceof PreflightError ? 'nothing was changed in AWS' : 'nothing was sent to AWS';
      io.err(`${err.problems.length} problem${err.problems.length === 1 ? '' : 's'} in the spec; ${sent}.`);
      return ExitCode.Error;
    }
    // What kept calls from reaching AWS (no credentials, no region, an endpoint that did not
    // answer) is said as such, even when it surfaced as an operation's failure.
    const clear = err instanceof SandboxError ? err.message : describeAwsError(err);
    if (clear !== undefined) {
      io.err(`blogctl: ${clear}`);
      return ExitCode.Error;
    }
    if (err instanceof UsageError || err instanceof TargetError || err instanceof AdapterError || err instanceof LeaseBusyError) {
      io.err(`blogctl: ${err.message}`);
      return ExitCode.Error;
    }
    // Anything else is a bug: say so plainly; the stack only when asked for (BLOGCTL_DEBUG=1).
    const bug = err instanceof InternalError ? err : new InternalError(err instanceof Error ? err.message : String(err), { cause: err });
    io.err(`blogctl: ${bug.message}`);
    if (process.env.BLOGCTL_DEBUG) io.err(String((err as Error)?.stack ?? err));
    else io.err('(set BLOGCTL_DEBUG=1 for the stack trace)');
    return ExitCode.Error;
  }
}
