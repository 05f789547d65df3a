/**
 * Logs through pino, to standard error (stdout keeps the plan and the outcomes):
 * JSON lines with `--log-format json`, short human lines otherwise (the default), at
 * `--log-level` (default info). One child logger per resource names it on every line.
 * Lines carry ids, operations and AWS error codes, never property values or secrets.
 */
import { pino, type Logger } from 'pino';
import type { Log } from '../reconciler/types.ts';
import { UsageError } from './args.ts';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export const LOG_FORMATS = ['text', 'json'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFormat = (typeof LOG_FORMATS)[number];

const LABEL: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const HIDDEN = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'resource', 'kind', 'pass']);

/** One JSON line as a person reads it: `12:00:01 warn  natSg (ec2.security-group): msg key=value`. */
export function humanLine(json: string): string {
  const o = JSON.parse(json) as Record<string, unknown>;
  const time = new Date(Number(o.time)).toISOString().slice(11, 19);
  const who = o.resource ? `${String(o.resource)}${o.kind ? ` (${String(o.kind)})` : ''}: ` : '';
  const extra = Object.entries(o)
    .filter(([k]) => !HIDDEN.has(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return `${time} ${(LABEL[Number(o.level)] ?? 'log').padEnd(5)} ${who}${String(o.msg ?? '')}${extra ? `  ${extra}` : ''}`;
}

export interface LogOptions {
  readonly level?: string;
  readonly format?: string;
  /** Where lines go (without the trailing newline): standard error, or a test's buffer. */
  readonly write: (line: string) => void;
}

export function parseLogOptions(level: string | undefined, format: string | undefined): { level: LogLevel; format: LogFormat } {
  const l = (level ?? 'info') as LogLevel;
  const f = (format ?? 'text') as LogFormat;
  if (!LOG_LEVELS.includes(l)) throw new UsageError(`--log-level ${l}: use one of ${LOG_LEVELS.join(', ')}`);
  if (!LOG_FORMATS.includes(f)) throw new UsageError(`--log-format ${f}: use one of ${LOG_FORMATS.join(', ')}`);
  return { level: l, format: f };
}

export function createLogger(o: LogOptions): Logger & Log {
  const { level, format } = parseLogOptions(o.level, o.format);
  const stream = {
    write: (line: string) => o.write(format === 'json' ? line.replace(/\n$/, '') : humanLine(line)),
  };
  return pino({ level, base: undefined }, stream);
}
