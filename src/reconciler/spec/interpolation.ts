/**
 * The `${...}` language, parsed once at load: `${id}`, `${id.output}`, `${param.name}`;
 * `$${` is a literal `${` (so shell scripts in user data keep their `${VAR}`).
 */
import { Ref, Template, type SourcePos, type SpecProblem } from '../types.ts';

const REF_BODY = /^([A-Za-z][A-Za-z0-9_-]*)(?:\.([A-Za-z][A-Za-z0-9_]*))?$/;

/** Finds where the n-th occurrence of a raw `${...}` text sits in the file. */
export type Locate = (raw: string, occurrence: number) => SourcePos;

export interface Interpolated {
  /** The plain string, a Ref when the whole value is one reference, or a Template. */
  readonly value: string | Ref | Template;
  readonly problems: SpecProblem[];
}

export function parseInterpolation(text: string, locate: Locate, whole: SourcePos): Interpolated {
  const parts: (string | Ref)[] = [];
  const problems: SpecProblem[] = [];
  const seen = new Map<string, number>();
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      literal += '${';
      i += 3;
      continue;
    }
    if (!text.startsWith('${', i)) {
      literal += text[i];
      i += 1;
      continue;
    }
    const end = text.indexOf('}', i + 2);
    const raw = end < 0 ? text.slice(i) : text.slice(i, end + 1);
    const n = seen.get(raw) ?? 0;
    seen.set(raw, n + 1);
    const pos = locate(raw, n);
    if (end < 0) {
      problems.push({ pos, message: 'unterminated reference: "${" has no closing "}" (write "$${" for a literal "${")' });
      literal += text.slice(i);
      break;
    }
    const body = text.slice(i + 2, end).trim();
    const m = REF_BODY.exec(body);
    if (!m) {
      problems.push({
        pos,
        message: `invalid reference "${raw}": expected \${id}, \${id.output} or \${param.name} (write "$\${" for a literal "\${")`,
      });
    } else {
      if (literal) parts.push(literal);
      literal = '';
      parts.push(new Ref(m[1]!, m[2], pos));
    }
    i = end + 1;
  }
  if (literal) parts.push(literal);
  if (parts.length === 1 && parts[0] instanceof Ref) return { value: parts[0], problems };
  if (parts.every((p) => typeof p === 'string')) return { value: parts.join(''), problems };
  return { value: new Template(parts, whole), problems };
}
