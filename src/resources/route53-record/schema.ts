/**
 * route53.record: one record set (name + type + set identifier) of a hosted zone: plain
 * values with a TTL, or an alias; simple, or one side of a failover pair.
 */
import { z } from 'zod';
import type { KindSchema } from '../../reconciler/types.ts';
import { domainName, idRef, int, oneOf, str } from '../fields.ts';
import { checkRecord } from './rules.ts';

export const RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'TXT', 'MX', 'NS', 'SRV', 'CAA', 'PTR', 'NAPTR', 'DS'] as const;

export const recordProperties = z
  .object({
    hostedZoneId: idRef(),
    /** The full name, e.g. www.example.com (a trailing dot is optional). */
    name: domainName(),
    type: oneOf(RECORD_TYPES),
    /** Seconds; required with records, not allowed with an alias. */
    ttl: int(0, 2147483647).optional(),
    records: z.array(str()).min(1, { error: 'list at least one value' }).optional(),
    /** An AWS resource answered directly by Route 53 (CloudFront, S3 website, ALB). */
    aliasTarget: z
      .object({
        dnsName: str(),
        /** The target's own zone: Z2FDTNDATAQYW2 for CloudFront, Z3AQBSTGFYJSTF for S3 websites in us-east-1. */
        hostedZoneId: idRef(),
        evaluateTargetHealth: z.boolean().default(false),
      })
      .strict()
      .optional(),
    /** Tells apart the records of one name and type (failover, weighted). */
    setIdentifier: str().optional(),
    failover: oneOf(['PRIMARY', 'SECONDARY']).optional(),
    weight: int(0, 255).optional(),
    /** The PRIMARY is served while this check is healthy. */
    healthCheckId: idRef().optional(),
  })
  .strict();

export type RecordProperties = z.infer<typeof recordProperties>;

export const recordKind = {
  kind: 'route53.record',
  description: 'A Route 53 record set: values with a TTL or an alias; simple, weighted or failover.',
  schema: recordProperties,
  outputs: { fqdn: 'exists' },
  defaultOutput: 'fqdn',
  check: checkRecord,
} satisfies KindSchema<'route53.record'>;
