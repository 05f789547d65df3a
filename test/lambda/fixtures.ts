/**
 * Test fixtures for the S3-event Lambda: S3 event records shaped as S3 (and the sandbox)
 * sends them, a sandbox with the object table, handler dependencies whose log lines are
 * captured, and the item a given event must leave in the table, computed independently of
 * src/lambda (BigInt for the sequencer).
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { pino } from 'pino';
import type { HandlerDeps } from '../../src/lambda/records.ts';
import { eventKey } from '../../src/sandbox/s3/events.ts';
import { harness } from '../sandbox/harness.ts';
import type { FaultOptions } from '../../src/sandbox/faults.ts';

export const TABLE = 'blog-s3-objects';

export interface EventSpec {
  readonly name: string;
  readonly key: string;
  /** As S3 sends it: hex, any width. */
  readonly sequencer: string;
  readonly bucket?: string;
  readonly size?: number;
  readonly eTag?: string;
  readonly versionId?: string;
  readonly time?: string;
}

/** One record of an S3 event notification (eventVersion 2.1), key URL-encoded as S3 does. */
export function s3Record(e: EventSpec): Record<string, unknown> {
  const bucket = e.bucket ?? 'blog-media';
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: 'us-east-1',
    eventTime: e.time ?? '2025-01-01T00:00:00.000Z',
    eventName: e.name,
    userIdentity: { principalId: 'AWS:123456789012' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'media-objects-to-dynamodb',
      bucket: { name: bucket, ownerIdentity: { principalId: 'A3NL1KOZZKExample' }, arn: `arn:aws:s3:::${bucket}` },
      object: {
        key: eventKey(e.key),
        ...(e.size !== undefined && { size: e.size }),
        ...(e.eTag !== undefined && { eTag: e.eTag }),
        ...(e.versionId !== undefined && { versionId: e.versionId }),
        sequencer: e.sequencer,
      },
    },
  };
}

export function s3Event(...records: readonly EventSpec[]): { Records: unknown[] } {
  return { Records: records.map(s3Record) };
}

/** What the table must hold after `e` is the key's newest event (contentType aside). */
export function expectedItem(e: EventSpec, contentType?: string): Record<string, unknown> {
  const bucket = e.bucket ?? 'blog-media';
  return {
    id: `${bucket}/${e.key}`,
    bucket,
    key: e.key,
    eventName: e.name,
    eventTime: e.time ?? '2025-01-01T00:00:00.000Z',
    sequencer: BigInt(`0x${e.sequencer}`).toString(16).toUpperCase().padStart(32, '0'),
    deleted: e.name.startsWith('ObjectRemoved:'),
    ...(e.size !== undefined && { size: e.size }),
    ...(e.eTag !== undefined && { eTag: e.eTag }),
    ...(e.versionId !== undefined && { versionId: e.versionId }),
    ...(contentType !== undefined && { contentType }),
  };
}

/** A pino logger whose JSON lines land in `lines`. */
export function capturedLog() {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ base: undefined }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { log, lines };
}

/** A sandbox with the object table (key `id`, as blog.spec.yaml declares it) and the handler's dependencies. */
export async function lambdaSandbox(options: { faults?: FaultOptions; maxAttempts?: number; seed?: string } = {}) {
  const h = harness({ rateLimits: false, ...options });
  const ddb = h.clients.get(DynamoDBClient);
  await ddb.send(new CreateTableCommand({ TableName: TABLE, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] }));
  h.clock.advance(1_000);
  const { log, lines } = capturedLog();
  const deps: HandlerDeps = { ddb, s3: h.clients.get(S3Client), tableName: TABLE, log };
  const doc = DynamoDBDocumentClient.from(ddb);
  const item = async (bucket: string, key: string) => (await doc.send(new GetCommand({ TableName: TABLE, Key: { id: `${bucket}/${key}` } }))).Item;
  /** Every item of the table by id (one Scan: tests keep tables small). */
  const items = async () => new Map(((await doc.send(new ScanCommand({ TableName: TABLE }))).Items ?? []).map((i) => [i['id'] as string, i]));
  return { ...h, deps, lines, item, items };
}
