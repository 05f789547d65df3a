/**
 * Durations on the command line: `500ms`, `30s`, `5m`, `1h`, `1m30s`; a bare number is
 * seconds. A bad one throws DurationError (args.ts makes it a usage error).
 */
export class DurationError extends Error {}


const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseDuration(flag: string, raw: string, min = 1, max = 7 * 24 * 3_600_000): number {
  const text = raw.trim();
  let ms: number | undefined;
  if (/^\d+(\.\d+)?$/.test(text)) ms = Number(text) * 1000;
  else if (/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(text)) {
    ms = 0;
    for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) ms += Number(n) * UNIT_MS[unit!]!;
  }
  if (ms === undefined || !Number.isFinite(ms)) throw new DurationError(`--${flag} takes a duration like 30s, 5m or 500ms, got "${raw}"`);
  ms = Math.round(ms);
  if (ms < min || ms > max) throw new DurationError(`--${flag} must be between ${min} ms and ${max / 3_600_000} h, got "${raw}"`);
  return ms;
}
