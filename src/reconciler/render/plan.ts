/**
 * A plan for people (text, Terraform-like: + ~ -/+ -), for machines (json, stable
 * schema in docs/plan-json.md) and for pull requests (markdown).
 */
import { summarize, topField, type Plan, type PlannedAction, type PlanSummary } from '../plan.ts';
import type { FieldChange } from '../types.ts';
import { paint, type Style } from './style.ts';

export const PLAN_FORMATS = ['text', 'json', 'markdown'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

const SYMBOL: Record<PlannedAction['type'], string> = { create: '+', update: '~', replace: '-/+', delete: '-', noop: ' ' };
const STYLE: Record<PlannedAction['type'], Style> = { create: 'green', update: 'yellow', replace: 'magenta', delete: 'red', noop: 'dim' };

/** Compact, one line, capped: long values (user data, policies) stay readable. */
export function showValue(v: unknown): string {
  if (v === undefined) return '(none)';
  if (typeof v === 'string' && v.includes('\n')) return `<${v.split('\n').length} lines>`;
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
}

const interesting = (a: PlannedAction) => a.type !== 'noop' || a.blocked !== undefined;

function changeLines(a: PlannedAction): { sym: string; text: string }[] {
  if (a.type === 'create') {
    const desired = (a.changes[0]?.to ?? {}) as Record<string, unknown>;
    return Object.entries(desired).filter(([, v]) => v !== undefined).map(([k, v]) => ({ sym: '+', text: `${k}: ${showValue(v)}` }));
  }
  return a.changes.map((c: FieldChange) => ({
    sym: '~',
    text: `${c.path}: ${showValue(c.from)} -> ${showValue(c.to)}${a.forcedBy?.includes(topField(c.path)) ? '  # forces replacement' : ''}`,
  }));
}

export function summaryLine(s: PlanSummary): string {
  const parts = [`${s.create} to create`, `${s.update} to update`, `${s.replace} to replace`, `${s.delete} to delete`];
  const extra = [s.blocked && `${s.blocked} blocked`, s.unsupported && `${s.unsupported} not yet supported`, `${s.noop} unchanged`].filter(Boolean);
  return `Plan: ${parts.join(', ')}; ${extra.join(', ')}.`;
}

export function renderPlanText(plan: Plan, color: boolean): string {
  const shown = plan.actions.filter(interesting);
  const lines = [`blogctl plan: stack "${plan.stack}"`, ''];
  const width = Math.max(10, ...shown.map((a) => a.id.length));
  for (const a of shown) {
    const sym = a.unsupported ? '?' : SYMBOL[a.type];
    const note = [
      a.unsupported ? 'not yet supported: no adapter for this kind' : a.reason,
      a.drift === 'aws' ? 'someone changed AWS' : a.drift === 'spec' ? 'spec not applied yet' : undefined,
    ].filter(Boolean).join('; ');
    const head = `${sym.padStart(3)} ${a.id.padEnd(width)}  ${a.kind.padEnd(28)} (${note})`;
    lines.push(paint(head, a.unsupported ? 'dim' : STYLE[a.type], color));
    if (a.blocked && !a.unsupported) lines.push(paint(`      blocked: ${a.blocked}`, 'red', color));
    for (const c of changeLines(a)) lines.push(`      ${paint(c.sym, STYLE[a.type], color)} ${c.text}`);
  }
  if (shown.length === 0) lines.push('No changes: AWS matches the spec.');
  lines.push('', summaryLine(summarize(plan)));
  return lines.join('\n');
}

/** The documented, stable JSON form (docs/plan-json.md). */
export function planJson(plan: Plan): unknown {
  return {
    formatVersion: 1,
    stack: plan.stack,
    summary: summarize(plan),
    actions: plan.actions.map((a) => ({
      id: a.id,
      kind: a.kind,
      action: a.type,
      reason: a.reason,
      blocked: a.blocked ?? null,
      unsupported: a.unsupported ?? false,
      adopt: a.adopt ?? false,
      drift: a.drift ?? null,
      protect: a.protect,
      forcedBy: a.forcedBy ?? [],
      changes: a.type === 'create' ? [] : a.changes.map((c) => ({ path: c.path, from: c.from ?? null, to: c.to ?? null })),
      ...(a.type === 'create' ? { desired: a.changes[0]?.to ?? null } : {}),
    })),
  };
}

export function renderPlanMarkdown(plan: Plan): string {
  const shown = plan.actions.filter(interesting);
  const lines = [`### blogctl plan: stack \`${plan.stack}\``, '', summaryLine(summarize(plan)), ''];
  if (shown.length === 0) return [...lines, 'No changes: AWS matches the spec.'].join('\n');
  lines.push('| | resource | kind | why | blocked |', '|---|---|---|---|---|');
  for (const a of shown)
    lines.push(`| \`${a.unsupported ? '?' : SYMBOL[a.type]}\` | \`${a.id}\` | ${a.kind} | ${a.unsupported ? 'not yet supported' : a.reason} | ${a.blocked && !a.unsupported ? a.blocked : ''} |`);
  const detailed = shown.filter((a) => a.changes.length > 0);
  for (const a of detailed) {
    lines.push('', `<details><summary><code>${a.id}</code> (${a.type})</summary>`, '', '```diff');
    for (const c of changeLines(a)) lines.push(`${c.sym === '+' ? '+' : '!'} ${c.text}`);
    lines.push('```', '</details>');
  }
  return lines.join('\n');
}

export function renderPlan(plan: Plan, format: PlanFormat, color: boolean): string {
  if (format === 'json') return JSON.stringify(planJson(plan), null, 2);
  if (format === 'markdown') return renderPlanMarkdown(plan);
  return renderPlanText(plan, color);
}
