/**
 * What a start loads (issue 9): `--help` and `validate` load no AWS SDK client and no
 * adapter; a command loads its own modules only when it runs. Checked on the module
 * graph esbuild builds for the CLI's bundle: the modules reachable from the entry by
 * static imports (what every start loads), and from the spec commands' module.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { build, type Metafile } from 'esbuild';

const root = join(import.meta.dirname, '..');

async function graph(entry: string, splitting: boolean): Promise<Metafile> {
  const result = await build({
    entryPoints: [join(root, entry)], bundle: true, splitting, format: 'esm', platform: 'node', outdir: '/tmp/blogctl-startup-test',
    write: false, metafile: true, logLevel: 'silent', external: ['esbuild', 'tsx', 'tsx/*'],
  });
  return result.metafile;
}

/** Inputs of the outputs reachable from the entry's output through static imports only. */
function staticInputs(meta: Metafile, entryPoint: string): string[] {
  const entry = Object.entries(meta.outputs).find(([, o]) => o.entryPoint === entryPoint)![0];
  const seen = new Set<string>();
  const visit = (out: string) => {
    if (seen.has(out)) return;
    seen.add(out);
    for (const i of meta.outputs[out]!.imports) if (i.kind === 'import-statement' && meta.outputs[i.path]) visit(i.path);
  };
  visit(entry);
  return [...seen].flatMap((o) => Object.keys(meta.outputs[o]!.inputs));
}

test('every start (the entry and its static imports) loads no AWS SDK client, no adapter, no engine', async () => {
  const inputs = staticInputs(await graph('src/index.ts', true), 'src/index.ts');
  assert.ok(inputs.includes('src/cli/args.ts'), 'the walk found the entry');
  assert.deepEqual(inputs.filter((i) => i.includes('@aws-sdk/')), []);
  assert.deepEqual(inputs.filter((i) => /src\/resources\/[^/]+\/adapter\.ts$/.test(i)), []);
  assert.deepEqual(inputs.filter((i) => /src\/reconciler\/(apply|observe|plan)\.ts$/.test(i)), []);
});

test('validate, graph and schema load the kinds\' schemas and no AWS SDK client', async () => {
  const inputs = Object.keys((await graph('src/cli/commands/spec.ts', false)).inputs);
  assert.deepEqual(inputs.filter((i) => i.includes('@aws-sdk/')), []);
  assert.ok(inputs.some((i) => i.endsWith('src/resources/ec2-vpc/schema.ts')));
  assert.ok(!inputs.some((i) => i.endsWith('src/resources/ec2-vpc/adapter.ts')));
});
