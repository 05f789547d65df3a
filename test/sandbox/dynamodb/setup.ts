/**
 * DynamoDB test setup: a harness with a DynamoDBClient and tables made ACTIVE.
 */
import { CreateTableCommand, type CreateTableCommandInput, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { harness } from '../harness.ts';

export function ddbHarness() {
  const h = harness();
  return { ...h, ddb: h.clients.get(DynamoDBClient) };
}

export type DdbHarness = ReturnType<typeof ddbHarness>;

/** A PAY_PER_REQUEST table keyed by `pk` (S) and, when `sortKey`, `sk` (N); ACTIVE unless told. */
export async function createTable(h: DdbHarness, name = 'objects', sortKey = false, extra: Partial<CreateTableCommandInput> = {}, active = true) {
  const out = await h.ddb.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: sortKey ? [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }] : [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: sortKey ? [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }] : [{ AttributeName: 'pk', KeyType: 'HASH' }],
      ...extra,
    }),
  );
  if (active) h.clock.advance(1_000);
  return out.TableDescription!;
}
