/**
 * KeyConditionExpression: a condition of the partition key (=) and at most one of the sort
 * key (=, <, <=, >, >=, BETWEEN, begins_with), joined by AND; anything else is refused with
 * DynamoDB's messages.
 */
import { compareValues, typeOf, valuesEqual } from '../attribute-values.ts';
import type { Item, KeyElement, Value } from '../state.ts';
import type { Condition, Operand } from './conditions.ts';

export type RangeTest =
  | { readonly op: '=' | '<' | '<=' | '>' | '>='; readonly value: Value }
  | { readonly op: 'BETWEEN'; readonly low: Value; readonly high: Value }
  | { readonly op: 'begins_with'; readonly value: Value };

export interface KeyCondition {
  readonly hash: Value;
  readonly range: RangeTest | undefined;
}

const FLIP: Readonly<Record<string, '=' | '<' | '<=' | '>' | '>='>> = { '=': '=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

function parts(c: Condition, fail: (m: string) => never): Condition[] {
  if (c.kind === 'and') return [...parts(c.left, fail), ...parts(c.right, fail)];
  if (c.kind === 'or' || c.kind === 'not') return fail(`Invalid operator used in KeyConditionExpression: ${c.kind.toUpperCase()}`);
  return [c];
}

function keyName(o: Operand | undefined): string | undefined {
  return o?.kind === 'path' && o.path.length === 1 && 'name' in o.path[0]! ? o.path[0].name : undefined;
}

function literal(o: Operand | undefined): Value | undefined {
  return o?.kind === 'value' ? o.value : undefined;
}

/** Reads the key condition; `fail` throws ValidationException with the message. */
export function keyCondition(condition: Condition, hash: KeyElement, range: KeyElement | null, fail: (message: string) => never): KeyCondition {
  const tests = new Map<string, RangeTest>();
  for (const p of parts(condition, fail)) {
    let name: string | undefined;
    let test: RangeTest | undefined;
    if (p.kind === 'compare') {
      if (p.op === '<>') fail('Unsupported operator in KeyConditionExpression: <>');
      const leftName = keyName(p.left);
      name = leftName ?? keyName(p.right);
      const value = leftName !== undefined ? literal(p.right) : literal(p.left);
      if (value !== undefined) test = { op: leftName !== undefined ? p.op : FLIP[p.op]!, value } as RangeTest;
    } else if (p.kind === 'between') {
      name = keyName(p.operand);
      const low = literal(p.low);
      const high = literal(p.high);
      if (low && high) test = { op: 'BETWEEN', low, high };
    } else if (p.kind === 'function' && p.name === 'begins_with') {
      name = keyName(p.args[0]);
      const value = literal(p.args[1]);
      if (value) test = { op: 'begins_with', value };
    } else {
      fail(p.kind === 'function' ? `Invalid operator used in KeyConditionExpression: ${p.name}` : 'Query key condition not supported');
    }
    if (name === undefined || test === undefined) fail('Query key condition not supported');
    if (name !== hash.name && name !== range?.name) fail(`Query condition missed key schema element: ${range && name !== hash.name && !tests.has(hash.name) ? hash.name : (range?.name ?? hash.name)}`);
    if (tests.has(name)) fail('KeyConditionExpressions must only contain one condition per key');
    const expected = name === hash.name ? hash.type : range!.type;
    const values = test.op === 'BETWEEN' ? [test.low, test.high] : [test.value];
    if (values.some((v) => typeOf(v) !== expected)) fail('One or more parameter values were invalid: Condition parameter type does not match schema type');
    tests.set(name, test);
  }
  const h = tests.get(hash.name);
  if (!h) fail(`Query condition missed key schema element: ${hash.name}`);
  if (h.op !== '=') fail('Query key condition not supported');
  return { hash: h.value, range: range ? tests.get(range.name) : undefined };
}

/** Does the item's sort key pass the sort key test? */
export function rangeMatches(item: Item, range: KeyElement, test: RangeTest): boolean {
  const v = item[range.name];
  if (v === undefined) return false;
  const cmp = (w: Value) => compareValues(v, w) ?? NaN;
  switch (test.op) {
    case '=':
      return valuesEqual(v, test.value);
    case '<':
      return cmp(test.value) < 0;
    case '<=':
      return cmp(test.value) <= 0;
    case '>':
      return cmp(test.value) > 0;
    case '>=':
      return cmp(test.value) >= 0;
    case 'BETWEEN':
      return cmp(test.low) >= 0 && cmp(test.high) <= 0;
    case 'begins_with':
      if ('S' in v && 'S' in test.value) return v.S.startsWith(test.value.S);
      if ('B' in v && 'B' in test.value) return Buffer.from(v.B, 'base64').subarray(0, Buffer.from(test.value.B, 'base64').length).equals(Buffer.from(test.value.B, 'base64'));
      return false;
  }
}
