/**
 * ListResourceRecordSets through the real client: Route 53's order (labels reversed, then
 * type, then set identifier), StartRecordName/Type/Identifier, MaxItems and the Next*
 * members of a truncated page.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  InvalidInput,
  ListResourceRecordSetsCommand,
  type ListResourceRecordSetsCommandInput,
  type ListResourceRecordSetsCommandOutput,
  type Route53Client,
} from '@aws-sdk/client-route-53';
import { rejection } from '../harness.ts';
import { a, changes, cname, create, r53Harness } from './fixtures.ts';

/** Every page, following the Next* members as a caller would. */
async function allPages(r53: Route53Client, input: ListResourceRecordSetsCommandInput) {
  const pages: ListResourceRecordSetsCommandOutput[] = [];
  let next: ListResourceRecordSetsCommandInput | undefined = input;
  while (next) {
    const page: ListResourceRecordSetsCommandOutput = await r53.send(new ListResourceRecordSetsCommand(next));
    pages.push(page);
    next = page.IsTruncated
      ? { ...input, StartRecordName: page.NextRecordName, StartRecordType: page.NextRecordType, StartRecordIdentifier: page.NextRecordIdentifier }
      : undefined;
  }
  return pages;
}

const label = (r: { Name?: string; Type?: string; SetIdentifier?: string }) => `${r.Name} ${r.Type}${r.SetIdentifier ? ` ${r.SetIdentifier}` : ''}`;

describe('route53 record listing', () => {
  it('orders by name with the labels reversed, then type, then set identifier', async () => {
    const { r53, zoneId } = await r53Harness();
    const weighted = (id: string, w: number) => ({ ...a('api.example.com', '192.0.2.5'), SetIdentifier: id, Weight: w });
    await changes(r53, zoneId,
      create(a('www.example.com', '192.0.2.1')),
      create({ Name: 'www.example.com', Type: 'AAAA', TTL: 60, ResourceRecords: [{ Value: '2001:db8::1' }] }),
      create(a('a.b.example.com', '192.0.2.2')),
      create(cname('z.example.com', 'example.net')),
      create(weighted('two', 2)),
      create(weighted('one', 1)),
      create({ Name: 'example.com', Type: 'MX', TTL: 60, ResourceRecords: [{ Value: '10 mail.example.com' }] }),
    );
    const { ResourceRecordSets, IsTruncated, MaxItems } = await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }));
    assert.deepEqual(ResourceRecordSets?.map(label), [
      'example.com. MX',
      'example.com. NS',
      'example.com. SOA',
      'api.example.com. A one',
      'api.example.com. A two',
      'a.b.example.com. A',
      'www.example.com. A',
      'www.example.com. AAAA',
      'z.example.com. CNAME',
    ]);
    assert.equal(IsTruncated, false);
    assert.equal(MaxItems, 300);

    const pages = await allPages(r53, { HostedZoneId: zoneId, MaxItems: 2 });
    assert.deepEqual(pages.map((p) => p.ResourceRecordSets?.length), [2, 2, 2, 2, 1]);
    assert.deepEqual(pages.flatMap((p) => p.ResourceRecordSets!.map(label)), ResourceRecordSets?.map(label));
    assert.deepEqual([pages[1]!.NextRecordName, pages[1]!.NextRecordType, pages[1]!.NextRecordIdentifier], ['api.example.com.', 'A', 'two'], 'Next* name the first record of the next page');
    assert.equal(pages[0]!.NextRecordIdentifier, undefined);
  });

  it('starts at StartRecordName and StartRecordType, which need not exist', async () => {
    const { r53, zoneId } = await r53Harness();
    await changes(r53, zoneId, create(a('b.example.com', '192.0.2.1')), create(a('d.example.com', '192.0.2.2')));
    const fromC = await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, StartRecordName: 'C.example.com' }));
    assert.deepEqual(fromC.ResourceRecordSets?.map(label), ['d.example.com. A']);
    const fromApexSoa = await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, StartRecordName: 'example.com', StartRecordType: 'SOA', MaxItems: 1 }));
    assert.deepEqual(fromApexSoa.ResourceRecordSets?.map(label), ['example.com. SOA']);
    assert.deepEqual([fromApexSoa.IsTruncated, fromApexSoa.NextRecordName, fromApexSoa.NextRecordType], [true, 'b.example.com.', 'A']);
    const typeOnly = await rejection(r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, StartRecordType: 'A' })));
    assert.ok(typeOnly instanceof InvalidInput);
  });
});
