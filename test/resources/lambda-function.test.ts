/**
 * lambda.function on the sandbox: the shared contract, and its own cases: the package is
 * deterministic (same source, same CodeSha256) and a source change is a code update; a
 * code update and a configuration update wait for each other; a role Lambda cannot
 * assume yet is retried until IAM shows it; the log group gets its retention; runtimes
 * past their deprecation warn, past their block date fail the plan.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { silentLog } from '../../src/reconciler/context.ts';
import { isRetryable } from '../../src/reconciler/errors.ts';
import { waitFor } from '../../src/reconciler/wait.ts';
import { functionAdapter } from '../../src/resources/lambda-function/index.ts';
import { deterministicZip, packageCode } from '../../src/resources/lambda-function/package.ts';
import { runtimeFindings } from '../../src/resources/lambda-function/runtimes.ts';
import { contractSuite, only, sandboxContext } from './contract.ts';
import { functionDesired, functionFixture, makeLambdaRole } from './data-fixtures.ts';

contractSuite('lambda.function on the sandbox', { adapter: functionAdapter, setup: functionFixture, makeContext: sandboxContext });

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe('lambda.function packaging', () => {
  it('the same source gives the same zip and CodeSha256, whatever the time or the time zone', async () => {
    const a = await packageCode('src/lambda', 'handler.handler', 'nodejs22.x', process.cwd());
    const tz = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati';
    try {
      const b = await packageCode('src/lambda', 'handler.handler', 'nodejs22.x', process.cwd());
      assert.equal(b.sha256, a.sha256);
      assert.deepEqual(b.zip, a.zip);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
    // Local file header: DOS time 0 and date 1980-01-01 (0x0021) at offsets 10 and 12.
    const view = Buffer.from(a.zip);
    assert.equal(view.readUInt32LE(0), 0x04034b50);
    assert.equal(view.readUInt16LE(10), 0);
    assert.equal(view.readUInt16LE(12), 0x21);
  });

  it('entries are in sorted order, and a changed byte changes the hash', () => {
    const one = deterministicZip({ 'b.py': Buffer.from('b'), 'a.py': Buffer.from('a') });
    const two = deterministicZip({ 'a.py': Buffer.from('a'), 'b.py': Buffer.from('b') });
    assert.deepEqual(one, two);
    assert.ok(Buffer.from(one).indexOf('a.py') < Buffer.from(one).indexOf('b.py'));
    assert.notDeepEqual(deterministicZip({ 'a.py': Buffer.from('A'), 'b.py': Buffer.from('b') }), one);
  });

  it('a missing code path or handler module is a plan error at code.path', async () => {
    const ctx = sandboxContext();
    const d = functionDesired(ctx, 'arn:aws:iam::123456789012:role/r', { code: { path: 'src/nowhere' } });
    const found = await functionAdapter.preflight!([{ id: 'fn', desired: d }], ctx);
    assert.deepEqual(found.map((f) => [f.id, f.path, f.severity ?? 'error']), [['fn', 'code.path', 'error']]);
    assert.match(found[0]!.message, /src\/nowhere: no such file or directory/);
    const noModule = await functionAdapter.preflight!([{ id: 'fn', desired: { ...d, code: { path: 'src/lambda' }, handler: 'missing.handler' } }], ctx);
    assert.match(noModule[0]!.message, /no missing\.ts or missing\.js for Handler missing\.handler/);
  });
});

describe('lambda.function', () => {
  it('a changed source is a code update, which waits for the configuration update before it', async () => {
    const ctx = sandboxContext();
    const dir = mkdtempSync(join(tmpdir(), 'blogctl-fn-'));
    writeFileSync(join(dir, 'index.ts'), 'export const handler = async () => 1;\n');
    const specCtx = { ...ctx, specDir: dir };
    const desired = functionDesired(ctx, await makeLambdaRole(ctx), { code: { path: '.' }, handler: 'index.handler' });
    const made = await functionAdapter.create('fn', desired, specCtx);
    writeFileSync(join(dir, 'index.ts'), 'export const handler = async () => 2;\n');
    const seen = only(await functionAdapter.observe([{ id: 'fn', desired }], specCtx), 'fn')!;
    const changed = { ...desired, timeout: 60 };
    const changes = functionAdapter.diff(changed, seen.state);
    assert.deepEqual(changes.map((c) => c.path).sort(), ['code', 'timeout']);
    assert.equal(changes.find((c) => c.path === 'code')!.from, made.codeSha256);
    const before = ctx.h.clock.now();
    const after = await functionAdapter.update('fn', changed, seen.state, changes, specCtx);
    assert.ok(ctx.h.clock.now() > before, 'the configuration update waited for the code update to finish');
    assert.deepEqual(functionAdapter.diff(changed, after), []);
    assert.notEqual(after.codeSha256, made.codeSha256);
  });

  it('retries "the role cannot be assumed" until IAM shows the role to Lambda', async () => {
    const ctx = sandboxContext();
    const role = `arn:aws:iam::123456789012:role/${ctx.stack}-late`;
    const desired = functionDesired(ctx, role);
    // The role appears 5 s after the first attempt, as IAM's propagation does.
    const late = ctx.h.clock.now() + 5_000;
    const clock = { ...ctx.clock, sleep: async (ms: number) => {
      await ctx.clock.sleep(ms);
      if (ctx.h.clock.now() >= late && !made) made = makeLambdaRole(ctx, `${ctx.stack}-late`);
    } };
    let made: Promise<string> | undefined;
    const fn = await functionAdapter.create('fn', desired, { ...ctx, clock, waitFor: (check, o) => waitFor(check, o, clock, silentLog) });
    assert.equal(fn.role, role);
    assert.ok(made, 'the create went through only once the role existed');
  });

  it('a role that never becomes assumable fails once, plainly, not as a retryable timeout', async () => {
    const ctx = sandboxContext();
    const desired = functionDesired(ctx, `arn:aws:iam::123456789012:role/${ctx.stack}-missing`);
    const err = await functionAdapter.create('fn', desired, ctx).then(() => undefined, (e: unknown) => e as Error);
    assert.match(err?.message ?? '', /Lambda still cannot assume the role arn:aws:iam::123456789012:role\/.*-missing after 90s: check that it exists and trusts lambda\.amazonaws\.com/);
    assert.equal(isRetryable(err), false, 'the engine does not try the create again');
  });

  it('creates the log group with its retention and deletes it with the function', async () => {
    const ctx = sandboxContext();
    const desired = functionDesired(ctx, await makeLambdaRole(ctx));
    const made = await functionAdapter.create('fn', desired, ctx);
    const logs = ctx.h.clients.get(CloudWatchLogsClient);
    const groups = async () => (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: `/aws/lambda/${desired.functionName}` }))).logGroups ?? [];
    assert.deepEqual((await groups()).map((g) => g.retentionInDays), [30]);
    await functionAdapter.delete(made, ctx);
    assert.deepEqual(await groups(), []);
  });
});

describe('lambda runtimes at plan time', () => {
  it('nodejs20.x: a warning once deprecated, an error once creating or updating is blocked', () => {
    assert.deepEqual(runtimeFindings('nodejs20.x', day('2026-04-01'), false, false), []);
    const deprecated = runtimeFindings('nodejs20.x', day('2026-05-01'), false, false);
    assert.deepEqual(deprecated.map((f) => f.severity), ['warning']);
    assert.match(deprecated[0]!.message, /deprecated since 2026-04-30 .*creation is blocked from 2026-08-31\); use nodejs22\.x or nodejs24\.x/);
    const blocked = runtimeFindings('nodejs20.x', day('2026-11-30'), false, false);
    assert.deepEqual(blocked.map((f) => [f.path, f.severity]), [['runtime', 'error']]);
    assert.match(blocked[0]!.message, /Lambda no longer creates functions on nodejs20\.x .*; use nodejs22\.x or nodejs24\.x/);
    assert.deepEqual(runtimeFindings('nodejs20.x', day('2026-09-15'), true, true).map((f) => f.severity), ['warning'], 'updates still allowed until 2026-09-30');
    assert.deepEqual(runtimeFindings('nodejs20.x', day('2026-10-01'), true, true).map((f) => f.severity), ['error']);
    assert.deepEqual(runtimeFindings('nodejs20.x', day('2026-10-01'), true, false).map((f) => f.severity), ['warning'], 'a function left alone keeps running');
    assert.deepEqual(runtimeFindings('nodejs24.x', day('2026-11-30'), false, false), []);
  });

  it('preflight uses the engine clock; a function that keeps a deprecated runtime hears it from observe, on every plan', async () => {
    const ctx = sandboxContext();
    const d = functionDesired(ctx, await makeLambdaRole(ctx), { runtime: 'nodejs20.x' });
    const at = { ...ctx, clock: { ...ctx.clock, now: () => day('2026-11-30') } };
    assert.deepEqual((await functionAdapter.preflight!([{ id: 'fn', desired: d }], at)).map((f) => f.severity), ['error']);
    const earlier = { ...ctx, clock: { ...ctx.clock, now: () => day('2026-05-01') } };
    assert.deepEqual((await functionAdapter.preflight!([{ id: 'fn', desired: d }], earlier)).map((f) => f.severity), ['warning']);
    const made = await functionAdapter.create('fn', d, ctx);
    assert.deepEqual(await functionAdapter.preflight!([{ id: 'fn', desired: { ...d, timeout: 9 }, last: made }], earlier), [], 'the runtime stays: no second warning');
    const [seen] = await functionAdapter.observe([{ id: 'fn', desired: d }], earlier);
    assert.deepEqual(seen?.notes?.map((n) => [n.path, n.severity]), [['runtime', 'warning']]);
    assert.match(seen!.notes![0]!.message, /^it runs nodejs20\.x, deprecated since 2026-04-30 \(no more security patches; updates are blocked from 2026-09-30\); use nodejs22\.x or nodejs24\.x$/);
  });
});

describe('lambda.function packages across plans', () => {
  it('a source that stops building is reported, not compared with its last good package', async () => {
    const ctx = sandboxContext();
    const dir = mkdtempSync(join(tmpdir(), 'blogctl-fn-'));
    writeFileSync(join(dir, 'index.ts'), 'export const handler = async () => 1;\n');
    const specCtx = { ...ctx, specDir: dir };
    const desired = functionDesired(ctx, await makeLambdaRole(ctx), { code: { path: '.' }, handler: 'index.handler' });
    await functionAdapter.create('fn', desired, specCtx);
    await functionAdapter.observe([{ id: 'fn', desired }], specCtx);
    assert.deepEqual(await functionAdapter.preflight!([{ id: 'fn', desired }], specCtx), []);
    rmSync(join(dir, 'index.ts'));
    const [seen] = await functionAdapter.observe([{ id: 'fn', desired }], specCtx);
    assert.deepEqual(seen?.notes?.map((n) => [n.path, n.severity]), [['code.path', 'warning']], 'in sync: a warning that the code is not compared');
    assert.deepEqual(functionAdapter.diff(desired, seen!.state), [], 'no stale hash compared');
    const found = await functionAdapter.preflight!([{ id: 'fn', desired: { ...desired, timeout: 9 } }], specCtx);
    assert.deepEqual(found.map((f) => [f.path, f.severity ?? 'error']), [['code.path', 'error']], 'written: an error');
  });
});
