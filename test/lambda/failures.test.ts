/**
 * Partial failure: throttled writes are retried by the client and converge; a record that
 * still fails fails the invocation after the others are written, and the redelivery
 * writes it while the others are no-ops; a malformed record is logged and skipped without
 * failing the records beside it; the content type lookup tolerates objects and buckets
 * that are already gone.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreateBucketCommand, PutBucketVersioningCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { processEvent, RecordsFailedError } from '../../src/lambda/records.ts';
import { rejection } from '../sandbox/harness.ts';
import { expectedItem, lambdaSandbox, s3Event, s3Record } from './fixtures.ts';
import { deliveries, Draws, groundTruth, history } from './histories.ts';

const a = { name: 'ObjectCreated:Put', key: 'media/a.jpg', sequencer: '10', size: 1, eTag: 'ea' };
const b = { name: 'ObjectCreated:Copy', key: 'media/b.jpg', sequencer: '11', size: 2, eTag: 'eb' };
const c = { name: 'ObjectRemoved:Delete', key: 'media/c.jpg', sequencer: '12' };

describe('lambda partial failure', () => {
  it('retries throttled writes and converges, redelivering the invocations that still failed', async () => {
    // 15% random throttling, and in some trials a write throttled past its 3 attempts, so
    // some invocations fail and are delivered again, as Lambda does.
    const h = await lambdaSandbox({ faults: { throttleRate: 0.15 }, maxAttempts: 3, seed: 'lambda-throttling' });
    let failedInvocations = 0;
    for (let trial = 0; trial < 20; trial++) {
      const d = new Draws(`lambda-throttling-${trial}`);
      if (trial % 5 === 0) h.sandbox.faults.inject({ service: 'dynamodb', operation: 'PutItem', fault: 'throttle', times: 3 });
      const events = history(d, `trial-${trial}`);
      for (const invocation of deliveries(d, events)) {
        // Lambda retries a failed asynchronous invocation; so do we, until it succeeds.
        for (let attempt = 1; ; attempt++) {
          const failed = await processEvent(s3Event(...invocation), h.deps).then(() => undefined, (e: Error) => e);
          if (failed === undefined) break;
          assert.ok(failed instanceof RecordsFailedError, `${failed}`);
          failedInvocations += 1;
          assert.ok(attempt < 10, `trial ${trial}: an invocation failed ${attempt} times`);
        }
      }
      for (const [key, e] of groundTruth(events)) assert.deepEqual(await h.item(`trial-${trial}`, key), expectedItem(e), `trial ${trial}, ${key}`);
    }
    const puts = h.sandbox.calls.snapshot().find((x) => x.operation === 'PutItem');
    assert.ok((puts?.errors['ThrottlingException'] ?? 0) > 20, 'writes were throttled and retried');
    assert.ok(failedInvocations > 0, 'some records ran out of attempts and failed their invocation');
    assert.ok(h.lines.some((l) => l['outcome'] === 'failed' && (l['error'] as { attempts?: number }).attempts === 3));
  });

  it('fails the invocation for a record that keeps failing, writes the others, and the redelivery is idempotent', async () => {
    const h = await lambdaSandbox({ maxAttempts: 3 });
    h.sandbox.faults.inject({ service: 'dynamodb', operation: 'PutItem', fault: 'throttle', times: 3 });
    const event = s3Event(a, b, c);
    const error = await rejection(processEvent(event, h.deps));
    assert.ok(error instanceof RecordsFailedError);
    assert.equal(error.message, '1 of 3 record(s) failed; Lambda retries the event and the records already written are no-ops then: blog-media/media/a.jpg (ObjectCreated:Put): ThrottlingException: Rate exceeded (blogctl sandbox).');
    assert.equal(await h.item('blog-media', a.key), undefined);
    assert.deepEqual(await h.item('blog-media', b.key), expectedItem(b), 'the record after the failed one was written');
    assert.deepEqual(await h.item('blog-media', c.key), expectedItem(c));
    assert.deepEqual(h.lines.map((l) => [l['outcome'], l['key']]), [['failed', a.key], ['written', b.key], ['written', c.key]]);

    const before = await h.items();
    assert.deepEqual(await processEvent(event, h.deps), { written: 1, duplicate: 2, superseded: 0, ignored: 0, malformed: 0, failed: 0 });
    const after = await h.items();
    assert.deepEqual(after.get(`blog-media/${b.key}`), before.get(`blog-media/${b.key}`));
    assert.deepEqual(after.get(`blog-media/${c.key}`), before.get(`blog-media/${c.key}`));
    assert.deepEqual(after.get(`blog-media/${a.key}`), expectedItem(a));
  });

  it('a throttled write backs off and succeeds within its attempts', async () => {
    const h = await lambdaSandbox({ maxAttempts: 3 });
    h.sandbox.faults.inject({ service: 'dynamodb', operation: 'PutItem', fault: 'throttle', times: 2 });
    assert.equal((await processEvent(s3Event(a), h.deps)).written, 1);
    const puts = h.sandbox.calls.snapshot().find((x) => x.operation === 'PutItem');
    assert.deepEqual([puts?.calls, puts?.errors], [3, { ThrottlingException: 2 }]);
    assert.deepEqual(await h.item('blog-media', a.key), expectedItem(a));
  });

  it('logs a malformed record with its reason and still records the ones beside it', async () => {
    const h = await lambdaSandbox();
    const broken = s3Record({ ...b, sequencer: 'not-hex' });
    const tagging = s3Record({ ...b, name: 'ObjectTagging:Put' });
    const summary = await processEvent({ Records: [s3Record(a), broken, tagging, s3Record(c)] }, h.deps);
    assert.deepEqual(summary, { written: 2, duplicate: 0, superseded: 0, ignored: 1, malformed: 1, failed: 0 });
    assert.deepEqual(await h.item('blog-media', a.key), expectedItem(a));
    assert.deepEqual(await h.item('blog-media', c.key), expectedItem(c));
    assert.equal(await h.item('blog-media', b.key), undefined);
    const malformed = h.lines.find((l) => l['outcome'] === 'malformed');
    assert.equal(malformed?.['level'], 50, 'an error');
    assert.equal(malformed?.['reason'], 'Records[1].s3.object.sequencer: expected hexadecimal digits, got "not-hex"');
    assert.equal(malformed?.['record'], 1);
    assert.equal(h.lines.find((l) => l['outcome'] === 'ignored')?.['eventName'], 'ObjectTagging:Put');
    assert.deepEqual(await processEvent({ Records: 'nope' }, h.deps), { written: 0, duplicate: 0, superseded: 0, ignored: 0, malformed: 1, failed: 0 }, 'a whole malformed event is not retried either');
  });

  it('records the content type from HeadObject, without it when the object or bucket is gone', async () => {
    const h = await lambdaSandbox({ maxAttempts: 2 });
    const s3 = h.deps.s3;
    await s3.send(new CreateBucketCommand({ Bucket: 'blog-media' }));
    const live = await s3.send(new PutObjectCommand({ Bucket: 'blog-media', Key: 'media/live.png', Body: 'png', ContentType: 'image/png' }));
    const replaced = await s3.send(new PutObjectCommand({ Bucket: 'blog-media', Key: 'media/replaced.png', Body: 'old', ContentType: 'image/png' }));
    await s3.send(new PutObjectCommand({ Bucket: 'blog-media', Key: 'media/replaced.png', Body: 'new!', ContentType: 'text/plain' }));
    const put = (key: string, sequencer: string, eTag: string, bucket = 'blog-media') => ({ name: 'ObjectCreated:Put', bucket, key, sequencer, size: 3, eTag });
    const events = [
      put('media/live.png', '1', live.ETag!.replace(/"/g, '')),
      put('media/missing.png', '2', 'e'),
      put('media/a.png', '3', 'e', 'gone-bucket'),
      put('media/replaced.png', '4', replaced.ETag!.replace(/"/g, '')),
    ];
    await processEvent(s3Event(...events), h.deps);
    assert.deepEqual(await h.item('blog-media', 'media/live.png'), expectedItem(events[0]!, 'image/png'));
    assert.deepEqual(await h.item('blog-media', 'media/missing.png'), expectedItem(events[1]!));
    assert.deepEqual(await h.item('gone-bucket', 'media/a.png'), expectedItem(events[2]!));
    assert.deepEqual(await h.item('blog-media', 'media/replaced.png'), expectedItem(events[3]!), 'the newer object has its own event; its type is not this one');
    assert.deepEqual(h.lines.map((l) => l['missing']), [undefined, 'HeadObject answered 404 NotFound', 'HeadObject answered 404 NotFound', 'HeadObject answered 412 PreconditionFailed']);

    await s3.send(new PutBucketVersioningCommand({ Bucket: 'blog-media', VersioningConfiguration: { Status: 'Enabled' } }));
    const v1 = await s3.send(new PutObjectCommand({ Bucket: 'blog-media', Key: 'media/v.txt', Body: 'v1', ContentType: 'text/plain' }));
    await s3.send(new PutObjectCommand({ Bucket: 'blog-media', Key: 'media/v.txt', Body: 'v2', ContentType: 'image/gif' }));
    const old = { ...put('media/v.txt', '5', v1.ETag!.replace(/"/g, '')), versionId: v1.VersionId! };
    await processEvent(s3Event(old), h.deps);
    assert.deepEqual(await h.item('blog-media', 'media/v.txt'), expectedItem(old, 'text/plain'), "the event's own version");

    h.sandbox.faults.inject({ service: 's3', operation: 'HeadObject', fault: 'server-error', times: 2 });
    const error = await rejection(processEvent(s3Event(put('media/live.png', '6', 'x')), h.deps));
    assert.match(error.message, /^1 of 1 record\(s\) failed; .*blog-media\/media\/live\.png \(ObjectCreated:Put\): InternalError/);
    assert.equal((await h.item('blog-media', 'media/live.png'))?.['sequencer'], expectedItem(events[0]!)['sequencer'], 'not written without its content type');
  });
});
