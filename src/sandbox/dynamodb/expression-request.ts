/**
 * The expressions of one request: ExpressionAttributeNames/Values checked as DynamoDB does
 * (non-empty, only with expressions, every placeholder defined and every one used), and
 * the request's expressions parsed against them.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { type DdbCtx, toValue, validation } from './attribute-values.ts';
import { type Condition, parseCondition } from './expressions/conditions.ts';
import { parseProjection, type Path } from './expressions/document-paths.ts';
import type { ExpressionScope } from './expressions/tokenizer.ts';
import { parseUpdate, type UpdateAction } from './expressions/update-expression.ts';
import type { Value } from './state.ts';

export interface ExpressionInput {
  readonly ExpressionAttributeNames?: Record<string, string>;
  readonly ExpressionAttributeValues?: Record<string, AttributeValue>;
}

/** Parameters of the pre-expression API, which the sandbox does not simulate. */
const LEGACY = ['Expected', 'AttributeUpdates', 'KeyConditions', 'QueryFilter', 'ScanFilter', 'AttributesToGet', 'ConditionalOperator'];

export class ExpressionRequest {
  readonly #ctx: DdbCtx;
  readonly #scope: ExpressionScope;
  #parsed = 0;

  constructor(ctx: DdbCtx, input: ExpressionInput & object) {
    this.#ctx = ctx;
    for (const legacy of LEGACY) {
      if ((input as Record<string, unknown>)[legacy] !== undefined) {
        validation(ctx, `blogctl sandbox: the legacy parameter ${legacy} is not simulated; use the expression parameters instead`);
      }
    }
    const names = input.ExpressionAttributeNames;
    const rawValues = input.ExpressionAttributeValues;
    if (names !== undefined && Object.keys(names).length === 0) validation(ctx, 'ExpressionAttributeNames must not be empty');
    if (rawValues !== undefined && Object.keys(rawValues).length === 0) validation(ctx, 'ExpressionAttributeValues must not be empty');
    for (const k of Object.keys(names ?? {})) if (!/^#[A-Za-z0-9_]+$/.test(k)) validation(ctx, `ExpressionAttributeNames contains invalid key: Syntax error; key: "${k}"`);
    const values: Record<string, Value> = {};
    for (const [k, v] of Object.entries(rawValues ?? {})) {
      if (!/^:[A-Za-z0-9_]+$/.test(k)) validation(ctx, `ExpressionAttributeValues contains invalid key: Syntax error; key: "${k}"`);
      values[k] = toValue(ctx, v);
    }
    this.#scope = {
      names,
      values: rawValues === undefined ? undefined : values,
      usedNames: new Set(),
      usedValues: new Set(),
      fail: (message) => validation(ctx, message),
    };
  }

  condition(text: string | undefined, label: string): Condition | undefined {
    if (text === undefined) return undefined;
    this.#parsed += 1;
    return parseCondition(text, label, this.#scope);
  }

  update(text: string | undefined): UpdateAction[] | undefined {
    if (text === undefined) return undefined;
    this.#parsed += 1;
    return parseUpdate(text, this.#scope);
  }

  projection(text: string | undefined): Path[] | undefined {
    if (text === undefined) return undefined;
    this.#parsed += 1;
    return parseProjection(text, this.#scope);
  }

  /** After every expression of the request is parsed: no placeholder may go unused. */
  finish(): void {
    const s = this.#scope;
    if (this.#parsed === 0) {
      if (s.names) validation(this.#ctx, 'ExpressionAttributeNames can only be specified when using expressions');
      if (s.values) validation(this.#ctx, 'ExpressionAttributeValues can only be specified when using expressions');
    }
    const unusedNames = Object.keys(s.names ?? {}).filter((k) => !s.usedNames.has(k));
    if (unusedNames.length > 0) validation(this.#ctx, `Value provided in ExpressionAttributeNames unused in expressions: keys: {${unusedNames.join(', ')}}`);
    const unusedValues = Object.keys(s.values ?? {}).filter((k) => !s.usedValues.has(k));
    if (unusedValues.length > 0) validation(this.#ctx, `Value provided in ExpressionAttributeValues unused in expressions: keys: {${unusedValues.join(', ')}}`);
  }
}
