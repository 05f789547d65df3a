/**
 * What ELBv2 reads from the simulated EC2 account (never writes): subnets and their zones,
 * security groups, whether a VPC has an internet gateway, and instances as targets.
 */
import type { Ec2State } from '../ec2/state.ts';
import type { ElbCtx } from './state.ts';

const ec2 = (ctx: ElbCtx) => ctx.serviceState<Ec2State>('ec2');

/** Subnets of a load balancer: existing, one VPC, one per zone, two zones for an ALB. */
export function resolveSubnets(ctx: ElbCtx, ids: readonly string[], type: string): { vpcId: string; subnets: { id: string; az: string }[] } {
  if (ids.length === 0) ctx.fail('ValidationError', 'At least one subnet must be specified');
  const state = ec2(ctx);
  const subnets = [...new Set(ids)].map((id) => {
    const s = state.subnets[id];
    if (!s) ctx.fail('SubnetNotFound', `The subnet ID '${id}' is not valid`);
    return { id: s.id, az: s.az, vpcId: s.vpcId };
  });
  if (new Set(subnets.map((s) => s.vpcId)).size > 1) ctx.fail('InvalidConfigurationRequest', 'The subnets must all be in the same VPC');
  const zones = new Set(subnets.map((s) => s.az));
  if (zones.size < subnets.length) ctx.fail('InvalidConfigurationRequest', 'A load balancer cannot be attached to multiple subnets in the same Availability Zone');
  if (type === 'application' && zones.size < 2) ctx.fail('InvalidConfigurationRequest', 'At least two subnets in two different Availability Zones must be specified');
  return { vpcId: subnets[0]!.vpcId, subnets: subnets.map(({ id, az }) => ({ id, az })).sort((a, b) => a.az.localeCompare(b.az)) };
}

export function checkSecurityGroups(ctx: ElbCtx, ids: readonly string[], vpcId: string): string[] {
  const state = ec2(ctx);
  for (const id of ids) {
    const sg = state.securityGroups[id];
    if (!sg || sg.vpcId !== vpcId) ctx.fail('InvalidSecurityGroup', `Security group '${id}' does not exist`);
  }
  return [...new Set(ids)];
}

export function defaultSecurityGroup(ctx: ElbCtx, vpcId: string): string[] {
  const vpc = ec2(ctx).vpcs[vpcId];
  return vpc ? [vpc.defaultSecurityGroupId] : [];
}

export function hasInternetGateway(ctx: ElbCtx, vpcId: string): boolean {
  return Object.values(ec2(ctx).internetGateways).some((g) => g.attachedVpcId === vpcId);
}

export function vpcExists(ctx: ElbCtx, vpcId: string): boolean {
  return ec2(ctx).vpcs[vpcId] !== undefined;
}

/** An EC2 instance as a target: its VPC, zone, and whether it is running at `now`. */
export function ec2Instance(ctx: ElbCtx, id: string): { vpcId: string; az: string; running: boolean } | undefined {
  const i = ec2(ctx).instances[id];
  if (!i) return undefined;
  const live = i.terminateRequestedAt === null;
  return { vpcId: i.vpcId, az: i.az, running: live && ctx.now >= i.runningAt };
}
