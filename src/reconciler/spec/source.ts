/**
 * Reads YAML text into plain values, keeping the position of every node and turning
 * `${...}` strings into Ref/Template values once, here, so nothing parses them again.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { SourcePos, SpecProblem } from '../types.ts';
import { parseInterpolation } from './interpolation.ts';

export type Path = readonly (string | number)[];

export const pathKey = (path: Path): string => path.join('.');

export interface SourceDoc {
  readonly value: unknown;
  /** pathKey -> position of the value at that path. */
  readonly positions: Map<string, SourcePos>;
  /** pathKey -> position of the map key at that path (for unknown-field findings). */
  readonly keyPositions: Map<string, SourcePos>;
  readonly problems: SpecProblem[];
}

export function readSource(text: string, file: string): SourceDoc {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number): SourcePos => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col };
  };
  const problems: SpecProblem[] = [];
  // The first syntax error only: the parser's later ones are mostly its consequences.
  const first = doc.errors[0];
  if (first) {
    const pos = at(first.pos[0]);
    const line = text.split('\n')[pos.line - 1] ?? '';
    const hint = /[{[].*\$\{/.test(line) ? ' (inside { } or [ ], quote references: "${vpc}")' : '';
    const message =
      first.code === 'DUPLICATE_KEY'
        ? 'duplicate key: a key may appear only once in a mapping; remove or rename one of them'
        : `malformed YAML: ${first.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}${hint}`;
    problems.push({ pos, message });
  }
  const positions = new Map<string, SourcePos>();
  const keyPositions = new Map<string, SourcePos>();
  if (problems.length > 0) return { value: undefined, positions, keyPositions, problems };

  const walk = (node: Node | null | undefined, path: (string | number)[]): unknown => {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return walk(node.resolve(doc) as Node | undefined, path);
    const pos = at(node.range?.[0] ?? 0);
    positions.set(pathKey(path), pos);
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
        const keyPath = [...path, key];
        keyPositions.set(pathKey(keyPath), at(keyNode?.range?.[0] ?? 0));
        out[key] = walk(pair.value as Node | null, keyPath);
        if (pair.value === null) positions.set(pathKey(keyPath), at(keyNode?.range?.[0] ?? 0));
      }
      return out;
    }
    if (isSeq(node)) return node.items.map((item, i) => walk(item as Node, [...path, i]));
    if (isScalar(node)) {
      const v = node.value;
      if (typeof v !== 'string' || !v.includes('$')) return v;
      const from = node.range?.[0] ?? 0;
      const locate = (raw: string, occurrence: number): SourcePos => {
        let idx = text.indexOf(raw, from);
        for (let k = 0; k < occurrence && idx >= 0; k++) idx = text.indexOf(raw, idx + 1);
        return at(idx >= 0 ? idx : from);
      };
      const parsed = parseInterpolation(v, locate, pos);
      problems.push(...parsed.problems);
      return parsed.value;
    }
    problems.push({ pos, message: 'unsupported YAML node' });
    return null;
  };
  const value = walk(doc.contents as Node | null, []);
  return { value, positions, keyPositions, problems };
}
