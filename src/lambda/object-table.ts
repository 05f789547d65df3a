/**
 * The object table (blog.spec.yaml's objectTable): one item per object, keyed by
 * id = "<bucket>/<key>" (bucket names have no '/', so the id is unambiguous), holding the
 * object's last event by sequencer. A removal is kept as a tombstone (deleted: true) with
 * its sequencer, so a late or duplicate "created" cannot bring the object back.
 *
 * Each write is one PutItem conditioned on the stored sequencer being older
 * (`#seq < :seq`, fixed-width hex, see sequencer.ts): S3's at-least-once, unordered
 * delivery then converges to the newest event whatever the order, a duplicate is a no-op,
 * and no read is needed (the function's role may only write). Items without a sequencer
 * (written by something else) are overwritten.
 */
import { type AttributeValue, type ConditionalCheckFailedException, type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { ObjectEvent } from './event.ts';

/** written: the table now holds this event; duplicate: it already did; superseded: it holds a newer one. */
export type WriteOutcome = 'written' | 'duplicate' | 'superseded';

export function itemId(bucket: string, key: string): string {
  return `${bucket}/${key}`;
}

const s = (value: string): AttributeValue => ({ S: value });

/** The item an event leaves in the table (contentType from HeadObject, created objects only). */
export function itemOf(event: ObjectEvent, contentType?: string): Record<string, AttributeValue> {
  const item: Record<string, AttributeValue> = {
    id: s(itemId(event.bucket, event.key)),
    bucket: s(event.bucket),
    key: s(event.key),
    eventName: s(event.eventName),
    eventTime: s(event.eventTime),
    sequencer: s(event.sequencer),
    deleted: { BOOL: event.change === 'removed' },
  };
  if (event.size !== undefined) item['size'] = { N: String(event.size) };
  if (event.eTag !== undefined) item['eTag'] = s(event.eTag);
  if (event.versionId !== undefined) item['versionId'] = s(event.versionId);
  if (contentType !== undefined) item['contentType'] = s(contentType);
  return item;
}

/** Records the event unless the table already holds it or a newer one. Throttling is retried by the client. */
export async function recordEvent(ddb: DynamoDBClient, tableName: string, event: ObjectEvent, contentType?: string): Promise<WriteOutcome> {
  try {
    await ddb.send(
      new PutItemCommand({
        TableName: tableName,
        Item: itemOf(event, contentType),
        ConditionExpression: 'attribute_not_exists(#id) OR attribute_not_exists(#seq) OR #seq < :seq',
        ExpressionAttributeNames: { '#id': 'id', '#seq': 'sequencer' },
        ExpressionAttributeValues: { ':seq': s(event.sequencer) },
        // The item that won, to tell a duplicate from a newer event; costs no read.
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return 'written';
  } catch (e) {
    // By name, not instanceof: the runtime's SDK and a bundled one would be different classes.
    if ((e as Error).name !== 'ConditionalCheckFailedException') throw e;
    return (e as ConditionalCheckFailedException).Item?.['sequencer']?.S === event.sequencer ? 'duplicate' : 'superseded';
  }
}
