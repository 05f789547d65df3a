/**
 * The corpus of bad specs: each file under test/fixtures/bad/ states, in `# expect:`
 * header lines, the exact problems (line:col: message) the loader must report, all of
 * them, in order. `# param: k=v` lines pass --param values, `# env: K=V` lines set the
 * environment. `# warn:` lines are the exact warnings of a spec that loads (a file
 * with warnings and no `# expect:` must load).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SpecError } from '../../src/reconciler/errors.ts';
import { loadSpec, type LoadedSpec } from '../../src/reconciler/spec/load.ts';
import { kindCatalog } from '../../src/resources/registry.ts';
import type { SpecProblem } from '../../src/reconciler/types.ts';

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
    const pairs = (prefix: string) =>
      Object.fromEntries(
        header.filter((l) => l.startsWith(prefix)).map((l) => {
          const kv = l.slice(prefix.length);
          return [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)];
        }),
      );
    const warnings = header.filter((l) => l.startsWith('# warn: ')).map((l) => l.slice('# warn: '.length));
    assert.ok(expected.length > 0 || warnings.length > 0, `${name} has no "# expect:" or "# warn:" line`);
    const show = (p: SpecProblem) => `${p.pos.file === name ? '' : `${p.pos.file}:`}${p.pos.line}:${p.pos.col}: ${p.message}`;
    let loaded: LoadedSpec | undefined;
    let error: unknown;
    try {
      loaded = loadSpec(text, name, { catalog: kindCatalog, params: pairs('# param: '), env: pairs('# env: ') });
    } catch (err) {
      error = err;
    }
    if (expected.length === 0) {
      if (error) throw error;
      assert.deepEqual(loaded!.warnings.map(show), warnings);
      return;
    }
    assert.ok(error instanceof SpecError, `${name} loaded without error`);
    assert.deepEqual(error.problems.map(show), expected);
  });
}
