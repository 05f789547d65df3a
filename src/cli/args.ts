/** Command-line parsing: one table of flags for every command, checked strictly. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DurationError, parseDuration } from './duration.ts';

export const FLAGS = {
  file: { type: 'string', short: 'f', default: 'blog.spec.yaml' },
  param: { type: 'string', short: 'p', multiple: true, default: [] as string[] },
  format: { type: 'string' },
  output: { type: 'string' },
  out: { type: 'string', short: 'o' },
  sandbox: { type: 'boolean', default: false },
  'sandbox-file': { type: 'string' },
  'sandbox-latency-ms': { type: 'string' },
  'sandbox-throttle-rate': { type: 'string' },
  'sandbox-5xx-rate': { type: 'string' },
  'sandbox-seed': { type: 'string' },
  'sandbox-profile': { type: 'string' },
  once: { type: 'boolean', default: false },
  'allow-delete': { type: 'boolean', default: false },
  'allow-replace': { type: 'boolean', default: false },
  adopt: { type: 'boolean', default: false },
  concurrency: { type: 'string', default: '8' },
  'log-level': { type: 'string' },
  'log-format': { type: 'string' },
  target: { type: 'string', short: 't', multiple: true, default: [] as string[] },
  interval: { type: 'string' },
  'observe-only': { type: 'boolean', default: false },
  listen: { type: 'string' },
  'lease-table': { type: 'string' },
  'lease-ttl': { type: 'string' },
  'lease-wait': { type: 'string' },
  explain: { type: 'boolean', default: false },
  unmanaged: { type: 'boolean', default: false },
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
  /** Sandbox fault and timing settings from flags (over BLOGCTL_SANDBOX_* variables). */
  readonly sandboxSettings: SandboxFlags;
  readonly once: boolean;
  readonly allowDelete: boolean;
  readonly allowReplace: boolean;
  readonly adopt: boolean;
  readonly concurrency: number;
  /** --log-level / --log-format (checked where the logger is made). */
  readonly logLevel: string | undefined;
  readonly logFormat: string | undefined;
  readonly targets: readonly string[];
  readonly help: boolean;
  /** Daemon (reconcile without --once): time between passes, observe only, where /healthz and /metrics listen. */
  readonly intervalMs: number;
  readonly observeOnly: boolean;
  readonly listen: string | undefined;
  /** The stack lease (src/lease/): table, TTL, and how long --once/destroy wait for a holder. */
  readonly lease: LeaseFlags;
  /** drift: list suppressed differences; look for untagged resources. */
  readonly explain: boolean;
  readonly unmanaged: boolean;
}

export interface LeaseFlags {
  readonly table: string;
  readonly ttlMs: number;
  readonly waitMs: number;
}

/** Defaults: a 30 s lease, renewed every 10 s; one-off runs wait up to 60 s for another holder. */
export const LEASE_DEFAULTS = { table: 'blogctl-leases', ttl: '30s', wait: '60s' } as const;

function duration(flag: string, raw: string, min?: number): number {
  try {
    return parseDuration(flag, raw, min);
  } catch (err) {
    if (err instanceof DurationError) throw new UsageError(err.message);
    throw err;
  }
}

export interface SandboxFlags {
  readonly latencyMs?: number;
  readonly throttleRate?: number;
  readonly serverErrorRate?: number;
  readonly seed?: string;
  readonly profile?: 'quick' | 'realistic';
}

function numberFlag(name: string, raw: string | undefined, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < 0 || n > max) throw new UsageError(`--${name} takes a number from 0 to ${max}, got "${raw}"`);
  return n;
}

function sandboxFlags(v: Record<string, unknown>): SandboxFlags {
  const profile = v['sandbox-profile'] as string | undefined;
  if (profile !== undefined && profile !== 'quick' && profile !== 'realistic')
    throw new UsageError(`--sandbox-profile takes quick or realistic, got "${profile}"`);
  const flags: SandboxFlags = {
    latencyMs: numberFlag('sandbox-latency-ms', v['sandbox-latency-ms'] as string | undefined, 600_000),
    throttleRate: numberFlag('sandbox-throttle-rate', v['sandbox-throttle-rate'] as string | undefined, 1),
    serverErrorRate: numberFlag('sandbox-5xx-rate', v['sandbox-5xx-rate'] as string | undefined, 1),
    seed: v['sandbox-seed'] as string | undefined,
    profile,
  };
  return Object.fromEntries(Object.entries(flags).filter(([, x]) => x !== undefined)) as SandboxFlags;
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
    sandbox: v.sandbox || Object.keys(v).some((k) => k.startsWith('sandbox-') && v[k as keyof typeof v] !== undefined),
    sandboxFile: v['sandbox-file'],
    sandboxSettings: sandboxFlags(v),
    once: v.once,
    allowDelete: v['allow-delete'],
    allowReplace: v['allow-replace'],
    adopt: v.adopt,
    concurrency,
    logLevel: v['log-level'],
    logFormat: v['log-format'],
    targets: v.target.flatMap((t) => t.split(',')).filter(Boolean),
    help: parsed.values.help,
    intervalMs: duration('interval', v.interval ?? '5m', 100),
    observeOnly: v['observe-only'],
    listen: v.listen,
    lease: {
      table: v['lease-table'] ?? process.env.BLOGCTL_LEASE_TABLE ?? LEASE_DEFAULTS.table,
      ttlMs: duration('lease-ttl', v['lease-ttl'] ?? process.env.BLOGCTL_LEASE_TTL ?? LEASE_DEFAULTS.ttl, 300),
      waitMs: duration('lease-wait', v['lease-wait'] ?? process.env.BLOGCTL_LEASE_WAIT ?? LEASE_DEFAULTS.wait, 0),
    },
    explain: v.explain,
    unmanaged: v.unmanaged,
  };
}
