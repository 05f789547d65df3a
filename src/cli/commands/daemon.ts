import { UsageError, type CliArgs } from '../args.ts';
import type { Io } from '../io.ts';
export async function daemonCommand(_args: CliArgs, _io: Io): Promise<number> {
  throw new UsageError('not yet');
}
