/**
 * elbv2.target-group on the sandbox, beyond the shared contract: the health check and
 * attributes change in place (ModifyTargetGroup, ModifyTargetGroupAttributes) and come
 * back without false drift; protocol, port and VPC replace, naming the field; a TCP
 * group has no health check path or matcher to compare.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { targetGroupAdapter as tg } from '../../src/resources/elbv2-target-group/index.ts';
import { only, sandboxContext } from './contract.ts';
import { targetGroupDesired } from './dnscert-fixtures.ts';
import { makeVpc } from './network-fixtures.ts';

describe('elbv2.target-group', () => {
  it('changes the health check in place and reads it back as written', async () => {
    const ctx = sandboxContext();
    const vpcId = await makeVpc(ctx, 'vpc');
    const desired = targetGroupDesired(ctx, vpcId);
    const made = await tg.create('tg', desired, ctx);
    const healthier = { ...desired, healthCheck: { ...desired.healthCheck, path: '/healthz', intervalSeconds: 10, timeoutSeconds: 4, matcher: '200-299' }, stickiness: { enabled: true, cookieDurationSeconds: 3600 } };
    const changes = tg.diff(healthier, made);
    assert.deepEqual(changes.map((c) => c.path), ['healthCheck.intervalSeconds', 'healthCheck.timeoutSeconds', 'healthCheck.path', 'healthCheck.matcher', 'stickiness.enabled', 'stickiness.cookieDurationSeconds']);
    assert.ok(changes.every((c) => !tg.replaceOn.includes(c.path.split('.')[0] as never)), 'none forces a replacement');
    await tg.update('tg', healthier, made, changes, ctx);
    const seen = only(await tg.observe([{ id: 'tg', desired: healthier }], ctx), 'tg')!.state;
    assert.deepEqual(tg.diff(healthier, seen), []);
    assert.equal(seen.arn, made.arn, 'the same group');
    assert.equal(ctx.counter.count('elasticloadbalancingv2', 'ModifyTargetGroup'), 1);
  });

  it('replaces for protocol, port or VPC, deleting first while the name stays (names are unique)', async () => {
    const ctx = sandboxContext();
    const [vpcId, otherVpc] = await Promise.all([makeVpc(ctx, 'vpc'), makeVpc(ctx, 'vpc2', '10.30.0.0/16')]);
    const desired = targetGroupDesired(ctx, vpcId);
    const made = await tg.create('tg', desired, ctx);
    const moved = tg.diff({ ...desired, vpcId: otherVpc, port: 8080 }, made);
    assert.deepEqual(moved.map((c) => [c.path, c.deleteBeforeReplace]), [['port', true], ['vpcId', true]]);
    const renamed = tg.diff({ ...desired, name: `${ctx.stack}-tg2`, port: 8080 }, made);
    assert.deepEqual(renamed.map((c) => [c.path, c.deleteBeforeReplace]), [['name', undefined], ['port', undefined]]);
  });

  it('compares no path or matcher for a TCP group, and no stickiness', async () => {
    const ctx = sandboxContext();
    const vpcId = await makeVpc(ctx, 'vpc');
    const base = targetGroupDesired(ctx, vpcId);
    const desired = { ...base, protocol: 'TCP' as const, healthCheck: { ...base.healthCheck, protocol: 'TCP' as const, intervalSeconds: 30, timeoutSeconds: 10 } };
    const made = await tg.create('tg', desired, ctx);
    assert.equal(made.healthCheck.path, undefined);
    const seen = only(await tg.observe([{ id: 'tg', desired }], ctx), 'tg')!.state;
    assert.deepEqual(tg.diff(desired, seen), []);
  });
});
