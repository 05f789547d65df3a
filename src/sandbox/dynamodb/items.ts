/**
 * Items: PutItem, GetItem, UpdateItem, DeleteItem, with ConditionExpression (the failed
 * check answers ConditionalCheckFailedException, with the item when
 * ReturnValuesOnConditionCheckFailure is ALL_OLD), ReturnValues and ConsumedCapacity.
 */
import type {
  ConsumedCapacity,
  DeleteItemCommandInput,
  DeleteItemCommandOutput,
  GetItemCommandInput,
  GetItemCommandOutput,
  PutItemCommandInput,
  PutItemCommandOutput,
  ReturnConsumedCapacity,
  UpdateItemCommandInput,
  UpdateItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import type { OperationTable } from '../service.ts';
import { checkItem, checkKey, type DdbCtx, ddbFail, fromItem, itemSize, keyString, toItem, validation } from './attribute-values.ts';
import { ExpressionRequest } from './expression-request.ts';
import type { Condition } from './expressions/conditions.ts';
import { project } from './expressions/document-paths.ts';
import { evaluate } from './expressions/evaluate.ts';
import { applyUpdate, updatedNames } from './expressions/update-expression.ts';
import type { DynamoDbState, Item, TableRec } from './state.ts';
import { dataTable } from './table-records.ts';
import { copyJson } from '../json.ts';

type Out<T> = Omit<T, '$metadata'>;

/** Capacity units a request consumed, when it asked (reads: 4 KB units, halved unless consistent; writes: 1 KB). */
export function consumed(table: TableRec, wanted: ReturnConsumedCapacity | undefined, units: number): ConsumedCapacity | undefined {
  if (wanted === undefined || wanted === 'NONE') return undefined;
  return { TableName: table.name, CapacityUnits: units, ...(wanted === 'INDEXES' && { Table: { CapacityUnits: units } }) };
}

const writeUnits = (item: Item | undefined) => Math.max(1, Math.ceil((item ? itemSize(item) : 0) / 1024));

function checkReturnValues(ctx: DdbCtx, value: string | undefined, allowed: readonly string[]): string {
  const v = value ?? 'NONE';
  if (!allowed.includes(v)) validation(ctx, allowed.length === 2 ? 'ReturnValues can only be ALL_OLD or NONE' : `1 validation error detected: Value '${v}' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`);
  return v;
}

function checkCondition(ctx: DdbCtx, condition: Condition | undefined, existing: Item | undefined, onFailure: string | undefined): void {
  if (condition === undefined || evaluate(existing ?? {}, condition)) return;
  ddbFail(ctx, 'ConditionalCheckFailedException', 'The conditional request failed', onFailure === 'ALL_OLD' && existing ? { Item: fromItem(existing) } : undefined);
}

function pick(item: Item | undefined, names: readonly string[]): Item | undefined {
  if (!item) return undefined;
  const out = Object.fromEntries(names.filter((n) => item[n] !== undefined).map((n) => [n, item[n]!]));
  return Object.keys(out).length > 0 ? out : undefined;
}

/** What PutItem and DeleteItem both start with: the table, ReturnValues and the condition. */
function conditionalWrite(ctx: DdbCtx, input: PutItemCommandInput | DeleteItemCommandInput) {
  const table = dataTable(ctx, input.TableName);
  const returnValues = checkReturnValues(ctx, input.ReturnValues, ['NONE', 'ALL_OLD']);
  const request = new ExpressionRequest(ctx, input);
  const condition = request.condition(input.ConditionExpression, 'ConditionExpression');
  request.finish();
  return { table, returnValues, condition };
}

export const itemOperations = {
  PutItem(input: PutItemCommandInput, ctx: DdbCtx): Out<PutItemCommandOutput> {
    const { table, returnValues, condition } = conditionalWrite(ctx, input);
    const item = toItem(ctx, input.Item);
    checkItem(ctx, table, item);
    const key = keyString(table, item);
    const existing = table.items[key];
    checkCondition(ctx, condition, existing, input.ReturnValuesOnConditionCheckFailure);
    table.items[key] = item;
    return {
      Attributes: returnValues === 'ALL_OLD' && existing ? fromItem(existing) : undefined,
      ConsumedCapacity: consumed(table, input.ReturnConsumedCapacity, Math.max(writeUnits(item), writeUnits(existing))),
    };
  },

  GetItem(input: GetItemCommandInput, ctx: DdbCtx): Out<GetItemCommandOutput> {
    const table = dataTable(ctx, input.TableName);
    const request = new ExpressionRequest(ctx, input);
    const projection = request.projection(input.ProjectionExpression);
    request.finish();
    const key = toItem(ctx, input.Key);
    checkKey(ctx, table, key);
    const item = table.items[keyString(table, key)];
    const units = Math.max(1, Math.ceil((item ? itemSize(item) : 0) / 4096)) * (input.ConsistentRead ? 1 : 0.5);
    return {
      Item: item ? fromItem(projection ? project(item, projection) : item) : undefined,
      ConsumedCapacity: consumed(table, input.ReturnConsumedCapacity, units),
    };
  },

  UpdateItem(input: UpdateItemCommandInput, ctx: DdbCtx): Out<UpdateItemCommandOutput> {
    const table = dataTable(ctx, input.TableName);
    const returnValues = checkReturnValues(ctx, input.ReturnValues, ['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW']);
    const request = new ExpressionRequest(ctx, input);
    const actions = request.update(input.UpdateExpression) ?? [];
    const condition = request.condition(input.ConditionExpression, 'ConditionExpression');
    request.finish();
    const key = toItem(ctx, input.Key);
    checkKey(ctx, table, key);
    for (const name of updatedNames(actions)) {
      if (name === table.hash.name || name === table.range?.name) {
        validation(ctx, `One or more parameter values were invalid: Cannot update attribute ${name}. This attribute is part of the key`);
      }
    }
    const k = keyString(table, key);
    const existing = table.items[k];
    checkCondition(ctx, condition, existing, input.ReturnValuesOnConditionCheckFailure);
    const before = existing ?? key;
    const next = copyJson(before);
    applyUpdate(next, before, actions, (message) => validation(ctx, message));
    checkItem(ctx, table, next);
    table.items[k] = next;
    const names = updatedNames(actions);
    const attributes =
      returnValues === 'ALL_OLD' ? existing : returnValues === 'ALL_NEW' ? next : returnValues === 'UPDATED_OLD' ? pick(existing, names) : returnValues === 'UPDATED_NEW' ? pick(next, names) : undefined;
    return {
      Attributes: attributes ? fromItem(attributes) : undefined,
      ConsumedCapacity: consumed(table, input.ReturnConsumedCapacity, Math.max(writeUnits(next), writeUnits(existing))),
    };
  },

  DeleteItem(input: DeleteItemCommandInput, ctx: DdbCtx): Out<DeleteItemCommandOutput> {
    const { table, returnValues, condition } = conditionalWrite(ctx, input);
    const key = toItem(ctx, input.Key);
    checkKey(ctx, table, key);
    const k = keyString(table, key);
    const existing = table.items[k];
    checkCondition(ctx, condition, existing, input.ReturnValuesOnConditionCheckFailure);
    delete table.items[k];
    return {
      Attributes: returnValues === 'ALL_OLD' && existing ? fromItem(existing) : undefined,
      ConsumedCapacity: consumed(table, input.ReturnConsumedCapacity, writeUnits(existing)),
    };
  },
} satisfies OperationTable<DynamoDbState>;
