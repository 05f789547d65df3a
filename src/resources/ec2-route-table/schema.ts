/** ec2.route-table's schema: a route table, its routes, and the subnets associated with it. */
import { z } from 'zod';
import type { CheckContext, KindSchema, SpecProblem, SpecResource } from '../../reconciler/types.ts';
import { checkOneVpc, checkUnique, list, target, vpcOf } from '../cross-checks.ts';
import { cidr, idRef, idRefs, tags } from '../fields.ts';
import { ROUTE_TARGETS } from '../normalize/routes.ts';

/** Where a route may send traffic; a route names exactly one. */
export { ROUTE_TARGETS };

const route = z
  .object({
    destinationCidrBlock: cidr(),
    /** An internet gateway (or virtual private gateway). */
    gatewayId: idRef().optional(),
    natGatewayId: idRef().optional(),
    /** A NAT instance: its source/destination check must be off. */
    instanceId: idRef().optional(),
    networkInterfaceId: idRef().optional(),
    /** A Gateway Load Balancer endpoint (S3/DynamoDB gateway endpoints use routeTableIds instead). */
    vpcEndpointId: idRef().optional(),
    transitGatewayId: idRef().optional(),
    vpcPeeringConnectionId: idRef().optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const set = ROUTE_TARGETS.filter((t) => r[t] !== undefined);
    if (set.length !== 1)
      ctx.addIssue({
        code: 'custom',
        message:
          set.length === 0
            ? `a route needs a target: one of ${ROUTE_TARGETS.join(', ')}`
            : `a route has exactly one target, not ${set.length} (${set.join(', ')})`,
      });
  });

export const routeTableProperties = z
  .object({
    vpcId: idRef(),
    /** The local route of the VPC is implicit and is not listed. */
    routes: z.array(route).default([]),
    /** Subnets associated with this table (a subnet has one route table). */
    subnetIds: idRefs().default([]),
    tags: tags(),
  })
  .strict();

export type RouteTableProperties = z.infer<typeof routeTableProperties>;

function checkRouteTable(self: SpecResource, ctx: CheckContext): SpecProblem[] {
  const vpc = vpcOf(self, ctx);
  const problems = [
    ...checkOneVpc(self, ctx, ['subnetIds'], vpc),
    ...checkUnique(self, ctx, 'routes', (r) => String((r as { destinationCidrBlock: unknown }).destinationCidrBlock), 'this route'),
    ...checkUnique(self, ctx, 'subnetIds', String, 'this subnet'),
  ];
  // A subnet is associated with one route table: report it on the later table.
  const mine = new Set(list(self.properties.subnetIds).map(String));
  const tables = ctx.ofKind('ec2.route-table');
  for (const other of tables.slice(0, tables.findIndex((t) => t.id === self.id)))
    list(other.properties.subnetIds).forEach((s) => {
      if (!mine.has(String(s))) return;
      const i = list(self.properties.subnetIds).map(String).indexOf(String(s));
      problems.push({ pos: ctx.posOf(self, `subnetIds.${i}`), message: `subnet ${String(s)} is already associated with route table "${other.id}"; a subnet has one route table` });
    });
  list(self.properties.routes).forEach((r, i) => {
    const { gatewayId, instanceId } = r as { gatewayId?: unknown; instanceId?: unknown };
    const igw = target(gatewayId, ctx, 'ec2.internet-gateway');
    const igwVpc = igw && target(igw.properties.vpcId, ctx, 'ec2.vpc');
    if (igw && igwVpc && vpc && igwVpc !== vpc)
      problems.push({ pos: ctx.posOf(self, `routes.${i}.gatewayId`), message: `internet gateway "${igw.id}" is attached to VPC "${igwVpc.id}", not to this table's VPC "${vpc.id}"` });
    const nat = target(instanceId, ctx, 'ec2.instance');
    if (nat && nat.properties.sourceDestCheck !== false)
      problems.push({
        pos: ctx.posOf(self, `routes.${i}.instanceId`),
        message: `instance "${nat.id}" routes other hosts' traffic, so it needs sourceDestCheck: false`,
      });
  });
  return problems;
}

export const routeTableKind = {
  kind: 'ec2.route-table',
  description: 'A route table with its routes and subnet associations.',
  schema: routeTableProperties,
  outputs: { id: 'exists', arn: 'exists' },
  defaultOutput: 'id',
  check: checkRouteTable,
} satisfies KindSchema<'ec2.route-table'>;
