/**
 * Logs (issue 7): pino to standard error, one child logger per resource; JSON lines with
 * --log-format json, human lines by default; the plan and outcomes stay on stdout.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createLogger, humanLine } from '../src/cli/logging.ts';
import { main, type Io } from '../src/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'blogctl-log-'));
const specFile = join(dir, 'spec.yaml');
writeFileSync(specFile, 'apiVersion: blogctl/v1\nstack: logs\nresources:\n  vpc:\n    kind: ec2.vpc\n    properties: { cidrBlock: 10.0.0.0/16 }\n');

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), color: false };
  const code = await main(argv, io);
  return { code, out, err };
}

test('--log-format json: one JSON object per line on stderr, naming the resource; stdout keeps the plan', async () => {
  const r = await run(['reconcile', '--once', '-f', specFile, '--sandbox-file', join(dir, 'a.json'), '--log-level', 'debug', '--log-format', 'json']);
  assert.equal(r.code, 0, r.err.join('\n'));
  assert.ok(r.err.length > 0);
  const lines = r.err.map((l) => JSON.parse(l) as { level: number; msg: string; resource?: string });
  assert.ok(lines.some((l) => l.resource === 'vpc' && l.level === 20 && l.msg === 'create vpc'), JSON.stringify(lines));
  assert.match(r.out.join('\n'), /created {3}vpc/);
  assert.ok(r.out.every((l) => !l.startsWith('{"level"')));
});

test('the default level (info) and format (text) keep a quiet run quiet', async () => {
  const r = await run(['reconcile', '--once', '-f', specFile, '--sandbox-file', join(dir, 'b.json')]);
  assert.equal(r.code, 0);
  assert.deepEqual(r.err, []);
});

test('bad --log-level / --log-format: a usage error, exit 1', async () => {
  const a = await run(['plan', '-f', specFile, '--sandbox-file', join(dir, 'c.json'), '--log-level', 'loud']);
  assert.equal(a.code, 1);
  assert.match(a.err.join(''), /--log-level loud: use one of trace, debug, info, warn, error, fatal, silent/);
  const b = await run(['plan', '-f', specFile, '--sandbox-file', join(dir, 'c.json'), '--log-format', 'xml']);
  assert.equal(b.code, 1);
  assert.match(b.err.join(''), /--log-format xml: use one of text, json/);
});

test('text lines: time, level, the resource, the message and the fields', () => {
  const lines: string[] = [];
  const log = createLogger({ level: 'info', format: 'text', write: (l) => lines.push(l) });
  log.child({ resource: 'db', kind: 'rds.db-instance' }).info({ elapsedMs: 80_000 }, 'Still creating... [1m20s elapsed]');
  assert.match(lines[0]!, /^\d\d:\d\d:\d\d info {2}db \(rds\.db-instance\): Still creating\.\.\. \[1m20s elapsed\] {2}elapsedMs=80000$/);
  assert.equal(humanLine('{"level":40,"time":0,"msg":"m"}'), '00:00:00 warn  m');
});

