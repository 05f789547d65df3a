/**
 * Every adapter at once, loaded eagerly: for tests, benchmarks and `blogctl iam-policy`,
 * which want them all. Commands load theirs lazily (adapter-modules.ts); the kinds'
 * schemas alone are catalog.ts.
 */
import type { AdapterTable } from './adapter-modules.ts';
import { certificateAdapter } from './acm-certificate/adapter.ts';
import { autoScalingGroupAdapter } from './autoscaling-group/adapter.ts';
import { scalingPolicyAdapter } from './autoscaling-policy/adapter.ts';
import { distributionAdapter } from './cloudfront-distribution/adapter.ts';
import { originAccessControlAdapter } from './cloudfront-origin-access-control/adapter.ts';
import { tableAdapter } from './dynamodb-table/adapter.ts';
import { amiAdapter } from './ec2-ami/adapter.ts';
import { instanceAdapter } from './ec2-instance/adapter.ts';
import { internetGatewayAdapter } from './ec2-internet-gateway/adapter.ts';
import { launchTemplateAdapter } from './ec2-launch-template/adapter.ts';
import { routeTableAdapter } from './ec2-route-table/adapter.ts';
import { securityGroupAdapter } from './ec2-security-group/adapter.ts';
import { subnetAdapter } from './ec2-subnet/adapter.ts';
import { vpcAdapter } from './ec2-vpc/adapter.ts';
import { vpcEndpointAdapter } from './ec2-vpc-endpoint/adapter.ts';
import { listenerAdapter } from './elbv2-listener/adapter.ts';
import { loadBalancerAdapter } from './elbv2-load-balancer/adapter.ts';
import { targetGroupAdapter } from './elbv2-target-group/adapter.ts';
import { instanceProfileAdapter } from './iam-instance-profile/adapter.ts';
import { roleAdapter } from './iam-role/adapter.ts';
import { functionAdapter } from './lambda-function/adapter.ts';
import { permissionAdapter } from './lambda-permission/adapter.ts';
import { dbInstanceAdapter } from './rds-db-instance/adapter.ts';
import { dbSubnetGroupAdapter } from './rds-db-subnet-group/adapter.ts';
import { healthCheckAdapter } from './route53-health-check/adapter.ts';
import { hostedZoneAdapter } from './route53-hosted-zone/adapter.ts';
import { recordAdapter } from './route53-record/adapter.ts';
import { bucketAdapter } from './s3-bucket/adapter.ts';
import { bucketNotificationAdapter } from './s3-bucket-notification/adapter.ts';

export { kindCatalog } from './catalog.ts';

/** The kinds blogctl can manage; a kind missing here is reported as not yet supported. */
export const adapters: AdapterTable = {
  'acm.certificate': certificateAdapter,
  'autoscaling.group': autoScalingGroupAdapter,
  'autoscaling.policy': scalingPolicyAdapter,
  'cloudfront.distribution': distributionAdapter,
  'cloudfront.origin-access-control': originAccessControlAdapter,
  'dynamodb.table': tableAdapter,
  'ec2.ami': amiAdapter,
  'ec2.instance': instanceAdapter,
  'ec2.internet-gateway': internetGatewayAdapter,
  'ec2.launch-template': launchTemplateAdapter,
  'ec2.route-table': routeTableAdapter,
  'ec2.security-group': securityGroupAdapter,
  'ec2.subnet': subnetAdapter,
  'ec2.vpc-endpoint': vpcEndpointAdapter,
  'ec2.vpc': vpcAdapter,
  'elbv2.listener': listenerAdapter,
  'elbv2.load-balancer': loadBalancerAdapter,
  'elbv2.target-group': targetGroupAdapter,
  'iam.instance-profile': instanceProfileAdapter,
  'iam.role': roleAdapter,
  'lambda.function': functionAdapter,
  'lambda.permission': permissionAdapter,
  'rds.db-instance': dbInstanceAdapter,
  'rds.db-subnet-group': dbSubnetGroupAdapter,
  'route53.health-check': healthCheckAdapter,
  'route53.hosted-zone': hostedZoneAdapter,
  'route53.record': recordAdapter,
  's3.bucket-notification': bucketNotificationAdapter,
  's3.bucket': bucketAdapter,
};
