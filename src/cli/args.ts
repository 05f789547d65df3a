/** Command-line parsing: one table of flags for every command, checked strictly. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export const FLAGS = {
  file: { type: 'string', short: 'f', default: 'blog.spec.yaml' },
  param: { type: 'string', short: 'p', multiple: true, default: [] as string[] },
  format: { type: 'string' },
  output: { type: 'string' },
  out: { type: 'string', short: 'o' },
  sandbox: { type: 'boolean', default: false },
  'sandbox-file': { type: 'string' },
  once: { type: 'boolean', default: false },
  'allow-delete': { type: 'boolean', default: false },
  'allow-replace': { type: 'boolean', default: false },
  adopt: { type: 'boolean', default: false },
  concurrency: { type: 'string', default: '8' },
  target: { type: 'string', short: 't', multiple: true, default: [] as string[] },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsConfig['options'];

export interface CliArgs {
  readonly command: string | undefined;
  readonly positionals: readonly string[];
  readonly file: string;
  readonly params: Readonly<Record<string, string>>;
  readonly format: string | undefined;
  readonly out: string | undefined;
  readonly output: string | undefined;
  readonly sandbox: boolean;
  readonly sandboxFile: string | undefined;
  readonly once: boolean;
  readonly allowDelete: boolean;
  readonly allowReplace: boolean;
  readonly adopt: boolean;
  readonly concurrency: number;
  readonly targets: readonly string[];
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
  const concurrency = Number(parsed.values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new UsageError(`--concurrency takes a whole number from 1 to 64, got "${parsed.values.concurrency}"`);
  const v = parsed.values;
  return {
    command,
    positionals,
    file: parsed.values.file,
    params,
    format: parsed.values.format,
    out: parsed.values.out,
    output: v.output,
    sandbox: v.sandbox || v['sandbox-file'] !== undefined,
    sandboxFile: v['sandbox-file'],
    once: v.once,
    allowDelete: v['allow-delete'],
    allowReplace: v['allow-replace'],
    adopt: v.adopt,
    concurrency,
    targets: v.target.flatMap((t) => t.split(',')).filter(Boolean),
    help: parsed.values.help,
  };
}
