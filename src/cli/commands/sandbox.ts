/**
 * `blogctl sandbox show|tamper|reset`: look inside the simulated account (secret values
 * redacted), change it by hand (to simulate someone editing AWS) and start over.
 */
import { ExitCode } from '../../reconciler/exit-codes.ts';
import { type AccountState, type Sandbox, SandboxError, SIMULATORS, SimulatedError } from '../../sandbox/index.ts';
import { redactSecrets } from '../../sandbox/redact.ts';
import { UsageError, type CliArgs } from '../args.ts';
import type { Io } from '../io.ts';
import { openCliSandbox } from '../wiring.ts';

const USAGE = 'usage: blogctl sandbox show [--output json] | tamper <service> <Operation> <json input> | reset';

/** One line per collection of each service: its size and the first ids. */
export function summarizeAccount(state: AccountState): string {
  const lines = [`account ${state.accountId}, region ${state.region}, created ${state.createdAt}`];
  for (const [service, value] of Object.entries(state.services).sort(([a], [b]) => a.localeCompare(b))) {
    const held: string[] = [];
    for (const [name, coll] of Object.entries((value ?? {}) as Record<string, unknown>)) {
      // `lookups`: EC2's indexes of its own records, not resources.
      if (!coll || typeof coll !== 'object' || name === 'lookups') continue;
      const keys = Array.isArray(coll) ? coll.map((_, i) => String(i)) : Object.keys(coll);
      if (keys.length === 0) continue;
      const shown = Array.isArray(coll) ? '' : `: ${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', ...' : ''}`;
      held.push(`  ${name} (${keys.length})${shown}`);
    }
    // A service that holds nothing (STS; the tagging API, which reads the others) is not listed.
    if (held.length > 0) lines.push(`${service}:`, ...held);
  }
  return lines.join('\n');
}

/** `sandbox tamper`: one simulated call; AWS errors as AWS would print them, never a stack trace. */
async function tamper(sandbox: Sandbox, rest: readonly string[], io: Io): Promise<number> {
  const [service, operation, json] = rest;
  const sim = SIMULATORS.find((s) => s.name === service);
  if (!sim || !operation) throw new UsageError(`${USAGE}\nservices: ${SIMULATORS.map((s) => s.name).join(', ')}`);
  let input: unknown;
  try {
    input = JSON.parse(json ?? '{}');
  } catch (err) {
    throw new UsageError(`the input of ${operation} is not JSON: ${(err as Error).message}`);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new UsageError(`the input of ${operation} must be a JSON object, like '{"VpcId":"vpc-..."}'`);
  }
  const name = operation.replace(/Command$/, '');
  try {
    io.out(JSON.stringify(await sandbox.call(sim.clientName, name, input), null, 2));
    return ExitCode.Ok;
  } catch (err) {
    if (err instanceof SimulatedError) {
      io.err(`blogctl: the sandbox's ${service} answered ${name} with ${err.code}: ${err.message}`);
      return ExitCode.Error;
    }
    if (err instanceof SandboxError) throw err;
    // A handler tripped over an input that is not shaped like the SDK's (a string for a list...).
    io.err(`blogctl: ${service} ${name} failed on this input (${(err as Error).message}); give it the fields of ${name}CommandInput`);
    return ExitCode.Error;
  }
}

export async function sandboxCommand(args: CliArgs, io: Io): Promise<number> {
  const sandbox = openCliSandbox(args);
  let code: number;
  try {
    code = await sandboxAction(sandbox, args, io);
  } catch (err) {
    await sandbox.idle().catch(() => undefined);
    throw err;
  }
  // What the command changed is in the file before it returns (a failed write is its error).
  await sandbox.idle();
  return code;
}

async function sandboxAction(sandbox: Sandbox, args: CliArgs, io: Io): Promise<number> {
  const [action, ...rest] = args.positionals;
  switch (action) {
    case 'show': {
      const state = await sandbox.snapshot();
      io.out(args.output === 'json' ? JSON.stringify(redactSecrets(state), null, 2) : summarizeAccount(state));
      return ExitCode.Ok;
    }
    case 'reset':
      await sandbox.reset();
      io.out('the sandbox account is new and empty (but for what a new AWS account has)');
      return ExitCode.Ok;
    case 'tamper':
      return tamper(sandbox, rest, io);
    default:
      throw new UsageError(USAGE);
  }
}
