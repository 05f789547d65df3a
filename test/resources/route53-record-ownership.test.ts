/**
 * Record ownership through the engine (plan, apply, prune) on the sandbox: a record at
 * our name that nobody owns is reported and left alone without --adopt, taken over with
 * it; one another stack owns is never taken; ours that left the spec is pruned with its
 * owner; a record changed in AWS is "someone changed AWS", a spec change "not applied yet".
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChangeResourceRecordSetsCommand, ListHostedZonesByNameCommand, ListResourceRecordSetsCommand, Route53Client, type ResourceRecordSet } from '@aws-sdk/client-route-53';
import { loadSpec } from '../../src/reconciler/spec/load.ts';
import { TAG } from '../../src/reconciler/types.ts';
import { kindCatalog } from '../../src/resources/registry.ts';
import { serializeOwner } from '../../src/resources/route53-record/index.ts';
import { dnscertWorld } from '../e2e/dnscert-world.ts';

const spec = (stack: string, records: Record<string, string>) =>
  loadSpec(
    `apiVersion: blogctl/v1\nstack: ${stack}\nresources:\n  zone: { kind: route53.hosted-zone, properties: { name: example.com } }\n` +
      Object.entries(records).map(([id, ip]) => `  ${id}:\n    kind: route53.record\n    properties: { hostedZoneId: "\${zone}", name: ${id}.example.com, type: A, ttl: 300, records: ["${ip}"] }\n`).join(''),
    'records.yaml',
    { catalog: kindCatalog, env: {} },
  );

async function world() {
  const w = dnscertWorld();
  const r53 = w.h.clients.get(Route53Client);
  const zoneId = (await r53.send(new ListHostedZonesByNameCommand({ DNSName: 'example.com', MaxItems: 1 }))).HostedZones![0]!.Id!;
  const upsert = (...sets: ResourceRecordSet[]) =>
    r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: sets.map((s) => ({ Action: 'UPSERT', ResourceRecordSet: s })) } }));
  const at = async (name: string) =>
    (await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }))).ResourceRecordSets!.filter((s) => s.Name === `${name}.example.com.`).map((s) => s.ResourceRecords?.[0]?.Value);
  const a = (name: string, ip: string): ResourceRecordSet => ({ Name: `${name}.example.com`, Type: 'A', TTL: 300, ResourceRecords: [{ Value: ip }] });
  return { w, upsert, at, a };
}

describe('route53.record ownership through the engine', () => {
  it('a record nobody owns at our name is refused without --adopt, taken over with it', async () => {
    const { w, upsert, at, a } = await world();
    await upsert(a('www', '198.51.100.1'));
    const s = spec('blog', { www: '192.0.2.1' });
    const plan = await w.plan(s);
    const action = plan.plan.actions.find((x) => x.id === 'www')!;
    assert.deepEqual([action.type, action.reasonCode, action.blocked?.code], ['update', 'adopt', 'needs-adopt']);
    assert.deepEqual(action.changes.map((c) => c.path), ['records']);
    const refused = await w.reconcile(s);
    assert.equal(refused.by('www')?.status, 'blocked');
    assert.equal(refused.exit, 4);
    assert.deepEqual(await at('www'), ['198.51.100.1'], 'left alone');
    const adopted = await w.reconcile(s, { adopt: true });
    assert.equal(adopted.by('www')?.status, 'adopted');
    assert.deepEqual(await at('www'), ['192.0.2.1']);
    assert.equal((await w.plan(s)).exit, 0, 'ours now: no changes');
  });

  it('a record another stack owns is never taken, --adopt or not', async () => {
    const { w, upsert, at, a } = await world();
    const theirs = serializeOwner({ [TAG.stack]: 'shop', [TAG.id]: 'www', [TAG.spec]: 'f00' });
    await upsert(a('www', '198.51.100.1'), { Name: '_blogctl-a.www.example.com', Type: 'TXT', TTL: 300, ResourceRecords: [{ Value: theirs }] });
    const r = await w.reconcile(spec('blog', { www: '192.0.2.1' }), { adopt: true });
    assert.equal(r.by('www')?.status, 'blocked');
    assert.match(r.by('www')?.reason ?? '', /belongs to blogctl stack "shop"/);
    assert.deepEqual(await at('www'), ['198.51.100.1']);
  });

  it('prunes ours that left the spec, with its owner, and classifies drift by the owner\'s spec hash', async () => {
    const { w, upsert, at, a } = await world();
    const both = spec('blog', { www: '192.0.2.1', api: '192.0.2.2' });
    assert.equal((await w.reconcile(both)).exit, 0);
    await upsert(a('api', '203.0.113.9'));
    const drifted = await w.plan(both);
    assert.deepEqual(drifted.plan.actions.find((x) => x.id === 'api')?.drift, 'aws');
    assert.equal(drifted.exit, 3, 'someone changed AWS');
    const edited = spec('blog', { www: '192.0.2.1', api: '192.0.2.3' });
    assert.equal((await w.plan(edited)).plan.actions.find((x) => x.id === 'api')?.drift, 'spec');
    const pruned = await w.reconcile(spec('blog', { www: '192.0.2.1' }), { allowDelete: true });
    assert.equal(pruned.by('api')?.status, 'deleted');
    assert.deepEqual(await at('api'), []);
    assert.deepEqual(await at('_blogctl-a.api'), [], 'its owner went with it');
    assert.deepEqual(await at('www'), ['192.0.2.1']);
  });
});
