/**
 * `blogctl sandbox show|tamper|reset`: look inside the simulated account, change it by
 * hand (to simulate someone editing AWS) and start over.
 */
import { ExitCode } from '../../reconciler/exit-codes.ts';
import { SIMULATORS, type AccountState } from '../../sandbox/index.ts';
import { UsageError, type CliArgs } from '../args.ts';
import type { Io } from '../io.ts';
import { openCliSandbox } from '../wiring.ts';

const USAGE = 'usage: blogctl sandbox show [--output json] | tamper <service> <Operation> <json input> | reset';

/** One line per collection of each service: its size and the first ids. */
export function summarizeAccount(state: AccountState): string {
  const lines = [`account ${state.accountId}, region ${state.region}, created ${state.createdAt}`];
  for (const [service, value] of Object.entries(state.services).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`${service}:`);
    for (const [name, coll] of Object.entries((value ?? {}) as Record<string, unknown>)) {
      // `lookups`: EC2's indexes of its own records, not resources.
      if (!coll || typeof coll !== 'object' || name === 'lookups') continue;
      const keys = Array.isArray(coll) ? coll.map((_, i) => String(i)) : Object.keys(coll);
      if (keys.length === 0) continue;
      const shown = Array.isArray(coll) ? '' : `: ${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', ...' : ''}`;
      lines.push(`  ${name} (${keys.length})${shown}`);
    }
  }
  return lines.join('\n');
}

export async function sandboxCommand(args: CliArgs, io: Io): Promise<number> {
  const [action, ...rest] = args.positionals;
  const sandbox = openCliSandbox(args);
  switch (action) {
    case 'show': {
      const state = await sandbox.snapshot();
      io.out(args.output === 'json' ? JSON.stringify(state, null, 2) : summarizeAccount(state));
      return ExitCode.Ok;
    }
    case 'reset':
      await sandbox.reset();
      io.out('the sandbox account is new and empty (but for what a new AWS account has)');
      return ExitCode.Ok;
    case 'tamper': {
      const [service, operation, json] = rest;
      const sim = SIMULATORS.find((s) => s.name === service);
      if (!sim || !operation) throw new UsageError(`${USAGE}\nservices: ${SIMULATORS.map((s) => s.name).join(', ')}`);
      let input: object;
      try {
        input = JSON.parse(json ?? '{}') as object;
      } catch (err) {
        throw new UsageError(`the input of ${operation} is not JSON: ${(err as Error).message}`);
      }
      const output = await sandbox.call(sim.clientName, operation.replace(/Command$/, ''), input);
      io.out(JSON.stringify(output, null, 2));
      return ExitCode.Ok;
    }
    default:
      throw new UsageError(USAGE);
  }
}
