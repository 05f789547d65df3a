/**
 * S3 event notifications as S3 sends them to Lambda, parsed into what the table records.
 * Every record is looked at: ObjectCreated:* and ObjectRemoved:* become ObjectEvents (key
 * URL-decoded, sequencer normalised); any other event type is skipped as 'ignored'; a
 * record that can never be processed is skipped as 'malformed' with the reason, naming
 * the field (`Records[1].s3.object.sequencer: ...`). One bad record never hides the others.
 * Hand-written rather than a zod schema: it is a dozen fields, and the bundle stays small.
 */
import { normaliseSequencer } from './sequencer.ts';

export type ObjectChange = 'created' | 'removed';

export interface ObjectEvent {
  /** Position in the event's Records. */
  readonly index: number;
  readonly change: ObjectChange;
  /** As S3 names it: ObjectCreated:Put, ObjectRemoved:DeleteMarkerCreated, ... */
  readonly eventName: string;
  readonly eventTime: string;
  readonly bucket: string;
  /** The object key, decoded. */
  readonly key: string;
  readonly size?: number;
  /** Without quotes, as events carry it. */
  readonly eTag?: string;
  readonly versionId?: string;
  /** Normalised (sequencer.ts): compares as AWS says sequencers compare. */
  readonly sequencer: string;
}

export interface SkippedRecord {
  /** Position in Records; -1 for the event as a whole. */
  readonly index: number;
  readonly outcome: 'ignored' | 'malformed';
  readonly reason: string;
  /** What could be read of the record, for the log line. */
  readonly eventName?: string;
  readonly bucket?: string;
}

export interface ParsedEvent {
  readonly objects: readonly ObjectEvent[];
  readonly skipped: readonly SkippedRecord[];
}

class FieldError extends Error {}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function field(parent: Json, name: string, path: string): Json {
  const v = parent[name];
  if (!isObject(v)) throw new FieldError(`${path}.${name}: expected an object, got ${v === undefined ? 'nothing' : JSON.stringify(v)}`);
  return v;
}

function text(parent: Json, name: string, path: string, optional: true): string | undefined;
function text(parent: Json, name: string, path: string): string;
function text(parent: Json, name: string, path: string, optional = false): string | undefined {
  const v = parent[name];
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'string' || v === '') throw new FieldError(`${path}.${name}: expected a non-empty string, got ${v === undefined ? 'nothing' : JSON.stringify(v)}`);
  return v;
}

/** S3 encodes keys in events as a form value: '+' is a space, then %xx escapes (UTF-8). */
export function decodeKey(encoded: string): string {
  try {
    return decodeURIComponent(encoded.replace(/\+/g, ' '));
  } catch {
    throw new Error(`${JSON.stringify(encoded)} is not URL-encoded as S3 encodes keys (a '%' must start a %xx escape of UTF-8)`);
  }
}

/** `read()`, a plain error's message prefixed with the field's path. */
function at<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof FieldError) throw e;
    throw new FieldError(`${path}: ${(e as Error).message}`);
  }
}

function changeOf(eventName: string): ObjectChange | undefined {
  if (/^ObjectCreated:[A-Za-z]+$/.test(eventName)) return 'created';
  if (/^ObjectRemoved:[A-Za-z]+$/.test(eventName)) return 'removed';
  return undefined;
}

function parseObjectRecord(record: Json, index: number, where: string, eventName: string, change: ObjectChange): ObjectEvent {
  const source = record['eventSource'];
  if (source !== 'aws:s3') throw new FieldError(`${where}.eventSource: expected "aws:s3", got ${source === undefined ? 'nothing' : JSON.stringify(source)}`);
  const eventTime = text(record, 'eventTime', where);
  if (Number.isNaN(Date.parse(eventTime))) throw new FieldError(`${where}.eventTime: expected an ISO-8601 time, got ${JSON.stringify(eventTime)}`);
  const s3 = field(record, 's3', where);
  const bucket = text(field(s3, 'bucket', `${where}.s3`), 'name', `${where}.s3.bucket`);
  const object = field(s3, 'object', `${where}.s3`);
  const objectAt = `${where}.s3.object`;
  const key = at(`${objectAt}.key`, () => decodeKey(text(object, 'key', objectAt)));
  const size = object['size'];
  if (size !== undefined && !(typeof size === 'number' && Number.isSafeInteger(size) && size >= 0)) {
    throw new FieldError(`${objectAt}.size: expected a byte count, got ${JSON.stringify(size)}`);
  }
  const sequencer = at(`${objectAt}.sequencer`, () => normaliseSequencer(object['sequencer']));
  const eTag = text(object, 'eTag', objectAt, true);
  const versionId = text(object, 'versionId', objectAt, true);
  return {
    index,
    change,
    eventName,
    eventTime,
    bucket,
    key,
    ...(size !== undefined && { size }),
    ...(eTag !== undefined && { eTag }),
    ...(versionId !== undefined && { versionId }),
    sequencer,
  };
}

function parseRecord(record: unknown, index: number): ObjectEvent | SkippedRecord {
  const where = `Records[${index}]`;
  if (!isObject(record)) return { index, outcome: 'malformed', reason: `${where}: expected an object, got ${JSON.stringify(record)}` };
  const name = record['eventName'];
  const eventName = typeof name === 'string' ? name : undefined;
  const s3 = record['s3'];
  const bucketName = isObject(s3) && isObject(s3['bucket']) ? s3['bucket']['name'] : undefined;
  const seen = { ...(eventName !== undefined && { eventName }), ...(typeof bucketName === 'string' && { bucket: bucketName }) };
  if (eventName === undefined || eventName === '') return { index, outcome: 'malformed', reason: `${where}.eventName: expected the event type, got ${JSON.stringify(name) ?? 'nothing'}`, ...seen };
  const change = changeOf(eventName);
  if (change === undefined) return { index, outcome: 'ignored', reason: `${eventName} is not an object creation or removal`, ...seen };
  try {
    return parseObjectRecord(record, index, where, eventName, change);
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
    return { index, outcome: 'malformed', reason: e.message, ...seen };
  }
}

/** Every record of an S3 event notification; never throws for bad input (see SkippedRecord). */
export function parseS3Event(event: unknown): ParsedEvent {
  if (isObject(event) && event['Event'] === 's3:TestEvent') {
    return { objects: [], skipped: [{ index: -1, outcome: 'ignored', reason: 's3:TestEvent (S3 checks the destination when the notification is set)' }] };
  }
  const records = isObject(event) ? event['Records'] : undefined;
  if (!Array.isArray(records)) {
    const got = isObject(event) ? `an object with keys ${JSON.stringify(Object.keys(event).slice(0, 5))}` : JSON.stringify(event) ?? 'nothing';
    return { objects: [], skipped: [{ index: -1, outcome: 'malformed', reason: `not an S3 event notification: expected { "Records": [...] }, got ${got}` }] };
  }
  const objects: ObjectEvent[] = [];
  const skipped: SkippedRecord[] = [];
  records.forEach((record, index) => {
    const parsed = parseRecord(record, index);
    if ('outcome' in parsed) skipped.push(parsed);
    else objects.push(parsed);
  });
  return { objects, skipped };
}
