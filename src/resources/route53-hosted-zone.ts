/** route53.hosted-zone (lookup): an existing public hosted zone, found by its domain name. */
import { z } from 'zod';
import type { KindSchema } from '../reconciler/types.ts';
import { domainName } from './fields.ts';

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
