/** elbv2.listener: a port of the load balancer and its default action (forward, redirect, fixed response). */
import { z } from 'zod';
import type { CheckContext, KindSchema, SpecProblem, SpecResource } from '../../reconciler/types.ts';
import { checkOutputUse } from '../cross-checks.ts';
import { arn, oneOf, port, str } from '../fields.ts';

const forward = z.object({ type: z.literal('forward'), targetGroupArn: arn() }).strict();

/** AWS's defaults keep each part of the request: #{protocol}, #{host}, /#{path}, #{query}. */
const redirect = z
  .object({
    type: z.literal('redirect'),
    redirectConfig: z
      .object({
        protocol: oneOf(['HTTP', 'HTTPS', '#{protocol}']).default('#{protocol}'),
        port: z.union([z.literal('#{port}'), port()]).default('#{port}'),
        host: str().default('#{host}'),
        path: str().default('/#{path}'),
        query: str().default('#{query}'),
        statusCode: oneOf(['HTTP_301', 'HTTP_302']),
      })
      .strict(),
  })
  .strict();

const fixedResponse = z
  .object({
    type: z.literal('fixed-response'),
    fixedResponseConfig: z
      .object({
        statusCode: z.string().regex(/^[2-5]\d\d$/, { error: 'an HTTP status code such as "503"' }),
        contentType: oneOf(['text/plain', 'text/css', 'text/html', 'application/javascript', 'application/json']).default('text/plain'),
        messageBody: z.string().max(1024).optional(),
      })
      .strict(),
  })
  .strict();

/** AWS's recommended policy: TLS 1.3 and 1.2, forward secrecy. blogctl's default for HTTPS/TLS listeners. */
export const DEFAULT_TLS_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

export const listenerProperties = z
  .object({
    loadBalancerArn: arn(),
    port: port(),
    protocol: oneOf(['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP']),
    /** HTTPS/TLS: the default certificate, ${cert} (an ISSUED ACM certificate). */
    certificateArn: arn().optional(),
    /**
     * HTTPS/TLS: the security policy. Default: DEFAULT_TLS_POLICY (TLS 1.2 and 1.3), not
     * the API's ELBSecurityPolicy-2016-08, which still allows TLS 1.0 and 1.1.
     */
    sslPolicy: z.string().regex(/^ELBSecurityPolicy-[A-Za-z0-9-]+$/, { error: 'an ELB security policy name, e.g. ELBSecurityPolicy-TLS13-1-2-2021-06' }).optional(),
    defaultAction: z.discriminatedUnion('type', [forward, redirect, fixedResponse], {
      error: 'defaultAction.type is one of: forward, redirect, fixed-response',
    }),
  })
  .strict();

export type ListenerProperties = z.infer<typeof listenerProperties>;

function checkListener(self: SpecResource, ctx: CheckContext): SpecProblem[] {
  const p = self.properties as ListenerProperties;
  const problems: SpecProblem[] = [];
  const tls = p.protocol === 'HTTPS' || p.protocol === 'TLS';
  if (tls && p.certificateArn === undefined)
    problems.push({ pos: ctx.posOf(self, 'protocol'), message: `a ${p.protocol} listener needs certificateArn` });
  if (!tls && (p.certificateArn !== undefined || p.sslPolicy !== undefined))
    problems.push({ pos: ctx.posOf(self, p.certificateArn ? 'certificateArn' : 'sslPolicy'), message: `certificateArn and sslPolicy are for HTTPS/TLS listeners, not ${p.protocol}` });
  const a = p.defaultAction;
  if (a.type === 'redirect') {
    const r = a.redirectConfig;
    const same = (r.protocol === '#{protocol}' || r.protocol === p.protocol) && (r.port === '#{port}' || r.port === p.port);
    if (same && r.host === '#{host}' && r.path === '/#{path}' && r.query === '#{query}')
      problems.push({ pos: ctx.posOf(self, 'defaultAction.redirectConfig'), message: 'this redirect sends requests back to this same listener: a loop (set protocol: HTTPS, port: 443)' });
  }
  if ((a.type === 'redirect' || a.type === 'fixed-response') && !(p.protocol === 'HTTP' || p.protocol === 'HTTPS'))
    problems.push({ pos: ctx.posOf(self, 'defaultAction.type'), message: `${a.type} actions are for HTTP/HTTPS listeners` });
  // Two listeners of one load balancer on one port.
  const all = ctx.ofKind('elbv2.listener');
  const earlier = all
    .slice(0, all.findIndex((l) => l.id === self.id))
    .find((l) => String(l.properties.loadBalancerArn) === String(p.loadBalancerArn) && l.properties.port === p.port);
  if (earlier) problems.push({ pos: ctx.posOf(self, 'port'), message: `listener "${earlier.id}" already listens on port ${p.port} of this load balancer` });
  problems.push(...checkOutputUse(self, ctx, 'loadBalancerArn', { kind: 'elbv2.load-balancer', defaultOutput: 'arn', outputs: ['arn'] }));
  problems.push(...checkOutputUse(self, ctx, 'certificateArn', { kind: 'acm.certificate', defaultOutput: 'arn', outputs: ['arn'] }));
  problems.push(...checkOutputUse(self, ctx, 'defaultAction.targetGroupArn', { kind: 'elbv2.target-group', defaultOutput: 'arn', outputs: ['arn'] }));
  return problems;
}

export const listenerKind = {
  kind: 'elbv2.listener',
  description: 'A load balancer listener with its default action.',
  schema: listenerProperties,
  outputs: { arn: 'exists' },
  defaultOutput: 'arn',
  check: checkListener,
} satisfies KindSchema<'elbv2.listener'>;
