/**
 * The daemon as a process (node bin/blogctl.js reconcile --interval ...), on a sandbox
 * file: SIGHUP re-reads the spec at once; SIGTERM exits 0 within 10 s and releases the
 * lease; two daemons: one writes, the other stands by and takes over within about one
 * TTL when the holder is killed with SIGKILL.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { main, type Io } from '../../src/index.ts';
import { writeNetworkSpec } from '../e2e/network-slice.ts';

const dir = mkdtempSync(join(tmpdir(), 'blogctl-daemon-proc-'));
const bin = join(import.meta.dirname, '..', '..', 'bin', 'blogctl.js');
/** The machine may be busy: generous bounds for "eventually", exact ones where the brief sets them. */
const PATIENCE_MS = 60_000;

interface Proc {
  readonly child: ChildProcess;
  readonly lines: Record<string, unknown>[];
  /** Resolves with the first log line (from now or earlier) matching. */
  until(match: (l: Record<string, unknown>) => boolean, what: string): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
}

function daemon(argv: string[]): Proc {
  const child = spawn(process.execPath, [bin, 'reconcile', ...argv, '--log-format', 'json'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const lines: Record<string, unknown>[] = [];
  const waiters: { match: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }[] = [];
  let buf = '';
  child.stderr!.on('data', (d: Buffer) => {
    buf += d.toString();
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      const text = buf.slice(0, i);
      buf = buf.slice(i + 1);
      let l: Record<string, unknown>;
      try {
        l = JSON.parse(text) as Record<string, unknown>;
      } catch {
        l = { msg: text };
      }
      lines.push(l);
      for (const w of [...waiters]) if (w.match(l)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(l);
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child, lines, exited,
    until: (match, what) => {
      const seen = lines.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; log:\n${lines.map((l) => JSON.stringify(l)).join('\n')}`)), PATIENCE_MS);
        timer.unref();
        waiters.push({ match, resolve: (l) => { clearTimeout(timer); resolve(l); } });
      });
    },
  };
}

const passDone = (n: number) => (l: Record<string, unknown>) => l.pass === n && l.msg === 'pass finished';

async function once(argv: string[]) {
  const out: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => out.push(t), color: false };
  return { code: await main(argv, io), out: out.join('\n') };
}

test('SIGHUP re-reads the spec at once; SIGTERM exits 0 within 10 s and releases the lease', async () => {
  const file = join(dir, 'hup.json');
  const specDir = mkdtempSync(join(dir, 'hup-'));
  const spec = writeNetworkSpec(undefined, specDir);
  const d = daemon(['-f', spec, '--sandbox-file', file, '--interval', '1h', '--lease-ttl', '3s']);
  try {
    await d.until(passDone(1), 'the first pass');
    writeNetworkSpec((doc) => doc.setIn(['resources', 'privateSubnetA', 'properties', 'tags', 'Tier'], 'data'), specDir);
    d.child.kill('SIGHUP');
    await d.until((l) => l.pass === 2 && l.msg === 'updated privateSubnetA', 'the change applied by a pass SIGHUP started');
    await d.until(passDone(2), 'the second pass');
    const sent = Date.now();
    d.child.kill('SIGTERM');
    assert.equal(await d.exited, 0);
    assert.ok(Date.now() - sent < 10_000, `exited ${Date.now() - sent} ms after SIGTERM`);
    assert.ok(d.lines.some((l) => l.msg === 'daemon stopped'));
  } finally {
    d.child.kill('SIGKILL');
  }
  const next = await once(['reconcile', '--once', '-f', spec, '--sandbox-file', file, '--lease-wait', '0s']);
  assert.equal(next.code, 0, `the lease was released: ${next.out}`);
  assert.match(next.out, /No changes/);
});

test('two daemons: one writes, the other stands by, and takes over after the holder is killed with SIGKILL', async () => {
  const file = join(dir, 'two.json');
  const spec = writeNetworkSpec(undefined, mkdtempSync(join(dir, 'two-')));
  const ttl = 2000;
  const argv = ['-f', spec, '--sandbox-file', file, '--interval', '500ms', '--lease-ttl', `${ttl}ms`];
  const first = daemon(argv);
  const second = daemon(argv);
  try {
    // Either may win the lease: a is the one that writes, b the one that stands by.
    const [a, b] = await Promise.any([
      first.until(passDone(1), 'a pass').then(() => [first, second] as const),
      second.until(passDone(1), 'a pass').then(() => [second, first] as const),
    ]);
    await b.until((l) => l.msg === 'standby: another blogctl holds the lease', 'the second daemon standing by');
    assert.ok(!b.lines.some((l) => l.msg === 'pass finished'), 'the standby makes no pass');
    const killed = Date.now();
    a.child.kill('SIGKILL');
    await b.until((l) => String(l.msg).startsWith('lease acquired'), 'the takeover');
    const took = Date.now() - killed;
    // The lease expires at most one TTL after the holder's last renewal; the standby asks every TTL/5.
    assert.ok(took < ttl + ttl / 5 + 3000, `took over ${took} ms after the kill (TTL ${ttl} ms; the slack is for a loaded machine)`);
    await b.until((l) => l.msg === 'pass finished', 'a pass of the new holder');
    b.child.kill('SIGTERM');
    assert.equal(await b.exited, 0);
  } finally {
    first.child.kill('SIGKILL');
    second.child.kill('SIGKILL');
  }
});
