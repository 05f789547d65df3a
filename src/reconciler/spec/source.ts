/**
 * Reads YAML text into plain values, keeping the position of every node and turning
 * `${...}` strings into Ref/Template values once, here, so nothing parses them again.
 * Linear in the size of the text; refuses nesting past MAX_DEPTH and alias expansion
 * past MAX_ALIAS_NODES (limits.ts) instead of overflowing the stack or the memory.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, type YAMLMap } from 'yaml';
import type { SourcePos, SpecProblem } from '../types.ts';
import { parseInterpolation } from './interpolation.ts';
import { MAX_ALIAS_NODES, MAX_DEPTH, tooDeep, tooManyAliased } from './limits.ts';
import { parseYaml } from './yaml-parse.ts';

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

const DUPLICATE_KEY = 'duplicate key: a key may appear only once in a mapping; remove or rename one of them';

/** Thrown inside the walk to stop it at a limit; the problem is already recorded. */
class Stop {}

export function readSource(text: string, file: string): SourceDoc {
  const lineCounter = new LineCounter();
  const at = (offset: number): SourcePos => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col };
  };
  const positions = new Map<string, SourcePos>();
  const keyPositions = new Map<string, SourcePos>();
  const parsed = parseYaml(text, lineCounter);
  if ('tooDeepAt' in parsed) return { value: undefined, positions, keyPositions, problems: [tooDeep(at(parsed.tooDeepAt))] };
  const { doc } = parsed;
  // The first syntax error only: the parser's later ones are mostly its consequences.
  const first = doc.errors[0];
  if (first) {
    const pos = at(first.pos[0]);
    const line = text.split('\n')[pos.line - 1] ?? '';
    const hint = /[{[].*\$\{/.test(line) ? ' (inside { } or [ ], quote references: "${vpc}")' : '';
    const message = `malformed YAML: ${first.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}${hint}`;
    return { value: undefined, positions, keyPositions, problems: [{ pos, message }] };
  }

  const problems: SpecProblem[] = [];
  /** Anchors met so far in document order (not inside alias copies): an alias names the last one. */
  const anchors = new Map<string, Node>();
  const targets = new Map<Node, Node | undefined>();
  /** The mappings and lists being walked, to refuse an alias to one that holds it. */
  const open = new Set<Node>();
  let copied = 0;
  const stop = (problem: SpecProblem): never => {
    problems.push(problem);
    throw new Stop();
  };
  const posOf = (node: Node | null | undefined): SourcePos => at(node?.range?.[0] ?? 0);
  const walk = (node: Node | null | undefined, path: (string | number)[], alias: Node | undefined): unknown => {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      // Resolved when first met, in document order: the last anchor of that name before
      // it. A copy of a value met later re-walks the same alias and keeps that target.
      if (!targets.has(node)) targets.set(node, anchors.get(node.source));
      const target = targets.get(node);
      if (!target) return stop({ pos: posOf(node), message: `alias *${node.source} names no anchor: write &${node.source} on a value before it` });
      if (open.has(target))
        return stop({ pos: posOf(node), message: `alias *${node.source} is inside the value it names; a spec cannot hold a value that contains itself` });
      return walk(target, path, alias ?? node);
    }
    const pos = posOf(node);
    if (alias) {
      if (++copied > MAX_ALIAS_NODES) stop(tooManyAliased(posOf(alias)));
    } else if (node.anchor) anchors.set(node.anchor, node);
    positions.set(pathKey(path), pos);
    if (isMap(node) || isSeq(node)) {
      if (path.length >= MAX_DEPTH) stop(tooDeep(alias ? posOf(alias) : pos));
      open.add(node);
      try {
        return isMap(node) ? walkMap(node, path, alias) : node.items.map((item, i) => walk(item as Node, [...path, i], alias));
      } finally {
        open.delete(node);
      }
    }
    if (isScalar(node)) {
      const v = node.value;
      if (typeof v !== 'string' || !v.includes('$')) return v;
      const from = node.range?.[0] ?? 0;
      // Only this scalar's own text is searched: an escaped `${` found nowhere in it must
      // not send every such scalar scanning to the end of the file.
      const own = text.slice(from, node.range?.[1] ?? text.length);
      const locate = (raw: string, occurrence: number): SourcePos => {
        let idx = own.indexOf(raw);
        for (let k = 0; k < occurrence && idx >= 0; k++) idx = own.indexOf(raw, idx + 1);
        return at(idx >= 0 ? from + idx : from);
      };
      const interpolated = parseInterpolation(v, locate, pos);
      problems.push(...interpolated.problems);
      return interpolated.value;
    }
    problems.push({ pos, message: 'unsupported YAML node' });
    return null;
  };
  const walkMap = (node: YAMLMap, path: (string | number)[], alias: Node | undefined): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const keyPos = posOf(keyNode);
      if (Object.hasOwn(out, key)) {
        problems.push({ pos: keyPos, message: DUPLICATE_KEY });
        continue;
      }
      const keyPath = [...path, key];
      keyPositions.set(pathKey(keyPath), keyPos);
      out[key] = walk(pair.value as Node | null, keyPath, alias);
      if (pair.value === null) positions.set(pathKey(keyPath), keyPos);
    }
    return out;
  };
  try {
    const value = walk(doc.contents as Node | null, [], undefined);
    return { value, positions, keyPositions, problems };
  } catch (err) {
    if (err instanceof Stop) return { value: undefined, positions, keyPositions, problems };
    throw err;
  }
}
