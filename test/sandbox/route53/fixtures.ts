/** What the Route 53 suites share: a harness with a Route53Client, the sandbox zone, record helpers. */
import {
  type Change,
  ChangeResourceRecordSetsCommand,
  type ChangeResourceRecordSetsCommandOutput,
  ListHostedZonesByNameCommand,
  ListResourceRecordSetsCommand,
  type ResourceRecordSet,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { DURATIONS } from '../../../src/sandbox/time.ts';
import { cfHarness, type CfHarness } from '../cloudfront/fixtures.ts';

export const PROPAGATE_MS = DURATIONS['route53.change.propagate'].quick;

export interface R53Harness extends CfHarness {
  /** The bare id of the sandbox's example.com. zone. */
  readonly zoneId: string;
}

/** Route 53 with CloudFront and ACM beside it (for alias targets and certificates). */
export async function r53Harness(options: Parameters<typeof cfHarness>[0] = {}): Promise<R53Harness> {
  const h = cfHarness(options);
  const zones = await h.r53.send(new ListHostedZonesByNameCommand({ DNSName: 'example.com', MaxItems: 1 }));
  return { ...h, zoneId: zones.HostedZones![0]!.Id!.replace('/hostedzone/', '') };
}

export function a(name: string, ...values: string[]): ResourceRecordSet {
  return { Name: name, Type: 'A', TTL: 300, ResourceRecords: values.map((Value) => ({ Value })) };
}

export function cname(name: string, value: string): ResourceRecordSet {
  return { Name: name, Type: 'CNAME', TTL: 300, ResourceRecords: [{ Value: value }] };
}

export function changes(r53: Route53Client, HostedZoneId: string, ...list: Change[]): Promise<ChangeResourceRecordSetsCommandOutput> {
  return r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId, ChangeBatch: { Changes: list } }));
}

export const create = (ResourceRecordSet: ResourceRecordSet): Change => ({ Action: 'CREATE', ResourceRecordSet });
export const remove = (ResourceRecordSet: ResourceRecordSet): Change => ({ Action: 'DELETE', ResourceRecordSet });
export const upsert = (ResourceRecordSet: ResourceRecordSet): Change => ({ Action: 'UPSERT', ResourceRecordSet });

/** Every record set of a zone, one page. */
export async function records(r53: Route53Client, HostedZoneId: string): Promise<ResourceRecordSet[]> {
  return (await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId }))).ResourceRecordSets ?? [];
}
