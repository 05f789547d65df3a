/**
 * Route 53 hosted zones through the real Route53Client: the example.com zone every
 * sandbox has, CreateHostedZone (ids, NS/SOA, PENDING -> INSYNC, CallerReference once),
 * listing by name and by id, and what a delete needs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateHostedZoneCommand,
  DeleteHostedZoneCommand,
  GetChangeCommand,
  GetHostedZoneCommand,
  HostedZoneAlreadyExists,
  HostedZoneNotEmpty,
  InvalidInput,
  ListHostedZonesByNameCommand,
  NoSuchChange,
  NoSuchHostedZone,
  paginateListHostedZones,
  type Route53Client,
} from '@aws-sdk/client-route-53';
import { rejection } from '../harness.ts';
import { a, changes, create, PROPAGATE_MS, r53Harness, records, remove } from './fixtures.ts';

async function zone(r53: Route53Client, Name: string, CallerReference = `ref-${Name}`) {
  return r53.send(new CreateHostedZoneCommand({ Name, CallerReference }));
}

describe('route53 hosted zones', () => {
  it('has a public example.com zone in a new account, with its NS and SOA records', async () => {
    const { r53, zoneId } = await r53Harness();
    assert.match(zoneId, /^Z[A-Z0-9]{20}$/);
    const got = await r53.send(new GetHostedZoneCommand({ Id: `/hostedzone/${zoneId}` }));
    assert.equal(got.HostedZone?.Id, `/hostedzone/${zoneId}`);
    assert.equal(got.HostedZone?.Name, 'example.com.');
    assert.equal(got.HostedZone?.Config?.PrivateZone, false);
    assert.equal(got.HostedZone?.ResourceRecordSetCount, 2);
    assert.equal(got.DelegationSet?.NameServers?.length, 4);
    assert.ok(got.DelegationSet!.NameServers!.every((ns) => /^ns-\d+\.awsdns-\d{2}\.(com|net|org|co\.uk)$/.test(ns)));
    const recs = await records(r53, zoneId);
    assert.deepEqual(recs.map((r) => `${r.Name} ${r.Type} ${r.TTL}`), ['example.com. NS 172800', 'example.com. SOA 900']);
    assert.deepEqual(recs[0]!.ResourceRecords!.map((r) => r.Value), got.DelegationSet!.NameServers!.map((ns) => `${ns}.`));
    assert.match(recs[1]!.ResourceRecords![0]!.Value!, /^ns-\d+\.awsdns-\d{2}\.com\. awsdns-hostmaster\.amazon\.com\. 1 7200 900 1209600 86400$/);
  });

  it('creates a zone whose change is PENDING, then INSYNC; a CallerReference works once', async () => {
    const { r53, clock } = await r53Harness();
    const created = await zone(r53, 'Blog.Example.org');
    assert.match(created.HostedZone!.Id!, /^\/hostedzone\/Z[A-Z0-9]{20}$/);
    assert.equal(created.HostedZone?.Name, 'blog.example.org.');
    assert.equal(created.Location, `https://route53.amazonaws.com/2013-04-01${created.HostedZone!.Id}`);
    assert.match(created.ChangeInfo!.Id!, /^\/change\/C[A-Z0-9]{20}$/);
    assert.equal(created.ChangeInfo?.Status, 'PENDING');
    clock.advance(PROPAGATE_MS);
    assert.equal((await r53.send(new GetChangeCommand({ Id: created.ChangeInfo!.Id }))).ChangeInfo?.Status, 'INSYNC');
    assert.ok((await rejection(r53.send(new GetChangeCommand({ Id: 'C0000000000000000000' })))) instanceof NoSuchChange);

    const again = await rejection(zone(r53, 'blog.example.org', 'ref-Blog.Example.org'));
    assert.ok(again instanceof HostedZoneAlreadyExists, 'the same CallerReference, even for the same zone');
    assert.equal(again.$metadata?.httpStatusCode, 409);
    const twin = await zone(r53, 'blog.example.org', 'another-ref');
    assert.notEqual(twin.HostedZone?.Id, created.HostedZone?.Id, 'two zones may have one name');
    const privateNoVpc = await rejection(r53.send(new CreateHostedZoneCommand({ Name: 'internal.example', CallerReference: 'p', HostedZoneConfig: { PrivateZone: true } })));
    assert.ok(privateNoVpc instanceof InvalidInput);
  });

  it('lists zones by name with the labels reversed, page by page', async () => {
    const { r53 } = await r53Harness();
    for (const name of ['b.example.com', 'example.net', 'a.example.com', 'www.example.org']) await zone(r53, name);
    const all = await r53.send(new ListHostedZonesByNameCommand({}));
    assert.deepEqual(all.HostedZones?.map((z) => z.Name), ['example.com.', 'a.example.com.', 'b.example.com.', 'example.net.', 'www.example.org.']);
    const first = await r53.send(new ListHostedZonesByNameCommand({ DNSName: 'a.example.com', MaxItems: 2 }));
    assert.deepEqual(first.HostedZones?.map((z) => z.Name), ['a.example.com.', 'b.example.com.']);
    assert.equal(first.IsTruncated, true);
    assert.equal(first.NextDNSName, 'example.net.');
    const next = await r53.send(new ListHostedZonesByNameCommand({ DNSName: first.NextDNSName, HostedZoneId: first.NextHostedZoneId, MaxItems: 2 }));
    assert.deepEqual(next.HostedZones?.map((z) => z.Name), ['example.net.', 'www.example.org.']);
    assert.equal(next.IsTruncated, false);
    const lookup = await r53.send(new ListHostedZonesByNameCommand({ DNSName: 'aa.example.com', MaxItems: 1 }));
    assert.equal(lookup.HostedZones?.[0]?.Name, 'b.example.com.', 'a start name, not a filter: the caller checks the name');
    assert.ok((await rejection(r53.send(new ListHostedZonesByNameCommand({ HostedZoneId: 'Z1' })))) instanceof InvalidInput);

    const pages = [];
    for await (const page of paginateListHostedZones({ client: r53, pageSize: 2 }, {})) pages.push(page);
    assert.deepEqual(pages.map((p) => p.HostedZones?.length), [2, 2, 1]);
    assert.equal(pages[0]!.NextMarker, pages[1]!.HostedZones![0]!.Id!.replace('/hostedzone/', ''), 'NextMarker is the first zone of the next page');
    assert.equal(new Set(pages.flatMap((p) => p.HostedZones!.map((z) => z.Id))).size, 5);
  });

  it('deletes a zone only when nothing but its NS and SOA is left', async () => {
    const { r53 } = await r53Harness();
    const created = await zone(r53, 'deleteme.example');
    const Id = created.HostedZone!.Id!;
    await changes(r53, Id, create(a('www.deleteme.example', '192.0.2.1')));
    const notEmpty = await rejection(r53.send(new DeleteHostedZoneCommand({ Id })));
    assert.ok(notEmpty instanceof HostedZoneNotEmpty);
    await changes(r53, Id, remove(a('www.deleteme.example', '192.0.2.1')));
    const deleted = await r53.send(new DeleteHostedZoneCommand({ Id }));
    assert.equal(deleted.ChangeInfo?.Status, 'PENDING');
    const gone = await rejection(r53.send(new GetHostedZoneCommand({ Id })));
    assert.ok(gone instanceof NoSuchHostedZone);
    assert.equal(gone.$metadata?.httpStatusCode, 404);
  });
});
