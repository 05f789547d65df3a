/**
 * Params: declared in the spec with a default, set by `--param k=v` or the environment
 * (BLOGCTL_PARAM_ADMIN_CIDR for adminCidr), substituted at load time, before validation.
 * Also evaluates `if:` on resources and list items.
 */
import { Ref, Template, type ParamValue, type SourcePos, type SpecProblem } from '../types.ts';
import { suggest, suggester } from './suggest.ts';

export interface ParamDecl {
  readonly default: ParamValue;
  readonly pos: SourcePos;
}

const PREFIX = 'BLOGCTL_PARAM_';

/** adminCidr -> BLOGCTL_PARAM_ADMIN_CIDR */
export const paramEnvName = (name: string): string =>
  `${PREFIX}${name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/-/g, '_').toUpperCase()}`;

const CLI_POS: SourcePos = { file: '<command line>', line: 1, col: 1 };

function coerce(name: string, raw: string, like: ParamValue, source: string): ParamValue | SpecProblem {
  if (typeof like === 'number') {
    const n = Number(raw);
    return raw.trim() !== '' && Number.isFinite(n) ? n : { pos: CLI_POS, message: `param "${name}" from ${source}: "${raw}" is not a number` };
  }
  if (typeof like === 'boolean') {
    const v = raw.trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(v)) return true;
    if (['false', '0', 'no', 'off', ''].includes(v)) return false;
    return { pos: CLI_POS, message: `param "${name}" from ${source}: "${raw}" is not a boolean (true/false)` };
  }
  return raw;
}

/**
 * Final values: --param overrides the environment, which overrides the default. A
 * BLOGCTL_PARAM_* variable that sets no declared param is a warning at `paramsPos`
 * (the params: block): a misspelt name would otherwise leave the default in silence.
 */
export function resolveParams(
  decls: ReadonlyMap<string, ParamDecl>,
  overrides: Readonly<Record<string, string>>,
  env: Readonly<Record<string, string | undefined>>,
  paramsPos: SourcePos = CLI_POS,
): { values: Record<string, ParamValue>; problems: SpecProblem[]; warnings: SpecProblem[] } {
  const values: Record<string, ParamValue> = {};
  const problems: SpecProblem[] = [];
  /** ADMIN_CIDR -> adminCidr: variables by what follows the prefix, so suggestions compare that part. */
  const bySuffix = new Map([...decls.keys()].map((name) => [paramEnvName(name).slice(PREFIX.length), name]));
  const nearSuffix = suggester([...bySuffix.keys()]);
  const warnings: SpecProblem[] = [];
  for (const key of Object.keys(env).sort()) {
    const suffix = key.slice(PREFIX.length);
    if (!key.startsWith(PREFIX) || bySuffix.has(suffix) || env[key] === undefined) continue;
    const near = nearSuffix(suffix);
    const hint = near
      ? `did you mean ${PREFIX}${near} (param "${bySuffix.get(near)}")?`
      : decls.size === 0
        ? 'the spec declares no params'
        : `the params: block names them (param "${[...decls.keys()][0]}" is set by ${paramEnvName([...decls.keys()][0]!)})`;
    warnings.push({ pos: paramsPos, message: `${key} is set but sets no param of this spec, so it is ignored; ${hint}` });
  }
  for (const key of Object.keys(overrides)) {
    if (!decls.has(key)) {
      const near = suggest(key, [...decls.keys()]);
      problems.push({ pos: CLI_POS, message: `--param ${key}: the spec declares no such param${near ? `; did you mean "${near}"?` : ''}` });
    }
  }
  for (const [name, decl] of decls) {
    const envName = paramEnvName(name);
    const raw = overrides[name] ?? env[envName];
    if (raw === undefined) {
      values[name] = decl.default;
      continue;
    }
    const v = coerce(name, raw, decl.default, overrides[name] !== undefined ? `--param` : envName);
    if (typeof v === 'object') problems.push(v);
    else values[name] = v;
  }
  return { values, problems, warnings };
}

export const isTruthy = (v: unknown): boolean => !(v === false || v === 0 || v === '' || v === null || v === 'false');

/**
 * Replaces `${param.x}` everywhere in a value; drops list items whose `if:` is falsy.
 * Other references stay as they are, to be resolved at apply time.
 */
export function substituteParams(
  value: unknown,
  params: Readonly<Record<string, ParamValue>>,
  problems: SpecProblem[],
  /** Filled with the list items `if:` dropped: list path -> original indices. */
  dropped: Map<string, number[]> = new Map(),
): unknown {
  // An unknown param stays a Ref: it is reported here, and validation stays quiet about it.
  const lookup = (ref: Ref): ParamValue | Ref => {
    if (!ref.attr) {
      problems.push({ pos: ref.pos, message: '${param} needs a name: write ${param.<name>}' });
      return ref;
    }
    if (ref.attr in params) return params[ref.attr]!;
    const near = suggest(ref.attr, Object.keys(params));
    problems.push({ pos: ref.pos, message: `unknown param "${ref.attr}"${near ? `; did you mean "${near}"?` : ''}; declare it under params:` });
    return ref;
  };
  const walk = (v: unknown, path: string): unknown => {
    if (v instanceof Ref) return v.target === 'param' ? lookup(v) : v;
    if (v instanceof Template) {
      const parts = v.parts.map((p) => {
        if (!(p instanceof Ref) || p.target !== 'param') return p;
        const value = lookup(p);
        return value instanceof Ref ? value : String(value);
      });
      if (parts.every((p) => typeof p === 'string')) return parts.join('');
      const merged: (string | Ref)[] = [];
      for (const p of parts) {
        const last = merged[merged.length - 1];
        if (typeof p === 'string' && typeof last === 'string') merged[merged.length - 1] = last + p;
        else merged.push(p);
      }
      return new Template(merged, v.pos);
    }
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      for (const [i, item] of v.entries()) {
        const w = walk(item, `${path}.${i}`);
        if (w && typeof w === 'object' && !Array.isArray(w) && 'if' in w) {
          const { if: cond, ...rest } = w as Record<string, unknown>;
          if (cond instanceof Ref || cond instanceof Template) {
            problems.push({ pos: (cond as Ref).pos, message: '"if:" takes a param (${param.x}) or a literal, not a resource reference' });
          }
          if (isTruthy(cond)) out.push(rest);
          else dropped.set(path, [...(dropped.get(path) ?? []), i]);
          continue;
        }
        out.push(w);
      }
      return out;
    }
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) out[k] = walk(item, path ? `${path}.${k}` : k);
      return out;
    }
    return v;
  };
  return walk(value, '');
}

/**
 * Renumbers position keys after `if:` dropped list items, so a finding about the item
 * that followed a dropped one points at that item, not at its neighbour.
 */
export function renumberPositions<V>(positions: Map<string, V>, dropped: ReadonlyMap<string, readonly number[]>): void {
  if (dropped.size === 0) return;
  const entries = [...positions];
  positions.clear();
  for (const [key, pos] of entries) {
    const segs = key.split('.');
    let keep = true;
    for (let j = 1; j < segs.length && keep; j++) {
      const gone = dropped.get(key.split('.').slice(0, j).join('.'));
      if (!gone) continue;
      const idx = Number(segs[j]);
      if (gone.includes(idx)) keep = false;
      else segs[j] = String(idx - gone.filter((g) => g < idx).length);
    }
    if (keep) positions.set(segs.join('.'), pos);
  }
}
