/** elbv2.load-balancer: the internet-facing Application Load Balancer. */
import { z } from 'zod';
import type { KindSchema, SpecProblem } from '../../reconciler/types.ts';
import { checkOneVpc, checkZoneSpread, list, target } from '../cross-checks.ts';
import { checkElbName } from '../elbv2/names.ts';
import { idRefs, int, oneOf, str, tags } from '../fields.ts';

export const loadBalancerProperties = z
  .object({
    name: str(),
    type: oneOf(['application', 'network']).default('application'),
    scheme: oneOf(['internet-facing', 'internal']).default('internet-facing'),
    ipAddressType: oneOf(['ipv4', 'dualstack']).default('ipv4'),
    /** One subnet per zone; an ALB needs two zones or more. */
    subnetIds: idRefs().min(1, { error: 'a load balancer needs subnets' }),
    securityGroupIds: idRefs().default([]),
    /** Load balancer attributes, named after AWS's keys. */
    idleTimeoutSeconds: int(1, 4000).default(60),
    deletionProtection: z.boolean().default(false),
    /** Drop requests with header names that are not valid HTTP (AWS's default: keep them). */
    dropInvalidHeaderFields: z.boolean().default(false),
    http2: z.boolean().default(true),
    tags: tags(),
  })
  .strict();

export type LoadBalancerProperties = z.infer<typeof loadBalancerProperties>;

export const loadBalancerKind = {
  kind: 'elbv2.load-balancer',
  description: 'An Application (or Network) Load Balancer.',
  schema: loadBalancerProperties,
  outputs: { arn: 'exists', name: 'exists', arnSuffix: 'exists', dnsName: 'exists', canonicalHostedZoneId: 'exists' },
  defaultOutput: 'arn',
  check(self, ctx) {
    const p = self.properties;
    const problems: SpecProblem[] = [...checkElbName(self, ctx, 'name'), ...checkOneVpc(self, ctx, ['subnetIds', 'securityGroupIds'])];
    if (p.type === 'application') {
      problems.push(...checkZoneSpread(self, ctx, 'subnetIds', 2, 'an Application Load Balancer'));
      if (list(p.securityGroupIds).length === 0)
        problems.push({ pos: ctx.posOf(self, 'securityGroupIds'), message: 'give the ALB its own security group; without one AWS attaches the VPC default group' });
    }
    if (p.scheme === 'internet-facing')
      for (const [i, v] of list(p.subnetIds).entries()) {
        const subnet = target(v, ctx, 'ec2.subnet');
        const publicRoute = ctx
          .ofKind('ec2.route-table')
          .find((t) => list(t.properties.subnetIds).some((s) => String(s) === String(v)));
        const viaIgw = publicRoute && list(publicRoute.properties.routes).some((r) => (r as { gatewayId?: unknown }).gatewayId !== undefined);
        if (subnet && publicRoute && !viaIgw)
          problems.push({
            pos: ctx.posOf(self, `subnetIds.${i}`),
            message: `an internet-facing load balancer needs public subnets, but "${subnet.id}" has no route to an internet gateway (route table "${publicRoute.id}")`,
          });
      }
    return problems;
  },
} satisfies KindSchema<'elbv2.load-balancer'>;
