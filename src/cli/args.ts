/** Command-line parsing: one table of flags for every command, checked strictly. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export const FLAGS = {
  file: { type: 'string', short: 'f', default: 'blog.spec.yaml' },
  param: { type: 'string', short: 'p', multiple: true, default: [] as string[] },
  format: { type: 'string' },
  out: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsConfig['options'];

export interface CliArgs {
  readonly command: string | undefined;
  readonly positionals: readonly string[];
  readonly file: string;
  readonly params: Readonly<Record<string, string>>;
  readonly format: string | undefined;
  readonly out: string | undefined;
  readonly help: boolean;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseCli(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: FLAGS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/\. To specify a positional.*$/s, ''));
  }
  const params: Record<string, string> = {};
  for (const kv of parsed.values.param) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param takes name=value, got "${kv}"`);
    params[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  const [command, ...positionals] = parsed.positionals;
  return {
    command,
    positionals,
    file: parsed.values.file,
    params,
    format: parsed.values.format,
    out: parsed.values.out,
    help: parsed.values.help,
  };
}
