/**
 * route53.hosted-zone (lookup): an existing hosted zone, found by its domain name with
 * one ListHostedZonesByName (and one GetHostedZone for its name servers). Never created,
 * changed or deleted; one that is missing stops the plan (exit 1) naming the domain, and
 * nothing that needs it (the certificate, the records) is written.
 */
import { GetHostedZoneCommand, ListHostedZonesByNameCommand } from '@aws-sdk/client-route-53';
import type { DesiredOf, Observation, ResourceAdapter } from '../../reconciler/types.ts';
import { known } from '../known-values.ts';
import { absolute, bareZoneId, dnsName } from '../route53/names.ts';
import { paced } from '../route53/send.ts';
import { hostedZoneProperties } from './schema.ts';
type Desired = DesiredOf<typeof hostedZoneProperties>;

export interface ObservedHostedZone {
  readonly zoneId: string;
  readonly name: string;
  readonly privateZone: boolean;
  readonly nameServers: readonly string[];
}

const never = (what: string) => async (): Promise<never> => {
  throw new Error(`route53.hosted-zone is a lookup: blogctl never ${what} hosted zones`);
};

export const hostedZoneAdapter: ResourceAdapter<'route53.hosted-zone', Desired, ObservedHostedZone> = {
  kind: 'route53.hosted-zone',
  replaceOn: [],
  replaceOrder: 'create-before-delete',

  async observe(requests, ctx) {
    const found: Observation<ObservedHostedZone>[] = [];
    for (const r of requests) {
      if (!r.desired || !known(r.desired.name)) continue;
      const want = absolute(r.desired.name);
      const privateZone = r.desired.privateZone;
      const page = await paced(ctx, (r53) => r53.send(new ListHostedZonesByNameCommand({ DNSName: want, MaxItems: 100 })));
      const zones = (page.HostedZones ?? []).filter((z) => absolute(z.Name ?? '') === want && (z.Config?.PrivateZone ?? false) === privateZone);
      if (zones.length > 1)
        throw new Error(`${zones.length} ${privateZone ? 'private' : 'public'} hosted zones are named ${dnsName(want)} (${zones.map((z) => bareZoneId(z.Id!)).join(', ')}): blogctl cannot tell which one holds the delegation; delete the extra ones`);
      const zone = zones[0];
      if (!zone) continue;
      const zoneId = bareZoneId(zone.Id!);
      const detail = await paced(ctx, (r53) => r53.send(new GetHostedZoneCommand({ Id: zoneId })));
      const state = { zoneId, name: dnsName(want), privateZone, nameServers: detail.DelegationSet?.NameServers ?? [] };
      found.push({ id: r.id, state, tags: {} });
    }
    return found;
  },

  describeLookup: (d) => `no ${d.privateZone ? 'private' : 'public'} hosted zone named ${dnsName(d.name)} in this account (blogctl looks zones up, never creates them)`,

  diff: () => [],
  create: never('creates'),
  update: never('changes'),
  delete: never('deletes'),

  outputs: (o) => ({ id: o.zoneId, arn: `arn:aws:route53:::hostedzone/${o.zoneId}`, name: o.name, nameServers: o.nameServers.join(',') }),
};
