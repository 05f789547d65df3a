/**
 * Contract fixtures of the network kinds, shared by the sandbox and the moto runs. Parents
 * are made through their own adapters (under other logical ids of the same stack), so a
 * fixture reads like the spec it stands for.
 */
import { internetGatewayAdapter } from '../../src/resources/ec2-internet-gateway/index.ts';
import { routeTableAdapter } from '../../src/resources/ec2-route-table/index.ts';
import { securityGroupAdapter } from '../../src/resources/ec2-security-group/index.ts';
import { subnetAdapter } from '../../src/resources/ec2-subnet/index.ts';
import { vpcAdapter } from '../../src/resources/ec2-vpc/index.ts';
import type { ContractOptions, Fixture, TestContext } from './contract.ts';
import type { DesiredOf } from '../../src/reconciler/types.ts';
import type { securityGroupProperties } from '../../src/resources/ec2-security-group/schema.ts';
import type { vpcProperties } from '../../src/resources/ec2-vpc/index.ts';

/** A security group's desired properties and one of its rules, as the adapter takes them. */
export type SgDesired = DesiredOf<typeof securityGroupProperties>;
export type SgRule = SgDesired['ingress'][number];
type VpcDesired = DesiredOf<typeof vpcProperties>;
type AdapterDesired<A> = A extends { create(id: string, desired: infer D, ...rest: never[]): unknown } ? D : never;

const vpcProps = (cidrBlock: string): VpcDesired => ({ cidrBlock, enableDnsHostnames: false, enableDnsSupport: true, instanceTenancy: 'default' });

/** A VPC of the stack (logical id `id`), returning its id. */
export async function makeVpc(ctx: TestContext, id: string, cidrBlock = '10.20.0.0/16'): Promise<string> {
  return (await vpcAdapter.create(id, vpcProps(cidrBlock), ctx)).vpcId;
}

export async function makeSubnet(ctx: TestContext, id: string, vpcId: string, cidrBlock: string, availabilityZone = 'us-east-1a'): Promise<string> {
  return (await subnetAdapter.create(id, { vpcId, cidrBlock, availabilityZone, mapPublicIpOnLaunch: false }, ctx)).subnetId;
}

export async function makeIgw(ctx: TestContext, id: string, vpcId: string): Promise<string> {
  return (await internetGatewayAdapter.create(id, { vpcId }, ctx)).internetGatewayId;
}

export async function vpcFixture(): Promise<Fixture<VpcDesired>> {
  const desired = { ...vpcProps('10.20.0.0/16'), tags: { Name: 'contract' } };
  return {
    desired,
    changedInPlace: { desired: { ...desired, enableDnsHostnames: true, tags: { Name: 'renamed', Team: 'blog' } }, paths: ['enableDnsHostnames', 'tags.Name', 'tags.Team'] },
    changedReplace: { desired: { ...desired, cidrBlock: '10.21.0.0/16' }, paths: ['cidrBlock'] },
  };
}

export async function subnetFixture(ctx: TestContext): Promise<Fixture<AdapterDesired<typeof subnetAdapter>>> {
  const vpcId = await makeVpc(ctx, 'vpc');
  const desired = { vpcId, cidrBlock: '10.20.1.0/24', availabilityZone: 'us-east-1a', mapPublicIpOnLaunch: false, tags: { Name: 'contract' } };
  return {
    desired,
    changedInPlace: { desired: { ...desired, mapPublicIpOnLaunch: true, tags: {} }, paths: ['mapPublicIpOnLaunch', 'tags.Name'] },
    changedReplace: { desired: { ...desired, cidrBlock: '10.20.2.0/24' }, paths: ['cidrBlock'] },
  };
}

/** The in-place change moves the gateway to another VPC (detach + attach, same gateway). */
export async function internetGatewayFixture(ctx: TestContext): Promise<Fixture<AdapterDesired<typeof internetGatewayAdapter>>> {
  const [a, b] = await Promise.all([makeVpc(ctx, 'vpcA', '10.20.0.0/16'), makeVpc(ctx, 'vpcB', '10.30.0.0/16')]);
  const desired = { vpcId: a, tags: { Name: 'contract' } };
  return { desired, changedInPlace: { desired: { vpcId: b, tags: { Name: 'moved' } }, paths: ['vpcId', 'tags.Name'] } };
}

