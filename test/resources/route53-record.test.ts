/**
 * route53.record on the sandbox, the adapter's own cases: the owner TXT (format, one
 * change batch with its record), a failover pair with a health check, writes that are
 * conditional on what observe saw, idempotent deletes that never take a record whose
 * owner changed, change batches shared by records of one zone, INSYNC readiness, and
 * value normalisation (TXT quotes, trailing dots, case).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChangeResourceRecordSetsCommand, ListResourceRecordSetsCommand, Route53Client, type ResourceRecordSet } from '@aws-sdk/client-route-53';
import { TAG } from '../../src/reconciler/types.ts';
import { healthCheckAdapter } from '../../src/resources/route53-health-check/index.ts';
import { parseOwner, recordAdapter as rec, serializeOwner } from '../../src/resources/route53-record/index.ts';
import { rejection } from '../sandbox/harness.ts';
import { only, sandboxContext } from './contract.ts';
import { aRecord, healthCheckDesired, makeZone } from './dnscert-fixtures.ts';

async function world() {
  const ctx = sandboxContext();
  const zone = await makeZone(ctx);
  const r53 = ctx.clients.get(Route53Client);
  const sets = async () => (await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zone.zoneId }))).ResourceRecordSets!.filter((s) => s.Type !== 'NS' && s.Type !== 'SOA');
  const batches = () => ctx.counter.count('route53', 'ChangeResourceRecordSets');
  const upsert = (set: ResourceRecordSet) => r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zone.zoneId, ChangeBatch: { Changes: [{ Action: 'UPSERT', ResourceRecordSet: set }] } }));
  return { ctx, zone, sets, batches, upsert };
}

describe('route53.record', () => {
  it('writes the record and its owner TXT in one change batch; the owner holds the identity tags', async () => {
    const { ctx, zone, sets, batches } = await world();
    await rec.create('www', aRecord(zone.zoneId, `www.${zone.name}`), ctx);
    assert.equal(batches(), 1);
    const owner = (await sets()).find((s) => s.Type === 'TXT')!;
    assert.equal(owner.Name, `_blogctl-a.www.${zone.name}.`);
    assert.equal(owner.ResourceRecords![0]!.Value, `"heritage=blogctl,blogctl/stack=${ctx.stack},blogctl/id=www,blogctl/spec=c0ffee0000000001"`);
    const found = only(await rec.observe([], ctx), 'www');
    assert.equal(found, undefined, 'observe reads only the zones the requests name');
    const seen = only(await rec.observe([{ id: 'other', desired: aRecord(zone.zoneId, `other.${zone.name}`) }], ctx), 'www')!;
    assert.deepEqual(seen.tags, { [TAG.stack]: ctx.stack, [TAG.id]: 'www', [TAG.spec]: 'c0ffee0000000001' });
    assert.deepEqual(rec.outputs(seen.state), { id: `${zone.zoneId}/www.${zone.name}/A`, fqdn: `www.${zone.name}` });
  });

  it('keeps deps and long labels: deps joined with +, strings split at 255 characters', () => {
    const tags = { [TAG.stack]: 'blog', [TAG.id]: 'primaryRecord', [TAG.spec]: 'abc', [TAG.protect]: 'true', [TAG.deps]: `cdn+healthCheck+${'z'.repeat(300)}` };
    const value = serializeOwner(tags);
    assert.match(value, /^"heritage=blogctl,blogctl\/stack=blog,blogctl\/id=primaryRecord,blogctl\/spec=abc,blogctl\/protect=true,blogctl\/deps=cdn\+healthCheck\+z+" "z+"$/);
    assert.ok(value.split('" "').every((s) => s.replaceAll('"', '').length <= 255));
    assert.deepEqual(parseOwner(value), { tags });
    assert.deepEqual(parseOwner(serializeOwner(tags, 'eu, then us')), { tags, setIdentifier: 'eu, then us' }, 'any set identifier, commas included');
    assert.equal(parseOwner('"heritage=external-dns,external-dns/owner=default"'), undefined, 'another tool\'s registry is not ours');
  });

  it('makes a failover pair: PRIMARY with its health check, SECONDARY, each with its own owner', async () => {
    const { ctx, zone, sets } = await world();
    const check = await healthCheckAdapter.create('healthCheck', healthCheckDesired('alb.example.net'), ctx);
    const name = `www.${zone.name}`;
    const primary = { hostedZoneId: zone.zoneId, name, type: 'A' as const, setIdentifier: 'primary', failover: 'PRIMARY' as const, healthCheckId: check.healthCheckId,
      aliasTarget: { dnsName: 'dualstack.Blog-ALB-1.us-east-1.elb.amazonaws.com.', hostedZoneId: 'Z35SXDOTRQ7X7K', evaluateTargetHealth: false } };
    const secondary = { hostedZoneId: zone.zoneId, name, type: 'A' as const, setIdentifier: 'secondary', failover: 'SECONDARY' as const, ttl: 60, records: ['192.0.2.10'] };
    await Promise.all([rec.create('primaryRecord', primary, ctx), rec.create('secondaryRecord', secondary, ctx)]);
    const owners = (await sets()).filter((s) => s.Type === 'TXT');
    assert.equal(owners.length, 2, 'one owner each');
    assert.ok(owners.every((o) => /^_blogctl-a-[0-9a-f]{8}\.www\./.test(o.Name!) && o.SetIdentifier === undefined && o.Failover === undefined), 'plain TXTs, apart from failover');
    assert.deepEqual(owners.map((o) => /blogctl\/set=(\w+)/.exec(o.ResourceRecords![0]!.Value!)?.[1]).sort(), ['primary', 'secondary']);
    const found = await rec.observe([{ id: 'primaryRecord', desired: primary }, { id: 'secondaryRecord', desired: secondary }], ctx);
    const p = only(found, 'primaryRecord')!.state;
    assert.equal(p.healthCheckId, check.healthCheckId);
    assert.deepEqual(rec.diff({ ...primary, aliasTarget: { ...primary.aliasTarget, dnsName: 'blog-alb-1.us-east-1.elb.amazonaws.com' } }, p), [], 'dualstack., case and the root dot are not drift');
    assert.deepEqual(rec.diff(secondary, only(found, 'secondaryRecord')!.state), []);
    const changed = { ...primary, aliasTarget: { ...primary.aliasTarget, evaluateTargetHealth: true } };
    await rec.update('primaryRecord', changed, p, rec.diff(changed, p), ctx);
    assert.equal((await sets()).length, 4, 'a change of the PRIMARY keeps both owners');
    await rec.delete(only(await rec.observe([{ id: 'primaryRecord', desired: changed }], ctx), 'primaryRecord')!.state, ctx);
    const left = (await sets()).map((s) => (s.Type === 'TXT' ? /blogctl\/set=(\w+)/.exec(s.ResourceRecords![0]!.Value!)?.[1] : s.SetIdentifier));
    assert.deepEqual(left, ['secondary', 'secondary'], 'the SECONDARY and its owner stay');
  });

  it('writes only over what observe saw: a record changed meanwhile is refused, not overwritten', async () => {
    const { ctx, zone, upsert, sets } = await world();
    const desired = aRecord(zone.zoneId, `www.${zone.name}`);
    const made = await rec.create('www', desired, ctx);
    await upsert({ Name: `www.${zone.name}`, Type: 'A', TTL: 300, ResourceRecords: [{ Value: '198.51.100.7' }] });
    const wanted = { ...desired, ttl: 60 };
    assert.equal((await rejection(rec.update('www', wanted, made, rec.diff(wanted, made), ctx))).name, 'InvalidChangeBatch');
    assert.deepEqual((await sets()).find((s) => s.Type === 'A')!.ResourceRecords, [{ Value: '198.51.100.7' }]);
  });

  it('deletes idempotently, and never a record whose owner no longer names the stack', async () => {
    const { ctx, zone, upsert, sets } = await world();
    const made = await rec.create('www', aRecord(zone.zoneId, `www.${zone.name}`), ctx);
    const other = await rec.create('api', aRecord(zone.zoneId, `api.${zone.name}`), ctx);
    await rec.delete(made, ctx);
    await rec.delete(made, ctx);
    await upsert({ ...other.owner!, ResourceRecords: [{ Value: serializeOwner({ [TAG.stack]: 'another', [TAG.id]: 'api' }) }] });
    assert.match((await rejection(rec.delete(other, ctx))).message, /no longer owned by stack/);
    assert.deepEqual((await sets()).map((s) => s.Name).sort(), [`_blogctl-a.api.${zone.name}.`, `api.${zone.name}.`]);
  });

  it('sends the records one zone gets in the same turn as one batch; a bad one is answered alone', async () => {
    const { ctx, zone, batches } = await world();
    await Promise.all(['a', 'b', 'c'].map((n) => rec.create(n, aRecord(zone.zoneId, `${n}.${zone.name}`), ctx)));
    assert.equal(batches(), 1, 'three records and their owners, one ChangeResourceRecordSets');
    const results = await Promise.allSettled([
      rec.create('d', aRecord(zone.zoneId, `d.${zone.name}`), ctx),
      rec.create('bad', aRecord(zone.zoneId, `bad.${zone.name}`, 'not-an-ip'), ctx),
    ]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected']);
    assert.equal(batches(), 1 + 3, 'the refused combined batch, then each alone');
  });

  it('is ready once its change is INSYNC, asked with GetChange only while it is not', async () => {
    const { ctx, zone } = await world();
    const made = await rec.create('www', aRecord(zone.zoneId, `www.${zone.name}`), ctx);
    assert.equal(rec.readiness!(made), 'pending');
    const poll = async () => only(await rec.observe([{ id: 'www', last: made }], ctx), 'www')!.state;
    assert.equal(rec.readiness!(await poll()), 'pending');
    ctx.h.clock.advance(1_000);
    assert.equal(rec.readiness!(await poll()), 'ready');
    assert.equal(ctx.counter.count('route53', 'GetChange'), 2);
    assert.equal(rec.readiness!(only(await rec.observe([{ id: 'www', desired: aRecord(zone.zoneId, `www.${zone.name}`) }], ctx), 'www')!.state), 'ready', 'a fresh observe assumes INSYNC');
  });

  it('compares TXT values quoted or not, host names without case or the root dot, values as a set', async () => {
    const { ctx, zone } = await world();
    const txt = { hostedZoneId: zone.zoneId, name: zone.name, type: 'TXT' as const, ttl: 300, records: ['v=spf1 -all', '"google-site-verification=abc"'] };
    const made = await rec.create('txt', txt, ctx);
    assert.deepEqual(rec.diff(txt, only(await rec.observe([{ id: 'txt', desired: txt }], ctx), 'txt')!.state), []);
    const cname = { hostedZoneId: zone.zoneId, name: `_x.${zone.name}`, type: 'CNAME' as const, ttl: 300, records: ['_Y.ACM-Validations.aws.'] };
    await rec.create('cname', cname, ctx);
    const seen = only(await rec.observe([{ id: 'cname', desired: { ...cname, records: ['_y.acm-validations.aws'] } }], ctx), 'cname')!.state;
    assert.deepEqual(rec.diff({ ...cname, records: ['_y.acm-validations.aws'] }, seen), []);
    assert.deepEqual(rec.diff({ ...txt, records: [...txt.records].reverse() }, made), []);
    const heard: string[] = [];
    rec.diff({ ...cname, records: ['_y.acm-validations.aws'] }, seen, (s) => heard.push(`${s.path}: ${s.reason}`));
    assert.deepEqual(heard, ['records: values compared as a set, TXT values in quotes, host names without case or the root dot'], 'drift --explain says why');
  });
});
