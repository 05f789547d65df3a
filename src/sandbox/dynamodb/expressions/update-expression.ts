/**
 * UpdateExpression: SET (with + and -, if_not_exists, list_append), REMOVE, ADD (numbers
 * and sets) and DELETE (set elements), each clause at most once. Every right-hand side is
 * evaluated against the item as it was before the update, as DynamoDB does.
 *
 *   update := clause+          clause := SET set (',' set)* | REMOVE path (',' path)*
 *                                      | ADD path :value (',' ...)* | DELETE path :value (',' ...)*
 *   set    := path '=' value   value  := operand (('+' | '-') operand)?
 *   operand := path | :value | if_not_exists '(' path ',' operand ')' | list_append '(' operand ',' operand ')'
 */
import { addNumbers } from '../numbers.ts';
import { typeOf } from '../attribute-values.ts';
import type { Item, Value } from '../state.ts';
import { checkOverlaps, getPath, parsePath, type Path, removePath, setPath } from './document-paths.ts';
import { Cursor, type ExpressionScope, tokenize } from './tokenizer.ts';
import { copyJson } from '../../json.ts';

type SetOperand =
  | { readonly kind: 'path'; readonly path: Path }
  | { readonly kind: 'value'; readonly value: Value }
  | { readonly kind: 'if_not_exists'; readonly path: Path; readonly fallback: SetOperand }
  | { readonly kind: 'list_append'; readonly first: SetOperand; readonly second: SetOperand }
  | { readonly kind: '+' | '-'; readonly left: SetOperand; readonly right: SetOperand };

export type UpdateAction =
  | { readonly kind: 'SET'; readonly path: Path; readonly value: SetOperand }
  | { readonly kind: 'REMOVE'; readonly path: Path }
  | { readonly kind: 'ADD' | 'DELETE'; readonly path: Path; readonly value: Value };

const LABEL = 'UpdateExpression';
const SET_TYPES = ['SS', 'NS', 'BS'];
const TYPE_NAMES: Readonly<Record<string, string>> = { S: 'STRING', N: 'NUMBER', B: 'BINARY', M: 'MAP', L: 'LIST', NULL: 'NULL', BOOL: 'BOOLEAN' };

function parseOperand(c: Cursor): SetOperand {
  const t = c.peek();
  if (t.kind === 'attrValue') {
    c.next();
    return { kind: 'value', value: c.attributeValue(t) };
  }
  if (t.kind === 'name' && c.is('(', 1)) {
    c.next();
    c.next();
    if (t.text === 'if_not_exists') {
      const path = parsePath(c);
      c.expect(',');
      const fallback = parseOperand(c);
      c.expect(')');
      return { kind: 'if_not_exists', path, fallback };
    }
    if (t.text === 'list_append') {
      const first = parseOperand(c);
      c.expect(',');
      const second = parseOperand(c);
      c.expect(')');
      return { kind: 'list_append', first, second };
    }
    return c.fail(`Invalid function name; function: ${t.text}`);
  }
  return { kind: 'path', path: parsePath(c) };
}

function parseValue(c: Cursor): SetOperand {
  const left = parseOperand(c);
  if (c.is('+') || c.is('-')) {
    const op = c.next().text as '+' | '-';
    return { kind: op, left, right: parseOperand(c) };
  }
  return left;
}

function parseAction(c: Cursor, clause: string): UpdateAction {
  const path = parsePath(c);
  if (clause === 'SET') {
    c.expect('=');
    return { kind: 'SET', path, value: parseValue(c) };
  }
  if (clause === 'REMOVE') return { kind: 'REMOVE', path };
  const t = c.next();
  if (t.kind !== 'attrValue') c.syntaxError(t);
  const value = c.attributeValue(t);
  const allowed = clause === 'ADD' ? ['N', ...SET_TYPES] : SET_TYPES;
  if (!allowed.includes(typeOf(value))) c.fail(`Incorrect operand type for operator or function; operator: ${clause}, operand type: ${TYPE_NAMES[typeOf(value)] ?? typeOf(value)}`);
  return { kind: clause as 'ADD' | 'DELETE', path, value };
}

