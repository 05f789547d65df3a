/** ListCertificates (status and key type filters, paging) and the certificate tag API. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AddTagsToCertificateCommand,
  DeleteCertificateCommand,
  InvalidTagException,
  ListCertificatesCommand,
  ListTagsForCertificateCommand,
  paginateListCertificates,
  RemoveTagsFromCertificateCommand,
  RequestCertificateCommand,
  ResourceNotFoundException,
  TooManyTagsException,
} from '@aws-sdk/client-acm';
import { rejection } from '../harness.ts';
import { acmHarness, publishValidation } from './setup.ts';

describe('acm listing', () => {
  it('filters by status, lists only RSA keys unless asked, and pages with NextToken', async () => {
    const { acm, r53, clock } = acmHarness();
    const arns: string[] = [];
    for (const name of ['a', 'b', 'c', 'd']) {
      arns.push((await acm.send(new RequestCertificateCommand({ DomainName: `${name}.example.com`, ValidationMethod: 'DNS' }))).CertificateArn!);
      clock.advance(1_000);
    }
    const ec = (await acm.send(new RequestCertificateCommand({ DomainName: 'ec.example.com', ValidationMethod: 'DNS', KeyAlgorithm: 'EC_prime256v1' }))).CertificateArn!;
    clock.advance(500);
    await publishValidation(acm, r53, arns[1]!);
    clock.advance(3_000);
    const all = (await acm.send(new ListCertificatesCommand({}))).CertificateSummaryList!;
    assert.deepEqual(all.map((c) => c.CertificateArn), arns, 'oldest first, the EC certificate left out');
    const issued = (await acm.send(new ListCertificatesCommand({ CertificateStatuses: ['ISSUED'] }))).CertificateSummaryList!;
    assert.deepEqual(issued.map((c) => [c.DomainName, c.Status, c.InUse]), [['b.example.com', 'ISSUED', false]]);
    assert.ok(issued[0]!.NotAfter instanceof Date);
    const withEc = (await acm.send(new ListCertificatesCommand({ Includes: { keyTypes: ['EC_prime256v1'] } }))).CertificateSummaryList!;
    assert.deepEqual(withEc.map((c) => [c.CertificateArn, c.KeyAlgorithm]), [[ec, 'EC_prime256v1']]);
    const sizes: number[] = [];
    const seen: string[] = [];
    for await (const page of paginateListCertificates({ client: acm, pageSize: 3 }, {})) {
      sizes.push(page.CertificateSummaryList!.length);
      seen.push(...page.CertificateSummaryList!.map((c) => c.CertificateArn!));
    }
    assert.deepEqual(sizes, [3, 1]);
    assert.deepEqual(seen, arns);
    const desc = (await acm.send(new ListCertificatesCommand({ SortBy: 'CREATED_AT', SortOrder: 'DESCENDING', MaxItems: 2 }))).CertificateSummaryList!;
    assert.deepEqual(desc.map((c) => c.CertificateArn), [arns[3], arns[2]]);
  });
});

describe('acm tags', () => {
  it('tags at request and with the tag API; removes by key or by key and value', async () => {
    const { acm } = acmHarness();
    const { CertificateArn } = await acm.send(new RequestCertificateCommand({
      DomainName: 'www.example.com', ValidationMethod: 'DNS', Tags: [{ Key: 'blogctl:id', Value: 'cert' }, { Key: 'Name', Value: 'blog-cert' }],
    }));
    await acm.send(new AddTagsToCertificateCommand({ CertificateArn, Tags: [{ Key: 'blogctl:spec', Value: 'h1' }, { Key: 'flag' }] }));
    await acm.send(new RemoveTagsFromCertificateCommand({ CertificateArn, Tags: [{ Key: 'Name', Value: 'other' }, { Key: 'blogctl:spec' }] }));
    const tags = (await acm.send(new ListTagsForCertificateCommand({ CertificateArn }))).Tags!;
    assert.deepEqual(tags, [{ Key: 'blogctl:id', Value: 'cert' }, { Key: 'Name', Value: 'blog-cert' }, { Key: 'flag' }]);
    const reserved = await rejection(acm.send(new AddTagsToCertificateCommand({ CertificateArn, Tags: [{ Key: 'aws:x', Value: 'y' }] })));
    assert.ok(reserved instanceof InvalidTagException);
    const comma = await rejection(acm.send(new AddTagsToCertificateCommand({ CertificateArn, Tags: [{ Key: 'deps', Value: 'a,b' }] })));
    assert.ok(comma instanceof InvalidTagException, 'ACM tag values take letters, digits, spaces and _ . : / = + - @ only');
    const many = Array.from({ length: 48 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    assert.ok((await rejection(acm.send(new AddTagsToCertificateCommand({ CertificateArn, Tags: many })))) instanceof TooManyTagsException);
    await acm.send(new DeleteCertificateCommand({ CertificateArn }));
    assert.ok((await rejection(acm.send(new ListTagsForCertificateCommand({ CertificateArn })))) instanceof ResourceNotFoundException);
  });
});
