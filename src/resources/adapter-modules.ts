/**
 * Each kind's adapter, loaded when a run needs it: a command loads only its kinds'
 * adapters, and so only their AWS SDK clients (a `--target` run of the network loads
 * only EC2's). The table is typed per kind: each adapter's Desired is exactly its kind's
 * schema output with references resolved, so `replaceOn` takes only real fields.
 */
import type { DesiredOf, Kind, ResourceAdapter } from '../reconciler/types.ts';
import type { kinds } from './catalog.ts';

/** The adapter of kind K, typed against its schema. */
export type AdapterOf<K extends Kind> = ResourceAdapter<K, DesiredOf<(typeof kinds)[K]['schema']>>;
export type AdapterTable = { readonly [K in Kind]?: AdapterOf<K> };

const LOADERS: { readonly [K in Kind]: () => Promise<AdapterOf<K>> } = {
  'acm.certificate': async () => (await import('./acm-certificate/adapter.ts')).certificateAdapter,
  'autoscaling.group': async () => (await import('./autoscaling-group/adapter.ts')).autoScalingGroupAdapter,
  'autoscaling.policy': async () => (await import('./autoscaling-policy/adapter.ts')).scalingPolicyAdapter,
  'cloudfront.distribution': async () => (await import('./cloudfront-distribution/adapter.ts')).distributionAdapter,
  'cloudfront.origin-access-control': async () => (await import('./cloudfront-origin-access-control/adapter.ts')).originAccessControlAdapter,
  'dynamodb.table': async () => (await import('./dynamodb-table/adapter.ts')).tableAdapter,
  'ec2.ami': async () => (await import('./ec2-ami/adapter.ts')).amiAdapter,
  'ec2.instance': async () => (await import('./ec2-instance/adapter.ts')).instanceAdapter,
  'ec2.internet-gateway': async () => (await import('./ec2-internet-gateway/adapter.ts')).internetGatewayAdapter,
  'ec2.launch-template': async () => (await import('./ec2-launch-template/adapter.ts')).launchTemplateAdapter,
  'ec2.route-table': async () => (await import('./ec2-route-table/adapter.ts')).routeTableAdapter,
  'ec2.security-group': async () => (await import('./ec2-security-group/adapter.ts')).securityGroupAdapter,
  'ec2.subnet': async () => (await import('./ec2-subnet/adapter.ts')).subnetAdapter,
  'ec2.vpc-endpoint': async () => (await import('./ec2-vpc-endpoint/adapter.ts')).vpcEndpointAdapter,
  'ec2.vpc': async () => (await import('./ec2-vpc/adapter.ts')).vpcAdapter,
  'elbv2.listener': async () => (await import('./elbv2-listener/adapter.ts')).listenerAdapter,
  'elbv2.load-balancer': async () => (await import('./elbv2-load-balancer/adapter.ts')).loadBalancerAdapter,
  'elbv2.target-group': async () => (await import('./elbv2-target-group/adapter.ts')).targetGroupAdapter,
  'iam.instance-profile': async () => (await import('./iam-instance-profile/adapter.ts')).instanceProfileAdapter,
  'iam.role': async () => (await import('./iam-role/adapter.ts')).roleAdapter,
  'lambda.function': async () => (await import('./lambda-function/adapter.ts')).functionAdapter,
  'lambda.permission': async () => (await import('./lambda-permission/adapter.ts')).permissionAdapter,
  'rds.db-instance': async () => (await import('./rds-db-instance/adapter.ts')).dbInstanceAdapter,
  'rds.db-subnet-group': async () => (await import('./rds-db-subnet-group/adapter.ts')).dbSubnetGroupAdapter,
  'route53.health-check': async () => (await import('./route53-health-check/adapter.ts')).healthCheckAdapter,
  'route53.hosted-zone': async () => (await import('./route53-hosted-zone/adapter.ts')).hostedZoneAdapter,
  'route53.record': async () => (await import('./route53-record/adapter.ts')).recordAdapter,
  's3.bucket-notification': async () => (await import('./s3-bucket-notification/adapter.ts')).bucketNotificationAdapter,
  's3.bucket': async () => (await import('./s3-bucket/adapter.ts')).bucketAdapter,
};

/** The adapters of these kinds (default: every kind), loaded in parallel. */
export async function loadAdapters(which: Iterable<Kind> = Object.keys(LOADERS) as Kind[]): Promise<AdapterTable> {
  const kinds = [...new Set(which)];
  const loaded = await Promise.all(kinds.map(async (k) => [k, await LOADERS[k]()] as const));
  return Object.fromEntries(loaded) as AdapterTable;
}
