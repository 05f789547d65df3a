/**
 * A plan for people (text, Terraform-like: + ~ -/+ +/- -), for machines (json, stable
 * schema in docs/plan-json.md) and for pull requests (markdown).
 */
import { isPending, isUnsupported, summarize, topField, type ActionType, type Plan, type PlannedAction, type PlanSummary } from '../plan.ts';
import { formatPos } from '../errors.ts';
import type { FieldChange } from '../types.ts';
import { paint, type Style } from './style.ts';
import { isTextChange, textDiff } from './text-diff.ts';

export const PLAN_FORMATS = ['text', 'json', 'markdown'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

/** The plan JSON's version: 2 since typed actions (docs/plan-json.md). */
export const PLAN_FORMAT_VERSION = 2;

export const SYMBOL: Record<ActionType, string> = {
  create: '+', update: '~', 'delete-then-create': '-/+', 'create-then-delete': '+/-', delete: '-', noop: ' ',
};
const STYLE: Record<ActionType, Style> = {
  create: 'green', update: 'yellow', 'delete-then-create': 'magenta', 'create-then-delete': 'magenta', delete: 'red', noop: 'dim',
};

/** Compact, one line, capped: long values (user data, policies) stay readable. */
export function showValue(v: unknown): string {
  if (v === undefined) return '(none)';
  if (typeof v === 'string' && v.includes('\n')) return `<${v.split('\n').length} lines>`;
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
}

const DRIFT = { aws: 'someone changed AWS', spec: 'spec not applied yet', unknown: 'spec not applied yet, or AWS changed (this kind keeps no spec hash)' };

/** One line under an action; `diff` marks the lines of a text diff (+ - context @@). */
interface ChangeLine {
  readonly sym: string;
  readonly text: string;
  readonly diff?: boolean;
}

const DIFF_STYLE: Record<string, Style | undefined> = { '+': 'green', '-': 'red', '@': 'dim' };

function changeLines(a: PlannedAction): ChangeLine[] {
  if (a.type === 'create') {
    const desired = (a.desired ?? {}) as Record<string, unknown>;
    return Object.entries(desired).filter(([, v]) => v !== undefined).map(([k, v]) => ({ sym: '+', text: `${k}: ${showValue(v)}` }));
  }
  return a.changes.flatMap((c: FieldChange): ChangeLine[] => {
    const forces = a.forcedBy?.includes(topField(c.path)) ? '  # forces replacement' : '';
    if (!isTextChange(c.from, c.to)) return [{ sym: '~', text: `${c.path}: ${showValue(c.from)} -> ${showValue(c.to)}${forces}` }];
    const diff = textDiff(c.from as string | undefined, c.to as string | undefined);
    return [{ sym: '~', text: `${c.path}: (text diff)${forces}` }, ...diff.map((d) => ({ ...d, diff: true }))];
  });
}

function textLine(c: ChangeLine, action: Style, color: boolean): string {
  if (!c.diff) return `      ${paint(c.sym, action, color)} ${c.text}`;
  const style = DIFF_STYLE[c.sym];
  const line = c.sym === '@' ? c.text : `${c.sym} ${c.text}`;
  return `          ${style ? paint(line, style, color) : line}`;
}

export function summaryLine(s: PlanSummary): string {
  const parts = [`${s.create} to create`, `${s.update} to update`, `${s.replace} to replace`, `${s.delete} to delete`];
  const extra = [s.blocked && `${s.blocked} blocked`, s.unsupported && `${s.unsupported} not yet supported`, `${s.noop} unchanged`].filter(Boolean);
  return `Plan: ${parts.join(', ')}; ${extra.join(', ')}.`;
}

export function renderPlanText(plan: Plan, color: boolean): string {
  const shown = plan.actions.filter(isPending);
  const lines = [`blogctl plan: stack "${plan.stack}"`, ''];
  const width = Math.max(10, ...shown.map((a) => a.id.length));
  for (const a of shown) {
    const unsupported = isUnsupported(a);
    const sym = unsupported ? '?' : SYMBOL[a.type];
    const note = [unsupported ? 'not yet supported: no adapter for this kind' : a.reason, a.drift && DRIFT[a.drift]].filter(Boolean).join('; ');
    const head = `${sym.padStart(3)} ${a.id.padEnd(width)}  ${a.kind.padEnd(28)} (${note})`;
    lines.push(paint(head, unsupported ? 'dim' : STYLE[a.type], color));
    if (a.blocked && !unsupported) lines.push(paint(`      blocked: ${a.blocked.message}`, 'red', color));
    for (const c of changeLines(a)) lines.push(textLine(c, STYLE[a.type], color));
  }
  if (shown.length === 0) lines.push('No changes: AWS matches the spec.');
  const notes = noteLines(plan);
  if (notes.length > 0) lines.push('', ...notes.map((l, i) => paint(l, plan.notes![i]!.severity === 'warning' ? 'yellow' : 'dim', color)));
  lines.push('', summaryLine(summarize(plan)));
  return lines.join('\n');
}

/** `warning: blog.spec.yaml:12:7: s3EventsFunction: ...`: adapters' plan-time findings. */
export const noteLines = (plan: Plan): string[] => (plan.notes ?? []).map((n) => `${n.severity}: ${formatPos(n.pos)}: ${n.id}: ${n.message}`);

/** The documented, stable JSON form (docs/plan-json.md). */
export function planJson(plan: Plan): unknown {
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    stack: plan.stack,
    summary: summarize(plan),
    actions: plan.actions.map((a) => ({
      id: a.id,
      kind: a.kind,
      action: a.type,
      symbol: isUnsupported(a) ? '?' : SYMBOL[a.type].trim(),
      reasonCode: a.reasonCode,
      reason: a.reason,
      blocked: a.blocked ? { code: a.blocked.code, message: a.blocked.message } : null,
      unsupported: isUnsupported(a),
      adopt: a.adopt ?? false,
      drift: a.drift ?? null,
      protect: a.protect,
      forcedBy: a.forcedBy ?? [],
      changes: a.changes.map((c) => ({ path: c.path, from: c.from ?? null, to: c.to ?? null })),
      ...(a.type === 'create' ? { desired: a.desired ?? null } : {}),
    })),
    notes: (plan.notes ?? []).map((n) => ({ id: n.id, kind: n.kind, severity: n.severity, file: n.pos.file, line: n.pos.line, col: n.pos.col, message: n.message })),
  };
}

