import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Plan, PlannedAction } from '../../src/reconciler/plan.ts';
import { planJson, renderPlanMarkdown, renderPlanText, showValue } from '../../src/reconciler/render/plan.ts';
import { wantsColor } from '../../src/reconciler/render/style.ts';

const action = (a: Partial<PlannedAction> & Pick<PlannedAction, 'id' | 'type'>): PlannedAction => ({
  kind: 'ec2.subnet', reason: 'r', reasonCode: 'differs', changes: [], protect: false, ...a,
});

const plan: Plan = {
  stack: 'blog',
  actions: [
    action({ id: 'vpc', kind: 'ec2.vpc', type: 'create', reasonCode: 'not-found', reason: 'not found in AWS', desired: { cidrBlock: '10.0.0.0/16' } }),
    action({ id: 'a', type: 'update', drift: 'aws', changes: [{ path: 'mapPublicIpOnLaunch', from: false, to: true }] }),
    action({
      id: 'b', type: 'delete-then-create', reasonCode: 'immutable-changed', forcedBy: ['cidrBlock'],
      blocked: { code: 'needs-allow-replace', message: 'needs --allow-replace' }, changes: [{ path: 'cidrBlock', from: '10.0.1.0/24', to: '10.0.9.0/24' }],
    }),
    action({ id: 'rt', kind: 'ec2.route-table', type: 'create-then-delete', reasonCode: 'immutable-changed', forcedBy: ['vpcId'], changes: [{ path: 'vpcId', from: 'vpc-1', to: 'vpc-2' }] }),
    action({ id: 'old', type: 'delete', reasonCode: 'left-spec', reason: 'left the spec', blocked: { code: 'needs-allow-delete', message: 'needs --allow-delete' } }),
    action({ id: 'lt', kind: 'ec2.launch-template', type: 'noop', reasonCode: 'unsupported', blocked: { code: 'no-adapter', message: 'no adapter' } }),
    action({ id: 'same', type: 'noop', reasonCode: 'in-sync', reason: 'in sync' }),
  ],
};

