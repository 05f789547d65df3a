/**
 * rds.db-subnet-group and rds.db-instance on the sandbox: the shared contract, and the
 * instance's own cases: the engine version is checked against what RDS offers; the
 * password stays in Secrets Manager (only its ARN is read); a change held for the
 * maintenance window is pending, not planned again; storage autoscaling is no drift; a
 * delete takes a named final snapshot, honours deletion protection and is confirmed by
 * observe; a create waits for `available` with progress.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Log } from '../../src/reconciler/types.ts';
import { waitFor } from '../../src/reconciler/wait.ts';
import { dbInstanceAdapter } from '../../src/resources/rds-db-instance/index.ts';
import { dbSubnetGroupAdapter } from '../../src/resources/rds-db-subnet-group/index.ts';
import { harness } from '../sandbox/harness.ts';
import { contractSuite, engineClock, only, sandboxContext, testContext } from './contract.ts';
import { dbDesired, dbFixture, makeDbParents, subnetGroupFixture } from './data-fixtures.ts';

contractSuite('rds.db-subnet-group on the sandbox', { adapter: dbSubnetGroupAdapter, setup: subnetGroupFixture, makeContext: sandboxContext });
contractSuite('rds.db-instance on the sandbox', { adapter: dbInstanceAdapter, setup: dbFixture, makeContext: sandboxContext });

async function database(extra: Parameters<typeof dbDesired>[3] = {}) {
  const ctx = sandboxContext();
  const { group, sg } = await makeDbParents(ctx);
  const desired = dbDesired(ctx, group, sg, extra);
  const made = await dbInstanceAdapter.create('db', desired, ctx);
  return { ctx, desired, made };
}

describe('rds.db-instance', () => {
  it('a retired engine version is a plan error listing the versions RDS offers; a running one only warns', async () => {
    const ctx = sandboxContext();
    const { group, sg } = await makeDbParents(ctx);
    const [f] = await dbInstanceAdapter.preflight!([{ id: 'db', desired: dbDesired(ctx, group, sg, { engineVersion: '8.0.28' }) }], ctx);
    assert.equal(f?.path, 'engineVersion');
    assert.equal(f?.severity, 'error');
    assert.match(f!.message, /^RDS no longer offers mysql 8\.0\.28 .*; RDS offers 8\.0: 8\.0\.36, .*8\.0\.43; 8\.4: 8\.4\.3, .*8\.4\.7: set engineVersion to one of them$/);
    assert.deepEqual(await dbInstanceAdapter.preflight!([{ id: 'db', desired: dbDesired(ctx, group, sg) }], ctx), []);
    const running = { ...(await dbInstanceAdapter.create('db', dbDesired(ctx, group, sg), ctx)), engineVersion: '8.0.28' };
    const [w] = await dbInstanceAdapter.preflight!([{ id: 'db', desired: dbDesired(ctx, group, sg, { engineVersion: '8.0.28' }), last: running }], ctx);
    assert.equal(w?.severity, 'warning');
  });

  it('keeps the password in Secrets Manager: the secret ARN is an output, its value appears nowhere', async () => {
    const { ctx, made } = await database();
    const arn = dbInstanceAdapter.outputs(made).masterUserSecretArn;
    assert.match(arn ?? '', /^arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-/);
    const secret = await ctx.h.clients.get(SecretsManagerClient).send(new GetSecretValueCommand({ SecretId: arn }));
    const password = (JSON.parse(secret.SecretString!) as { password: string }).password;
    assert.ok(password.length >= 8);
    const seen = only(await dbInstanceAdapter.observe([{ id: 'db' }], ctx), 'db')!;
    for (const text of [JSON.stringify(made), JSON.stringify(seen), JSON.stringify(dbInstanceAdapter.outputs(made))]) assert.ok(!text.includes(password));
  });

  it('a change RDS holds for the maintenance window is pending: not planned again, noted by observe', async () => {
    const { ctx, desired, made } = await database();
    const bigger = { ...desired, dbInstanceClass: 'db.t3.small' };
    const changes = dbInstanceAdapter.diff(bigger, made);
    assert.deepEqual(changes.map((c) => c.path), ['dbInstanceClass']);
    await dbInstanceAdapter.update('db', bigger, made, changes, ctx);
    const seen = only(await dbInstanceAdapter.observe([{ id: 'db', desired: bigger }], ctx), 'db')!;
    assert.equal(seen.state.dbInstanceClass, 'db.t3.micro', 'still the old class');
    assert.deepEqual(seen.state.pending, { dbInstanceClass: 'db.t3.small' });
    assert.deepEqual(dbInstanceAdapter.diff(bigger, seen.state), [], 'not planned again');
    const notes = seen.notes ?? [];
    assert.deepEqual(notes.map((n) => [n.path, n.severity]), [['dbInstanceClass', 'note']]);
    assert.match(notes[0]!.message, /dbInstanceClass db\.t3\.small is pending: RDS applies it in the next maintenance window \(mon:05:00-mon:06:00; now db\.t3\.micro\)/);
  });

  it('storage grown by autoscaling (within maxAllocatedStorage) is not drift', async () => {
    const { desired, made } = await database();
    assert.deepEqual(dbInstanceAdapter.diff(desired, { ...made, allocatedStorage: 30 }), []);
    assert.deepEqual(dbInstanceAdapter.diff(desired, { ...made, allocatedStorage: 50 }).map((c) => c.path), ['allocatedStorage']);
  });

  it('a delete takes a final snapshot named after the instance and the time, and observe confirms it is gone', async () => {
    const { ctx, desired, made } = await database({ skipFinalSnapshot: false });
    assert.equal(made.skipFinalSnapshot, false);
    assert.equal(await dbInstanceAdapter.delete(made, ctx), 'deleting');
    const rds = (await ctx.h.sandbox.snapshot()).services['rds'] as { snapshots: Record<string, { instanceId: string }> };
    const [name] = Object.keys(rds.snapshots);
    assert.match(name ?? '', new RegExp(`^${desired.dbInstanceIdentifier}-final-\\d{8}-\\d{6}$`));
    assert.equal(only(await dbInstanceAdapter.observe([{ id: 'db', last: made }], ctx), 'db')?.state.status, 'deleting');
    assert.equal(await dbInstanceAdapter.delete({ ...made, status: 'deleting' }, ctx), 'deleting', 'asked again while it goes: still going');
    await ctx.waitFor(async () => ((await dbInstanceAdapter.observe([{ id: 'db', last: made }], ctx)).length === 0 ? true : undefined), { what: 'destroying', timeoutMs: 60 * 60_000 });
  });

  it('deletion protection is honoured, with what to do', async () => {
    const { ctx, made } = await database({ deletionProtection: true });
    await assert.rejects(dbInstanceAdapter.delete(made, ctx), /deletion protection on: set deletionProtection: false and reconcile/);
    assert.equal(only(await dbInstanceAdapter.observe([{ id: 'db' }], ctx), 'db')?.state.status, 'available');
  });

  it('a create waits for available, saying so while it lasts', async () => {
    const h = harness({ profile: 'realistic' });
    const lines: string[] = [];
    const log: Log = { debug: () => undefined, info: (_o, m) => void lines.push(m ?? ''), warn: () => undefined, error: () => undefined, child: () => log };
    const clock = engineClock(h.clock);
    const base = testContext(h.clients, h.sandbox.region, undefined, clock);
    const ctx = { ...base, log, waitFor: <T>(check: () => Promise<T | undefined>, o: { what: string; timeoutMs: number }) => waitFor(check, o, clock, log) };
    const { group, sg } = await makeDbParents(ctx);
    const made = await dbInstanceAdapter.create('db', dbDesired(ctx, group, sg), ctx);
    assert.equal(made.status, 'available');
    assert.ok(made.endpoint?.address.startsWith(`${ctx.stack}-db.`));
    assert.ok(lines.some((l) => /^Still creating\.\.\. \[\d+m\d+s elapsed\]$/.test(l)), lines.join('\n'));
  });
});
