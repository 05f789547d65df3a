/**
 * End to end on the sandbox, the load balancer, certificate and DNS part of blog.spec.yaml
 * (dnscert-world.ts): create -> no changes -> the HTTPS listener's TLS policy changed with
 * the SDK -> plan says "someone changed AWS" (exit 3) -> reconcile repairs it -> the
 * certificate, its validation record and the HTTPS listener leave the spec and are pruned
 * in dependency order -> destroy. Then the same create on the realistic profile (scaled),
 * where the waits print their progress.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACMClient, ListCertificatesCommand } from '@aws-sdk/client-acm';
import { DescribeListenersCommand, DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client, ModifyListenerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ListHostedZonesByNameCommand, ListResourceRecordSetsCommand, Route53Client } from '@aws-sdk/client-route-53';
import type { Log } from '../../src/reconciler/types.ts';
import { DEFAULT_TLS_POLICY } from '../../src/resources/elbv2-listener/index.ts';
import { DNSCERT_IDS, dnscertWorld, sliceSpec } from './dnscert-world.ts';

const PRUNED = ['cert', 'certValidationRecord', 'httpsListener'];
const withoutCert = () => sliceSpec((doc) => PRUNED.forEach((id) => doc.deleteIn(['resources', id])));

test('load balancer, certificate and DNS: create, no changes, drift, repair, prune, destroy', async (t) => {
  const w = dnscertWorld();
  const spec = sliceSpec();
  const elb = w.h.clients.get(ElasticLoadBalancingV2Client);
  const r53 = w.h.clients.get(Route53Client);
  const zoneId = (await r53.send(new ListHostedZonesByNameCommand({ DNSName: 'example.com', MaxItems: 1 }))).HostedZones![0]!.Id!;
  const recordNames = async () =>
    (await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }))).ResourceRecordSets!.filter((s) => !['NS', 'SOA'].includes(s.Type!)).map((s) => `${s.Type} ${s.Name}`);
  const httpsListener = async () => {
    const lb = (await elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers![0]!;
    return (await elb.send(new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancerArn }))).Listeners!.find((l) => l.Port === 443);
  };

  await t.test('create: every resource, the HTTPS listener once the certificate is ISSUED', async () => {
    const r = await w.reconcile(spec);
    assert.equal(r.exit, 0, r.outcomes.filter((o) => o.status !== 'created').map((o) => `${o.id}: ${o.reason}`).join('\n'));
    assert.deepEqual(r.outcomes.filter((o) => o.status === 'created').map((o) => o.id).sort(), DNSCERT_IDS.filter((id) => id !== 'zone').sort());
    const listener = await httpsListener();
    assert.equal(listener?.SslPolicy, 'ELBSecurityPolicy-TLS13-1-2-2021-06');
    assert.equal(listener?.Certificates?.length, 1);
    const names = await recordNames();
    assert.equal(names.filter((n) => n === 'A www.example.com.').length, 2, `the failover pair: ${names.join(', ')}`);
    assert.equal(names.filter((n) => /^TXT _blogctl-a-[0-9a-f]{8}\.www\.example\.com\.$/.test(n)).length, 2, 'an owner each');
    assert.equal(names.filter((n) => n.startsWith('CNAME _')).length, 1, 'the validation CNAME');
  });

  await t.test('a second plan shows no changes', async () => {
    const p = await w.plan(spec);
    assert.equal(p.exit, 0, p.plan.actions.filter((a) => a.type !== 'noop').map((a) => `${a.id}: ${a.reason} ${JSON.stringify(a.changes)}`).join('\n'));
  });

  await t.test('someone weakens the TLS policy: plan says so (exit 3), reconcile repairs it', async () => {
    await elb.send(new ModifyListenerCommand({ ListenerArn: (await httpsListener())!.ListenerArn, SslPolicy: 'ELBSecurityPolicy-2016-08' }));
    const p = await w.plan(spec);
    assert.equal(p.exit, 3);
    const changed = p.plan.actions.filter((a) => a.type !== 'noop');
    assert.deepEqual(changed.map((a) => [a.id, a.type, a.drift]), [['httpsListener', 'update', 'aws']]);
    assert.deepEqual(changed[0]!.changes, [{ path: 'sslPolicy', from: 'ELBSecurityPolicy-2016-08', to: DEFAULT_TLS_POLICY }]);
    const r = await w.reconcile(spec);
    assert.deepEqual(r.outcomes.filter((o) => o.status !== 'unchanged').map((o) => [o.id, o.status]), [['httpsListener', 'updated']]);
    assert.equal((await httpsListener())?.SslPolicy, DEFAULT_TLS_POLICY);
    assert.equal((await w.plan(spec)).exit, 0);
  });

  await t.test('the certificate and its record leave the spec: pruned after the listener that used it', async () => {
    const blocked = await w.reconcile(withoutCert());
    assert.equal(blocked.exit, 4, 'deletes need --allow-delete');
    const r = await w.reconcile(withoutCert(), { allowDelete: true });
    assert.equal(r.exit, 0, r.outcomes.map((o) => `${o.id} ${o.status} ${o.reason ?? ''}`).join('\n'));
    const deleted = r.outcomes.filter((o) => o.status === 'deleted').map((o) => o.id);
    assert.deepEqual([...deleted].sort(), [...PRUNED].sort());
    assert.ok(deleted.indexOf('httpsListener') < deleted.indexOf('cert'), `the listener first: ${deleted.join(', ')}`);
    assert.equal((await w.h.clients.get(ACMClient).send(new ListCertificatesCommand({}))).CertificateSummaryList!.length, 0);
    assert.equal((await recordNames()).filter((n) => n.includes('_blogctl-cname')).length, 0, 'the validation record\'s owner went too');
    assert.equal((await w.plan(withoutCert())).exit, 0);
  });

  await t.test('destroy removes the rest; the zone, a lookup, stays', async () => {
    const r = await w.reconcile(withoutCert(), { destroy: true, allowDelete: true });
    assert.equal(r.exit, 0, r.outcomes.map((o) => `${o.id} ${o.status} ${o.reason ?? ''}`).join('\n'));
    assert.deepEqual(await recordNames(), []);
    assert.deepEqual((await elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers, []);
    const deleted = r.outcomes.filter((o) => o.status === 'deleted').map((o) => o.id);
    assert.ok(deleted.indexOf('httpListener') < deleted.indexOf('alb') && deleted.indexOf('alb') < deleted.indexOf('albSg'), deleted.join(', '));
  });
});

test('on the realistic profile (scaled to a fifth), waits report their progress', async () => {
  const lines: string[] = [];
  const log: Log = { debug: () => undefined, info: (_o, msg) => lines.push(msg ?? ''), warn: () => undefined, error: () => undefined, child: () => log };
  const w = dnscertWorld({ log, sandbox: { profile: 'realistic', timeScale: 0.2 } });
  const r = await w.reconcile(sliceSpec());
  assert.equal(r.exit, 0, r.outcomes.map((o) => `${o.id} ${o.status} ${o.reason ?? ''}`).join('\n'));
  assert.ok(lines.some((l) => /^Still creating\.\.\. \[\d+s elapsed\]$/.test(l)), lines.join('\n'));
  assert.equal((await w.plan(sliceSpec())).exit, 0);
});
