/**
 * Query and Scan through the real DynamoDBClient: key conditions, sort order, filters
 * applied after Limit, projections, LastEvaluatedKey paging with the SDK paginators,
 * parallel scan segments, and the key-condition errors.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AttributeValue, paginateQuery, paginateScan, PutItemCommand, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { rejection } from '../harness.ts';
import { createTable, ddbHarness, type DdbHarness } from './setup.ts';

async function seed(h: DdbHarness) {
  await createTable(h, 'events', true);
  for (const pk of ['a', 'b']) {
    for (let sk = 1; sk <= 5; sk++) {
      await h.ddb.send(new PutItemCommand({ TableName: 'events', Item: { pk: { S: pk }, sk: { N: String(sk * 10) }, kind: { S: sk % 2 ? 'odd' : 'even' }, name: { S: `${pk}-${sk}` } } }));
    }
  }
}

const sks = (items: Record<string, AttributeValue>[] | undefined) => (items ?? []).map((i) => Number(i['sk']?.N));

describe('dynamodb query and scan', () => {
  it('queries a partition by sort key range, in order or reversed', async () => {
    const h = ddbHarness();
    await seed(h);
    const q = (expression: string, values: Record<string, AttributeValue>, forward = true) =>
      h.ddb.send(new QueryCommand({ TableName: 'events', KeyConditionExpression: expression, ExpressionAttributeValues: values, ScanIndexForward: forward }));
    assert.deepEqual(sks((await q('pk = :p', { ':p': { S: 'a' } })).Items), [10, 20, 30, 40, 50]);
    assert.deepEqual(sks((await q('pk = :p AND sk BETWEEN :lo AND :hi', { ':p': { S: 'a' }, ':lo': { N: '20' }, ':hi': { N: '40' } })).Items), [20, 30, 40]);
    assert.deepEqual(sks((await q(':p = pk and sk < :x', { ':p': { S: 'b' }, ':x': { N: '30' } }, false)).Items), [20, 10]);
    const filtered = await h.ddb.send(new QueryCommand({ TableName: 'events', KeyConditionExpression: 'pk = :p', FilterExpression: 'kind = :k', ExpressionAttributeValues: { ':p': { S: 'a' }, ':k': { S: 'odd' } }, Limit: 2 }));
    assert.deepEqual(sks(filtered.Items), [10], 'Limit counts evaluated items, the filter applies after');
    assert.equal(filtered.ScannedCount, 2);
    assert.deepEqual(filtered.LastEvaluatedKey, { pk: { S: 'a' }, sk: { N: '20' } });
    const count = await h.ddb.send(new QueryCommand({ TableName: 'events', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'b' } }, Select: 'COUNT' }));
    assert.equal(count.Count, 5);
    assert.equal(count.Items, undefined);
  });

  it('pages Query and Scan with LastEvaluatedKey through the SDK paginators', async () => {
    const h = ddbHarness();
    await seed(h);
    const pages: number[][] = [];
    for await (const page of paginateQuery({ client: h.ddb, pageSize: 2 }, { TableName: 'events', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'a' } } })) pages.push(sks(page.Items));
    assert.deepEqual(pages, [[10, 20], [30, 40], [50]]);
    const names: string[] = [];
    for await (const page of paginateScan({ client: h.ddb, pageSize: 3 }, { TableName: 'events', ProjectionExpression: '#n', ExpressionAttributeNames: { '#n': 'name' } })) {
      for (const item of page.Items ?? []) {
        assert.deepEqual(Object.keys(item), ['name']);
        names.push(item['name']!.S!);
      }
    }
    assert.equal(names.length, 10);
    assert.equal(new Set(names).size, 10);
  });

  it('splits a parallel scan into disjoint segments that cover the table', async () => {
    const h = ddbHarness();
    await seed(h);
    const seen: string[] = [];
    for (let segment = 0; segment < 3; segment++) {
      const out = await h.ddb.send(new ScanCommand({ TableName: 'events', Segment: segment, TotalSegments: 3 }));
      seen.push(...(out.Items ?? []).map((i) => i['name']!.S!));
    }
    assert.equal(seen.length, 10);
    assert.equal(new Set(seen).size, 10);
    const bad = await rejection(h.ddb.send(new ScanCommand({ TableName: 'events', Segment: 3, TotalSegments: 3 })));
    assert.equal(bad.name, 'ValidationException');
  });

  it('refuses key conditions DynamoDB does not support', async () => {
    const h = ddbHarness();
    await seed(h);
    const q = (KeyConditionExpression: string, FilterExpression?: string) => {
      const text = `${KeyConditionExpression} ${FilterExpression ?? ''}`;
      const values = Object.fromEntries(Object.entries({ ':p': { S: 'a' }, ':n': { N: '1' } }).filter(([k]) => text.includes(k)));
      return rejection(h.ddb.send(new QueryCommand({ TableName: 'events', KeyConditionExpression, FilterExpression, ExpressionAttributeValues: values })));
    };
    assert.equal((await q('sk = :n')).message, 'Query condition missed key schema element: pk');
    assert.equal((await q('pk < :p')).message, 'Query key condition not supported');
    assert.equal((await q('pk = :p OR sk = :n')).message, 'Invalid operator used in KeyConditionExpression: OR');
    assert.equal((await q('pk = :p AND sk = :p')).message, 'One or more parameter values were invalid: Condition parameter type does not match schema type');
    assert.equal((await q('pk = :p', 'sk > :n')).message, 'Filter Expression can only contain non-primary key attributes: Primary key attribute: sk');
  });
});
