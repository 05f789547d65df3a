/**
 * Turns zod issues into findings a person can act on: the exact place, the field,
 * what was expected, and "did you mean" for misspelled fields.
 */
import type { z } from 'zod';
import { Ref, Template, type SourcePos, type SpecProblem } from '../types.ts';
import { suggest } from './suggest.ts';
import { pathKey, type Path } from './source.ts';

export interface IssueContext {
  /** Path of the validated value inside the document, e.g. ['resources', 'vpc', 'properties']. */
  readonly base: Path;
  readonly positions: ReadonlyMap<string, SourcePos>;
  readonly keyPositions: ReadonlyMap<string, SourcePos>;
  readonly fallback: SourcePos;
  /** Human name of the validated object, e.g. 'ec2.vpc properties'. */
  readonly what: string;
}

type Def = { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType>; element?: z.ZodType; valueType?: z.ZodType; options?: z.ZodType[]; in?: z.ZodType };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The object schema found at a path, to list its known fields. */
export function objectShapeAt(schema: z.ZodType, path: Path): Record<string, z.ZodType> | undefined {
  let cur: z.ZodType | undefined = schema;
  const unwrap = (s: z.ZodType): z.ZodType => {
    let d = defOf(s);
    while (d.innerType || d.type === 'pipe') {
      s = (d.innerType ?? d.in)!;
      d = defOf(s);
    }
    return s;
  };
  for (const seg of [...path, null]) {
    if (!cur) return undefined;
    cur = unwrap(cur);
    let d = defOf(cur);
    if (d.type === 'union') {
      const obj = d.options?.map(unwrap).find((o) => defOf(o).type === 'object' || defOf(o).type === 'array');
      if (!obj) return undefined;
      cur = obj;
      d = defOf(cur);
    }
    if (seg === null) return d.type === 'object' ? d.shape : undefined;
    if (d.type === 'object') cur = d.shape?.[String(seg)];
    else if (d.type === 'array') cur = d.element;
    else if (d.type === 'record') cur = d.valueType;
    else return undefined;
  }
  return undefined;
}

const describe = (v: unknown): string => {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Ref) return `a reference ${v.toString()}`;
  if (v instanceof Template) return 'a string with references';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
};

const valueAt = (root: unknown, path: Path): unknown =>
  path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[String(k)] : undefined), root);

const isParamRef = (v: unknown): boolean => v instanceof Ref && v.target === 'param';
const holdsUnknownParam = (v: unknown): boolean => isParamRef(v) || (v instanceof Template && v.parts.some(isParamRef));

export function issuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  schema: z.ZodType,
  input: unknown,
  ctx: IssueContext,
): SpecProblem[] {
  const out: SpecProblem[] = [];
  const posAt = (path: Path, key = false): SourcePos => {
    for (let n = path.length; n >= 0; n--) {
      const k = pathKey([...ctx.base, ...path.slice(0, n)]);
      const p = (key && n === path.length ? ctx.keyPositions.get(k) : undefined) ?? ctx.positions.get(k) ?? (n === 0 ? ctx.keyPositions.get(k) : undefined);
      if (p) return p;
    }
    return ctx.fallback;
  };
  const field = (path: Path): string => (path.length ? `"${path.join('.')}"` : ctx.what);
  const visit = (issue: z.core.$ZodIssue, prefix: Path): void => {
    const path = [...prefix, ...(issue.path as (string | number)[])];
    if (holdsUnknownParam(valueAt(input, path))) return; // already reported where the param is used
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = Object.keys(objectShapeAt(schema, path) ?? {});
        for (const key of issue.keys) {
          const near = suggest(key, known);
          const hint = near ? `; did you mean "${near}"?` : known.length ? `; known fields: ${known.join(', ')}` : '';
          const where = path.length ? ` in "${path.join('.')}"` : ` in ${ctx.what}`;
          out.push({ pos: posAt([...path, key], true), message: `unknown field "${key}"${where}${hint}` });
        }
        return;
      }
      case 'invalid_union': {
        const first = issue.errors[0];
        if (first && first.length) for (const sub of first) visit(sub, path);
        else out.push({ pos: posAt(path), message: `${field(path)}: ${issue.message}` });
        return;
      }
      case 'invalid_type': {
        const actual = valueAt(input, path);
        if (actual === undefined) {
          out.push({ pos: posAt(path.slice(0, -1), true), message: `missing required field ${field(path)}` });
          return;
        }
        const custom = issue.message.startsWith('Invalid input') ? `expected ${issue.expected}` : issue.message;
        out.push({ pos: posAt(path), message: `${field(path)}: ${custom}, got ${describe(actual)}` });
        return;
      }
      case 'invalid_value': {
        const actual = valueAt(input, path);
        const allowed = issue.values.map((v) => JSON.stringify(v)).join(', ');
        const near = typeof actual === 'string' && issue.values.length > 1 ? suggest(actual, issue.values.map(String)) : undefined;
        const generic = issue.message.startsWith('Invalid option') || issue.message.startsWith('Invalid input');
        const what = generic ? `${describe(actual)} is not allowed; expected one of ${allowed}` : issue.message;
        out.push({ pos: posAt(path), message: `${field(path)}: ${what}${near ? `; did you mean "${near}"?` : ''}` });
        return;
      }
      case 'invalid_key': {
        const reason = issue.issues[0]?.message ?? issue.message;
        out.push({ pos: posAt(path, true), message: `"${String(path[path.length - 1])}": ${reason}` });
        return;
      }
      default:
        out.push({ pos: posAt(path), message: `${field(path)}: ${issue.message}` });
    }
  };
  for (const issue of issues) visit(issue, []);
  return out;
}
