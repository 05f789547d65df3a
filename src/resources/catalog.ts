/**
 * Every kind's schema: what `validate`, `graph` and `schema` need, and no adapter, so they
 * load no AWS SDK client. The one list of kinds' schemas (`satisfies KindCatalog`).
 */
import type { KindCatalog, KindSchema } from '../reconciler/types.ts';
import { checkIdFields } from './id-fields.ts';
import { certificateKind } from './acm-certificate/schema.ts';
import { autoScalingGroupKind } from './autoscaling-group/schema.ts';
import { scalingPolicyKind } from './autoscaling-policy/schema.ts';
import { distributionKind } from './cloudfront-distribution/schema.ts';
import { originAccessControlKind } from './cloudfront-origin-access-control/schema.ts';
import { tableKind } from './dynamodb-table/schema.ts';
import { amiKind } from './ec2-ami/schema.ts';
import { instanceKind } from './ec2-instance/schema.ts';
import { internetGatewayKind } from './ec2-internet-gateway/schema.ts';
import { launchTemplateKind } from './ec2-launch-template/schema.ts';
import { routeTableKind } from './ec2-route-table/schema.ts';
import { securityGroupKind } from './ec2-security-group/schema.ts';
import { subnetKind } from './ec2-subnet/schema.ts';
import { vpcEndpointKind } from './ec2-vpc-endpoint/schema.ts';
import { vpcKind } from './ec2-vpc/schema.ts';
import { listenerKind } from './elbv2-listener/schema.ts';
import { loadBalancerKind } from './elbv2-load-balancer/schema.ts';
import { targetGroupKind } from './elbv2-target-group/schema.ts';
import { instanceProfileKind } from './iam-instance-profile/schema.ts';
import { roleKind } from './iam-role/schema.ts';
import { functionKind } from './lambda-function/schema.ts';
import { permissionKind } from './lambda-permission/schema.ts';
import { dbInstanceKind } from './rds-db-instance/schema.ts';
import { dbSubnetGroupKind } from './rds-db-subnet-group/schema.ts';
import { healthCheckKind } from './route53-health-check/schema.ts';
import { hostedZoneKind } from './route53-hosted-zone/schema.ts';
import { recordKind } from './route53-record/schema.ts';
import { bucketNotificationKind } from './s3-bucket-notification/schema.ts';
import { bucketKind } from './s3-bucket/schema.ts';

export const kinds = {
  'ec2.vpc': vpcKind,
  'ec2.subnet': subnetKind,
  'ec2.internet-gateway': internetGatewayKind,
  'ec2.route-table': routeTableKind,
  'ec2.vpc-endpoint': vpcEndpointKind,
  'ec2.security-group': securityGroupKind,
  'ec2.instance': instanceKind,
  'ec2.ami': amiKind,
  'ec2.launch-template': launchTemplateKind,
  'iam.role': roleKind,
  'iam.instance-profile': instanceProfileKind,
  'autoscaling.group': autoScalingGroupKind,
  'autoscaling.policy': scalingPolicyKind,
  'elbv2.load-balancer': loadBalancerKind,
  'elbv2.target-group': targetGroupKind,
  'elbv2.listener': listenerKind,
  'acm.certificate': certificateKind,
  'rds.db-subnet-group': dbSubnetGroupKind,
  'rds.db-instance': dbInstanceKind,
  's3.bucket': bucketKind,
  's3.bucket-notification': bucketNotificationKind,
  'cloudfront.origin-access-control': originAccessControlKind,
  'cloudfront.distribution': distributionKind,
  'route53.hosted-zone': hostedZoneKind,
  'route53.health-check': healthCheckKind,
  'route53.record': recordKind,
  'dynamodb.table': tableKind,
  'lambda.function': functionKind,
  'lambda.permission': permissionKind,
} satisfies KindCatalog;

/** Every kind, with the checks all kinds share (id fields point at the right kind) run before its own. */
export const kindCatalog: KindCatalog = Object.fromEntries(
  Object.entries(kinds).map(([kind, schema]: [string, KindSchema]) => [
    kind,
    { ...schema, check: (self, ctx) => [...checkIdFields(self, ctx), ...(schema.check?.(self, ctx) ?? [])] } satisfies KindSchema,
  ]),
) as KindCatalog;
