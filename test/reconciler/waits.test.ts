/**
 * Waits and retries of whole operations: readiness and deletes wait on the engine's
 * (virtual) clock with progress lines and the kind's limits; an operation that fails
 * with a retryable error past the SDK's retries is converged from a fresh observe.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Log } from '../../src/reconciler/types.ts';
import { formatElapsed } from '../../src/reconciler/wait.ts';
import { fakeWorld, res, spec } from './fake-engine.ts';

/** A logger that keeps every line: [level, message, fields]. */
export function memoryLog(lines: [string, string, object][] = [], bindings: object = {}): Log & { lines: [string, string, object][] } {
  const at = (level: string) => (obj: object, msg?: string) => void lines.push([level, msg ?? '', { ...bindings, ...obj }]);
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: (b) => memoryLog(lines, { ...bindings, ...b }) };
}

test('elapsed time reads like Terraform\'s', () => {
  assert.deepEqual([0, 45_000, 80_000, 3_720_000].map(formatElapsed), ['0s', '45s', '1m20s', '1h2m']);
});

test('a long readiness wait says it is still going, naming the resource and the elapsed time', async () => {
  const log = memoryLog();
  const w = fakeWorld({ log });
  w.cloud.pendingPollsByKind['rds.db-instance'] = 12;
  const r = await w.reconcile(spec(res('db', 'rds.db-instance', { name: 'db' }) + res('app', 'ec2.launch-template', { host: '${db.endpoint}' })));
  assert.equal(r.by('app').status, 'created');
  const progress = log.lines.filter(([level, msg]) => level === 'info' && msg.startsWith('Still creating...'));
  assert.ok(progress.length >= 2, `progress lines: ${JSON.stringify(log.lines)}`);
  assert.match(progress[0]![1], /^Still creating\.\.\. \[\d+s elapsed\]$/);
  assert.equal((progress[0]![2] as { resource?: string }).resource, 'db');
});

test('a kind\'s ready limit fails the wait with a clear message; its dependents are skipped with the reason', async () => {
  const w = fakeWorld({ overrides: { 'rds.db-instance': { timeouts: { ready: 90_000 } } } });
  w.cloud.pendingPollsByKind['rds.db-instance'] = 1_000;
  const r = await w.reconcile(spec(res('db', 'rds.db-instance', { name: 'db' }) + res('app', 'ec2.launch-template', { host: '${db.endpoint}' })));
  assert.equal(r.by('db').status, 'created');
  assert.equal(r.by('app').status, 'skipped');
  assert.match(r.by('app').reason!, /needs db ready: still creating after 1m30s, its kind's limit/);
  assert.equal(r.exit, 4);
});

test('a create that fails half-way with a retryable error is finished from a fresh observe, not repeated', async () => {
  const w = fakeWorld();
  const throttled = Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $retryable: { throttling: true }, $metadata: {}, $operation: 'AuthorizeSecurityGroupIngress' });
  let failures = 1;
  const base = w.cloud.adapter('ec2.security-group');
  w.adapters.set('ec2.security-group', {
    ...base,
    // Makes the group, then the "rules" call is throttled past the SDK's retries once.
    create: async (id, desired, ctx) => {
      const made = await base.create(id, { ...desired, rules: 'none yet' }, ctx);
      if (failures-- > 0) throw throttled;
      return base.update(id, desired, made, [], ctx);
    },
  });
  const s = spec(res('web', 'ec2.security-group', { name: 'web', rules: 'https' }));
  const r = await w.reconcile(s);
  assert.equal(r.by('web').status, 'created');
  assert.equal(w.live('web').length, 1, 'no second group');
  assert.equal(w.live('web')[0]!.props.rules, 'https', 'the update finished what the create began');
  assert.equal(w.retries.count, 1);
  assert.equal((await w.plan(s)).exit, 0);
});

test('an error that is not retryable names the operation and the AWS code, and is not retried', async () => {
  const w = fakeWorld();
  const conflict = Object.assign(new Error("The CIDR '10.0.1.0/24' conflicts with another subnet"), {
    name: 'InvalidSubnet.Conflict', $fault: 'client', $metadata: { httpStatusCode: 400 }, $operation: 'CreateSubnet',
  });
  const base = w.cloud.adapter('ec2.subnet');
  w.adapters.set('ec2.subnet', { ...base, create: async () => { throw conflict; } });
  const r = await w.reconcile(spec(res('publicSubnetA', 'ec2.subnet', { cidr: '10.0.1.0/24' })));
  assert.equal(r.by('publicSubnetA').reason, "create publicSubnetA (ec2.subnet): CreateSubnet: InvalidSubnet.Conflict: The CIDR '10.0.1.0/24' conflicts with another subnet");
  assert.equal(w.retries.count, 0);
});

test('observe retries a throttled read and names the kind, operation and code when it gives up', async () => {
  const w = fakeWorld();
  let left = 2;
  const base = w.cloud.adapter('ec2.vpc');
  const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'RequestLimitExceeded', $retryable: { throttling: true }, $metadata: {}, $operation: 'DescribeVpcs' });
  w.adapters.set('ec2.vpc', { ...base, observe: async (q, ctx) => { if (left-- > 0) throw throttled(); return base.observe(q, ctx); } });
  const s = spec(res('vpc', 'ec2.vpc', { cidr: '10.0.0.0/16' }));
  assert.equal((await w.plan(s)).action('vpc').type, 'create');
  assert.equal(w.retries.count, 2);
  left = 100;
  await assert.rejects(w.plan(s), /^AdapterError: observe ec2\.vpc: DescribeVpcs: RequestLimitExceeded: Rate exceeded$/m);
});
