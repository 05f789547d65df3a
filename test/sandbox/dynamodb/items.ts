/**
 * DynamoDB items through the real DynamoDBClient and the DocumentClient: every attribute
 * type, condition expressions, update expressions, ReturnValues and the validation errors.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type AttributeValue,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { rejection } from '../harness.ts';
import { createTable, ddbHarness } from './setup.ts';

describe('dynamodb items', () => {
  it('round-trips every attribute type, numbers in canonical form', async () => {
    const h = ddbHarness();
    await createTable(h);
    const Item = {
      pk: { S: 'media/a.jpg' },
      n: { N: '1.50' },
      b: { B: new Uint8Array([1, 2, 3]) },
      ss: { SS: ['a', 'b'] },
      ns: { NS: ['1', '2.0'] },
      bs: { BS: [new Uint8Array([9])] },
      m: { M: { nested: { L: [{ S: 'x' }, { NULL: true }, { BOOL: false }] } } },
      empty: { S: '' },
    } satisfies Record<string, AttributeValue>;
    await h.ddb.send(new PutItemCommand({ TableName: 'objects', Item }));
    const got = (await h.ddb.send(new GetItemCommand({ TableName: 'objects', Key: { pk: { S: 'media/a.jpg' } } }))).Item!;
    assert.deepEqual(got['n'], { N: '1.5' });
    assert.deepEqual(got['ns'], { NS: ['1', '2'] });
    assert.ok(got['b']?.B instanceof Uint8Array);
    assert.deepEqual([...got['b']!.B!], [1, 2, 3]);
    assert.deepEqual(got['m'], Item.m);
    assert.deepEqual(got['empty'], { S: '' });
    const missing = await h.ddb.send(new GetItemCommand({ TableName: 'objects', Key: { pk: { S: 'nope' } } }));
    assert.equal('Item' in missing, false);
    const projected = await h.ddb.send(new GetItemCommand({ TableName: 'objects', Key: { pk: { S: 'media/a.jpg' } }, ProjectionExpression: 'n, m.nested[0]' }));
    assert.deepEqual(projected.Item, { n: { N: '1.5' }, m: { M: { nested: { L: [{ S: 'x' }] } } } });
  });

  it('checks ConditionExpression and answers ConditionalCheckFailedException, with the item on request', async () => {
    const h = ddbHarness();
    await createTable(h);
    const put = (v: string) => new PutItemCommand({ TableName: 'objects', Item: { pk: { S: 'k' }, v: { S: v } }, ConditionExpression: 'attribute_not_exists(pk)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
    await h.ddb.send(put('first'));
    const err = await rejection(h.ddb.send(put('second')));
    assert.ok(err instanceof ConditionalCheckFailedException);
    assert.equal(err.message, 'The conditional request failed');
    assert.deepEqual((err as ConditionalCheckFailedException).Item, { pk: { S: 'k' }, v: { S: 'first' } });
    const old = await h.ddb.send(new PutItemCommand({ TableName: 'objects', Item: { pk: { S: 'k' }, v: { S: 'third' } }, ConditionExpression: '#v = :v', ExpressionAttributeNames: { '#v': 'v' }, ExpressionAttributeValues: { ':v': { S: 'first' } }, ReturnValues: 'ALL_OLD' }));
    assert.deepEqual(old.Attributes, { pk: { S: 'k' }, v: { S: 'first' } });
    const del = await rejection(h.ddb.send(new DeleteItemCommand({ TableName: 'objects', Key: { pk: { S: 'k' } }, ConditionExpression: 'v = :x', ExpressionAttributeValues: { ':x': { S: 'first' } } })));
    assert.ok(del instanceof ConditionalCheckFailedException);
    const deleted = await h.ddb.send(new DeleteItemCommand({ TableName: 'objects', Key: { pk: { S: 'k' } }, ReturnValues: 'ALL_OLD' }));
    assert.deepEqual(deleted.Attributes?.['v'], { S: 'third' });
  });

  it('applies SET, REMOVE, ADD and DELETE, with if_not_exists, arithmetic and list_append', async () => {
    const h = ddbHarness();
    await createTable(h);
    const update = (expression: string, values: Record<string, unknown>, returnValues: 'ALL_NEW' | 'UPDATED_OLD' | 'UPDATED_NEW' = 'ALL_NEW') =>
      h.ddb.send(new UpdateItemCommand({ TableName: 'objects', Key: { pk: { S: 'k' } }, UpdateExpression: expression, ExpressionAttributeValues: values as never, ReturnValues: returnValues }));
    const created = await update('SET hits = if_not_exists(hits, :zero) + :one, tags = :tags, history = :empty, gone = :one', { ':zero': { N: '0' }, ':one': { N: '1' }, ':tags': { SS: ['a', 'b'] }, ':empty': { L: [] } });
    assert.deepEqual(created.Attributes, { pk: { S: 'k' }, hits: { N: '1' }, tags: { SS: ['a', 'b'] }, history: { L: [] }, gone: { N: '1' } });
    await update('ADD tags :more', { ':more': { SS: ['c'] } });
    const next = await update('SET hits = hits + :one, history = list_append(history, :entry) REMOVE gone ADD grand :two DELETE tags :a', {
      ':one': { N: '1' }, ':entry': { L: [{ S: 'put' }] }, ':two': { N: '2' }, ':a': { SS: ['a'] },
    });
    assert.deepEqual(next.Attributes, { pk: { S: 'k' }, hits: { N: '2' }, tags: { SS: ['b', 'c'] }, history: { L: [{ S: 'put' }] }, grand: { N: '2' } });
    const updatedOld = await update('SET hits = :ten', { ':ten': { N: '10' } }, 'UPDATED_OLD');
    assert.deepEqual(updatedOld.Attributes, { hits: { N: '2' } });
    const updatedNew = await update('ADD hits :ten', { ':ten': { N: '-0.5' } }, 'UPDATED_NEW');
    assert.deepEqual(updatedNew.Attributes, { hits: { N: '9.5' } });
  });

  it('answers ValidationException for keys, placeholders, reserved words and syntax', async () => {
    const h = ddbHarness();
    await createTable(h);
    const put = (Item: Record<string, unknown>) => h.ddb.send(new PutItemCommand({ TableName: 'objects', Item: Item as never }));
    const cases: [Promise<unknown>, string | RegExp][] = [
      [put({ other: { S: 'x' } }), 'One or more parameter values were invalid: Missing the key pk in the item'],
      [put({ pk: { N: '1' } }), 'One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N'],
      [put({ pk: { S: '' } }), /The AttributeValue for a key attribute cannot contain an empty string value. Key: pk/],
      [put({ pk: { S: 'k' }, s: { SS: ['a', 'a'] } }), /Input collection \[a, a\] contains duplicates/],
      [put({ pk: { S: 'k' }, n: { N: 'abc' } }), 'A value provided cannot be converted into a number'],
      [h.ddb.send(new GetItemCommand({ TableName: 'objects', Key: { pk: { S: 'k' }, extra: { S: 'x' } } })), 'The provided key element does not match the schema'],
      [h.ddb.send(new UpdateItemCommand({ TableName: 'objects', Key: { pk: { S: 'k' } }, UpdateExpression: 'SET pk = :v', ExpressionAttributeValues: { ':v': { S: 'x' } } })), 'One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key'],
      [h.ddb.send(new UpdateItemCommand({ TableName: 'objects', Key: { pk: { S: 'k' } }, UpdateExpression: 'SET status = :v', ExpressionAttributeValues: { ':v': { S: 'x' } } })), 'Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status'],
      [h.ddb.send(new UpdateItemCommand({ TableName: 'objects', Key: { pk: { S: 'k' } }, UpdateExpression: 'SET a = :v', ExpressionAttributeValues: { ':v': { S: 'x' }, ':unused': { S: 'y' } } })), 'Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}'],
      [h.ddb.send(new UpdateItemCommand({ TableName: 'objects', Key: { pk: { S: 'k' } }, UpdateExpression: 'SET #a = :v' })), 'Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #a'],
      [h.ddb.send(new UpdateItemCommand({ TableName: 'objects', Key: { pk: { S: 'k' } }, UpdateExpression: 'SET a = :v, a.b = :v', ExpressionAttributeValues: { ':v': { S: 'x' } } })), /Two document paths overlap with each other; must remove or rewrite one of these paths; path one: \[a\], path two: \[a, b\]/],
      [h.ddb.send(new UpdateItemCommand({ TableName: 'objects', Key: { pk: { S: 'k' } }, UpdateExpression: 'ADD s :v DELETE s :v', ExpressionAttributeValues: { ':v': { SS: ['x'] } } })), /Two document paths overlap/],
      [h.ddb.send(new PutItemCommand({ TableName: 'objects', Item: { pk: { S: 'k' } }, ConditionExpression: 'a = = :v', ExpressionAttributeValues: { ':v': { S: 'x' } } })), 'Invalid ConditionExpression: Syntax error; token: "=", near: "= = :v"'],
      [h.ddb.send(new UpdateItemCommand({ TableName: 'objects', Key: { pk: { S: 'k' } }, UpdateExpression: 'SET a = b + :one', ExpressionAttributeValues: { ':one': { N: '1' } } })), 'The provided expression refers to an attribute that does not exist in the item'],
    ];
    for (const [call, message] of cases) {
      const err = await rejection(call);
      assert.equal(err.name, 'ValidationException', err.message);
      if (typeof message === 'string') assert.equal(err.message, message);
      else assert.match(err.message, message);
    }
  });

  it('works with the DocumentClient (lib-dynamodb) marshalling native values', async () => {
    const h = ddbHarness();
    await createTable(h, 'docs', true);
    const doc = DynamoDBDocumentClient.from(h.ddb);
    await doc.send(new PutCommand({ TableName: 'docs', Item: { pk: 'bucket/key', sk: 1, size: 42, tags: new Set(['a']), meta: { type: 'image/png' } } }));
    await doc.send(new UpdateCommand({ TableName: 'docs', Key: { pk: 'bucket/key', sk: 1 }, UpdateExpression: 'SET #s = #s + :d', ExpressionAttributeNames: { '#s': 'size' }, ExpressionAttributeValues: { ':d': 8 } }));
    const got = await doc.send(new GetCommand({ TableName: 'docs', Key: { pk: 'bucket/key', sk: 1 } }));
    assert.deepEqual(got.Item, { pk: 'bucket/key', sk: 1, size: 50, tags: new Set(['a']), meta: { type: 'image/png' } });
    const q = await doc.send(new QueryCommand({ TableName: 'docs', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'bucket/key' } }));
    assert.equal(q.Count, 1);
    assert.equal(q.Items?.[0]?.['size'], 50);
  });
});
