/** elbv2.target-group: where the ALB sends requests, and how it checks their health. */
import { z } from 'zod';
import type { KindSchema, SpecProblem } from '../../reconciler/types.ts';
import { checkElbName } from '../elbv2/names.ts';
import { idRef, int, oneOf, port, str, tags } from '../fields.ts';

const PROTOCOLS = ['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP'] as const;

export const targetGroupProperties = z
  .object({
    name: str(),
    protocol: oneOf(PROTOCOLS),
    port: port(),
    vpcId: idRef(),
    targetType: oneOf(['instance', 'ip', 'lambda', 'alb']).default('instance'),
    protocolVersion: oneOf(['HTTP1', 'HTTP2', 'GRPC']).default('HTTP1'),
    healthCheck: z
      .object({
        enabled: z.boolean().default(true),
        protocol: oneOf(PROTOCOLS).default('HTTP'),
        /** traffic-port (the targets' port) or a port number. */
        port: z.union([z.literal('traffic-port'), port()]).default('traffic-port'),
        path: z.string().startsWith('/', { error: 'a health check path starts with "/"' }).default('/'),
        intervalSeconds: int(5, 300).default(30),
        timeoutSeconds: int(2, 120).default(5),
        healthyThresholdCount: int(2, 10).default(5),
        unhealthyThresholdCount: int(2, 10).default(2),
        /** HTTP codes counted healthy: "200", "200,302" or "200-299". */
        matcher: z
          .string()
          .regex(/^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/, { error: 'a matcher is HTTP codes like "200", "200,302" or "200-299"' })
          .default('200'),
      })
      .strict()
      .prefault({}),
    /** Seconds a deregistering target keeps serving its in-flight requests. */
    deregistrationDelay: int(0, 3600).default(300),
    stickiness: z
      .object({ enabled: z.boolean().default(false), cookieDurationSeconds: int(1, 604800).default(86400) })
      .strict()
      .prefault({}),
    tags: tags(),
  })
  .strict();

export type TargetGroupProperties = z.infer<typeof targetGroupProperties>;

export const targetGroupKind = {
  kind: 'elbv2.target-group',
  description: 'A target group and its health check.',
  schema: targetGroupProperties,
  outputs: { arn: 'exists', name: 'exists', arnSuffix: 'exists' },
  defaultOutput: 'arn',
  check(self, ctx) {
    const p = self.properties as TargetGroupProperties;
    const hc = p.healthCheck;
    const problems: SpecProblem[] = checkElbName(self, ctx, 'name');
    if (hc.timeoutSeconds >= hc.intervalSeconds)
      problems.push({
        pos: ctx.posOf(self, 'healthCheck.timeoutSeconds'),
        message: `the health check timeout (${hc.timeoutSeconds}s) must be shorter than its interval (${hc.intervalSeconds}s)`,
      });
    const http = p.protocol === 'HTTP' || p.protocol === 'HTTPS';
    if (!http && (p.protocolVersion !== 'HTTP1' || p.stickiness.enabled))
      problems.push({ pos: ctx.posOf(self, 'protocol'), message: `protocolVersion and stickiness apply to HTTP/HTTPS target groups, not ${p.protocol}` });
    return problems;
  },
} satisfies KindSchema<'elbv2.target-group'>;
