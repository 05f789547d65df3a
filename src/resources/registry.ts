/**
 * The ONLY file that lists every kind. Each entry is the kind's schema today; adapters
 * join them here as they are written (issue 4 and after).
 */
import type { DesiredOf, Kind, KindCatalog, KindSchema, ResourceAdapter } from '../reconciler/types.ts';
import { checkIdFields } from './id-fields.ts';
import { certificateAdapter, certificateKind } from './acm-certificate/index.ts';
import { autoScalingGroupAdapter, autoScalingGroupKind } from './autoscaling-group/index.ts';
import { scalingPolicyAdapter, scalingPolicyKind } from './autoscaling-policy/index.ts';
import { distributionAdapter, distributionKind } from './cloudfront-distribution/index.ts';
import { originAccessControlAdapter, originAccessControlKind } from './cloudfront-origin-access-control/index.ts';
import { tableAdapter, tableKind } from './dynamodb-table/index.ts';
import { amiAdapter, amiKind } from './ec2-ami.ts';
import { instanceAdapter, instanceKind } from './ec2-instance/index.ts';
import { internetGatewayAdapter, internetGatewayKind } from './ec2-internet-gateway.ts';
import { launchTemplateAdapter, launchTemplateKind } from './ec2-launch-template/index.ts';
import { routeTableAdapter, routeTableKind } from './ec2-route-table/index.ts';
import { securityGroupAdapter, securityGroupKind } from './ec2-security-group/index.ts';
import { subnetAdapter, subnetKind } from './ec2-subnet.ts';
import { vpcEndpointAdapter, vpcEndpointKind } from './ec2-vpc-endpoint.ts';
import { vpcAdapter, vpcKind } from './ec2-vpc.ts';
import { listenerAdapter, listenerKind } from './elbv2-listener/index.ts';
import { loadBalancerAdapter, loadBalancerKind } from './elbv2-load-balancer/index.ts';
import { targetGroupAdapter, targetGroupKind } from './elbv2-target-group/index.ts';
import { instanceProfileAdapter, instanceProfileKind } from './iam-instance-profile/index.ts';
import { roleAdapter, roleKind } from './iam-role/index.ts';
import { functionAdapter, functionKind } from './lambda-function/index.ts';
import { permissionAdapter, permissionKind } from './lambda-permission/index.ts';
import { dbInstanceAdapter, dbInstanceKind } from './rds-db-instance/index.ts';
import { dbSubnetGroupAdapter, dbSubnetGroupKind } from './rds-db-subnet-group.ts';
import { healthCheckAdapter, healthCheckKind } from './route53-health-check/index.ts';
import { hostedZoneAdapter, hostedZoneKind } from './route53-hosted-zone.ts';
import { recordAdapter, recordKind } from './route53-record/index.ts';
import { bucketNotificationAdapter, bucketNotificationKind } from './s3-bucket-notification/index.ts';
import { bucketAdapter, bucketKind } from './s3-bucket/index.ts';

const kinds = {
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

/** An adapter for each kind, its Desired exactly its kind's schema output with references resolved. */
type AdapterTable = { readonly [K in Kind]?: ResourceAdapter<K, DesiredOf<(typeof kinds)[K]['schema']>> };

/** The kinds blogctl can manage today; a kind missing here is reported as not yet supported. */
export const adapters: AdapterTable = {
  'ec2.vpc': vpcAdapter,
  'ec2.subnet': subnetAdapter,
  'ec2.internet-gateway': internetGatewayAdapter,
  'ec2.route-table': routeTableAdapter,
  'ec2.security-group': securityGroupAdapter,
  'cloudfront.origin-access-control': originAccessControlAdapter,
  'cloudfront.distribution': distributionAdapter,
  'ec2.vpc-endpoint': vpcEndpointAdapter,
  'ec2.ami': amiAdapter,
  'ec2.instance': instanceAdapter,
  'iam.role': roleAdapter,
  'iam.instance-profile': instanceProfileAdapter,
  'ec2.launch-template': launchTemplateAdapter,
  'autoscaling.group': autoScalingGroupAdapter,
  'autoscaling.policy': scalingPolicyAdapter,
  'dynamodb.table': tableAdapter,
  'lambda.function': functionAdapter,
  'lambda.permission': permissionAdapter,
  's3.bucket': bucketAdapter,
  's3.bucket-notification': bucketNotificationAdapter,
  'rds.db-subnet-group': dbSubnetGroupAdapter,
  'rds.db-instance': dbInstanceAdapter,
  'elbv2.load-balancer': loadBalancerAdapter,
  'elbv2.target-group': targetGroupAdapter,
  'elbv2.listener': listenerAdapter,
  'acm.certificate': certificateAdapter,
  'route53.hosted-zone': hostedZoneAdapter,
  'route53.health-check': healthCheckAdapter,
  'route53.record': recordAdapter,
};