test('text: Terraform-like symbols, field changes, forced replacement, blocked reasons, summary', () => {
  const text = renderPlanText(plan, false);
  assert.match(text, /^ {2}\+ vpc .*\(not found in AWS\)\n {6}\+ cidrBlock: "10\.0\.0\.0\/16"/m);
  assert.match(text, /^ {2}~ a .*someone changed AWS\)\n {6}~ mapPublicIpOnLaunch: false -> true$/m);
  assert.match(text, /^-\/\+ b .*\n {6}blocked: needs --allow-replace\n {6}~ cidrBlock: "10\.0\.1\.0\/24" -> "10\.0\.9\.0\/24" {2}# forces replacement$/m);
  assert.match(text, /^\+\/- rt .*\n {6}~ vpcId: "vpc-1" -> "vpc-2" {2}# forces replacement$/m, 'create-before-delete shows +/-');
  assert.match(text, /^ {2}- old .*\(left the spec\)\n {6}blocked: needs --allow-delete$/m);
  assert.match(text, /^ {2}\? lt .*not yet supported/m);
  assert.doesNotMatch(text, /same/);
  assert.match(text, /Plan: 1 to create, 1 to update, 2 to replace, 1 to delete; 2 blocked, 1 not yet supported, 1 unchanged\.$/);
  assert.doesNotMatch(text, /\u001b\[/, 'no colour when not asked');
  assert.match(renderPlanText(plan, true), /\u001b\[32m/);
});

test('colour only on a TTY and never with NO_COLOR', () => {
  assert.equal(wantsColor({ isTTY: true }, {}), true);
  assert.equal(wantsColor({ isTTY: false }, {}), false);
  assert.equal(wantsColor({ isTTY: true }, { NO_COLOR: '1' }), false);
  assert.equal(wantsColor({ isTTY: false }, { FORCE_COLOR: '1' }), true);
});

test('json: the documented schema', () => {
  const json = planJson(plan) as { formatVersion: number; summary: Record<string, number>; actions: Record<string, unknown>[] };
  assert.equal(json.formatVersion, 2);
  assert.deepEqual(json.summary, { create: 1, update: 1, replace: 2, delete: 1, noop: 1, blocked: 2, unsupported: 1 });
  assert.deepEqual(Object.keys(json.actions[1]!), [
    'id', 'kind', 'action', 'symbol', 'reasonCode', 'reason', 'blocked', 'unsupported', 'adopt', 'drift', 'protect', 'forcedBy', 'changes',
  ]);
  assert.deepEqual(json.actions[0]!.desired, { cidrBlock: '10.0.0.0/16' });
  assert.deepEqual(json.actions.slice(2, 5).map((a) => [a.action, a.symbol, a.blocked]), [
    ['delete-then-create', '-/+', { code: 'needs-allow-replace', message: 'needs --allow-replace' }],
    ['create-then-delete', '+/-', null],
    ['delete', '-', { code: 'needs-allow-delete', message: 'needs --allow-delete' }],
  ]);
});

test('markdown: a table and a diff per changed resource', () => {
  const md = renderPlanMarkdown(plan);
  assert.match(md, /\| `-\/\+` \| `b` \| ec2\.subnet \| r \| needs --allow-replace \|/);
  assert.match(md, /```diff\n! cidrBlock: "10\.0\.1\.0\/24" -> "10\.0\.9\.0\/24" {2}# forces replacement\n```/);
});

test('long and multi-line values stay on one short line', () => {
  assert.equal(showValue('#!/bin/bash\necho hi\n'), '<3 lines>');
  assert.equal(showValue('x'.repeat(500)).length, 160);
});

test('a multi-line string change (user data) shows as a unified text diff, in text and markdown', () => {
  const before = ['#!/bin/bash', 'set -e', 'apt-get update', 'apt-get install -y git', 'echo DB_HOST=db-1 > /etc/blog.env', 'systemctl start blog', ''].join('\n');
  const after = before.replace('db-1', 'db-2').replace('apt-get install -y git', 'apt-get install -y git jq');
  const p: Plan = { stack: 'blog', actions: [action({ id: 'lt', kind: 'ec2.launch-template', type: 'update', changes: [{ path: 'userData', from: before, to: after }] })] };
  const text = renderPlanText(p, false);
  assert.match(text, /~ userData: \(text diff\)\n {10}@@ -1,6 \+1,6 @@\n {10}  #!\/bin\/bash\n/);
  assert.match(text, /^ {10}- apt-get install -y git\n {10}- echo DB_HOST=db-1 > \/etc\/blog\.env\n {10}\+ apt-get install -y git jq\n {10}\+ echo DB_HOST=db-2 > \/etc\/blog\.env$/m);
  assert.doesNotMatch(text, /lines>/);
  assert.doesNotMatch(text, /IyEv/, 'never base64');
  const colored = renderPlanText(p, true);
  assert.match(colored, /\u001b\[31m- echo DB_HOST=db-1/);
  assert.match(colored, /\u001b\[32m\+ echo DB_HOST=db-2/);
  const md = renderPlanMarkdown(p);
  assert.match(md, /```diff\n! userData: \(text diff\)\n {2}@@ -1,6 \+1,6 @@\n(.|\n)*^- {5}echo DB_HOST=db-1.*\n(.|\n)*^\+ {5}echo DB_HOST=db-2/m);
  // Added user data (none before): every line is an addition.
  const added = renderPlanText({ stack: 'blog', actions: [action({ id: 'i', type: 'update', changes: [{ path: 'userData', from: undefined, to: 'a\nb\n' }] })] }, false);
  assert.match(added, /@@ -0,0 \+1,2 @@\n {10}\+ a\n {10}\+ b$/m);
  // A create still lists the text by its size only.
  assert.match(renderPlanText({ stack: 'blog', actions: [action({ id: 'c', type: 'create', desired: { userData: after } })] }, false), /\+ userData: <7 lines>/);
});

test('totals: throttled attempts with their backoff, and operations the engine retried', async () => {
  const { renderTotals } = await import('../../src/reconciler/render/outcomes.ts');
  const o = [{ id: 'vpc', kind: 'ec2.vpc', action: 'create' as const, status: 'created' as const, ms: 5 }];
  assert.equal(renderTotals(o, 2100, 41), 'Applied: 1 created in 2.1 s, 41 API calls.');
  assert.equal(
    renderTotals(o, 2100, 41, { throttled: 12, throttledWaitMs: 3400, operations: 2 }),
    'Applied: 1 created in 2.1 s, 41 API calls (12 throttled, backed off 3.4 s in all; 2 operations retried).',
  );
});
