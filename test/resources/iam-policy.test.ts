/**
 * `blogctl iam-policy` is derived from a declared table (src/resources/iam/actions.ts);
 * this test keeps the table honest by scanning the sources: every SDK operation an
 * adapter calls (its file and the local files it imports) must be in its kind's
 * actions, and every operation any other part of blogctl calls must be in the policy.
 * No action holds `*`.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { main, type Io } from '../../src/index.ts';
import { KIND_ACTIONS } from '../../src/resources/iam/actions.ts';
import { iamPolicy } from '../../src/resources/iam/policy.ts';
import { iamActionsFor } from '../../src/resources/iam/sdk-operations.ts';
import { adapters } from '../../src/resources/registry.ts';
import { KINDS, type Kind } from '../../src/reconciler/types.ts';

const src = resolve(import.meta.dirname, '..', '..', 'src');

/** `prefix:Action` needed by the SDK operations a file imports (Command classes and paginators). */
function operationsIn(file: string): { action: string; operation: string }[] {
  const text = readFileSync(file, 'utf8');
  const out: { action: string; operation: string }[] = [];
  for (const m of text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s*from\s*'@aws-sdk\/(client-[a-z0-9-]+)'/g)) {
    if (m[1]) continue;
    for (const raw of m[2]!.split(',')) {
      const name = raw.trim().split(/\s+as\s+/)[0]!;
      if (!name || name.startsWith('type ')) continue;
      const op = /^(\w+)Command$/.exec(name)?.[1] ?? /^paginate(\w+)$/.exec(name)?.[1];
      if (op) for (const action of iamActionsFor(m[3]!, op)) out.push({ action, operation: op });
    }
  }
  return out;
}

/** The file and every local file it imports, transitively, inside src/resources. */
function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const m of readFileSync(file, 'utf8').matchAll(/from\s*'(\.{1,2}\/[^']+\.ts)'/g)) {
    const next = resolve(dirname(file), m[1]!);
    if (next.startsWith(join(src, 'resources'))) closure(next, seen);
  }
  return seen;
}

/** Kind -> the file its adapter comes from, read from registry.ts. */
function adapterFiles(): Map<Kind, string> {
  const registry = join(src, 'resources', 'registry.ts');
  const text = readFileSync(registry, 'utf8');
  const fileOf = new Map<string, string>();
  for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'(\.\/[^']+)'/g))
    for (const name of m[1]!.split(',').map((n) => n.trim())) fileOf.set(name, resolve(dirname(registry), m[2]!));
  const table = text.slice(text.indexOf('export const adapters'));
  const out = new Map<Kind, string>();
  for (const m of table.matchAll(/'([a-z0-9.-]+)':\s*(\w+)/g)) out.set(m[1] as Kind, fileOf.get(m[2]!)!);
  return out;
}

/** For each adapter kind, what it calls that `table` does not grant: `kind: action (Operation in file)`. */
function missingActions(table: { readonly [K in Kind]?: readonly string[] }): string[] {
  const missing: string[] = [];
  for (const [kind, file] of adapterFiles()) {
    const granted = new Set(table[kind] ?? []);
    for (const f of closure(file)) for (const { action, operation } of operationsIn(f))
      if (!granted.has(action)) missing.push(`${kind}: ${action} (${operation} in ${relative(src, f)})`);
  }
  return [...new Set(missing)];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('every adapter registered is read from registry.ts, and every one has a declared entry', () => {
  const files = adapterFiles();
  assert.deepEqual([...files.keys()].sort(), KINDS.filter((k) => adapters[k]).sort());
  for (const kind of files.keys()) assert.ok(KIND_ACTIONS[kind]?.length, `${kind}: no IAM actions declared in src/resources/iam/actions.ts`);
});

test('each adapter\'s SDK operations are granted to its kind', () => {
  assert.deepEqual(missingActions(KIND_ACTIONS), []);
});

test('the check fails when an adapter uses an operation the table lacks', () => {
  const without = { ...KIND_ACTIONS, 'ec2.vpc': KIND_ACTIONS['ec2.vpc']!.filter((a) => a !== 'ec2:ModifyVpcAttribute') };
  assert.deepEqual(missingActions(without), ['ec2.vpc: ec2:ModifyVpcAttribute (ModifyVpcAttribute in resources/ec2-vpc/adapter.ts)']);
});

test('every SDK operation blogctl calls outside adapters (lease, drift, wiring) is in the policy', () => {
  const policy = iamPolicy(KINDS.filter((k) => adapters[k]), { table: 'blogctl-leases' });
  const granted = new Set(policy.Statement.flatMap((s) => s.Action));
  const skip = [join(src, 'sandbox'), join(src, 'lambda')]; // the simulator; the Lambda's own role
  const missing = sourceFiles(src).filter((f) => !skip.some((d) => f.startsWith(d)))
    .flatMap((f) => operationsIn(f).filter((o) => !granted.has(o.action)).map((o) => `${o.action} (${relative(src, f)})`));
  assert.deepEqual(missing, []);
});

test('blogctl iam-policy: valid policy JSON, no wildcard action, the lease scoped to its table', async () => {
  const out: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => out.push(t) };
  assert.equal(await main(['iam-policy', '--lease-table', 'ops-leases'], io), 0);
  const doc = JSON.parse(out.join('')) as { Version: string; Statement: { Sid: string; Action: string[]; Resource: string }[] };
  assert.equal(doc.Version, '2012-10-17');
  for (const s of doc.Statement) for (const a of s.Action) assert.match(a, /^[a-z0-9-]+:[A-Za-z0-9]+$/, `${s.Sid}: ${a}`);
  const lease = doc.Statement.find((s) => s.Sid === 'BlogctlStackLease')!;
  assert.equal(lease.Resource, 'arn:aws:dynamodb:*:*:table/ops-leases');
  assert.ok(doc.Statement.find((s) => s.Sid === 'BlogctlEc2')!.Action.includes('ec2:AuthorizeSecurityGroupIngress'));
});

test('docs/OPERATIONS.md shows the policy exactly as blogctl iam-policy prints it (it was behind the drift --unmanaged bucket listing)', async () => {
  const out: string[] = [];
  assert.equal(await main(['iam-policy'], { out: (t) => out.push(t), err: (t) => out.push(t) }), 0);
  const doc = readFileSync(join(src, '..', 'docs', 'OPERATIONS.md'), 'utf8');
  const shown = /## The IAM policy[\s\S]*?```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
  assert.equal(shown, out.join('\n').trimEnd());
});
