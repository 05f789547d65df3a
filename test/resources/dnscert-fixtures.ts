/**
 * Contract fixtures of the load balancer, certificate and DNS kinds, shared by the
 * sandbox and the moto runs. Names carry the test's stack name, so runs sharing one
 * account (moto) never meet; parents are made through their own adapters, or by the SDK
 * for what blogctl only looks up (a hosted zone).
 */
import { CreateHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53';
import type { DesiredOf } from '../../src/reconciler/types.ts';
import { certificateAdapter, type certificateProperties } from '../../src/resources/acm-certificate/index.ts';
import { securityGroupAdapter } from '../../src/resources/ec2-security-group/index.ts';
import { listenerAdapter, type listenerProperties } from '../../src/resources/elbv2-listener/index.ts';
import { loadBalancerAdapter, type loadBalancerProperties } from '../../src/resources/elbv2-load-balancer/index.ts';
import { targetGroupAdapter, type targetGroupProperties } from '../../src/resources/elbv2-target-group/index.ts';
import { healthCheckAdapter, type healthCheckProperties } from '../../src/resources/route53-health-check/index.ts';
import { hostedZoneAdapter } from '../../src/resources/route53-hosted-zone/index.ts';
import { recordAdapter, type recordProperties } from '../../src/resources/route53-record/index.ts';
import type { ContractOptions, Fixture, TestContext } from './contract.ts';
import { makeIgw, makeSubnet, makeVpc } from './network-fixtures.ts';

type LbDesired = DesiredOf<typeof loadBalancerProperties>;
type TgDesired = DesiredOf<typeof targetGroupProperties>;
type ListenerDesired = DesiredOf<typeof listenerProperties>;
type CertDesired = DesiredOf<typeof certificateProperties>;
type HcDesired = DesiredOf<typeof healthCheckProperties>;
type RecordDesired = DesiredOf<typeof recordProperties>;

export interface AlbNetwork {
  readonly vpcId: string;
  readonly subnetIds: [string, string];
  readonly sgA: string;
  readonly sgB: string;
}

/** A VPC with an internet gateway, two public subnets in two zones and two security groups. */
export async function makeAlbNetwork(ctx: TestContext, cidr = '10.40.0.0/16'): Promise<AlbNetwork> {
  const prefix = cidr.split('.').slice(0, 2).join('.');
  const vpcId = await makeVpc(ctx, 'vpc', cidr);
  const [, a, b] = await Promise.all([
    makeIgw(ctx, 'igw', vpcId),
    makeSubnet(ctx, 'subnetA', vpcId, `${prefix}.1.0/24`, 'us-east-1a'),
    makeSubnet(ctx, 'subnetB', vpcId, `${prefix}.2.0/24`, 'us-east-1b'),
  ]);
  const sg = async (id: string) => (await securityGroupAdapter.create(id, { vpcId, groupName: `${ctx.stack}-${id}`, description: id, ingress: [], egress: [] }, ctx)).groupId;
  const [sgA, sgB] = await Promise.all([sg('sgA'), sg('sgB')]);
  return { vpcId, subnetIds: [a, b], sgA, sgB };
}

export const albDesired = (ctx: TestContext, net: AlbNetwork, name = `${ctx.stack}-alb`): LbDesired => ({
  name, type: 'application', scheme: 'internet-facing', ipAddressType: 'ipv4', subnetIds: [...net.subnetIds], securityGroupIds: [net.sgA],
  idleTimeoutSeconds: 60, deletionProtection: false, dropInvalidHeaderFields: true, http2: true, tags: { Name: 'contract' },
});

export async function loadBalancerFixture(ctx: TestContext): Promise<Fixture<LbDesired>> {
  const net = await makeAlbNetwork(ctx);
  const desired = albDesired(ctx, net);
  return {
    desired,
    changedInPlace: {
      desired: { ...desired, ipAddressType: 'dualstack', idleTimeoutSeconds: 120, securityGroupIds: [net.sgB], tags: { Name: 'renamed', Team: 'blog' } },
      paths: ['ipAddressType', 'idleTimeoutSeconds', `securityGroupIds[${net.sgA}]`, `securityGroupIds[${net.sgB}]`, 'tags.Name', 'tags.Team'],
    },
    changedReplace: { desired: { ...desired, scheme: 'internal' }, paths: ['scheme'] },
  };
}

export const targetGroupDesired = (ctx: TestContext, vpcId: string): TgDesired => ({
  name: `${ctx.stack}-tg`, protocol: 'HTTP', port: 80, vpcId, targetType: 'instance', protocolVersion: 'HTTP1',
  healthCheck: {
    enabled: true, protocol: 'HTTP', port: 'traffic-port', path: '/', intervalSeconds: 20, timeoutSeconds: 5,
    healthyThresholdCount: 5, unhealthyThresholdCount: 2, matcher: '200',
  },
  deregistrationDelay: 60, stickiness: { enabled: false, cookieDurationSeconds: 86400 }, tags: { Name: 'contract' },
});

export async function targetGroupFixture(ctx: TestContext): Promise<Fixture<TgDesired>> {
  const vpcId = await makeVpc(ctx, 'vpc', '10.41.0.0/16');
  const desired = targetGroupDesired(ctx, vpcId);
  return {
    desired,
    changedInPlace: {
      desired: { ...desired, healthCheck: { ...desired.healthCheck, path: '/health', healthyThresholdCount: 3 }, deregistrationDelay: 30 },
      paths: ['healthCheck.path', 'healthCheck.healthyThresholdCount', 'deregistrationDelay'],
    },
    changedReplace: { desired: { ...desired, port: 8080 }, paths: ['port'] },
  };
}

/** An HTTP listener forwarding to a target group; in place it becomes the spec's 301 to HTTPS on another port. */
export async function listenerFixture(ctx: TestContext): Promise<Fixture<ListenerDesired>> {
  const net = await makeAlbNetwork(ctx, '10.42.0.0/16');
  const [lb, other, tg] = await Promise.all([
    loadBalancerAdapter.create('alb', albDesired(ctx, net), ctx),
    loadBalancerAdapter.create('otherAlb', albDesired(ctx, net, `${ctx.stack}-alb2`), ctx),
    targetGroupAdapter.create('tg', targetGroupDesired(ctx, net.vpcId), ctx),
  ]);
  const desired: ListenerDesired = { loadBalancerArn: lb.arn, port: 80, protocol: 'HTTP', defaultAction: { type: 'forward', targetGroupArn: tg.arn } };
  return {
    desired,
    changedInPlace: {
      desired: {
        ...desired, port: 8080,
        defaultAction: { type: 'redirect', redirectConfig: { protocol: 'HTTPS', port: 443, host: '#{host}', path: '/#{path}', query: '#{query}', statusCode: 'HTTP_301' } },
      },
      paths: ['port', 'defaultAction'],
    },
    changedReplace: { desired: { ...desired, loadBalancerArn: other.arn }, paths: ['loadBalancerArn'] },
  };
}

export const certificateDesired = (domainName: string): CertDesired => ({
  domainName, subjectAlternativeNames: [], validationMethod: 'DNS', keyAlgorithm: 'RSA_2048', certificateTransparencyLogging: 'ENABLED', tags: { Name: 'contract' },
});

export async function certificateFixture(ctx: TestContext): Promise<Fixture<CertDesired>> {
  const desired = certificateDesired(`${ctx.stack}.example.com`);
  return {
    desired,
    changedInPlace: { desired: { ...desired, certificateTransparencyLogging: 'DISABLED', tags: { Name: 'renamed' } }, paths: ['certificateTransparencyLogging', 'tags.Name'] },
    changedReplace: {
      desired: { ...desired, subjectAlternativeNames: [`api.${ctx.stack}.example.com`] },
      paths: [`subjectAlternativeNames[api.${ctx.stack}.example.com]`],
    },
  };
}

export const healthCheckDesired = (fqdn: string): HcDesired => ({
  type: 'HTTPS', fullyQualifiedDomainName: fqdn, port: 443, resourcePath: '/', requestInterval: 30, failureThreshold: 3, enableSni: true,
  measureLatency: false, inverted: false, tags: { Name: 'contract' },
});

export async function healthCheckFixture(ctx: TestContext): Promise<Fixture<HcDesired>> {
  const desired = healthCheckDesired(`${ctx.stack}.example.com`);
  return {
    desired,
    changedInPlace: { desired: { ...desired, failureThreshold: 5, resourcePath: '/health', tags: { Team: 'blog' } }, paths: ['failureThreshold', 'resourcePath', 'tags.Name', 'tags.Team'] },
    changedReplace: { desired: { ...desired, requestInterval: 10 }, paths: ['requestInterval'] },
  };
}

/** A public hosted zone of its own (blogctl only looks zones up: the SDK makes it). */
export async function makeZone(ctx: TestContext, name = `${ctx.stack}.test`): Promise<{ zoneId: string; name: string }> {
  const out = await ctx.clients.get(Route53Client).send(new CreateHostedZoneCommand({ Name: name, CallerReference: `${ctx.stack}-${name}` }));
  return { zoneId: out.HostedZone!.Id!.replace('/hostedzone/', ''), name };
}

export const aRecord = (zoneId: string, name: string, ...values: string[]): RecordDesired => ({
  hostedZoneId: zoneId, name, type: 'A', ttl: 300, records: values.length > 0 ? values : ['192.0.2.1'],
});

export async function recordFixture(ctx: TestContext): Promise<Fixture<RecordDesired>> {
  const zone = await makeZone(ctx);
  const desired = aRecord(zone.zoneId, `www.${zone.name}`);
  return {
    desired,
    changedInPlace: { desired: { ...desired, ttl: 60, records: ['192.0.2.2', '192.0.2.3'] }, paths: ['ttl', 'records'] },
    changedReplace: { desired: { ...desired, name: `api.${zone.name}` }, paths: ['name'] },
  };
}

export type DnsCertContract = Pick<ContractOptions<any, any>, 'adapter' | 'setup' | 'unasked' | 'skip'>;
export type DnsCertKind =
  | 'elbv2.load-balancer' | 'elbv2.target-group' | 'elbv2.listener' | 'acm.certificate' | 'route53.health-check' | 'route53.record' | 'route53.hosted-zone';

const NO_ARN = 'a Route 53 record set has no ARN; its id is zone/name/type (tested in route53-record.test.ts)';
const LOOKUP = 'a lookup is never created, changed or deleted (tested in route53-hosted-zone.test.ts)';

export const DNSCERT_CONTRACTS: Readonly<Record<DnsCertKind, DnsCertContract>> = {
  'elbv2.load-balancer': { adapter: loadBalancerAdapter, setup: loadBalancerFixture },
  'elbv2.target-group': { adapter: targetGroupAdapter, setup: targetGroupFixture },
  'elbv2.listener': { adapter: listenerAdapter, setup: listenerFixture },
  'acm.certificate': {
    adapter: certificateAdapter,
    setup: certificateFixture,
  },
  'route53.health-check': { adapter: healthCheckAdapter, setup: healthCheckFixture },
  'route53.record': {
    adapter: recordAdapter,
    setup: recordFixture,
    // Observe reads the zones the spec's records name: another record of the zone is asked for.
    unasked: (_made: unknown, fx: Fixture<RecordDesired>) => [{ id: 'sibling', desired: { ...fx.desired, name: `sibling.${fx.desired.name}` } }],
    skip: { outputs: NO_ARN },
  },
  'route53.hosted-zone': {
    adapter: hostedZoneAdapter,
    setup: async (ctx: TestContext) => ({ desired: { name: `${ctx.stack}-absent.test`, privateZone: false } }),
    skip: { 'create-observe': LOOKUP, 'no-false-drift': LOOKUP, 'no-duplicate': LOOKUP, 'update-in-place': LOOKUP, replace: LOOKUP, delete: LOOKUP, outputs: LOOKUP },
  },
};
