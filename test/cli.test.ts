import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { main, type Io } from '../src/index.ts';

const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t) };
  return { io, out, err };
};

const dir = mkdtempSync(join(tmpdir(), 'blogctl-cli-'));
const good = join(dir, 'good.yaml');
writeFileSync(good, 'apiVersion: blogctl/v1\nstack: blog\nresources:\n  vpc:\n    kind: ec2.vpc\n    properties: { cidrBlock: 10.0.0.0/16 }\n');
const bad = join(dir, 'bad.yaml');
writeFileSync(bad, 'apiVersion: blogctl/v1\nstack: blog\nresources:\n  vpc:\n    kind: ec2.vpc\n    properties: { cidrBlok: 10.0.0.0/16 }\n');

test('validate: a good spec exits 0 and says what it holds', async () => {
  const c = capture();
  assert.equal(await main(['validate', '-f', good], c.io), 0);
  assert.match(c.out.join(''), /valid: 1 resources, stack "blog" in us-east-1/);
});

test('validate: a bad spec exits 1 with file:line:col and no AWS write', async () => {
  const c = capture();
  assert.equal(await main(['validate', '-f', bad], c.io), 1);
  assert.match(c.err.join('\n'), new RegExp(`${bad.replaceAll('/', '\\/')}:6:19: unknown field "cidrBlok"`));
  assert.match(c.err.join('\n'), /nothing was sent to AWS/);
});

test('a missing spec file names the file and the flag', async () => {
  const c = capture();
  assert.equal(await main(['validate', '-f', join(dir, 'nope.yaml')], c.io), 1);
  assert.match(c.err.join(''), /nope\.yaml:1:1: cannot read the spec: no such file; pass another with -f/);
});

test('usage errors exit 1: unknown command, unknown flag, bad --param, bad format', async () => {
  for (const argv of [['frobnicate'], ['validate', '--frob'], ['validate', '--param', 'x'], ['graph', '-f', good, '--format', 'png']]) {
    const c = capture();
    assert.equal(await main(argv, c.io), 1, argv.join(' '));
    assert.match(c.err.join(''), /^blogctl: /);
  }
});

test('graph --format json prints the order', async () => {
  const c = capture();
  assert.equal(await main(['graph', '-f', good, '--format', 'json'], c.io), 0);
  assert.deepEqual(JSON.parse(c.out.join('')).order, ['vpc']);
});

test('schema --out writes the JSON Schema, which lists every kind', async () => {
  const out = join(dir, 'schema.json');
  assert.equal(await main(['schema', '--out', out], capture().io), 0);
  const schema = JSON.parse(readFileSync(out, 'utf8'));
  assert.ok(schema.properties.resources.additionalProperties.oneOf.some((v: { title: string }) => v.title === 'ec2.vpc'));
});

test('the bin runs through node with no build step', () => {
  const bin = join(import.meta.dirname, '..', 'bin', 'blogctl.js');
  const ok = execFileSync(process.execPath, [bin, 'validate', '-f', good], { encoding: 'utf8' });
  assert.match(ok, /valid/);
  const failed = spawnSync(process.execPath, [bin, 'validate', '-f', bad], { encoding: 'utf8' });
  assert.equal(failed.status, 1);
  assert.match(failed.stderr, /did you mean "cidrBlock"/);
});