export function parseUpdate(text: string, scope: ExpressionScope): UpdateAction[] {
  if (text.trim() === '') scope.fail(`Invalid ${LABEL}: The expression can not be empty;`);
  const c = new Cursor(tokenize(text, LABEL, scope), LABEL, scope);
  const actions: UpdateAction[] = [];
  const seen = new Set<string>();
  while (!c.atEnd()) {
    const t = c.next();
    const clause = t.text.toUpperCase();
    if (t.kind !== 'name' || !['SET', 'REMOVE', 'ADD', 'DELETE'].includes(clause)) c.syntaxError(t);
    if (seen.has(clause)) c.fail(`The "${clause}" section can only be used once in an update expression;`);
    seen.add(clause);
    do actions.push(parseAction(c, clause));
    while (c.accept(','));
  }
  checkOverlaps(c, actions.map((a) => a.path));
  return actions;
}

function evalOperand(before: Item, o: SetOperand, fail: (m: string) => never): Value {
  switch (o.kind) {
    case 'value':
      return o.value;
    case 'path': {
      const v = getPath(before, o.path);
      return v ?? fail('The provided expression refers to an attribute that does not exist in the item');
    }
    case 'if_not_exists':
      return getPath(before, o.path) ?? evalOperand(before, o.fallback, fail);
    case 'list_append': {
      const a = evalOperand(before, o.first, fail);
      const b = evalOperand(before, o.second, fail);
      if (!('L' in a) || !('L' in b)) return fail('An operand in the update expression has an incorrect data type');
      return { L: [...a.L, ...b.L] };
    }
    case '+':
    case '-': {
      const a = evalOperand(before, o.left, fail);
      const b = evalOperand(before, o.right, fail);
      if (!('N' in a) || !('N' in b)) return fail('An operand in the update expression has an incorrect data type');
      return { N: addNumbers(a.N, b.N, o.kind === '+' ? 1 : -1) ?? fail('Number overflow. Attempting to store a number with magnitude larger than supported range') };
    }
  }
}

function setUnion(current: Value, added: Value, fail: (m: string) => never): Value {
  const t = typeOf(current);
  if (t !== typeOf(added)) return fail('An operand in the update expression has an incorrect data type');
  const a = (current as Record<string, string[]>)[t]!;
  const b = (added as Record<string, string[]>)[t]!;
  return { [t]: [...a, ...b.filter((x) => !a.includes(x))] } as Value;
}

/** Applies the actions to `item` (a copy of `before`, or a new item); fail throws ValidationException. */
export function applyUpdate(item: Item, before: Item, actions: readonly UpdateAction[], fail: (message: string) => never): void {
  const invalidPath = () => fail('The document path provided in the update expression is invalid for update');
  const values = actions.map((a) => (a.kind === 'SET' ? evalOperand(before, a.value, fail) : undefined));
  actions.forEach((a, i) => {
    const current = getPath(item, a.path);
    switch (a.kind) {
      case 'SET':
        if (!setPath(item, a.path, copyJson(values[i]!))) invalidPath();
        return;
      case 'REMOVE':
        if (!removePath(item, a.path)) invalidPath();
        return;
      case 'ADD': {
        let next: Value;
        if (current === undefined) next = copyJson(a.value);
        else if ('N' in current && 'N' in a.value) next = { N: addNumbers(current.N, a.value.N) ?? fail('Number overflow. Attempting to store a number with magnitude larger than supported range') };
        else if (SET_TYPES.includes(typeOf(current))) next = setUnion(current, a.value, fail);
        else return fail('An operand in the update expression has an incorrect data type');
        if (!setPath(item, a.path, next)) invalidPath();
        return;
      }
      case 'DELETE': {
        if (current === undefined) return;
        const t = typeOf(current);
        if (t !== typeOf(a.value)) fail('An operand in the update expression has an incorrect data type');
        const drop = (a.value as Record<string, string[]>)[t]!;
        const left = (current as Record<string, string[]>)[t]!.filter((x) => !drop.includes(x));
        if (left.length === 0) removePath(item, a.path);
        else setPath(item, a.path, { [t]: left } as Value);
        return;
      }
    }
  });
}

/** Top-level attributes an update touches (what UPDATED_OLD / UPDATED_NEW return). */
export function updatedNames(actions: readonly UpdateAction[]): string[] {
  return [...new Set(actions.map((a) => (a.path[0] as { name: string }).name))];
}
