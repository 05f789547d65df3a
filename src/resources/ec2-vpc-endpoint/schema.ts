/**
 * ec2.vpc-endpoint: a VPC endpoint, e.g. the S3 gateway endpoint of the private route
 * table. A Gateway endpoint's routes (to the service's prefix list) are AWS's doing and
 * belong to it: ec2.route-table leaves them out (normalize/routes.ts).
 */
import { z } from 'zod';
import type { KindSchema, SpecProblem } from '../../reconciler/types.ts';
import { checkOneVpc, literal, vpcOf } from '../cross-checks.ts';
import { idRef, idRefs, oneOf, str, tags } from '../fields.ts';
import { policyDocument } from '../policy-document.ts';

export const vpcEndpointProperties = z
  .object({
    vpcId: idRef(),
    /** com.amazonaws.<region>.<service>, e.g. com.amazonaws.${aws.region}.s3. */
    serviceName: str(),
    vpcEndpointType: oneOf(['Gateway', 'Interface', 'GatewayLoadBalancer']).default('Gateway'),
    /** Gateway endpoints: the route tables that get a route to the service's prefix list. */
    routeTableIds: idRefs().default([]),
    /** Interface endpoints: one subnet per zone, and their security groups. */
    subnetIds: idRefs().default([]),
    securityGroupIds: idRefs().default([]),
    privateDnsEnabled: z.boolean().optional(),
    /** Endpoint policy; AWS's default allows everything through the endpoint. */
    policy: policyDocument('resource').optional(),
    tags: tags(),
  })
  .strict();

export type VpcEndpointProperties = z.infer<typeof vpcEndpointProperties>;

const SERVICE_NAME = /^(com|aws)\.[a-z0-9-]+(\.[a-z0-9-]+)+$/;

export const vpcEndpointKind = {
  kind: 'ec2.vpc-endpoint',
  description: 'A VPC endpoint (Gateway for S3/DynamoDB, or Interface).',
  schema: vpcEndpointProperties,
  outputs: { id: 'exists', arn: 'exists' },
  defaultOutput: 'id',
  check(self, ctx) {
    const p = self.properties;
    const problems: SpecProblem[] = checkOneVpc(self, ctx, ['routeTableIds', 'subnetIds', 'securityGroupIds'], vpcOf(self, ctx));
    const name = literal(p.serviceName);
    if (name !== undefined && !SERVICE_NAME.test(name))
      problems.push({ pos: ctx.posOf(self, 'serviceName'), message: `"${name}" is not an endpoint service name (e.g. com.amazonaws.us-east-1.s3)` });
    const routeTables = (p.routeTableIds as unknown[]).length;
    const subnets = (p.subnetIds as unknown[]).length;
    if (p.vpcEndpointType === 'Gateway') {
      if (routeTables === 0)
        problems.push({ pos: ctx.posOf(self, 'vpcEndpointType'), message: 'a Gateway endpoint works through route tables: list them in routeTableIds' });
      if (subnets > 0 || (p.securityGroupIds as unknown[]).length > 0)
        problems.push({ pos: ctx.posOf(self, 'subnetIds'), message: 'a Gateway endpoint has no subnets or security groups (those are for Interface endpoints)' });
      if (name !== undefined && !/\.(s3|dynamodb)$/.test(name))
        problems.push({ pos: ctx.posOf(self, 'serviceName'), message: `only S3 and DynamoDB offer Gateway endpoints; "${name}" needs vpcEndpointType: Interface` });
    } else {
      if (subnets === 0) problems.push({ pos: ctx.posOf(self, 'subnetIds'), message: `an ${String(p.vpcEndpointType)} endpoint needs subnetIds` });
      if (routeTables > 0)
        problems.push({ pos: ctx.posOf(self, 'routeTableIds'), message: 'routeTableIds are for Gateway endpoints only' });
    }
    return problems;
  },
} satisfies KindSchema<'ec2.vpc-endpoint'>;
