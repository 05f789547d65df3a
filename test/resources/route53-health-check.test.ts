/**
 * route53.health-check on the sandbox, beyond the shared contract: a create cut short
 * between CreateHealthCheck and its tags is found again by the client token in its
 * CallerReference (as "spec not applied yet"), not duplicated; a check deleted and made
 * again with the same spec gets a new CallerReference (Route 53 accepts one only once);
 * AWS's defaults (port, SNI) are not drift; Route 53 calls are paced at five a second.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreateHealthCheckCommand, ListHealthChecksCommand, Route53Client } from '@aws-sdk/client-route-53';
import { CREATING, TAG } from '../../src/reconciler/types.ts';
import { healthCheckAdapter as hc } from '../../src/resources/route53-health-check/index.ts';
import { Pacer } from '../../src/resources/route53/send.ts';
import { only, sandboxContext } from './contract.ts';
import { healthCheckDesired } from './dnscert-fixtures.ts';

const desired = healthCheckDesired('blog-alb-1234567890.us-east-1.elb.amazonaws.com');

describe('route53.health-check', () => {
  it('finds a check whose create stopped before its tags, by the client token in its CallerReference', async () => {
    const ctx = sandboxContext();
    const r53 = ctx.clients.get(Route53Client);
    await r53.send(new CreateHealthCheckCommand({
      CallerReference: `blogctl-${ctx.clientToken('healthCheck')}-crashed`,
      HealthCheckConfig: { Type: 'HTTPS', FullyQualifiedDomainName: desired.fullyQualifiedDomainName, Port: 443, ResourcePath: '/' },
    }));
    const found = only(await hc.observe([{ id: 'healthCheck', desired }], ctx), 'healthCheck')!;
    assert.deepEqual(found.tags, { [TAG.stack]: ctx.stack, [TAG.id]: 'healthCheck', [TAG.spec]: CREATING }, 'ours, spec not applied yet');
    const changes = hc.diff(desired, found.state);
    assert.deepEqual(changes.map((c) => c.path), ['tags.Name']);
    await hc.update('healthCheck', desired, found.state, changes, ctx);
    const tagged = only(await hc.observe([], ctx), 'healthCheck')!;
    assert.equal(tagged.tags[TAG.spec], ctx.identityTags('healthCheck')[TAG.spec]);
    assert.equal((await r53.send(new ListHealthChecksCommand({}))).HealthChecks!.length, 1, 'no duplicate');
  });

  it('makes a check again after a delete: a CallerReference is never reused', async () => {
    const ctx = sandboxContext();
    const first = await hc.create('healthCheck', desired, ctx);
    await hc.delete(first, ctx);
    ctx.h.clock.advance(1_000);
    const second = await hc.create('healthCheck', desired, ctx);
    assert.notEqual(second.callerReference, first.callerReference);
    assert.ok(second.callerReference.startsWith(`blogctl-${ctx.clientToken('healthCheck')}`));
  });

  it('takes AWS\'s defaults (port, SNI) as in sync when the spec leaves them out', async () => {
    const ctx = sandboxContext();
    const { port: _port, enableSni: _sni, ...bare } = desired;
    const made = await hc.create('healthCheck', bare, ctx);
    const seen = only(await hc.observe([{ id: 'healthCheck', desired: bare }], ctx), 'healthCheck')!.state;
    assert.deepEqual([seen.port, seen.enableSni], [443, true]);
    const heard: string[] = [];
    assert.deepEqual(hc.diff(bare, seen, (s) => heard.push(s.path)), []);
    assert.deepEqual(heard, ['port', 'enableSni'], 'drift --explain lists the defaults not compared');
    assert.deepEqual(hc.outputs(made), { id: made.healthCheckId, arn: `arn:aws:route53:::healthcheck/${made.healthCheckId}` });
  });
});

describe('Route 53 pacing', () => {
  it('lets five calls go at once, then one every 200 ms; idle time refills the bucket', () => {
    const p = new Pacer(5, 5);
    assert.deepEqual([0, 0, 0, 0, 0].map(() => p.reserve(1_000)), [0, 0, 0, 0, 0]);
    assert.deepEqual([p.reserve(1_000), p.reserve(1_000), p.reserve(1_100)], [200, 400, 500]);
    assert.equal(p.reserve(10_000), 0, 'after idle seconds the burst is back');
  });

  it('paces the adapters\' calls on the engine clock: 20 observes take 3 s of virtual time', async () => {
    const ctx = sandboxContext();
    const started = ctx.h.clock.now();
    for (let i = 0; i < 20; i++) await hc.observe([], ctx);
    const seconds = (ctx.h.clock.now() - started) / 1000;
    assert.ok(seconds >= 2.9 && seconds < 4, `${seconds}s for 20 calls at 5/s after a burst of 5`);
  });
});
