/**
 * Query (KeyConditionExpression on the partition and sort keys, sort-key order,
 * ScanIndexForward) and Scan (primary-key order, parallel Segment/TotalSegments), both
 * with FilterExpression (applied after Limit, as DynamoDB does), ProjectionExpression,
 * Select COUNT, and paging: Limit counts items evaluated, a page also stops at 1 MB, and
 * LastEvaluatedKey is the key of the last item evaluated.
 */
import { createHash } from 'node:crypto';
import type { AttributeValue, QueryCommandInput, QueryCommandOutput, ScanCommandInput, ScanCommandOutput } from '@aws-sdk/client-dynamodb';
import type { OperationTable } from '../service.ts';
import { checkKey, compareValues, type DdbCtx, fromItem, itemSize, keyOf, keyString, toItem, validation, valuesEqual } from './attribute-values.ts';
import { ExpressionRequest } from './expression-request.ts';
import type { Condition, Operand } from './expressions/conditions.ts';
import { type Path, project } from './expressions/document-paths.ts';
import { evaluate } from './expressions/evaluate.ts';
import { keyCondition, rangeMatches } from './expressions/key-condition.ts';
import { consumed } from './items.ts';
import type { DynamoDbState, Item, TableRec } from './state.ts';
import { dataTable } from './table-records.ts';

type Out<T> = Omit<T, '$metadata'>;

const PAGE_BYTES = 1024 * 1024;

function operandPaths(o: Operand): Path[] {
  return o.kind === 'value' ? [] : [o.path];
}

function conditionPaths(c: Condition): Path[] {
  switch (c.kind) {
    case 'and':
    case 'or':
      return [...conditionPaths(c.left), ...conditionPaths(c.right)];
    case 'not':
      return conditionPaths(c.operand);
    case 'compare':
      return [...operandPaths(c.left), ...operandPaths(c.right)];
    case 'between':
      return [c.operand, c.low, c.high].flatMap(operandPaths);
    case 'in':
      return [c.operand, ...c.list].flatMap(operandPaths);
    case 'function':
      return c.args.flatMap(operandPaths);
  }
}

interface ReadInput {
  readonly Limit?: number;
  readonly Select?: string;
  readonly ProjectionExpression?: string;
  readonly ExclusiveStartKey?: Record<string, AttributeValue>;
  readonly IndexName?: string;
  readonly ConsistentRead?: boolean;
}

function checkRead(ctx: DdbCtx, input: ReadInput): void {
  if (input.IndexName !== undefined) validation(ctx, `The table does not have the specified index: ${input.IndexName}`);
  if (input.Limit !== undefined && (!Number.isInteger(input.Limit) || input.Limit < 1)) {
    validation(ctx, `1 validation error detected: Value '${input.Limit}' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1`);
  }
  if (input.Select === 'SPECIFIC_ATTRIBUTES' && input.ProjectionExpression === undefined) validation(ctx, 'Must specify the ProjectionExpression or AttributesToGet when choosing to get SPECIFIC_ATTRIBUTES');
  if (input.ProjectionExpression !== undefined && input.Select !== undefined && input.Select !== 'SPECIFIC_ATTRIBUTES') {
    validation(ctx, `Cannot specify the ProjectionExpression when choosing to get ${input.Select}`);
  }
}

/** Evaluates `ordered` items from after the start key: Limit and 1 MB per page, then filter and projection. */
function readPage(table: TableRec, ordered: readonly Item[], input: ReadInput, filter: Condition | undefined, projection: Path[] | undefined) {
  const limit = input.Limit ?? Number.MAX_SAFE_INTEGER;
  const items: Item[] = [];
  let scanned = 0;
  let bytes = 0;
  let last: Item | undefined;
  for (const item of ordered) {
    if (scanned >= limit || bytes >= PAGE_BYTES) break;
    scanned += 1;
    bytes += itemSize(item);
    last = item;
    if (filter === undefined || evaluate(item, filter)) items.push(projection ? project(item, projection) : item);
  }
  const stopped = scanned < ordered.length || scanned === input.Limit;
  const count = input.Select === 'COUNT';
  return {
    Items: count ? undefined : items.map(fromItem),
    Count: items.length,
    ScannedCount: scanned,
    LastEvaluatedKey: stopped && last ? fromItem(keyOf(table, last)) : undefined,
    units: Math.max(1, Math.ceil(bytes / 4096)) * (input.ConsistentRead ? 1 : 0.5),
  };
}

