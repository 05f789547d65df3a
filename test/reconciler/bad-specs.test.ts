/**
 * The corpus of bad specs: each file under test/fixtures/bad/ states, in `# expect:`
 * header lines, the exact problems (line:col: message) the loader must report, all of
 * them, in order. `# param: k=v` lines pass --param values.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SpecError } from '../../src/reconciler/errors.ts';
import { loadSpec } from '../../src/reconciler/spec/load.ts';
import { kindCatalog } from '../../src/resources/registry.ts';

const dir = join(import.meta.dirname, '..', 'fixtures', 'bad');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

test('the corpus has at least 30 bad specs', () => {
  assert.ok(files.length >= 30, `only ${files.length} fixtures`);
});

for (const name of files) {
  test(`bad spec ${name}`, () => {
    const text = readFileSync(join(dir, name), 'utf8');
    const header = text.split('\n').filter((l) => l.startsWith('# '));
    const expected = header.filter((l) => l.startsWith('# expect: ')).map((l) => l.slice('# expect: '.length));
    const params = Object.fromEntries(
      header.filter((l) => l.startsWith('# param: ')).map((l) => {
        const kv = l.slice('# param: '.length);
        return [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)];
      }),
    );
    assert.ok(expected.length > 0, `${name} has no "# expect:" line`);
    let error: unknown;
    try {
      loadSpec(text, name, { catalog: kindCatalog, params, env: {} });
    } catch (err) {
      error = err;
    }
    assert.ok(error instanceof SpecError, `${name} loaded without error`);
    const actual = error.problems.map((p) => `${p.pos.file === name ? '' : `${p.pos.file}:`}${p.pos.line}:${p.pos.col}: ${p.message}`);
    assert.deepEqual(actual, expected);
  });
}
