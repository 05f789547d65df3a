/**
 * route53.hosted-zone, a lookup: an existing zone found by name (public or private, the
 * trailing dot and case aside), with its name servers; a zone that is missing stops the
 * plan naming it, and nothing that needs it (certificate, records) is written; two public zones of
 * one name are refused as ambiguous; records observe the zone's real id (the engine
 * gives natural-key kinds the outputs of lookups they reference).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreateHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53';
import { hostedZoneAdapter as zones } from '../../src/resources/route53-hosted-zone/index.ts';
import { rejection } from '../sandbox/harness.ts';
import { dnscertWorld, sliceSpec } from '../e2e/dnscert-world.ts';
import { only, sandboxContext } from './contract.ts';

describe('route53.hosted-zone', () => {
  it('finds the zone by name, with its id, ARN and name servers', async () => {
    const ctx = sandboxContext();
    const found = only(await zones.observe([{ id: 'zone', desired: { name: 'Example.COM.', privateZone: false } }], ctx), 'zone')!;
    const out = zones.outputs(found.state);
    assert.match(out.id!, /^Z[0-9A-Z]{20}$/);
    assert.equal(out.arn, `arn:aws:route53:::hostedzone/${out.id}`);
    assert.equal(out.name, 'example.com');
    assert.equal(out.nameServers!.split(',').length, 4);
    assert.equal(only(await zones.observe([{ id: 'zone', desired: { name: 'example.com', privateZone: true } }], ctx), 'zone'), undefined, 'no private example.com');
    assert.equal(ctx.counter.count('route53', 'ListHostedZonesByName'), 2, 'one list per lookup, never the whole account');
  });

  it('refuses two public zones of one name: it cannot tell which one is delegated', async () => {
    const ctx = sandboxContext();
    await ctx.clients.get(Route53Client).send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'second' }));
    assert.match((await rejection(zones.observe([{ id: 'zone', desired: { name: 'example.com', privateZone: false } }], ctx))).message, /2 public hosted zones are named example\.com/);
  });

  it('is never created, changed or deleted', async () => {
    const ctx = sandboxContext();
    assert.match((await rejection(zones.create('zone', { name: 'example.org', privateZone: false }, ctx))).message, /lookup: blogctl never creates hosted zones/);
  });

  it('a missing zone stops the plan (exit 1) naming the domain; no certificate is requested, no record written', async () => {
    const w = dnscertWorld();
    const spec = sliceSpec((doc) => doc.setIn(['params', 'domain', 'default'], 'example.org'));
    const p = await w.plan(spec);
    assert.equal(p.exit, 1);
    assert.equal(p.plan.actions.find((a) => a.id === 'zone')?.blocked?.message,
      'lookup route53.hosted-zone "zone" matched nothing in AWS: no public hosted zone named example.org in this account (blogctl looks zones up, never creates them); check its properties');
    const r = await w.reconcile(spec);
    assert.equal(r.exit, 1);
    for (const id of ['cert', 'certValidationRecord', 'httpsListener', 'primaryRecord', 'secondaryRecord'])
      assert.equal(r.by(id)?.status, 'skipped', `${id}: ${r.by(id)?.reason}`);
    const writes = w.h.clients.counter.snapshot().filter((s) => ['acm', 'route53'].includes(s.service) && !/^(Describe|List|Get)/.test(s.operation));
    assert.deepEqual(writes.map((s) => s.operation), ['ChangeTagsForResource', 'CreateHealthCheck'], 'no certificate, no record: only the health check, which needs no zone');
    assert.equal(r.by('healthCheck')?.status, 'created');
  });

  it('gives the records of the spec the zone\'s real id when they are observed', async () => {
    const w = dnscertWorld();
    const spec = sliceSpec();
    await w.reconcile(spec);
    const again = await w.plan(spec);
    const records = again.plan.actions.filter((a) => a.kind === 'route53.record');
    assert.deepEqual(records.map((a) => [a.id, a.type]), [['certValidationRecord', 'noop'], ['primaryRecord', 'noop'], ['secondaryRecord', 'noop']]);
  });
});
