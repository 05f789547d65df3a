/**
 * Document paths (a.b[2].#c): parsing, reading, writing and removing them in an item, the
 * overlap rule update and projection expressions share, and ProjectionExpression.
 */
import type { Item, Value } from '../state.ts';
import { Cursor, type ExpressionScope, tokenize } from './tokenizer.ts';
import { copyJson } from '../../json.ts';

export type PathElement = { readonly name: string } | { readonly index: number };
/** Starts with a name. */
export type Path = readonly PathElement[];

export function parsePath(c: Cursor): Path {
  const path: PathElement[] = [{ name: c.attributeName(c.next()) }];
  for (;;) {
    if (c.accept('.')) path.push({ name: c.attributeName(c.next()) });
    else if (c.is('[')) {
      c.next();
      const t = c.next();
      if (t.kind !== 'number') c.syntaxError(t);
      path.push({ index: Number(t.text) });
      c.expect(']');
    } else return path;
  }
}

export function pathText(path: Path): string {
  return `[${path.map((e) => ('name' in e ? e.name : `[${e.index}]`)).join(', ')}]`;
}

function samePrefix(a: Path, b: Path): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if ('name' in x ? !('name' in y) || x.name !== y.name : !('index' in y) || x.index !== y.index) return false;
  }
  return true;
}

/** Fails when two paths overlap (one is a prefix of the other), as DynamoDB does. */
export function checkOverlaps(c: Cursor, paths: readonly Path[]): void {
  for (let i = 0; i < paths.length; i++) {
    for (let j = 0; j < i; j++) {
      if (samePrefix(paths[i]!, paths[j]!)) {
        c.fail(`Two document paths overlap with each other; must remove or rewrite one of these paths; path one: ${pathText(paths[j]!)}, path two: ${pathText(paths[i]!)}`);
      }
    }
  }
}

function child(v: Value | undefined, e: PathElement): Value | undefined {
  if (v === undefined) return undefined;
  if ('name' in e) return 'M' in v ? v.M[e.name] : undefined;
  return 'L' in v ? v.L[e.index] : undefined;
}

export function getPath(item: Item, path: Path): Value | undefined {
  let v: Value | undefined = item[(path[0] as { name: string }).name];
  for (const e of path.slice(1)) v = child(v, e);
  return v;
}

/** Sets the value; false when the path's parent is missing or not a map/list. */
export function setPath(item: Item, path: Path, value: Value): boolean {
  if (path.length === 1) {
    item[(path[0] as { name: string }).name] = value;
    return true;
  }
  const parent = getPath(item, path.slice(0, -1));
  const last = path[path.length - 1]!;
  if (parent !== undefined && 'name' in last && 'M' in parent) {
    parent.M[last.name] = value;
    return true;
  }
  if (parent !== undefined && 'index' in last && 'L' in parent) {
    if (last.index >= parent.L.length) parent.L.push(value);
    else parent.L[last.index] = value;
    return true;
  }
  return false;
}

/** Removes the value (nothing to do when it is absent); false when the parent is not there. */
export function removePath(item: Item, path: Path): boolean {
  if (path.length === 1) {
    delete item[(path[0] as { name: string }).name];
    return true;
  }
  const parent = getPath(item, path.slice(0, -1));
  const last = path[path.length - 1]!;
  if (parent !== undefined && 'name' in last && 'M' in parent) delete parent.M[last.name];
  else if (parent !== undefined && 'index' in last && 'L' in parent) parent.L.splice(last.index, 1);
  else return false;
  return true;
}

export function parseProjection(text: string, scope: ExpressionScope): Path[] {
  const label = 'ProjectionExpression';
  const c = new Cursor(tokenize(text, label, scope), label, scope);
  const paths: Path[] = [];
  do paths.push(parsePath(c));
  while (c.accept(','));
  if (!c.atEnd()) c.syntaxError();
  checkOverlaps(c, paths);
  return paths;
}

/** The item with only the projected paths (list elements keep their order). */
export function project(item: Item, paths: readonly Path[]): Item {
  const out: Item = {};
  for (const path of paths) {
    const value = getPath(item, path);
    if (value === undefined) continue;
    let container: Value | undefined;
    for (let i = 0; i < path.length; i++) {
      const e = path[i]!;
      const isLast = i === path.length - 1;
      const nextIsIndex = !isLast && 'index' in path[i + 1]!;
      const fresh: Value = isLast ? copyJson(value) : nextIsIndex ? { L: [] } : { M: {} };
      if (i === 0) {
        const name = (e as { name: string }).name;
        out[name] ??= fresh;
        container = out[name];
      } else if (container && 'M' in container && 'name' in e) {
        container.M[e.name] ??= fresh;
        container = container.M[e.name];
      } else if (container && 'L' in container) {
        container.L.push(fresh);
        container = fresh;
      }
    }
  }
  return out;
}
