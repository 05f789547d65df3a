/**
 * The object table under S3's delivery (at least once, any order), through the real
 * DynamoDBClient against the sandbox: the conditional write keeps each key's newest event
 * by sequencer, a duplicate is a no-op, and a removal stays as a tombstone that a late
 * "created" cannot undo. Hundreds of seeded random histories, each checked against the
 * ground truth.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { processEvent } from '../../src/lambda/records.ts';
import { expectedItem, lambdaSandbox, s3Event, TABLE } from './fixtures.ts';
import { deliveries, Draws, groundTruth, history } from './histories.ts';

const TRIALS = 200;

describe('lambda ordering', () => {
  it('decides by sequencer: newer wins, a duplicate is a no-op, a tombstone stays', async () => {
    const h = await lambdaSandbox();
    const key = 'media/a.jpg';
    const v2 = { name: 'ObjectCreated:Put', key, sequencer: '0200', size: 2, eTag: 'e2' };
    const v1 = { name: 'ObjectCreated:Put', key, sequencer: 'FF', size: 1, eTag: 'e1' };
    const removed = { name: 'ObjectRemoved:Delete', key, sequencer: '000201' };
    const outcomes = async (...events: (typeof v1 | typeof removed)[]) => {
      const { written, duplicate, superseded } = await processEvent(s3Event(...events), h.deps);
      return { written, duplicate, superseded };
    };
    assert.deepEqual(await outcomes(v2), { written: 1, duplicate: 0, superseded: 0 });
    assert.deepEqual(await outcomes(v1), { written: 0, duplicate: 0, superseded: 1 }, '0xFF is older than 0x0200, though "FF" > "0200" as strings');
    assert.deepEqual(await outcomes(v2), { written: 0, duplicate: 1, superseded: 0 });
    assert.deepEqual(await h.item('blog-media', key), expectedItem(v2));
    assert.deepEqual(await outcomes(removed, v2, v1), { written: 1, duplicate: 0, superseded: 2 });
    assert.deepEqual(await h.item('blog-media', key), expectedItem(removed), 'a tombstone with its sequencer');
    assert.equal((await h.item('blog-media', key))?.['deleted'], true);
    assert.deepEqual(
      h.lines.map((l) => l['outcome']),
      ['written', 'superseded', 'duplicate', 'written', 'superseded', 'superseded'],
      'one log line per record outcome',
    );
  });

  it('overwrites an item that has no sequencer (written by something else)', async () => {
    const h = await lambdaSandbox();
    await h.deps.ddb.send(new PutItemCommand({ TableName: TABLE, Item: { id: { S: 'blog-media/media/a.jpg' }, timestamp: { S: 'x' } } }));
    const put = { name: 'ObjectCreated:Put', key: 'media/a.jpg', sequencer: '01', size: 1 };
    assert.equal((await processEvent(s3Event(put), h.deps)).written, 1);
    assert.deepEqual(await h.item('blog-media', 'media/a.jpg'), expectedItem(put));
  });

  it(`ends equal to the ground truth after ${TRIALS} random histories delivered with duplicates, shuffled`, async () => {
    let records = 0;
    let stale = 0;
    let h = await lambdaSandbox();
    for (let trial = 0; trial < TRIALS; trial++) {
      // A fresh account every 10 trials: every sandbox call serialises the whole account.
      if (trial > 0 && trial % 10 === 0) h = await lambdaSandbox();
      const d = new Draws(`lambda-ordering-${trial}`);
      const bucket = `trial-${trial}`;
      const events = history(d, bucket);
      for (const invocation of deliveries(d, events)) {
        const summary = await processEvent(s3Event(...invocation), h.deps);
        records += invocation.length;
        stale += summary.duplicate + summary.superseded;
      }
      const want = new Map([...groundTruth(events).values()].map((e) => [`${bucket}/${e.key}`, expectedItem(e)]));
      const got = new Map([...(await h.items())].filter(([id]) => id.startsWith(`${bucket}/`)));
      assert.deepEqual(got, want, `trial ${trial} (seed lambda-ordering-${trial})`);
    }
    assert.ok(stale > records / 3, `duplicates and late events were exercised (${stale} of ${records} records)`);
  });
});
