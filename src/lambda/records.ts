/**
 * One invocation: every record of the event, one at a time (S3 sends one record per
 * event; order between records does not matter, the table's condition decides), one log
 * line per record outcome. A malformed record is logged and skipped: retrying cannot fix
 * it, and it must not hold back the records beside it. A record that fails (throttling
 * past the client's retries, an S3 or DynamoDB error) fails the invocation once every
 * other record has been written, so Lambda's asynchronous retry redelivers the event; the
 * records already written are duplicates then, no-ops.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Logger } from 'pino';
import { contentTypeOf } from './content-type.ts';
import { type ObjectEvent, parseS3Event } from './event.ts';
import { itemId, recordEvent, type WriteOutcome } from './object-table.ts';

export interface HandlerDeps {
  readonly ddb: DynamoDBClient;
  readonly s3: S3Client;
  readonly tableName: string;
  readonly log: Logger;
}

export type RecordOutcome = WriteOutcome | 'ignored' | 'malformed' | 'failed';

/** What the invocation returns: how many records ended how. */
export type Summary = Readonly<Record<RecordOutcome, number>>;

/** Thrown after every record was tried, when some failed and a retry may succeed. */
export class RecordsFailedError extends Error {
  override readonly name = 'RecordsFailedError';
}

function fields(event: ObjectEvent) {
  return {
    record: event.index,
    bucket: event.bucket,
    key: event.key,
    eventName: event.eventName,
    sequencer: event.sequencer,
    ...(event.versionId !== undefined && { versionId: event.versionId }),
  };
}

async function recordOne(event: ObjectEvent, deps: HandlerDeps): Promise<WriteOutcome> {
  const lookup = event.change === 'created' ? await contentTypeOf(deps.s3, event) : {};
  const outcome = await recordEvent(deps.ddb, deps.tableName, event, lookup.contentType);
  deps.log.info({ outcome, ...fields(event), ...lookup }, outcome);
  return outcome;
}

export async function processEvent(event: unknown, deps: HandlerDeps): Promise<Summary> {
  const parsed = parseS3Event(event);
  const summary: Record<RecordOutcome, number> = { written: 0, duplicate: 0, superseded: 0, ignored: 0, malformed: 0, failed: 0 };
  for (const skip of parsed.skipped) {
    summary[skip.outcome] += 1;
    const level = skip.outcome === 'malformed' ? 'error' : 'warn';
    deps.log[level]({ outcome: skip.outcome, record: skip.index, eventName: skip.eventName, bucket: skip.bucket, reason: skip.reason }, skip.outcome);
  }
  const failures: string[] = [];
  for (const object of parsed.objects) {
    try {
      summary[await recordOne(object, deps)] += 1;
    } catch (e) {
      const err = e as Error & { $metadata?: { attempts?: number } };
      summary.failed += 1;
      failures.push(`${itemId(object.bucket, object.key)} (${object.eventName}): ${err.name}: ${err.message}`);
      deps.log.error({ outcome: 'failed', ...fields(object), error: { name: err.name, message: err.message, attempts: err.$metadata?.attempts } }, 'failed');
    }
  }
  if (failures.length > 0) {
    const total = parsed.objects.length;
    throw new RecordsFailedError(`${failures.length} of ${total} record(s) failed; Lambda retries the event and the records already written are no-ops then: ${failures.join('; ')}`);
  }
  return summary;
}
