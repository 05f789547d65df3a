/**
 * ChangeResourceRecordSets through the real client: CREATE/DELETE/UPSERT with Route 53's
 * exact messages, names normalised, all-or-nothing batches, CNAME rules, value checks,
 * and the change going PENDING -> INSYNC.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GetChangeCommand, InvalidChangeBatch, InvalidInput, NoSuchHostedZone } from '@aws-sdk/client-route-53';
import { rejection } from '../harness.ts';
import { a, changes, cname, create, PROPAGATE_MS, r53Harness, records, remove, upsert } from './fixtures.ts';

/** The messages of an InvalidChangeBatch (fails the test for any other error). */
async function batchErrors(p: Promise<unknown>): Promise<string[]> {
  const e = await rejection(p);
  assert.ok(e instanceof InvalidChangeBatch, `expected InvalidChangeBatch, got ${e.name}: ${e.message}`);
  assert.equal(e.$metadata?.httpStatusCode, 400);
  assert.equal(e.message, `[${e.messages!.join(', ')}]`);
  return e.messages!;
}

describe('route53 record changes', () => {
  it('creates records under a lower-case name with a trailing dot, PENDING then INSYNC', async () => {
    const { r53, zoneId, clock } = await r53Harness();
    const out = await changes(r53, zoneId, create(a('WWW.Example.COM', '192.0.2.10')), create(a('*.example.com', '192.0.2.11')));
    assert.equal(out.ChangeInfo?.Status, 'PENDING');
    assert.ok(out.ChangeInfo?.SubmittedAt instanceof Date);
    clock.advance(PROPAGATE_MS - 1);
    assert.equal((await r53.send(new GetChangeCommand({ Id: out.ChangeInfo!.Id }))).ChangeInfo?.Status, 'PENDING');
    clock.advance(1);
    assert.equal((await r53.send(new GetChangeCommand({ Id: out.ChangeInfo!.Id }))).ChangeInfo?.Status, 'INSYNC');
    const names = (await records(r53, zoneId)).map((r) => `${r.Name} ${r.Type}`);
    assert.deepEqual(names, ['example.com. NS', 'example.com. SOA', '\\052.example.com. A', 'www.example.com. A']);
  });

  it('answers Route 53\'s messages for a duplicate CREATE, a missing DELETE and a DELETE with other values', async () => {
    const { r53, zoneId } = await r53Harness();
    await changes(r53, zoneId, create(a('www.example.com', '192.0.2.1', '192.0.2.2')));
    assert.deepEqual(await batchErrors(changes(r53, zoneId, create(a('www.example.com.', '192.0.2.3')))), [
      "Tried to create resource record set [name='www.example.com.', type='A'] but it already exists",
    ]);
    assert.deepEqual(await batchErrors(changes(r53, zoneId, remove(a('api.example.com', '192.0.2.3')))), [
      "Tried to delete resource record set [name='api.example.com.', type='A'] but it was not found",
    ]);
    assert.deepEqual(await batchErrors(changes(r53, zoneId, remove(a('www.example.com', '192.0.2.1')))), [
      "Tried to delete resource record set [name='www.example.com.', type='A'] but the values provided do not match the current values",
    ]);
    await changes(r53, zoneId, remove(a('www.example.com', '192.0.2.2', '192.0.2.1')));
    assert.equal((await records(r53, zoneId)).length, 2, 'values match as a set');
  });

  it('applies a batch all together or not at all, reporting every problem', async () => {
    const { r53, zoneId } = await r53Harness();
    await changes(r53, zoneId, create(a('old.example.com', '192.0.2.1')));
    const messages = await batchErrors(changes(r53, zoneId,
      create(a('new.example.com', '192.0.2.2')),
      remove(a('missing.example.com', '192.0.2.3')),
      create(a('www.example.org', '192.0.2.4')),
      create(a('bad.example.com', '300.1.1.1')),
    ));
    assert.deepEqual(messages, [
      "Tried to delete resource record set [name='missing.example.com.', type='A'] but it was not found",
      'RRSet with DNS name www.example.org. is not permitted in zone example.com.',
      "Invalid Resource Record: 'FATAL problem: ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '300.1.1.1''",
    ]);
    assert.deepEqual((await records(r53, zoneId)).map((r) => r.Name), ['example.com.', 'example.com.', 'old.example.com.'], 'nothing of the batch was applied');
    // DELETE then CREATE in one batch: the classic way to change a record.
    await changes(r53, zoneId, remove(a('old.example.com', '192.0.2.1')), create(a('old.example.com', '192.0.2.9')));
    assert.deepEqual((await records(r53, zoneId))[2]?.ResourceRecords, [{ Value: '192.0.2.9' }]);
  });

  it('UPSERTs a record in place and keeps CNAMEs alone at their name', async () => {
    const { r53, zoneId } = await r53Harness();
    await changes(r53, zoneId, upsert(cname('blog.example.com', 'www.example.com')));
    await changes(r53, zoneId, upsert({ ...cname('blog.example.com', 'app.example.com'), TTL: 60 }));
    const blog = (await records(r53, zoneId)).find((r) => r.Name === 'blog.example.com.');
    assert.deepEqual(blog, { Name: 'blog.example.com.', Type: 'CNAME', TTL: 60, ResourceRecords: [{ Value: 'app.example.com' }] });
    assert.deepEqual(await batchErrors(changes(r53, zoneId, create(a('blog.example.com', '192.0.2.1')))), [
      'RRSet of type A with DNS name blog.example.com. is not permitted because a conflicting RRSet of type CNAME with the same DNS name already exists in zone example.com.',
    ]);
    await changes(r53, zoneId, create(a('api.example.com', '192.0.2.1')));
    assert.deepEqual(await batchErrors(changes(r53, zoneId, create(cname('api.example.com', 'x.example.net')))), [
      'RRSet of type CNAME with DNS name api.example.com. is not permitted as it conflicts with other records with the same DNS name in zone example.com.',
    ]);
    assert.deepEqual(await batchErrors(changes(r53, zoneId, create(cname('example.com', 'x.example.net')))), [
      'RRSet of type CNAME with DNS name example.com. is not permitted at apex in zone example.com.',
    ]);
    const apexNs = (await records(r53, zoneId))[0]!;
    assert.deepEqual(await batchErrors(changes(r53, zoneId, remove(apexNs))), ['A HostedZone must contain at least one NS record for the zone itself.']);
  });

  it('answers InvalidInput for a malformed change and NoSuchHostedZone for an unknown zone', async () => {
    const { r53, zoneId } = await r53Harness();
    const both = await rejection(changes(r53, zoneId, create({ ...a('x.example.com', '192.0.2.1'), AliasTarget: { HostedZoneId: 'Z2FDTNDATAQYW2', DNSName: 'd1.cloudfront.net', EvaluateTargetHealth: false } })));
    assert.ok(both instanceof InvalidInput);
    assert.match(both.message, /^Invalid request: Expected exactly one of \[AliasTarget, all of \[TTL, and ResourceRecords\], or TrafficPolicyInstanceId\], but found more than one in Change with \[Action=CREATE, Name=x\.example\.com\., Type=A, SetIdentifier=null\]$/);
    const none = await rejection(changes(r53, zoneId, create({ Name: 'x.example.com', Type: 'A' })));
    assert.ok(none instanceof InvalidInput);
    assert.match(none.message, /but found none/);
    const txt = await batchErrors(changes(r53, zoneId, create({ Name: 'x.example.com', Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: 'unquoted' }] })));
    assert.match(txt[0]!, /InvalidCharacterString \(Value should be enclosed in quotation marks\)/);
    const unknown = await rejection(changes(r53, 'Z0000000000000000000X', create(a('x.example.com', '192.0.2.1'))));
    assert.ok(unknown instanceof NoSuchHostedZone);
    assert.equal(unknown.message, 'No hosted zone found with ID: Z0000000000000000000X');
  });
});
