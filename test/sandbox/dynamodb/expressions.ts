/**
 * The expression parser and evaluator on their own: precedence, functions, and DynamoDB's
 * semantics for absent attributes and mismatched types.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCondition } from '../../../src/sandbox/dynamodb/expressions/conditions.ts';
import { evaluate } from '../../../src/sandbox/dynamodb/expressions/evaluate.ts';
import type { ExpressionScope } from '../../../src/sandbox/dynamodb/expressions/tokenizer.ts';
import type { Item, Value } from '../../../src/sandbox/dynamodb/state.ts';

const item: Item = {
  id: { S: 'media/a.jpg' },
  size: { N: '2048' },
  tags: { SS: ['cat', 'dog'] },
  seq: { L: [{ S: 'x' }, { N: '1' }] },
  meta: { M: { type: { S: 'image/jpeg' } } },
  flag: { BOOL: true },
};

function check(expression: string, values: Record<string, Value> = {}, names: Record<string, string> = { '#s': 'size' }): boolean {
  const scope: ExpressionScope = {
    names,
    values,
    usedNames: new Set(),
    usedValues: new Set(),
    fail: (message) => {
      throw new Error(message);
    },
  };
  return evaluate(item, parseCondition(expression, 'ConditionExpression', scope));
}

describe('dynamodb expressions', () => {
  it('gives NOT over AND over OR, and honours parentheses', () => {
    const t = { ':t': { BOOL: true } };
    assert.equal(check('flag = :t OR flag <> :t AND flag <> :t', t), true, 'AND binds tighter than OR');
    assert.equal(check('(flag = :t OR flag <> :t) AND flag <> :t', t), false);
    assert.equal(check('NOT flag <> :t AND attribute_exists(id)', t), true);
    assert.equal(check('not attribute_exists(absent) and attribute_exists(id)'), true);
  });

  it('evaluates functions: exists, type, begins_with, contains, size', () => {
    assert.equal(check('attribute_type(tags, :ss)', { ':ss': { S: 'SS' } }), true);
    assert.equal(check('begins_with(id, :p)', { ':p': { S: 'media/' } }), true);
    assert.equal(check('contains(tags, :c)', { ':c': { S: 'dog' } }), true);
    assert.equal(check('contains(id, :c)', { ':c': { S: 'a.j' } }), true);
    assert.equal(check('contains(seq, :c)', { ':c': { N: '1' } }), true);
    assert.equal(check('size(tags) = :two AND size(meta) < :two', { ':two': { N: '2' } }), true);
    assert.equal(check('meta.#t IN (:a, :b)', { ':a': { S: 'image/png' }, ':b': { S: 'image/jpeg' } }, { '#t': 'type' }), true);
    assert.equal(check('#s BETWEEN :lo AND :hi', { ':lo': { N: '1024' }, ':hi': { N: '4096' } }), true);
  });

  it('compares across types and absent attributes as false, never as an error', () => {
    assert.equal(check('#s > :s', { ':s': { S: '1' } }), false);
    assert.equal(check('absent < :n', { ':n': { N: '1' } }), false);
    assert.equal(check('absent <> :n', { ':n': { N: '1' } }), false);
    assert.equal(check('NOT absent = :n', { ':n': { N: '1' } }), true);
  });

  it('refuses unknown functions, bad BETWEEN bounds and misused functions', () => {
    assert.throws(() => check('frobnicate(id)'), /Invalid function name; function: frobnicate/);
    assert.throws(() => check('#s BETWEEN :hi AND :lo', { ':lo': { N: '1' }, ':hi': { N: '9' } }), /requires upper bound to be greater than or equal to lower bound/);
    assert.throws(() => check(':t = attribute_exists(id)', { ':t': { BOOL: true } }), /The function is not allowed to be used this way in an expression; function: attribute_exists/);
    assert.throws(() => check('begins_with(id, :n)', { ':n': { N: '1' } }), /Incorrect operand type for operator or function; operator or function: begins_with, operand type: NUMBER/);
    assert.throws(() => check('id = :v AND', { ':v': { S: 'x' } }), /Syntax error; token: "<EOF>", near: "AND"/);
  });
});