export function renderPlanMarkdown(plan: Plan): string {
  const shown = plan.actions.filter(isPending);
  const lines = [`### blogctl plan: stack \`${plan.stack}\``, '', summaryLine(summarize(plan)), ''];
  if (plan.notes?.length) lines.push(...noteLines(plan).map((l) => `> ${l}`), '');
  if (shown.length === 0) return [...lines, 'No changes: AWS matches the spec.'].join('\n');
  lines.push('| | resource | kind | why | blocked |', '|---|---|---|---|---|');
  for (const a of shown) {
    const unsupported = isUnsupported(a);
    const why = unsupported ? 'not yet supported' : [a.reason, a.drift && DRIFT[a.drift]].filter(Boolean).join('; ');
    lines.push(`| \`${unsupported ? '?' : SYMBOL[a.type]}\` | \`${a.id}\` | ${a.kind} | ${why} | ${a.blocked && !unsupported ? a.blocked.message : ''} |`);
  }
  for (const a of shown.filter((x) => x.type === 'create' || x.changes.length > 0)) {
    lines.push('', `<details><summary><code>${a.id}</code> (${a.type})</summary>`, '', '```diff');
    for (const c of changeLines(a)) lines.push(!c.diff ? `${c.sym === '+' ? '+' : '!'} ${c.text}` : c.sym === '@' ? `  ${c.text}` : `${c.sym}     ${c.text}`);
    lines.push('```', '</details>');
  }
  return lines.join('\n');
}

export function renderPlan(plan: Plan, format: PlanFormat, color: boolean): string {
  if (format === 'json') return JSON.stringify(planJson(plan), null, 2);
  if (format === 'markdown') return renderPlanMarkdown(plan);
  return renderPlanText(plan, color);
}
