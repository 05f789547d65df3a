/**
 * Parsing S3 event notifications: keys decoded as S3 encodes them, every object event
 * name, sequencers normalised so that they compare as AWS says, and a clear reason for
 * every record that cannot be processed, without losing the records beside it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, readConfig } from '../../src/lambda/config.ts';
import { parseS3Event } from '../../src/lambda/event.ts';
import { normaliseSequencer, SEQUENCER_WIDTH } from '../../src/lambda/sequencer.ts';
import { s3Event, s3Record } from './fixtures.ts';

const put = { name: 'ObjectCreated:Put', key: 'media/a.jpg', sequencer: '0055AED6DCD90281E5', size: 10, eTag: 'd41d8cd98f00b204e9800998ecf8427e' };

function withObject(fields: Record<string, unknown>, base: Record<string, unknown> = s3Record(put)) {
  const record = structuredClone(base) as { s3: { object: Record<string, unknown> } };
  Object.assign(record.s3.object, fields);
  for (const [k, v] of Object.entries(fields)) if (v === undefined) delete record.s3.object[k];
  return record;
}

describe('lambda event parsing', () => {
  it('decodes keys as S3 encodes them in events: + is a space, %xx escapes are UTF-8', () => {
    const keys = ['media/my photo.jpg', 'media/été/naïve ü.png', 'media/a+b=c&d.txt', 'media/100% real.txt', 'media/日本語/ファイル.pdf', 'media/emoji 🎉.gif'];
    const { objects, skipped } = parseS3Event(s3Event(...keys.map((key) => ({ ...put, key }))));
    assert.deepEqual(skipped, []);
    assert.deepEqual(objects.map((o) => o.key), keys);
    const raw = parseS3Event({ Records: [withObject({ key: 'media/my+photo%2B1%25.jpg' })] }).objects[0];
    assert.equal(raw?.key, 'media/my photo+1%.jpg', 'an encoded + is a plus, a bare + a space');
  });

  it('knows every object event name S3 sends, and ignores other event types', () => {
    const created = ['ObjectCreated:Put', 'ObjectCreated:Post', 'ObjectCreated:Copy', 'ObjectCreated:CompleteMultipartUpload'];
    const removed = ['ObjectRemoved:Delete', 'ObjectRemoved:DeleteMarkerCreated'];
    const others = ['ObjectRestore:Completed', 'ObjectTagging:Put', 'LifecycleTransition', 'ReducedRedundancyLostObject'];
    const { objects, skipped } = parseS3Event(s3Event(...[...created, ...removed, ...others].map((name) => ({ ...put, name }))));
    assert.deepEqual(objects.map((o) => [o.eventName, o.change]), [...created.map((n) => [n, 'created']), ...removed.map((n) => [n, 'removed'])]);
    assert.deepEqual(skipped.map((s) => [s.index, s.outcome, s.eventName]), others.map((n, i) => [created.length + removed.length + i, 'ignored', n]));
    assert.match(skipped[0]!.reason, /ObjectRestore:Completed is not an object creation or removal/);
  });

  it('keeps what the item records: bucket, size, eTag, versionId, time; a delete marker has no size', () => {
    const marker = { name: 'ObjectRemoved:DeleteMarkerCreated', key: 'media/a.jpg', sequencer: '0055AED6DCD90281F0', versionId: '3HL4kqtJvjVBH40Nrjfkd', time: '2025-02-03T04:05:06.789Z' };
    const [created, removed] = parseS3Event(s3Event({ ...put, versionId: 'v1' }, marker)).objects;
    assert.deepEqual(created, {
      index: 0, change: 'created', eventName: 'ObjectCreated:Put', eventTime: '2025-01-01T00:00:00.000Z', bucket: 'blog-media', key: 'media/a.jpg',
      size: 10, eTag: put.eTag, versionId: 'v1', sequencer: normaliseSequencer(put.sequencer),
    });
    assert.equal(removed?.size, undefined);
    assert.equal(removed?.versionId, marker.versionId);
    assert.equal(removed?.eventTime, marker.time);
  });

  it('normalises sequencers to one width, so string order is the order AWS defines', () => {
    assert.equal(normaliseSequencer('0055aed6dcd90281e5').length, SEQUENCER_WIDTH);
    assert.equal(normaliseSequencer('0055aed6dcd90281e5'), normaliseSequencer('55AED6DCD90281E5'), 'leading zeros and case do not matter');
    const ascending = ['FF', '0100', '00000101', '5AED6DCD90281E5', '0055AED6DCD90281E6', '1000000000000000000'];
    const normalised = ascending.map(normaliseSequencer);
    assert.deepEqual([...normalised].sort(), normalised, 'sorted as strings = sorted as numbers');
    assert.ok('FF' > '0100', 'the raw strings would compare the wrong way');
    assert.equal(normaliseSequencer('0'), '0'.repeat(SEQUENCER_WIDTH));
    assert.throws(() => normaliseSequencer('1'.repeat(SEQUENCER_WIDTH + 1)), /more than 32 significant digits/);
    assert.equal(normaliseSequencer(`000${'1'.repeat(SEQUENCER_WIDTH)}`), '1'.repeat(SEQUENCER_WIDTH), 'leading zeros do not count');
  });

  it('names the field and the problem of a malformed record, and keeps the records beside it', () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [withObject({ sequencer: undefined }), /^Records\[1\]\.s3\.object\.sequencer: expected a hexadecimal string, got nothing$/],
      [withObject({ sequencer: '00XY' }), /^Records\[2\]\.s3\.object\.sequencer: expected hexadecimal digits, got "00XY"$/],
      [withObject({ key: 'media/50%off.jpg' }), /^Records\[3\]\.s3\.object\.key: "media\/50%off\.jpg" is not URL-encoded as S3 encodes keys/],
      [withObject({ key: '' }), /^Records\[4\]\.s3\.object\.key: expected a non-empty string, got ""$/],
      [withObject({ size: '10' }), /^Records\[5\]\.s3\.object\.size: expected a byte count, got "10"$/],
      [{ ...s3Record(put), eventTime: 'yesterday' }, /^Records\[6\]\.eventTime: expected an ISO-8601 time, got "yesterday"$/],
      [{ ...s3Record(put), eventSource: 'aws:sqs' }, /^Records\[7\]\.eventSource: expected "aws:s3", got "aws:sqs"$/],
      [{ ...s3Record(put), s3: { bucket: { name: 'b' } } }, /^Records\[8\]\.s3\.object: expected an object, got nothing$/],
      [{ ...s3Record(put), eventName: 42 }, /^Records\[9\]\.eventName: expected the event type, got 42$/],
      [{ ...s3Record(put), s3: { object: {} } }, /^Records\[10\]\.s3\.bucket: expected an object, got nothing$/],
    ];
    const event = { Records: [s3Record(put), ...bad.map(([r]) => r), 'not a record', s3Record({ ...put, key: 'media/b.jpg' })] };
    const { objects, skipped } = parseS3Event(event);
    assert.deepEqual(objects.map((o) => [o.index, o.key]), [[0, 'media/a.jpg'], [12, 'media/b.jpg']]);
    assert.equal(skipped.length, bad.length + 1);
    bad.forEach(([, pattern], i) => {
      assert.equal(skipped[i]?.outcome, 'malformed');
      assert.match(skipped[i]!.reason, pattern);
    });
    assert.equal(skipped[0]?.eventName, 'ObjectCreated:Put', 'what could be read is kept for the log line');
    assert.equal(skipped[0]?.bucket, 'blog-media');
    assert.match(skipped.at(-1)!.reason, /^Records\[11\]: expected an object, got "not a record"$/);
  });

  it('tells a test event and a non-S3 event apart from records', () => {
    const test = parseS3Event({ Service: 'Amazon S3', Event: 's3:TestEvent', Time: '2025-01-01T00:00:00.000Z', Bucket: 'blog-media' });
    assert.deepEqual(test.skipped.map((s) => [s.index, s.outcome]), [[-1, 'ignored']]);
    for (const [event, got] of [[{ detail: {} }, 'an object with keys ["detail"]'], [null, 'null'], ['Records', '"Records"'], [undefined, 'nothing']] as const) {
      const { objects, skipped } = parseS3Event(event);
      assert.deepEqual(objects, []);
      assert.equal(skipped[0]?.reason, `not an S3 event notification: expected { "Records": [...] }, got ${got}`);
    }
    assert.deepEqual(parseS3Event({ Records: [] }), { objects: [], skipped: [] });
  });
});

describe('lambda configuration', () => {
  it('needs TABLE_NAME, a table name or ARN, and says what to set', () => {
    assert.deepEqual(readConfig({ TABLE_NAME: 'blog-s3-objects' }), { tableName: 'blog-s3-objects' });
    assert.deepEqual(readConfig({ TABLE_NAME: 'arn:aws:dynamodb:us-east-1:123456789012:table/blog-s3-objects' }).tableName, 'arn:aws:dynamodb:us-east-1:123456789012:table/blog-s3-objects');
    for (const env of [{}, { TABLE_NAME: '' }, { TABLE_NAME: '  ' }]) {
      assert.throws(() => readConfig(env), (e: Error) => e instanceof ConfigError && /^TABLE_NAME is not set: set the function's environment variable TABLE_NAME/.test(e.message));
    }
    assert.throws(() => readConfig({ TABLE_NAME: 'my table' }), /TABLE_NAME "my table" is neither a DynamoDB table name .* nor a table ARN/);
    assert.throws(() => readConfig({ TABLE_NAME: 'ab' }), ConfigError);
  });
});
