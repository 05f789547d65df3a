/** The CLI: argv -> wiring -> run -> exit code. Nothing else lives here. */
import { parseCli, UsageError, type CliArgs } from './cli/args.ts';
import { planCommand, reconcileCommand, destroyCommand } from './cli/commands/reconcile.ts';
import { driftCommand } from './cli/commands/drift.ts';
import { iamPolicyCommand } from './cli/commands/iam-policy.ts';
import { sandboxCommand } from './cli/commands/sandbox.ts';
import { graphCommand, schemaCommand, validateCommand } from './cli/commands/spec.ts';
import { stdio, type Io } from './cli/io.ts';
import { USAGE } from './cli/usage.ts';
import { AdapterError, InternalError, PreflightError, SpecError } from './reconciler/errors.ts';
import { ExitCode } from './reconciler/exit-codes.ts';
import { TargetError } from './reconciler/reconcile.ts';
import { LeaseBusyError } from './lease/lease.ts';

export type { Io } from './cli/io.ts';

type Command = (args: CliArgs, io: Io) => Promise<number> | number;

const commands: Record<string, Command> = {
  validate: validateCommand,
  graph: graphCommand,
  schema: schemaCommand,
  plan: planCommand,
  reconcile: reconcileCommand,
  destroy: destroyCommand,
  drift: driftCommand,
  'iam-policy': iamPolicyCommand,
  sandbox: sandboxCommand,
};

export async function main(argv: readonly string[], io: Io = stdio): Promise<number> {
  try {
    const args = parseCli(argv);
    if (args.help || !args.command) {
      io.out(USAGE);
      return args.command || args.help ? ExitCode.Ok : ExitCode.Error;
    }
    const command = commands[args.command];
    if (!command) throw new UsageError(`unknown command "${args.command}"; run blogctl --help`);
    return await command(args, io);
  } catch (err) {
    if (err instanceof SpecError) {
      io.err(err.message);
      const sent = err instanceof PreflightError ? 'nothing was changed in AWS' : 'nothing was sent to AWS';
      io.err(`${err.problems.length} problem${err.problems.length === 1 ? '' : 's'} in the spec; ${sent}.`);
      return ExitCode.Error;
    }
    if (err instanceof UsageError || err instanceof TargetError || err instanceof AdapterError || err instanceof LeaseBusyError) {
      io.err(`blogctl: ${err.message}`);
      return ExitCode.Error;
    }
    const named = err as { name?: string; message?: string; $metadata?: unknown };
    if (named.$metadata !== undefined) {
      io.err(`blogctl: AWS answered ${named.name}: ${named.message}`);
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
