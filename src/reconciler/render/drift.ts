/**
 * The drift report for people (text), for tickets and pull requests (markdown) and for
 * machines (json, versioned: docs/drift-json.md).
 */
import { DRIFT_STATES, driftCounts, driftExitCode, type DriftEntry, type DriftReport, type DriftState } from '../drift.ts';
import { showValue } from './plan.ts';
import { paint, type Style } from './style.ts';

export const DRIFT_FORMATS = ['text', 'json', 'markdown'] as const;
export type DriftFormat = (typeof DRIFT_FORMATS)[number];

/** docs/drift-json.md: fields are only added; this changes if one changes meaning. */
export const DRIFT_FORMAT_VERSION = 1;

const SYMBOL: Record<DriftState, string> = {
  'in-sync': ' ', 'spec-pending': '~', 'not-created': '+', 'left-spec': '-', 'not-adopted': '!', conflict: '!', 'lookup-missing': '!', unknown: '~',
  drifted: '~', missing: '!', duplicate: '2', unmanaged: '?', unchecked: '?',
};
const STYLE: Record<string, Style> = { spec: 'yellow', outside: 'red', none: 'dim' };
const LABEL: Record<DriftState, string> = {
  'in-sync': 'in sync', 'spec-pending': 'spec not applied yet', 'not-created': 'not created', 'left-spec': 'left the spec', 'not-adopted': 'not adopted',
  conflict: 'owned by another stack', 'lookup-missing': 'lookup finds nothing', unknown: 'differs (spec or AWS)', drifted: 'changed outside the spec',
  missing: 'missing', duplicate: 'duplicate', unmanaged: 'unmanaged', unchecked: 'not checked',
};

/** One line per field: what the spec says (or what was applied) and what AWS holds. */
function changeLine(e: DriftEntry, c: { path: string; spec: unknown; live: unknown }): string {
  return e.class === 'outside' ? `${c.path}: applied ${showValue(c.spec)}, AWS now ${showValue(c.live)}` : `${c.path}: AWS ${showValue(c.live)} -> spec ${showValue(c.spec)}`;
}

export function summaryOf(r: DriftReport): string {
  const counts = driftCounts(r);
  const parts = DRIFT_STATES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${LABEL[s]}`);
  return `Drift: ${parts.join(', ') || 'nothing to check'}.`;
}

const shown = (r: DriftReport) => r.entries.filter((e) => e.state !== 'in-sync' || e.suppressed.length > 0);

/** Which untagged resources the report looked for: said in every format, so silence is never read as "none". */
const unmanagedScope = (r: DriftReport) =>
  r.unmanagedChecked
    ? `(untagged resources looked for among ${r.unmanagedKinds.join(', ')}; other kinds are not)`
    : '(untagged resources were not looked for: --unmanaged does)';

export function renderDriftText(r: DriftReport, color: boolean): string {
  const lines = [`blogctl drift: stack "${r.stack}"`, ''];
  const list = shown(r);
  const width = Math.max(10, ...list.map((e) => e.id.length));
  for (const e of list) {
    lines.push(paint(`${SYMBOL[e.state].padStart(3)} ${e.id.padEnd(width)}  ${e.kind.padEnd(28)} ${e.summary}`, STYLE[e.class]!, color));
    for (const c of e.changes) lines.push(`      ${changeLine(e, c)}`);
    for (const ev of e.evidence) lines.push(`      because ${ev}`);
    for (const s of e.suppressed) lines.push(paint(`      = ${s.path}: spec ${showValue(s.desired)}, AWS ${showValue(s.observed)} (not a difference: ${s.reason})`, 'dim', color));
  }
  for (const i of r.ignored) lines.push(paint(`    = ${i.physicalId} (${i.kind}) not listed as unmanaged: ${i.reason}`, 'dim', color));
  if (list.every((e) => e.state === 'in-sync')) lines.push(r.entries.length === 0 ? 'Nothing in the spec to check.' : 'No drift: AWS matches the spec.');
  lines.push('', summaryOf(r));
  lines.push(unmanagedScope(r));
  return lines.join('\n');
}

const cell = (v: string) => v.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function renderDriftMarkdown(r: DriftReport): string {
  const list = shown(r);
  const lines = [`### blogctl drift: stack \`${r.stack}\``, '', summaryOf(r), '', `_${unmanagedScope(r)}_`, ''];
  if (list.length === 0) return [...lines, 'No drift: AWS matches the spec.'].join('\n');
  lines.push('| | resource | kind | state | what |', '|---|---|---|---|---|');
  for (const e of list) lines.push(`| \`${SYMBOL[e.state]}\` | \`${e.id}\` | ${e.kind} | ${LABEL[e.state]} | ${cell(e.summary)} |`);
  for (const e of list.filter((x) => x.changes.length + x.evidence.length + x.suppressed.length > 0)) {
    lines.push('', `<details><summary><code>${e.id}</code>: ${LABEL[e.state]}</summary>`, '', '```diff');
    for (const c of e.changes) lines.push(`! ${changeLine(e, c)}`);
    for (const ev of e.evidence) lines.push(`# because ${ev}`);
    for (const s of e.suppressed) lines.push(`  ${s.path}: spec ${showValue(s.desired)}, AWS ${showValue(s.observed)} (${s.reason})`);
    lines.push('```', '</details>');
  }
  if (r.ignored.length > 0) {
    lines.push('', '<details><summary>not listed as unmanaged</summary>', '');
    for (const i of r.ignored) lines.push(`- \`${i.physicalId}\` (${i.kind}): ${i.reason}`);
    lines.push('</details>');
  }
  return lines.join('\n');
}

export interface DriftJsonExtra {
  readonly apiCalls: { readonly total: number; readonly writes: number };
}

/** The documented JSON form (docs/drift-json.md). */
export function driftJson(r: DriftReport, extra: DriftJsonExtra): unknown {
  return {
    formatVersion: DRIFT_FORMAT_VERSION,
    stack: r.stack,
    exitCode: driftExitCode(r),
    summary: driftCounts(r),
    unmanagedChecked: r.unmanagedChecked,
    unmanagedKinds: r.unmanagedKinds,
    resources: r.entries.map((e) => ({
      id: e.id,
      kind: e.kind,
      state: e.state,
      class: e.class,
      summary: e.summary,
      physicalId: e.physicalId ?? null,
      changes: e.changes.map((c) => ({ path: c.path, spec: c.spec ?? null, live: c.live ?? null })),
      evidence: e.evidence,
      suppressed: e.suppressed.map((s) => ({ path: s.path, spec: s.desired ?? null, live: s.observed ?? null, reason: s.reason })),
    })),
    ignored: r.ignored,
    apiCalls: extra.apiCalls,
  };
}

export function renderDrift(r: DriftReport, format: DriftFormat, color: boolean, extra: DriftJsonExtra): string {
  if (format === 'json') return JSON.stringify(driftJson(r, extra), null, 2);
  if (format === 'markdown') return renderDriftMarkdown(r);
  return renderDriftText(r, color);
}
