/** What the ACM suites share: the ACM and Route 53 clients, and publishing a validation CNAME. */
import { ACMClient, DescribeCertificateCommand } from '@aws-sdk/client-acm';
import { ChangeResourceRecordSetsCommand, ListHostedZonesByNameCommand, Route53Client } from '@aws-sdk/client-route-53';
import { harness } from '../harness.ts';

export function acmHarness(options: Parameters<typeof harness>[0] = {}) {
  const h = harness(options);
  return { ...h, acm: h.clients.get(ACMClient), r53: h.clients.get(Route53Client) };
}

/** The id of the example.com. zone every sandbox account has. */
export async function exampleZone(r53: Route53Client): Promise<string> {
  const zones = await r53.send(new ListHostedZonesByNameCommand({ DNSName: 'example.com', MaxItems: 1 }));
  return zones.HostedZones![0]!.Id!.replace('/hostedzone/', '');
}

/** Publishes a CNAME in the example.com zone. */
export async function upsertCname(r53: Route53Client, name: string, value: string): Promise<void> {
  await r53.send(new ChangeResourceRecordSetsCommand({
    HostedZoneId: await exampleZone(r53),
    ChangeBatch: { Changes: [{ Action: 'UPSERT', ResourceRecordSet: { Name: name, Type: 'CNAME', TTL: 300, ResourceRecords: [{ Value: value }] } }] },
  }));
}

/** Publishes the validation records of a certificate (once DescribeCertificate shows them). */
export async function publishValidation(acm: ACMClient, r53: Route53Client, arn: string): Promise<void> {
  const c = (await acm.send(new DescribeCertificateCommand({ CertificateArn: arn }))).Certificate!;
  for (const o of c.DomainValidationOptions!) await upsertCname(r53, o.ResourceRecord!.Name!, o.ResourceRecord!.Value!);
}
