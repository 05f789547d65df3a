/**
 * dynamodb.table on the sandbox: the shared contract, and its own cases: a create waits
 * for ACTIVE before point-in-time recovery; SSE with KMS reads back without drift; a key
 * change replaces, deleting first when the name stays; deletion protection is honoured.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TAG } from '../../src/reconciler/types.ts';
import { tableAdapter } from '../../src/resources/dynamodb-table/index.ts';
import { contractSuite, only, sandboxContext } from './contract.ts';
import { tableFixture } from './data-fixtures.ts';

contractSuite('dynamodb.table on the sandbox', { adapter: tableAdapter, setup: tableFixture, makeContext: sandboxContext });

describe('dynamodb.table', () => {
  it('waits for ACTIVE before point-in-time recovery, and writes the final spec tag last', async () => {
    const ctx = sandboxContext();
    const { desired } = await tableFixture(ctx);
    const before = ctx.h.clock.now();
    const made = await tableAdapter.create('objects', desired, ctx);
    assert.ok(ctx.h.clock.now() > before, 'the create waited on the clock');
    assert.equal(made.status, 'ACTIVE');
    assert.equal(made.pointInTimeRecovery, true);
    assert.equal(made.tags[TAG.spec], ctx.identityTags('objects')[TAG.spec]);
    assert.deepEqual(tableAdapter.diff(desired, made), []);
  });

  it('encrypts with KMS (the aws/dynamodb key when none is named) without false drift', async () => {
    const ctx = sandboxContext();
    const { desired } = await tableFixture(ctx);
    const kms = { ...desired, sse: { type: 'KMS' as const } };
    const made = await tableAdapter.create('objects', kms, ctx);
    assert.match(made.sse.kmsMasterKeyId ?? '', /^arn:aws:kms:/);
    const seen = only(await tableAdapter.observe([{ id: 'objects', desired: kms }], ctx), 'objects')!;
    assert.deepEqual(tableAdapter.diff(kms, seen.state), []);
    assert.deepEqual(tableAdapter.diff(desired, seen.state).map((c) => c.path), ['sse']);
    const back = await tableAdapter.update('objects', desired, seen.state, tableAdapter.diff(desired, seen.state), ctx);
    assert.deepEqual(back.sse, { type: 'AWS_OWNED' });
  });

  it('a key change keeping the name deletes the old table first; a renamed table need not', async () => {
    const ctx = sandboxContext();
    const fx = await tableFixture(ctx);
    const made = await tableAdapter.create('objects', fx.desired, ctx);
    const [key] = tableAdapter.diff(fx.changedReplace!.desired, made);
    assert.equal(key?.deleteBeforeReplace, true);
    const renamed = tableAdapter.diff({ ...fx.changedReplace!.desired, tableName: 'other' }, made).find((c) => c.path === 'keySchema');
    assert.equal(renamed?.deleteBeforeReplace, false);
  });

  it('never deletes a table with deletion protection on, and says what to do', async () => {
    const ctx = sandboxContext();
    const { desired } = await tableFixture(ctx);
    const made = await tableAdapter.create('objects', { ...desired, deletionProtectionEnabled: true }, ctx);
    await assert.rejects(tableAdapter.delete(made, ctx), /deletion protection on: set deletionProtectionEnabled: false/);
    const still = await ctx.h.clients.get(DynamoDBClient).send(new DescribeTableCommand({ TableName: made.arn }));
    assert.equal(still.Table?.TableStatus, 'ACTIVE');
  });

  it('a table of the same name without our tags is an adoption candidate under the id asked for', async () => {
    const ctx = sandboxContext();
    const { desired } = await tableFixture(ctx);
    const other = { ...ctx, identityTags: () => ({}) };
    await tableAdapter.create('x', desired, other);
    const found = await tableAdapter.observe([{ id: 'objects', desired }], ctx);
    assert.deepEqual(found.map((o) => [o.id, o.tags[TAG.stack]]), [['objects', undefined]]);
  });
});
