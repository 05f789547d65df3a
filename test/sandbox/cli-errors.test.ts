/**
 * The sandbox through the CLI when something is wrong: one clear line and exit 1, never a
 * stack trace, never "AWS answered" for a local problem; a read-only state file is
 * refused, not replaced; a directory blogctl may not write is not lock contention;
 * `sandbox show --output json` redacts secret values.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CreateDBInstanceCommand } from '@aws-sdk/client-rds';
import { runCli } from './cli-run.ts';
import { blogDb, rdsHarness } from './rds/setup.ts';

const dir = mkdtempSync(join(tmpdir(), 'blogctl-sandbox-cli-'));
const root = join(import.meta.dirname, '..', '..');

const run = runCli;

/** Exit 1 with one line on stderr, no stack trace. */
function clearError(r: { code: number; out: string; err: string }, pattern: RegExp): void {
  assert.equal(r.code, 1, r.out + r.err);
  assert.match(r.err, pattern);
  assert.equal(r.err.trim().split('\n').length, 1, r.err);
  assert.doesNotMatch(r.err, /\n\s+at |AWS answered/);
}

describe('sandbox errors through the CLI', () => {
  it('a read-only state file is read, never changed or replaced', async () => {
    const file = join(dir, 'readonly.json');
    assert.equal((await run('sandbox', 'show', '--sandbox-file', file)).code, 0);
    chmodSync(file, 0o444);
    const before = { text: readFileSync(file, 'utf8'), stat: statSync(file) };
    const tamper = await run('sandbox', 'tamper', 'ec2', 'CreateVpc', '{"CidrBlock":"10.9.0.0/16"}', '--sandbox-file', file);
    clearError(tamper, new RegExp(`sandbox state ${file} is read-only \\(mode 0444\\).*chmod u\\+w`));
    clearError(await run('sandbox', 'reset', '--sandbox-file', file), /is read-only/);
    assert.equal((await run('sandbox', 'show', '--sandbox-file', file)).code, 0, 'reads still work');
    const after = statSync(file);
    assert.equal(readFileSync(file, 'utf8'), before.text);
    assert.deepEqual([after.ino, after.mode, after.uid], [before.stat.ino, before.stat.mode, before.stat.uid], 'the same file, mode and owner');
  });

  it('a corrupt state file: one line naming it and the reset command for this file', async () => {
    const file = join(dir, 'my sandbox.json');
    writeFileSync(file, '{"schemaVersion": 1, "acc');
    const hint = /sandbox state .*my sandbox\.json is not valid JSON.*run `blogctl sandbox reset --sandbox-file '.*my sandbox\.json'`/;
    clearError(await run('sandbox', 'show', '--sandbox-file', file), hint);
    const spec = join(dir, 'vpc.yaml');
    writeFileSync(spec, 'apiVersion: blogctl/v1\nstack: blog\nresources:\n  vpc:\n    kind: ec2.vpc\n    properties: { cidrBlock: 10.0.0.0/16 }\n');
    clearError(await run('plan', '-f', spec, '--sandbox-file', file), hint);
  });

  it('tamper errors print the AWS error code and message', async () => {
    const file = join(dir, 'tamper.json');
    clearError(await run('sandbox', 'tamper', 'ec2', 'DeleteVpc', '{"VpcId":"vpc-nope"}', '--sandbox-file', file), /ec2 answered DeleteVpc with InvalidVpcID\.Malformed: Invalid id: "vpc-nope"/);
    clearError(await run('sandbox', 'tamper', 'ec2', 'DeleteVpc', '{"VpcId":"vpc-0123456789abcdef0"}', '--sandbox-file', file), /InvalidVpcID\.NotFound: The vpc ID 'vpc-0123456789abcdef0' does not exist/);
    clearError(await run('sandbox', 'tamper', 'ec2', 'Frobnicate', '{}', '--sandbox-file', file), /InvalidAction/);
    clearError(await run('sandbox', 'tamper', 'ec2', 'DescribeVpcs', '{"Filters":"x"}', '--sandbox-file', file), /DescribeVpcs failed on this input .* DescribeVpcsCommandInput/);
    clearError(await run('sandbox', 'tamper', 'ec2', 'DescribeVpcs', '42', '--sandbox-file', file), /must be a JSON object/);
  });

  it('a malformed BLOGCTL_SANDBOX_* variable names itself', async () => {
    process.env['BLOGCTL_SANDBOX_LATENCY_MS'] = 'abc';
    try {
      clearError(await run('sandbox', 'show', '--sandbox-file', join(dir, 'env.json')), /^blogctl: BLOGCTL_SANDBOX_LATENCY_MS must be a number from 0 to 600000, got 'abc'$/);
    } finally {
      delete process.env['BLOGCTL_SANDBOX_LATENCY_MS'];
    }
  });

  it('a directory blogctl may not write fails at once, as a permission problem, not lock contention', () => {
    const locked = join(dir, 'no-write');
    mkdirSync(locked);
    // Root writes anywhere, so the CLI runs as nobody; anyone else is kept out by the mode.
    const asRoot = process.getuid?.() === 0;
    chmodSync(dir, 0o755);
    chmodSync(locked, asRoot ? 0o755 : 0o555);
    const started = Date.now();
    const r = spawnSync(process.execPath, [join(root, 'bin', 'blogctl.js'), 'sandbox', 'show', '--sandbox-file', join(locked, 'sandbox.json')], {
      encoding: 'utf8',
      env: { ...process.env, HOME: tmpdir() },
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    assert.ok(Date.now() - started < 10_000, 'no waiting for a lock nobody holds');
    clearError({ code: r.status ?? -1, out: r.stdout, err: r.stderr }, /cannot lock .*sandbox\.json\.lock \(EACCES: permission denied\); blogctl needs to write the sandbox's directory/);
    assert.doesNotMatch(r.stderr, /stayed locked|remove /);
  });

  it('show --output json redacts secret values (the RDS-managed master password)', async () => {
    const file = join(dir, 'secrets.json');
    const h = await rdsHarness({ file });
    await h.rds.send(new CreateDBInstanceCommand(blogDb(h.net)));
    await h.sandbox.idle();
    const raw = readFileSync(file, 'utf8');
    const stored = Object.values((JSON.parse(raw).services.secretsmanager as { secrets: Record<string, { secretString: string }> }).secrets);
    const password = stored[0]!.secretString;
    assert.match(password, /"password":/, 'the secret is in the state file');
    const shown = await run('sandbox', 'show', '--output', 'json', '--sandbox-file', file);
    assert.equal(shown.code, 0, shown.err);
    const secrets = JSON.parse(shown.out).services.secretsmanager.secrets as Record<string, { secretString: string; name: string }>;
    assert.deepEqual(Object.values(secrets).map((s) => s.secretString), ['(redacted)']);
    assert.ok(!shown.out.includes(JSON.parse(password).password));
  });
});
