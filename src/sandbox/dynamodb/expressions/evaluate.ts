/**
 * Evaluates a parsed condition against an item, with DynamoDB's semantics: comparisons of
 * different types are false (not errors), a missing attribute makes every comparison false,
 * size() of an attribute that has no size is no value at all.
 */
import { compareValues, typeOf, valuesEqual } from '../attribute-values.ts';
import type { Item, Value } from '../state.ts';
import type { Condition, Operand } from './conditions.ts';
import { getPath } from './document-paths.ts';

function sizeOf(v: Value | undefined): number | undefined {
  if (v === undefined) return undefined;
  if ('S' in v) return v.S.length;
  if ('B' in v) return Buffer.from(v.B, 'base64').length;
  if ('SS' in v) return v.SS.length;
  if ('NS' in v) return v.NS.length;
  if ('BS' in v) return v.BS.length;
  if ('M' in v) return Object.keys(v.M).length;
  if ('L' in v) return v.L.length;
  return undefined;
}

export function operandValue(item: Item, operand: Operand): Value | undefined {
  switch (operand.kind) {
    case 'value':
      return operand.value;
    case 'path':
      return getPath(item, operand.path);
    case 'size': {
      const n = sizeOf(getPath(item, operand.path));
      return n === undefined ? undefined : { N: String(n) };
    }
  }
}

function ordered(a: Value | undefined, b: Value | undefined, test: (order: number) => boolean): boolean {
  if (a === undefined || b === undefined) return false;
  const order = compareValues(a, b);
  return order !== undefined && test(order);
}

function contains(container: Value | undefined, element: Value | undefined): boolean {
  if (container === undefined || element === undefined) return false;
  if ('S' in container) return 'S' in element && container.S.includes(element.S);
  if ('B' in container) return 'B' in element && Buffer.from(container.B, 'base64').includes(Buffer.from(element.B, 'base64'));
  if ('SS' in container) return 'S' in element && container.SS.includes(element.S);
  if ('NS' in container) return 'N' in element && container.NS.some((n) => valuesEqual({ N: n }, element));
  if ('BS' in container) return 'B' in element && container.BS.includes(element.B);
  if ('L' in container) return container.L.some((e) => valuesEqual(e, element));
  return false;
}

export function evaluate(item: Item, condition: Condition): boolean {
  switch (condition.kind) {
    case 'and':
      return evaluate(item, condition.left) && evaluate(item, condition.right);
    case 'or':
      return evaluate(item, condition.left) || evaluate(item, condition.right);
    case 'not':
      return !evaluate(item, condition.operand);
    case 'compare': {
      const a = operandValue(item, condition.left);
      const b = operandValue(item, condition.right);
      switch (condition.op) {
        case '=':
          return a !== undefined && b !== undefined && valuesEqual(a, b);
        case '<>':
          return a !== undefined && b !== undefined && !valuesEqual(a, b);
        case '<':
          return ordered(a, b, (o) => o < 0);
        case '<=':
          return ordered(a, b, (o) => o <= 0);
        case '>':
          return ordered(a, b, (o) => o > 0);
        case '>=':
          return ordered(a, b, (o) => o >= 0);
      }
      return false;
    }
    case 'between': {
      const v = operandValue(item, condition.operand);
      return ordered(v, operandValue(item, condition.low), (o) => o >= 0) && ordered(v, operandValue(item, condition.high), (o) => o <= 0);
    }
    case 'in': {
      const v = operandValue(item, condition.operand);
      return v !== undefined && condition.list.some((o) => {
        const w = operandValue(item, o);
        return w !== undefined && valuesEqual(v, w);
      });
    }
    case 'function': {
      const [first, second] = condition.args;
      const v = operandValue(item, first!);
      switch (condition.name) {
        case 'attribute_exists':
          return v !== undefined;
        case 'attribute_not_exists':
          return v === undefined;
        case 'attribute_type': {
          const t = operandValue(item, second!);
          return v !== undefined && t !== undefined && 'S' in t && typeOf(v) === t.S;
        }
        case 'begins_with': {
          const prefix = operandValue(item, second!);
          if (v === undefined || prefix === undefined) return false;
          if ('S' in v && 'S' in prefix) return v.S.startsWith(prefix.S);
          if ('B' in v && 'B' in prefix) return Buffer.from(v.B, 'base64').subarray(0, Buffer.from(prefix.B, 'base64').length).equals(Buffer.from(prefix.B, 'base64'));
          return false;
        }
        case 'contains':
          return contains(v, operandValue(item, second!));
      }
    }
  }
}
