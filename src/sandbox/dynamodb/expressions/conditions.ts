/**
 * Condition expressions (ConditionExpression, FilterExpression, KeyConditionExpression):
 * a recursive-descent parser into a small AST.
 *
 *   condition  := disjunct (OR disjunct)*
 *   disjunct   := conjunct (AND conjunct)*
 *   conjunct   := NOT conjunct | '(' condition ')' | function '(' operands ')'
 *               | operand comparator operand | operand BETWEEN operand AND operand
 *               | operand IN '(' operand (',' operand)* ')'
 *   operand    := path | :value | size '(' path ')'
 */
import { compareValues, show, typeOf } from '../attribute-values.ts';
import type { Value } from '../state.ts';
import { parsePath, type Path } from './document-paths.ts';
import { Cursor, type ExpressionScope, tokenize } from './tokenizer.ts';

export type Operand =
  | { readonly kind: 'path'; readonly path: Path }
  | { readonly kind: 'value'; readonly value: Value }
  | { readonly kind: 'size'; readonly path: Path };

export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';
export type FunctionName = 'attribute_exists' | 'attribute_not_exists' | 'attribute_type' | 'begins_with' | 'contains';

export type Condition =
  | { readonly kind: 'compare'; readonly op: Comparator; readonly left: Operand; readonly right: Operand }
  | { readonly kind: 'between'; readonly operand: Operand; readonly low: Operand; readonly high: Operand }
  | { readonly kind: 'in'; readonly operand: Operand; readonly list: readonly Operand[] }
  | { readonly kind: 'function'; readonly name: FunctionName; readonly args: readonly Operand[] }
  | { readonly kind: 'and' | 'or'; readonly left: Condition; readonly right: Condition }
  | { readonly kind: 'not'; readonly operand: Condition };

const COMPARATORS: readonly Comparator[] = ['=', '<>', '<', '<=', '>', '>='];
const FUNCTIONS: readonly FunctionName[] = ['attribute_exists', 'attribute_not_exists', 'attribute_type', 'begins_with', 'contains'];
const ARITY: Readonly<Record<FunctionName, number>> = { attribute_exists: 1, attribute_not_exists: 1, attribute_type: 2, begins_with: 2, contains: 2 };
export const ATTRIBUTE_TYPES = ['B', 'NULL', 'SS', 'BOOL', 'L', 'BS', 'N', 'NS', 'S', 'M'];
const TYPE_NAMES: Readonly<Record<string, string>> = {
  S: 'STRING', N: 'NUMBER', B: 'BINARY', SS: 'STRING_SET', NS: 'NUMBER_SET', BS: 'BINARY_SET', M: 'MAP', L: 'LIST', NULL: 'NULL', BOOL: 'BOOLEAN',
};

function operandType(c: Cursor, operand: Operand, operator: string, allowed: readonly string[]): void {
  if (operand.kind === 'value' && !allowed.includes(typeOf(operand.value))) {
    c.fail(`Incorrect operand type for operator or function; operator or function: ${operator}, operand type: ${TYPE_NAMES[typeOf(operand.value)]}`);
  }
}

function parseOperand(c: Cursor): Operand {
  const t = c.peek();
  if (t.kind === 'attrValue') {
    c.next();
    return { kind: 'value', value: c.attributeValue(t) };
  }
  if (t.kind === 'name' && c.is('(', 1)) {
    if (t.text !== 'size') {
      if ((FUNCTIONS as readonly string[]).includes(t.text)) c.fail(`The function is not allowed to be used this way in an expression; function: ${t.text}`);
      c.fail(`Invalid function name; function: ${t.text}`);
    }
    c.next();
    c.next();
    const path = parsePath(c);
    c.expect(')');
    return { kind: 'size', path };
  }
  if (t.kind === 'name' || t.kind === 'attrName') return { kind: 'path', path: parsePath(c) };
  return c.syntaxError();
}

function parseFunction(c: Cursor): Condition {
  const name = c.next().text as FunctionName;
  c.expect('(');
  const args: Operand[] = [];
  if (!c.is(')')) {
    do args.push(parseOperand(c));
    while (c.accept(','));
  }
  c.expect(')');
  if (args.length !== ARITY[name]) c.fail(`Incorrect number of operands for operator or function; operator or function: ${name}, number of operands: ${args.length}`);
  if (args[0]!.kind !== 'path') c.fail(`Operator or function requires a document path; operator or function: ${name}`);
  if (name === 'begins_with') operandType(c, args[1]!, name, ['S', 'B']);
  if (name === 'attribute_type') {
    const t = args[1]!;
    if (t.kind !== 'value' || !('S' in t.value)) return c.fail(`Incorrect operand type for operator or function; operator or function: ${name}`);
    if (!ATTRIBUTE_TYPES.includes(t.value.S)) c.fail(`Invalid attribute type name found; type: ${t.value.S}, valid types: {${ATTRIBUTE_TYPES.join(',')}}`);
  }
  return { kind: 'function', name, args };
}

function parsePrimary(c: Cursor): Condition {
  if (c.accept('(')) {
    const inner = parseOr(c);
    c.expect(')');
    return inner;
  }
  const t = c.peek();
  if (t.kind === 'name' && c.is('(', 1) && (FUNCTIONS as readonly string[]).includes(t.text)) return parseFunction(c);
  const operand = parseOperand(c);
  const op = c.peek();
  if (op.kind === 'punct' && (COMPARATORS as readonly string[]).includes(op.text)) {
    c.next();
    const right = parseOperand(c);
    if (op.text !== '=' && op.text !== '<>') for (const side of [operand, right]) operandType(c, side, op.text, ['N', 'S', 'B']);
    return { kind: 'compare', op: op.text as Comparator, left: operand, right };
  }
  if (c.accept('BETWEEN')) {
    const low = parseOperand(c);
    c.expect('AND');
    const high = parseOperand(c);
    for (const side of [operand, low, high]) operandType(c, side, 'BETWEEN', ['N', 'S', 'B']);
    if (low.kind === 'value' && high.kind === 'value' && (compareValues(low.value, high.value) ?? 0) > 0) {
      c.fail(`The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: ${show(low.value)}, upper bound operand: AttributeValue: ${show(high.value)}`);
    }
    return { kind: 'between', operand, low, high };
  }
  if (c.accept('IN')) {
    c.expect('(');
    const list: Operand[] = [];
    do list.push(parseOperand(c));
    while (c.accept(','));
    c.expect(')');
    if (list.length > 100) c.fail('The IN operator is provided with too many operands; number of operands: ' + list.length);
    return { kind: 'in', operand, list };
  }
  return c.syntaxError();
}

function parseNot(c: Cursor): Condition {
  if (c.accept('NOT')) return { kind: 'not', operand: parseNot(c) };
  return parsePrimary(c);
}

function parseAnd(c: Cursor): Condition {
  let left = parseNot(c);
  while (c.accept('AND')) left = { kind: 'and', left, right: parseNot(c) };
  return left;
}

function parseOr(c: Cursor): Condition {
  let left = parseAnd(c);
  while (c.accept('OR')) left = { kind: 'or', left, right: parseAnd(c) };
  return left;
}

/** Parses a condition; `label` names the parameter in errors ('ConditionExpression'). */
export function parseCondition(text: string, label: string, scope: ExpressionScope): Condition {
  if (text.trim() === '') scope.fail(`Invalid ${label}: The expression can not be empty;`);
  const c = new Cursor(tokenize(text, label, scope), label, scope);
  const condition = parseOr(c);
  if (!c.atEnd()) c.syntaxError();
  return condition;
}
