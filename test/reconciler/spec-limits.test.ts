/**
 * Input limits of the loader (src/reconciler/spec/limits.ts): size, what kind of file the
 * spec is. Nesting and aliases are in the bad-spec corpus (test/fixtures/bad/43-45).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { scaleSpecText } from '../../bench/scale-spec.ts';
import { SpecError } from '../../src/reconciler/errors.ts';
import { MAX_SPEC_BYTES } from '../../src/reconciler/spec/limits.ts';
import { loadSpec, loadSpecFile } from '../../src/reconciler/spec/load.ts';
import { kindCatalog } from '../../src/resources/registry.ts';

const options = { catalog: kindCatalog, env: {} };
const dir = mkdtempSync(join(tmpdir(), 'blogctl-limits-'));

const problemsOf = (load: () => unknown): string[] => {
  try {
    load();
  } catch (err) {
    if (err instanceof SpecError) return err.problems.map((p) => `${p.pos.file}:${p.pos.line}:${p.pos.col}: ${p.message}`);
    throw err;
  }
  assert.fail('the spec loaded');
};

test('a spec over 4 MiB is refused, as text or as a file, before it is parsed', () => {
  const big = `apiVersion: blogctl/v1\nstack: blog\nresources: {}\n${'# padding padding padding padding\n'.repeat(MAX_SPEC_BYTES / 34 + 10)}`;
  const bytes = Buffer.byteLength(big).toLocaleString('en-US');
  const expected = `big.yaml:1:1: the spec is ${bytes} bytes; blogctl reads specs of at most 4 MiB (4,194,304 bytes; 5,000 resources take about 1.4 MiB): split the stack into several specs`;
  assert.deepEqual(problemsOf(() => loadSpec(big, 'big.yaml', options)), [expected]);
  const file = join(dir, 'big.yaml');
  writeFileSync(file, big);
  assert.deepEqual(problemsOf(() => loadSpecFile(file, options)), [`${dir}/${expected}`]);
});

test('a spec of 5,000 generated resources fits the size limit', () => {
  const text = scaleSpecText(5000);
  assert.ok(Buffer.byteLength(text) < MAX_SPEC_BYTES / 2, `${Buffer.byteLength(text)} bytes`);
});

test('a directory given as the spec is refused, naming what it is (a FIFO: test/cli.test.ts)', () => {
  const sub = join(dir, 'a-directory');
  mkdirSync(sub);
  assert.deepEqual(problemsOf(() => loadSpecFile(sub, options)), [
    `${sub}:1:1: the spec must be a regular file, and this is a directory; pass a YAML file with -f`,
  ]);
});