export async function routeTableFixture(ctx: TestContext): Promise<Fixture<AdapterDesired<typeof routeTableAdapter>>> {
  const vpcId = await makeVpc(ctx, 'vpc');
  const [igw, subnetA, subnetB, otherVpc] = await Promise.all([
    makeIgw(ctx, 'igw', vpcId),
    makeSubnet(ctx, 'subnetA', vpcId, '10.20.1.0/24'),
    makeSubnet(ctx, 'subnetB', vpcId, '10.20.2.0/24', 'us-east-1b'),
    makeVpc(ctx, 'otherVpc', '10.30.0.0/16'),
  ]);
  const desired = { vpcId, routes: [{ destinationCidrBlock: '0.0.0.0/0', gatewayId: igw }], subnetIds: [subnetA], tags: { Name: 'contract' } };
  const routes = [...desired.routes, { destinationCidrBlock: '192.0.2.0/24', gatewayId: igw }];
  return {
    desired,
    changedInPlace: {
      desired: { ...desired, routes, subnetIds: [subnetB] },
      paths: ['routes[192.0.2.0/24]', `subnetIds[${subnetA}]`, `subnetIds[${subnetB}]`],
    },
    changedReplace: { desired: { ...desired, vpcId: otherVpc, routes: [], subnetIds: [] }, paths: ['vpcId', 'routes[0.0.0.0/0]', `subnetIds[${subnetA}]`] },
  };
}

/**
 * Rules from a CIDR and from another group; egress without AWS's default rule (so
 * create must revoke it). The in-place change re-describes one rule, adds one, and
 * brings the default egress back. `peerDescription: false` leaves the group-reference
 * rule without a description (for moto, which loses those descriptions).
 */
export async function securityGroupFixture(ctx: TestContext, opts: { peerDescription?: boolean } = {}): Promise<Fixture<AdapterDesired<typeof securityGroupAdapter>>> {
  const vpcId = await makeVpc(ctx, 'vpc');
  const peer = await securityGroupAdapter.create('peer', { vpcId, groupName: 'peer', description: 'peer', ingress: [], egress: [] }, ctx);
  const desired: SgDesired = {
    vpcId,
    groupName: 'contract-web',
    description: 'web servers',
    ingress: [
      { protocol: 'tcp', fromPort: 443, toPort: 443, cidrIpv4: '0.0.0.0/0', description: 'HTTPS' },
      { protocol: 'tcp', fromPort: 80, toPort: 80, sourceSecurityGroupId: peer.groupId, ...(opts.peerDescription !== false && { description: 'HTTP from the peer' }) },
    ],
    egress: [{ protocol: 'tcp', fromPort: 443, toPort: 443, cidrIpv4: '0.0.0.0/0' }],
    tags: { Name: 'contract' },
  };
  const ingress: SgRule[] = [{ ...desired.ingress[0]!, description: 'HTTPS from anywhere' }, desired.ingress[1]!, { protocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '10.0.0.0/8' }];
  return {
    desired,
    changedInPlace: {
      desired: { ...desired, ingress, egress: [...desired.egress, { protocol: '-1', cidrIpv4: '0.0.0.0/0' }] },
      paths: ['ingress[tcp:443 0.0.0.0/0].description', 'ingress[tcp:22 10.0.0.0/8]', 'egress[all 0.0.0.0/0]'],
    },
    changedReplace: { desired: { ...desired, description: 'web servers, v2' }, paths: ['description'] },
  };
}

export type NetworkContract = Pick<ContractOptions<any, any>, 'adapter' | 'setup'>;

/** The five network kinds' contract options, minus the context (sandbox or moto). */
export const NETWORK_CONTRACTS: Readonly<Record<'ec2.vpc' | 'ec2.subnet' | 'ec2.internet-gateway' | 'ec2.route-table' | 'ec2.security-group', NetworkContract>> = {
  'ec2.vpc': { adapter: vpcAdapter, setup: vpcFixture },
  'ec2.subnet': { adapter: subnetAdapter, setup: subnetFixture },
  'ec2.internet-gateway': { adapter: internetGatewayAdapter, setup: internetGatewayFixture },
  'ec2.route-table': { adapter: routeTableAdapter, setup: routeTableFixture },
  'ec2.security-group': { adapter: securityGroupAdapter, setup: (ctx: TestContext) => securityGroupFixture(ctx) },
};
