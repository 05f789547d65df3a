/**
 * One writer per stack (issue 8): three `reconcile --once` started at once against one
 * fresh sandbox file end with exactly one resource per logical id and a clean next plan;
 * a run that finds the stack held waits --lease-wait, then exits 1 naming the holder;
 * Ctrl-C during apply finishes the calls in flight, starts nothing new, reports, exit 1.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseCli } from '../../src/cli/args.ts';
import { holdStackLease, stackLease } from '../../src/cli/lease.ts';
import { main, type Io } from '../../src/index.ts';
import { silentLog } from '../../src/reconciler/context.ts';
import { loadSpecFile } from '../../src/reconciler/spec/load.ts';
import { kindCatalog } from '../../src/resources/registry.ts';
import { openSandbox } from '../../src/sandbox/index.ts';
import { NETWORK_IDS, writeNetworkSpec } from './network-slice.ts';

const dir = mkdtempSync(join(tmpdir(), 'blogctl-writer-'));
const spec = writeNetworkSpec(undefined, dir);
const bin = join(import.meta.dirname, '..', '..', 'bin', 'blogctl.js');

function blogctl(argv: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), color: false };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** blogctl:id -> how many EC2 resources carry it, from the sandbox file. */
function idsIn(file: string): Map<string, number> {
  const state = JSON.parse(readFileSync(file, 'utf8')) as { services: { ec2?: { tags: Record<string, Record<string, string>> } } };
  const count = new Map<string, number>();
  for (const tags of Object.values(state.services.ec2?.tags ?? {})) {
    const id = tags['blogctl:id'];
    if (id) count.set(id, (count.get(id) ?? 0) + 1);
  }
  return count;
}

test('three reconcile --once at once on a fresh sandbox: one resource per logical id, next plan clean', async () => {
  const file = join(dir, 'race.json');
  const argv = ['reconcile', '--once', '-f', spec, '--sandbox-file', file, '--lease-ttl', '5s', '--lease-wait', '60s'];
  const runs = await Promise.all([blogctl(argv), blogctl(argv), blogctl(argv)]);
  for (const r of runs) assert.equal(r.code, 0, r.out + r.err);
  const counts = idsIn(file);
  assert.deepEqual([...counts.keys()].sort(), [...NETWORK_IDS].sort());
  for (const [id, n] of counts) assert.equal(n, 1, `${id} exists ${n} times`);
  assert.equal(runs.filter((r) => /created {3}vpc/.test(r.out)).length, 1, 'exactly one run created the stack');
  assert.equal(runs.filter((r) => /No changes/.test(r.out)).length, 2, 'the others waited, then found nothing to do');
  const plan = await run(['plan', '-f', spec, '--sandbox-file', file]);
  assert.equal(plan.code, 0, plan.out);
  assert.match(plan.out, /No changes/);
});

test('a run that finds the stack held waits --lease-wait, then exits 1 naming host, pid and since; destroy too', async () => {
  const file = join(dir, 'held.json');
  const args = parseCli(['reconcile', '--once', '-f', spec, '--sandbox-file', file, '--lease-ttl', '30s']);
  const loaded = loadSpecFile(spec, { catalog: kindCatalog, params: {} });
  const { lease, clients } = stackLease(args, loaded, openSandbox({ file }), silentLog, 'daemon');
  assert.equal(await lease.tryAcquire(), true);
  try {
    for (const argv of [['reconcile', '--once'], ['destroy', '--allow-delete']]) {
      const started = Date.now();
      const r = await run([...argv, '-f', spec, '--sandbox-file', file, '--lease-wait', '500ms']);
      assert.equal(r.code, 1, r.out + r.err);
      assert.ok(Date.now() - started >= 500, 'it waited');
      assert.match(r.err, new RegExp(`^blogctl: stack "blog" is being changed by another blogctl: host ${hostname()}, pid ${process.pid} \\(daemon\\), since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z; waited`, 'm'));
      assert.equal(r.out, '', 'nothing was planned or applied');
    }
    assert.equal(idsIn(file).size, 0, 'no AWS write');
  } finally {
    await lease.release();
    clients.destroy();
  }
  const after = await run(['reconcile', '--once', '-f', spec, '--sandbox-file', file, '--lease-wait', '0s']);
  assert.equal(after.code, 0, 'released: the next run goes at once');
});

test('Ctrl-C during apply: the calls in flight finish, nothing new starts, exit 1 with what was done', async () => {
  const file = join(dir, 'interrupt.json');
  const out: string[] = [];
  const err: string[] = [];
  let sent = false;
  const io: Io = {
    out: (t) => {
      out.push(t);
      if (!sent && /created {3}vpc/.test(t)) {
        sent = true;
        process.emit('SIGINT', 'SIGINT');
      }
    },
    err: (t) => err.push(t),
    color: false,
  };
  const listeners = process.listenerCount('SIGINT');
  const code = await main(['reconcile', '--once', '-f', spec, '--sandbox-file', file, '--sandbox-latency-ms', '20', '--concurrency', '1'], io);
  assert.equal(code, 1);
  const text = out.join('\n');
  assert.match(text, /skipped {3}\w+ \(ec2\.[a-z-]+\): interrupted before it started/);
  assert.match(err.join('\n'), /interrupted \(SIGINT\): the calls in flight finished; \d+ operations? not started\. Run it again to finish\./);
  const made = idsIn(file).size;
  assert.ok(made >= 1 && made < NETWORK_IDS.length, `some, not all, were made: ${made}`);
  assert.equal(process.listenerCount('SIGINT'), listeners, 'the handler is gone with the command');
  const again = await run(['reconcile', '--once', '-f', spec, '--sandbox-file', file, '--lease-wait', '0s']);
  assert.equal(again.code, 0, 'the lease was released; the next run finishes the rest');
  assert.equal(idsIn(file).size, NETWORK_IDS.length);
});

test('no permission for the lease table: the AWS error says which permissions the lease needs', async () => {
  const file = join(dir, 'denied.json');
  const args = parseCli(['reconcile', '--once', '-f', spec, '--sandbox-file', file]);
  const sandbox = openSandbox({ file });
  sandbox.faults.inject({ service: 'dynamodb', operation: 'DescribeTable', fault: { code: 'AccessDeniedException', status: 400 }, times: 1 });
  const loaded = loadSpecFile(spec, { catalog: kindCatalog, params: {} });
  await assert.rejects(holdStackLease(args, loaded, sandbox, silentLog, 'reconcile --once'), (err: Error) =>
    err.name === 'AccessDeniedException' && /the stack lease needs dynamodb:DescribeTable, dynamodb:CreateTable, dynamodb:GetItem, dynamodb:UpdateItem on the DynamoDB table blogctl-leases: see docs\/OPERATIONS\.md/.test(err.message));
});
