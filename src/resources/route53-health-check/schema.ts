/** route53.health-check: what decides whether the PRIMARY failover record is served. */
import { z } from 'zod';
import type { KindSchema, SpecProblem } from '../../reconciler/types.ts';
import { domainName, int, oneOf, port, tags } from '../fields.ts';

export const healthCheckProperties = z
  .object({
    /** HTTP/HTTPS: healthy on a 2xx or 3xx answer; *_STR_MATCH: also searchString in the body. */
    type: oneOf(['HTTP', 'HTTPS', 'HTTP_STR_MATCH', 'HTTPS_STR_MATCH', 'TCP']),
    /** Also sent as the Host header (and SNI name). */
    fullyQualifiedDomainName: domainName().optional(),
    ipAddress: z.string().optional(),
    /** AWS's default: 80 for HTTP, 443 for HTTPS. */
    port: port().optional(),
    resourcePath: z.string().startsWith('/', { error: 'a resource path starts with "/"' }).optional(),
    searchString: z.string().max(255).optional(),
    /** Seconds between checks from each checker: 10 (fast, costs more) or 30. */
    requestInterval: z.union([z.literal(10), z.literal(30)], { error: 'requestInterval is 10 or 30 seconds' }).default(30),
    failureThreshold: int(1, 10).default(3),
    /** Send the host name in the TLS handshake (SNI); AWS's default for HTTPS checks. */
    enableSni: z.boolean().optional(),
    measureLatency: z.boolean().default(false),
    inverted: z.boolean().default(false),
    /** Checker regions (at least 3); absent means all of them. */
    regions: z.array(oneOf(['us-east-1', 'us-west-1', 'us-west-2', 'eu-west-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1', 'sa-east-1'])).optional(),
    tags: tags(),
  })
  .strict();

export type HealthCheckProperties = z.infer<typeof healthCheckProperties>;

export const healthCheckKind = {
  kind: 'route53.health-check',
  description: 'A Route 53 health check of an endpoint (HTTP, HTTPS, string match or TCP).',
  schema: healthCheckProperties,
  outputs: { id: 'exists' },
  defaultOutput: 'id',
  check(self, ctx) {
    const p = self.properties as HealthCheckProperties;
    const problems: SpecProblem[] = [];
    const at = (path: string, message: string) => problems.push({ pos: ctx.posOf(self, path), message });
    if (p.fullyQualifiedDomainName === undefined && p.ipAddress === undefined)
      at('type', 'a health check needs fullyQualifiedDomainName or ipAddress');
    const match = p.type.endsWith('_STR_MATCH');
    if (match !== (p.searchString !== undefined))
      at(match ? 'type' : 'searchString', match ? `${p.type} needs searchString` : 'searchString is only for HTTP_STR_MATCH and HTTPS_STR_MATCH');
    if (p.type === 'TCP' && (p.resourcePath !== undefined || p.enableSni !== undefined))
      at('type', 'a TCP check has no resourcePath or enableSni');
    if (p.type === 'TCP' && p.port === undefined) at('type', 'a TCP check needs a port');
    if (p.enableSni !== undefined && !p.type.startsWith('HTTPS')) at('enableSni', 'enableSni is for HTTPS checks');
    if (p.regions !== undefined && p.regions.length < 3) at('regions', 'list at least 3 checker regions (or leave regions out for all)');
    return problems;
  },
} satisfies KindSchema<'route53.health-check'>;
