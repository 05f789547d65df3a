/**
 * DynamoDB tables through the real DynamoDBClient: CREATING -> ACTIVE, key schema and
 * billing validation, ListTables paging, UpdateTable and DeleteTable with their states.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBServiceException,
  GetItemCommand,
  ListTablesCommand,
  paginateListTables,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { rejection } from '../harness.ts';
import { createTable, ddbHarness } from './setup.ts';

describe('dynamodb tables', () => {
  it('creates a table CREATING, ACTIVE once the clock passes the create duration', async () => {
    const h = ddbHarness();
    const created = await createTable(h, 'blog-s3-objects', false, { Tags: [{ Key: 'blogctl:stack', Value: 'blog' }], DeletionProtectionEnabled: true }, false);
    assert.equal(created.TableStatus, 'CREATING');
    assert.equal(created.TableArn, 'arn:aws:dynamodb:us-east-1:123456789012:table/blog-s3-objects');
    assert.match(created.TableId!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(created.BillingModeSummary?.BillingMode, 'PAY_PER_REQUEST');
    assert.deepEqual(created.ProvisionedThroughput, { NumberOfDecreasesToday: 0, ReadCapacityUnits: 0, WriteCapacityUnits: 0 });
    assert.equal(created.DeletionProtectionEnabled, true);
    const early = await rejection(h.ddb.send(new GetItemCommand({ TableName: 'blog-s3-objects', Key: { pk: { S: 'x' } } })));
    assert.ok(early instanceof ResourceNotFoundException, 'items of a CREATING table are not found');
    h.clock.advance(1_000);
    const table = (await h.ddb.send(new DescribeTableCommand({ TableName: 'blog-s3-objects' }))).Table!;
    assert.equal(table.TableStatus, 'ACTIVE');
    assert.equal(table.ItemCount, 0);
    assert.deepEqual(table.KeySchema, [{ AttributeName: 'pk', KeyType: 'HASH' }]);
  });

  it('validates key schema, attribute definitions and billing as DynamoDB does', async () => {
    const h = ddbHarness();
    const base = { TableName: 'tbl', BillingMode: 'PAY_PER_REQUEST' as const };
    const cases: [Partial<ConstructorParameters<typeof CreateTableCommand>[0]>, RegExp][] = [
      [{ KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'other', AttributeType: 'S' }] }, /Some index key attributes are not defined in AttributeDefinitions. Keys: \[id\]/],
      [{ KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }, { AttributeName: 'x', AttributeType: 'S' }] }, /Number of attributes in KeySchema does not exactly match/],
      [{ KeySchema: [{ AttributeName: 'id', KeyType: 'RANGE' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] }, /first KeySchemaElement is not a HASH key type/],
      [{ BillingMode: 'PROVISIONED', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] }, /ReadCapacityUnits and WriteCapacityUnits must both be specified/],
      [{ KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } }, /Neither ReadCapacityUnits nor WriteCapacityUnits can be specified/],
      [{ TableName: 'x', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] }, /at 'tableName' failed to satisfy constraint/],
    ];
    for (const [input, message] of cases) {
      const err = await rejection(h.ddb.send(new CreateTableCommand({ ...base, ...input } as ConstructorParameters<typeof CreateTableCommand>[0])));
      assert.ok(err instanceof DynamoDBServiceException);
      assert.equal(err.name, 'ValidationException');
      assert.match(err.message, message);
    }
    await createTable(h, 'taken');
    const dup = await rejection(createTable(h, 'taken'));
    assert.ok(dup instanceof ResourceInUseException);
    assert.equal(dup.message, 'Table already exists: taken');
    const missing = await rejection(h.ddb.send(new DescribeTableCommand({ TableName: 'nope' })));
    assert.ok(missing instanceof ResourceNotFoundException);
    assert.equal(missing.message, 'Requested resource not found: Table: nope not found');
  });

  it('lists tables of the region with ExclusiveStartTableName paging', async () => {
    const h = ddbHarness();
    for (const name of ['eee', 'aaa', 'ddd', 'bbb', 'ccc']) await createTable(h, name);
    const first = await h.ddb.send(new ListTablesCommand({ Limit: 2 }));
    assert.deepEqual(first.TableNames, ['aaa', 'bbb']);
    assert.equal(first.LastEvaluatedTableName, 'bbb');
    const names: string[] = [];
    for await (const page of paginateListTables({ client: h.ddb, pageSize: 2 }, {})) names.push(...(page.TableNames ?? []));
    assert.deepEqual(names, ['aaa', 'bbb', 'ccc', 'ddd', 'eee']);
    const last = await h.ddb.send(new ListTablesCommand({ ExclusiveStartTableName: 'ddd' }));
    assert.deepEqual(last.TableNames, ['eee']);
    assert.equal(last.LastEvaluatedTableName, undefined);
  });

  it('updates billing mode through UPDATING, one change at a time', async () => {
    const h = ddbHarness();
    await createTable(h, 'tbl', false, { BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } });
    const same = await rejection(h.ddb.send(new UpdateTableCommand({ TableName: 'tbl', ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } })));
    assert.match(same.message, /The provisioned throughput for the table will not change/);
    const updating = await h.ddb.send(new UpdateTableCommand({ TableName: 'tbl', BillingMode: 'PAY_PER_REQUEST' }));
    assert.equal(updating.TableDescription?.TableStatus, 'UPDATING');
    const busy = await rejection(h.ddb.send(new UpdateTableCommand({ TableName: 'tbl', BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } })));
    assert.ok(busy instanceof ResourceInUseException);
    h.clock.advance(1_000);
    const table = (await h.ddb.send(new DescribeTableCommand({ TableName: 'tbl' }))).Table!;
    assert.equal(table.TableStatus, 'ACTIVE');
    assert.equal(table.BillingModeSummary?.BillingMode, 'PAY_PER_REQUEST');
    assert.ok(table.BillingModeSummary?.LastUpdateToPayPerRequestDateTime instanceof Date);
  });

  it('encrypts at rest with the AWS owned key unless SSESpecification asks for KMS; UpdateTable switches it', async () => {
    const h = ddbHarness();
    const owned = await createTable(h, 'owned');
    assert.equal(owned.SSEDescription, undefined, 'the AWS owned key is not described');
    const kms = await createTable(h, 'kms', false, { SSESpecification: { Enabled: true, SSEType: 'KMS' } });
    assert.deepEqual(kms.SSEDescription, { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: kms.SSEDescription?.KMSMasterKeyArn });
    assert.match(kms.SSEDescription!.KMSMasterKeyArn!, /^arn:aws:kms:us-east-1:123456789012:key\//);
    const again = await rejection(h.ddb.send(new UpdateTableCommand({ TableName: 'owned', SSESpecification: { Enabled: false } })));
    assert.match(again.message, /already encrypted by default/);
    await h.ddb.send(new UpdateTableCommand({ TableName: 'owned', SSESpecification: { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: 'k-1' } }));
    const table = (await h.ddb.send(new DescribeTableCommand({ TableName: 'owned' }))).Table!;
    assert.equal(table.SSEDescription?.KMSMasterKeyArn, 'arn:aws:kms:us-east-1:123456789012:key/k-1');
  });

  it('throttles with ThrottlingException, which the SDK retries (the DocumentClient path too)', async () => {
    const h = ddbHarness();
    h.sandbox.faults.inject({ service: 'dynamodb', operation: 'ListTables', fault: 'throttle', times: 2 });
    assert.equal((await h.ddb.send(new ListTablesCommand({}))).$metadata.attempts, 3);
    assert.deepEqual(h.clients.counter.snapshot().find((s) => s.operation === 'ListTables')?.errors, { ThrottlingException: 2 });
  });

  it('deletes only without deletion protection, DELETING and then gone', async () => {
    const h = ddbHarness();
    await createTable(h, 'tbl', false, { DeletionProtectionEnabled: true });
    const protectedErr = await rejection(h.ddb.send(new DeleteTableCommand({ TableName: 'tbl' })));
    assert.equal(protectedErr.name, 'ValidationException');
    assert.match(protectedErr.message, /protected against deletion/);
    await h.ddb.send(new UpdateTableCommand({ TableName: 'tbl', DeletionProtectionEnabled: false }));
    const deleting = await h.ddb.send(new DeleteTableCommand({ TableName: 'tbl' }));
    assert.equal(deleting.TableDescription?.TableStatus, 'DELETING');
    assert.equal((await h.ddb.send(new DescribeTableCommand({ TableName: 'tbl' }))).Table?.TableStatus, 'DELETING');
    assert.ok((await rejection(h.ddb.send(new DeleteTableCommand({ TableName: 'tbl' })))) instanceof ResourceInUseException);
    h.clock.advance(1_000);
    assert.ok((await rejection(h.ddb.send(new DescribeTableCommand({ TableName: 'tbl' })))) instanceof ResourceNotFoundException);
    await createTable(h, 'tbl');
  });
});
