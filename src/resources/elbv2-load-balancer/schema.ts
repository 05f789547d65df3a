/** elbv2.load-balancer: the internet-facing Application Load Balancer. */
import { z } from 'zod';
import type { CheckContext, KindSchema, SpecProblem, SpecResource } from '../../reconciler/types.ts';
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
    if (p.scheme === 'internet-facing') problems.push(...checkGatewayFirst(self, ctx));
    return problems;
  },
} satisfies KindSchema<'elbv2.load-balancer'>;

/**
 * AWS refuses an internet-facing load balancer in a VPC without an attached internet
 * gateway, and nothing else orders the two: the spec's gateway of that VPC (or a route
 * table routing through it) must be in dependsOn.
 */
function checkGatewayFirst(self: SpecResource, ctx: CheckContext): SpecProblem[] {
  const subnet = list(self.properties.subnetIds).map((v) => target(v, ctx, 'ec2.subnet')).find(Boolean);
  if (!subnet) return [];
  const gateways = ctx.ofKind('ec2.internet-gateway').filter((g) => String(g.properties.vpcId) === String(subnet.properties.vpcId));
  if (gateways.length === 0) return [];
  const viaGateway = (id: string) => {
    const r = ctx.resource(id);
    if (!r) return false;
    if (gateways.includes(r)) return true;
    return r.kind === 'ec2.route-table' && list(r.properties.routes).some((x) => gateways.some((g) => target((x as { gatewayId?: unknown }).gatewayId, ctx) === g));
  };
  if (self.dependsOn.some(viaGateway)) return [];
  return [{
    pos: ctx.posOf(self, 'scheme'),
    message: `AWS refuses an internet-facing load balancer until its VPC's internet gateway is attached: add dependsOn: [${gateways[0]!.id}] (or the public route table)`,
  }];
}
