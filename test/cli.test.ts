import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

test('the bin runs through node with no build step to remember: from its bundle, or from the sources', () => {
  const bin = join(import.meta.dirname, '..', 'bin', 'blogctl.js');
  for (const env of [process.env, { ...process.env, BLOGCTL_FROM_SOURCE: '1' }]) {
    const ok = execFileSync(process.execPath, [bin, 'validate', '-f', good], { encoding: 'utf8', env });
    assert.match(ok, /valid/);
    const failed = spawnSync(process.execPath, [bin, 'validate', '-f', bad], { encoding: 'utf8', env });
    assert.equal(failed.status, 1);
    assert.match(failed.stderr, /did you mean "cidrBlock"/);
  }
  const dist = join(import.meta.dirname, '..', 'dist');
  assert.ok(readdirSync(dist).some((d) => d.startsWith('cli-') && existsSync(join(dist, d, 'complete'))), 'the bundle was built and marked complete');
});

test('the spec may be named as the one argument of a spec command, as with -f', async () => {
  const c = capture();
  assert.equal(await main(['validate', good], c.io), 0);
  assert.match(c.out.join(''), new RegExp(`^${good.replaceAll('/', '\\/')}: valid`));
  const failed = capture();
  assert.equal(await main(['graph', bad], failed.io), 1);
  assert.match(failed.err.join('\n'), /unknown field "cidrBlok"/);
  assert.equal(await main(['validate', '-f', good, good], capture().io), 0, 'the same file twice is one spec');
});

test('extra arguments are refused, not ignored: two specs, words after the spec, -t ""', async () => {
  const cases: [string[], RegExp][] = [
    [['validate', good, 'extra'], /^blogctl: validate takes one spec file, got ".*good\.yaml extra"; name one spec \(blogctl validate SPEC or -f SPEC\)$/],
    [['plan', 'extra', 'args'], /^blogctl: plan takes one spec file, got "extra args"/],
    [['validate', '-f', good, bad], /^blogctl: two specs given, -f .*good\.yaml and .*bad\.yaml: name one$/],
    [['schema', 'x'], /^blogctl: schema takes no arguments, got "x"$/],
    [['plan', '-f', good, '-t', ''], /^blogctl: --target takes resource ids, got an empty one in ""; leave --target out to plan every resource$/],
    [['plan', '-f', good, '-t', 'vpc,,x'], /^blogctl: --target takes resource ids, got an empty one in "vpc,,x"/],
  ];
  for (const [argv, message] of cases) {
    const c = capture();
    assert.equal(await main(argv, c.io), 1, argv.join(' '));
    assert.match(c.err.join('\n'), message, argv.join(' '));
    assert.deepEqual(c.out, [], argv.join(' '));
  }
});

test('sandbox subcommands keep their own arguments', async () => {
  const c = capture();
  assert.equal(await main(['sandbox', 'show', '--sandbox-file', join(dir, 'sandbox.json')], c.io), 0);
  assert.match(c.out.join(''), /^account \d+/);
});

test('a BLOGCTL_PARAM_ variable that sets no param is a located warning on stderr; the command still runs', async () => {
  const withParams = join(dir, 'params.yaml');
  writeFileSync(withParams, 'apiVersion: blogctl/v1\nstack: blog\nparams:\n  region: { default: us-east-1 }\nregion: ${param.region}\nresources: {}\n');
  process.env.BLOGCTL_PARAM_REGOIN = 'eu-west-1';
  try {
    const c = capture();
    assert.equal(await main(['validate', withParams], c.io), 0);
    assert.match(c.out.join(''), /valid: 0 resources, stack "blog" in us-east-1/);
    assert.deepEqual(c.err, [
      `${withParams}:3:1: warning: BLOGCTL_PARAM_REGOIN is set but sets no param of this spec, so it is ignored; did you mean BLOGCTL_PARAM_REGION (param "region")?`,
    ]);
  } finally {
    delete process.env.BLOGCTL_PARAM_REGOIN;
  }
});

test('a FIFO given as the spec ends at once with exit 1 (it used to block forever)', (t) => {
  const fifo = join(dir, 'spec.fifo');
  try {
    execFileSync('mkfifo', [fifo]);
  } catch {
    t.skip('no mkfifo on this system');
    return;
  }
  const bin = join(import.meta.dirname, '..', 'bin', 'blogctl.js');
  const run = spawnSync(process.execPath, [bin, 'validate', fifo], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 1, `status ${run.status}, signal ${run.signal}`);
  assert.equal(run.stderr.split('\n')[0], `${fifo}:1:1: the spec must be a regular file, and this is a FIFO (named pipe); pass a YAML file with -f`);
});

test('sandbox show lists what the account holds, and no service that holds nothing', async () => {
  const { summarizeAccount } = await import('../src/cli/commands/sandbox.ts');
  const text = summarizeAccount({
    accountId: '123456789012', region: 'us-east-1', createdAt: '2026-01-01T00:00:00Z',
    services: { ec2: { vpcs: { 'vpc-1': {} }, subnets: {}, lookups: { x: 1 } }, sts: { userId: 'AIDA' }, tagging: {} },
  } as never);
  assert.equal(text, 'account 123456789012, region us-east-1, created 2026-01-01T00:00:00Z\nec2:\n  vpcs (1): vpc-1');
});

test('--help lists every flag the parser accepts, and README documents each one (--log-level was missing)', async () => {
  const { FLAGS } = await import('../src/cli/args.ts');
  const { USAGE } = await import('../src/cli/usage.ts');
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const missing = Object.keys(FLAGS).filter((f) => f !== 'once' && !USAGE.includes(`--${f}`));
  assert.deepEqual(missing, [], 'flags absent from --help');
  const undocumented = Object.keys(FLAGS).filter((f) => !readme.includes(`--${f}`));
  assert.deepEqual(undocumented, [], 'flags absent from README.md');
});