function startKey(ctx: DdbCtx, table: TableRec, input: ReadInput): Item | undefined {
  if (input.ExclusiveStartKey === undefined) return undefined;
  const key = toItem(ctx, input.ExclusiveStartKey);
  if (Object.keys(key).length !== (table.range ? 2 : 1) || !key[table.hash.name] || (table.range && !key[table.range.name])) {
    validation(ctx, 'The provided starting key is invalid: The provided key element does not match the schema');
  }
  checkKey(ctx, table, key);
  return key;
}

function noKeyAttributes(ctx: DdbCtx, table: TableRec, filter: Condition | undefined): void {
  for (const path of filter ? conditionPaths(filter) : []) {
    const name = (path[0] as { name: string }).name;
    if (name === table.hash.name || name === table.range?.name) validation(ctx, `Filter Expression can only contain non-primary key attributes: Primary key attribute: ${name}`);
  }
}

function segmentOf(key: string, total: number): number {
  return createHash('md5').update(key).digest().readUInt32BE(0) % total;
}

export const queryScanOperations = {
  Query(input: QueryCommandInput, ctx: DdbCtx): Out<QueryCommandOutput> {
    const table = dataTable(ctx, input.TableName);
    checkRead(ctx, input);
    if (input.KeyConditionExpression === undefined) validation(ctx, 'Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
    const request = new ExpressionRequest(ctx, input);
    const kc = request.condition(input.KeyConditionExpression, 'KeyConditionExpression')!;
    const filter = request.condition(input.FilterExpression, 'FilterExpression');
    const projection = request.projection(input.ProjectionExpression);
    request.finish();
    const key = keyCondition(kc, table.hash, table.range, (message) => validation(ctx, message));
    noKeyAttributes(ctx, table, filter);
    const range = table.range;
    const forward = input.ScanIndexForward ?? true;
    let matching = Object.values(table.items).filter((item) => valuesEqual(item[table.hash.name]!, key.hash) && (!range || !key.range || rangeMatches(item, range, key.range)));
    if (range) matching.sort((a, b) => (compareValues(a[range.name]!, b[range.name]!) ?? 0) * (forward ? 1 : -1));
    const start = startKey(ctx, table, input);
    if (start) {
      if (!valuesEqual(start[table.hash.name]!, key.hash)) validation(ctx, 'The provided starting key is invalid: The provided key element does not match the schema');
      matching = range ? matching.filter((item) => (compareValues(item[range.name]!, start[range.name]!) ?? 0) * (forward ? 1 : -1) > 0) : [];
    }
    const page = readPage(table, matching, input, filter, projection);
    const { units, ...out } = page;
    return { ...out, ConsumedCapacity: consumed(table, input.ReturnConsumedCapacity, units) };
  },

  Scan(input: ScanCommandInput, ctx: DdbCtx): Out<ScanCommandOutput> {
    const table = dataTable(ctx, input.TableName);
    checkRead(ctx, input);
    const { Segment: segment, TotalSegments: total } = input;
    if ((segment === undefined) !== (total === undefined)) validation(ctx, 'The TotalSegments parameter is required but was not present in the request when Segment parameter is present');
    if (total !== undefined && (total < 1 || total > 1_000_000)) validation(ctx, `1 validation error detected: Value '${total}' at 'totalSegments' failed to satisfy constraint: Member must have value less than or equal to 1000000`);
    if (segment !== undefined && total !== undefined && (segment < 0 || segment >= total)) validation(ctx, `The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: ${segment} is not less than TotalSegments: ${total}`);
    const request = new ExpressionRequest(ctx, input);
    const filter = request.condition(input.FilterExpression, 'FilterExpression');
    const projection = request.projection(input.ProjectionExpression);
    request.finish();
    const keyed = Object.entries(table.items)
      .filter(([k]) => total === undefined || segmentOf(k, total) === segment)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const start = startKey(ctx, table, input);
    const after = start ? keyString(table, start) : undefined;
    const ordered = keyed.filter(([k]) => after === undefined || k > after).map(([, item]) => item);
    const page = readPage(table, ordered, input, filter, projection);
    const { units, ...out } = page;
    return { ...out, ConsumedCapacity: consumed(table, input.ReturnConsumedCapacity, units) };
  },
} satisfies OperationTable<DynamoDbState>;
