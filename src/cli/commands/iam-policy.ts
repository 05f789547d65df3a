/**
 * `blogctl iam-policy [--lease-table NAME] [-o file]`: the IAM policy blogctl itself needs
 * (src/resources/iam/), for every kind it has an adapter for. No `*` actions.
 */
import { writeFileSync } from 'node:fs';
import { ExitCode } from '../../reconciler/exit-codes.ts';
import { KINDS } from '../../reconciler/types.ts';
import { iamPolicy } from '../../resources/iam/policy.ts';
import { adapters } from '../../resources/registry.ts';
import type { CliArgs } from '../args.ts';
import type { Io } from '../io.ts';

export function iamPolicyCommand(args: CliArgs, io: Io): number {
  const kinds = KINDS.filter((k) => adapters[k] !== undefined);
  const text = `${JSON.stringify(iamPolicy(kinds, { table: args.lease.table }), null, 2)}\n`;
  if (args.out) writeFileSync(args.out, text);
  else io.out(text);
  return ExitCode.Ok;
}
