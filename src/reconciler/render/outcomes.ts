/** The report of an apply: each outcome with its timing, then totals and API calls spent. */
import type { Outcome, OutcomeStatus } from '../apply.ts';
import { paint, type Style } from './style.ts';

const STYLE: Record<OutcomeStatus, Style> = {
  created: 'green', updated: 'yellow', adopted: 'yellow', replaced: 'magenta', deleted: 'red',
  unchanged: 'dim', failed: 'red', skipped: 'dim', blocked: 'red',
};

export const formatMs = (ms: number): string => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);

export function outcomeLine(o: Outcome, color: boolean): string {
  const head = `${o.status.padEnd(9)} ${o.id} (${o.kind})`;
  const tail = o.status === 'unchanged' ? '' : ` in ${formatMs(o.ms)}`;
  const why = o.reason && o.status !== 'created' && o.status !== 'updated' ? `: ${o.reason}` : '';
  return paint(`${head}${o.status === 'skipped' || o.status === 'blocked' ? '' : tail}${why}`, STYLE[o.status], color);
}

export function outcomeTotals(outcomes: readonly Outcome[]): Record<OutcomeStatus, number> {
  const totals = { created: 0, updated: 0, adopted: 0, replaced: 0, deleted: 0, unchanged: 0, failed: 0, skipped: 0, blocked: 0 };
  for (const o of outcomes) totals[o.status] += 1;
  return totals;
}

/** What the client layer and the engine did again: throttled attempts and their backoff, operations retried. */
export interface RetryReport {
  /** Whole operations the engine retried (after the SDK's own retries). */
  readonly operations?: number;
  /** Attempts the services throttled (each retried by the SDK after a backoff). */
  readonly throttled?: number;
  /** The backoff those retries waited, summed over calls (they wait side by side). */
  readonly throttledWaitMs?: number;
}

/** `Applied: 3 created in 2.1 s, 41 API calls (12 throttled, backed off 3.4 s in all; 2 operations retried).` */
export function renderTotals(outcomes: readonly Outcome[], wallMs: number, apiCalls: number | undefined, retried: RetryReport = {}): string {
  const t = outcomeTotals(outcomes);
  const parts = (Object.keys(t) as OutcomeStatus[]).filter((k) => t[k] > 0).map((k) => `${t[k]} ${k}`);
  const calls = apiCalls === undefined ? '' : `, ${apiCalls} API calls`;
  const notes = [
    retried.throttled ? `${retried.throttled} throttled, backed off ${formatMs(Math.round(retried.throttledWaitMs ?? 0))} in all` : '',
    retried.operations ? `${retried.operations} operation${retried.operations === 1 ? '' : 's'} retried` : '',
  ].filter(Boolean);
  return `Applied: ${parts.join(', ') || 'nothing to do'} in ${formatMs(wallMs)}${calls}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}.`;
}
