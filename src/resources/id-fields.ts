/**
 * Fields whose name says what they hold: `vpcId` holds a VPC's id, `subnetIds` subnets'
 * ids, ... A whole reference `${x}` (x's id) in such a field must point at that kind.
 * The registry applies this check to every kind.
 */
import { Ref, type CheckContext, type Kind, type SpecProblem, type SpecResource } from '../reconciler/types.ts';

const ID_FIELDS: Readonly<Record<string, readonly Kind[]>> = {
  vpcId: ['ec2.vpc'],
  subnetId: ['ec2.subnet'],
  subnetIds: ['ec2.subnet'],
  securityGroupIds: ['ec2.security-group'],
  sourceSecurityGroupId: ['ec2.security-group'],
  vpcSecurityGroupIds: ['ec2.security-group'],
  routeTableIds: ['ec2.route-table'],
  gatewayId: ['ec2.internet-gateway'],
  instanceId: ['ec2.instance'],
  imageId: ['ec2.ami'],
  healthCheckId: ['route53.health-check'],
};

/** Walks the properties; reports `${x}` in an id field when x is of another kind. */
export function checkIdFields(self: SpecResource, ctx: CheckContext): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const visit = (value: unknown, path: string[], field: string | undefined): void => {
    if (value instanceof Ref) {
      const expected = field ? ID_FIELDS[field] : undefined;
      const target = ctx.resource(value.target);
      if (expected && target && value.attr === undefined && !expected.includes(target.kind))
        problems.push({
          pos: ctx.posOf(self, path.join('.')),
          message: `${field} takes the id of ${expected.join(' or ')}, but "${target.id}" is ${target.kind}`,
        });
      return;
    }
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...path, String(i)], field));
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) visit(v, [...path, k], k);
  };
  visit(self.properties, [], undefined);
  return problems;
}
