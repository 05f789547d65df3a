/**
 * route53.hosted-zone (lookup): an existing hosted zone, found by its domain name with
 * one ListHostedZonesByName (and one GetHostedZone for its name servers). Never created,
 * changed or deleted; one that is missing stops the plan (exit 1) naming the domain, and
 * nothing that needs it (the certificate, the records) is written.
 */
import { z } from 'zod';
import type { KindSchema } from '../../reconciler/types.ts';
import { domainName } from '../fields.ts';

export const hostedZoneProperties = z
  .object({
    /** The zone's domain, e.g. example.com (a trailing dot is optional). */
    name: domainName(),
    privateZone: z.boolean().default(false),
  })
  .strict();

export type HostedZoneProperties = z.infer<typeof hostedZoneProperties>;

export const hostedZoneKind = {
  kind: 'route53.hosted-zone',
  description: 'Looks up an existing Route 53 hosted zone by name (never created).',
  schema: hostedZoneProperties,
  outputs: { id: 'exists', name: 'exists', nameServers: 'exists' },
  defaultOutput: 'id',
  lookup: true,
  check(self, ctx) {
    const name = self.properties.name;
    return typeof name === 'string' && name.startsWith('*.')
      ? [{ pos: ctx.posOf(self, 'name'), message: 'a hosted zone name has no wildcard' }]
      : [];
  },
} satisfies KindSchema<'route53.hosted-zone'>;
