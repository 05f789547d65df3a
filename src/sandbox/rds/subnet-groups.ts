/**
 * DB subnet groups: Create/Describe/Modify/DeleteDBSubnetGroup. Subnets are read from the
 * simulated EC2 account (never written): they must exist, share one VPC and cover at least
 * two availability zones. A group an instance uses cannot be deleted.
 */
import type {
  CreateDBSubnetGroupCommandInput,
  CreateDBSubnetGroupCommandOutput,
  DBSubnetGroup,
  DeleteDBSubnetGroupCommandInput,
  DeleteDBSubnetGroupCommandOutput,
  DescribeDBSubnetGroupsCommandInput,
  DescribeDBSubnetGroupsCommandOutput,
  ModifyDBSubnetGroupCommandInput,
  ModifyDBSubnetGroupCommandOutput,
} from '@aws-sdk/client-rds';
import type { Ec2State } from '../ec2/state.ts';
import type { OperationTable } from '../service.ts';
import { rdsFail, required } from './errors.ts';
import { settle } from './lifecycle.ts';
import { addTags, applyRdsFilters, rdsPage } from './query.ts';
import type { RdsCtx, RdsState, SubnetGroupRec } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;

export function renderSubnetGroup(ctx: RdsCtx, g: SubnetGroupRec): DBSubnetGroup {
  return {
    DBSubnetGroupName: g.name,
    DBSubnetGroupDescription: g.description,
    VpcId: g.vpcId,
    SubnetGroupStatus: 'Complete',
    Subnets: g.subnets.map((s) => ({
      SubnetIdentifier: s.id,
      SubnetAvailabilityZone: { Name: s.az },
      SubnetOutpost: {},
      SubnetStatus: 'Active',
    })),
    DBSubnetGroupArn: g.arn,
    SupportedNetworkTypes: ['IPV4'],
  };
}

export function subnetGroupOf(ctx: RdsCtx, name: string | undefined): SubnetGroupRec {
  const wanted = required(ctx, name, 'DBSubnetGroupName').toLowerCase();
  const g = ctx.state.subnetGroups[wanted];
  if (!g) rdsFail(ctx, 'DBSubnetGroupNotFoundFault', `DBSubnetGroup '${wanted}' not found.`);
  return g;
}

/** The subnets of a group as EC2 knows them, checked as RDS checks them. */
function resolveSubnets(ctx: RdsCtx, ids: readonly string[] | undefined): { vpcId: string; subnets: { id: string; az: string }[] } {
  const wanted = [...new Set(required(ctx, ids, 'SubnetIds'))];
  if (wanted.length === 0) rdsFail(ctx, 'InvalidParameterValue', 'The parameter SubnetIds must be provided and must not be blank.');
  const ec2 = ctx.serviceState<Ec2State>('ec2');
  const subnets = wanted.map((id) => {
    const s = ec2.subnets[id];
    if (!s) rdsFail(ctx, 'InvalidSubnet', `The subnet ID '${id}' does not exist`);
    return s;
  });
  const vpcs = new Set(subnets.map((s) => s.vpcId));
  if (vpcs.size > 1) rdsFail(ctx, 'InvalidParameterValue', 'Some input subnets are invalid: the subnets must all be in the same VPC.');
  if (new Set(subnets.map((s) => s.az)).size < 2) {
    rdsFail(ctx, 'DBSubnetGroupDoesNotCoverEnoughAZs', "The DB subnet group doesn't meet Availability Zone (AZ) coverage requirement. Current AZ coverage: " +
      `${[...new Set(subnets.map((s) => s.az))].join(', ')}. Add subnets to cover at least 2 AZs.`);
  }
  return { vpcId: subnets[0]!.vpcId, subnets: subnets.map((s) => ({ id: s.id, az: s.az })) };
}

function inUse(ctx: RdsCtx, name: string): boolean {
  return Object.values(ctx.state.instances).some((i) => i.subnetGroupName === name);
}

export const subnetGroupOperations = {
  CreateDBSubnetGroup(input: CreateDBSubnetGroupCommandInput, ctx: RdsCtx): Out<CreateDBSubnetGroupCommandOutput> {
    const name = required(ctx, input.DBSubnetGroupName, 'DBSubnetGroupName').toLowerCase();
    const description = required(ctx, input.DBSubnetGroupDescription, 'DBSubnetGroupDescription');
    if (!/^[a-z0-9 ._-]{1,255}$/.test(name) || name === 'default') {
      rdsFail(ctx, 'InvalidParameterValue', `Invalid DB subnet group name: ${name}. Only lowercase letters, digits, spaces, periods, underscores and hyphens are allowed, and it must not be "default".`);
    }
    if (ctx.state.subnetGroups[name]) rdsFail(ctx, 'DBSubnetGroupAlreadyExists', `The DB subnet group '${name}' already exists.`);
    const { vpcId, subnets } = resolveSubnets(ctx, input.SubnetIds);
    const g: SubnetGroupRec = { name, description, vpcId, subnets, arn: ctx.arn(`subgrp:${name}`) };
    addTags(ctx, g.arn, input.Tags);
    ctx.state.subnetGroups[name] = g;
    return { DBSubnetGroup: renderSubnetGroup(ctx, g) };
  },

  DescribeDBSubnetGroups(input: DescribeDBSubnetGroupsCommandInput, ctx: RdsCtx): Out<DescribeDBSubnetGroupsCommandOutput> {
    let groups = Object.values(ctx.state.subnetGroups);
    if (input.DBSubnetGroupName !== undefined) groups = [subnetGroupOf(ctx, input.DBSubnetGroupName)];
    groups = applyRdsFilters(ctx, groups, input.Filters, {});
    const page = rdsPage(ctx, groups, (g) => g.name, input);
    return { DBSubnetGroups: page.items.map((g) => renderSubnetGroup(ctx, g)), Marker: page.Marker };
  },

  ModifyDBSubnetGroup(input: ModifyDBSubnetGroupCommandInput, ctx: RdsCtx): Out<ModifyDBSubnetGroupCommandOutput> {
    settle(ctx);
    const g = subnetGroupOf(ctx, input.DBSubnetGroupName);
    const { vpcId, subnets } = resolveSubnets(ctx, input.SubnetIds);
    if (vpcId !== g.vpcId && inUse(ctx, g.name)) {
      rdsFail(ctx, 'InvalidParameterValue', `The new subnets are not in the same VPC as the DB subnet group's existing subnets (${g.vpcId}).`);
    }
    const removedInUse = Object.values(ctx.state.instances).find(
      (i) => i.subnetGroupName === g.name && !subnets.some((s) => s.az === i.az),
    );
    if (removedInUse) rdsFail(ctx, 'SubnetAlreadyInUse', `Some of the subnets to be deleted are currently in use: the DB instance ${removedInUse.id} uses ${removedInUse.az}.`);
    g.vpcId = vpcId;
    g.subnets = subnets;
    if (input.DBSubnetGroupDescription !== undefined) g.description = input.DBSubnetGroupDescription;
    return { DBSubnetGroup: renderSubnetGroup(ctx, g) };
  },

  DeleteDBSubnetGroup(input: DeleteDBSubnetGroupCommandInput, ctx: RdsCtx): Out<DeleteDBSubnetGroupCommandOutput> {
    settle(ctx);
    const g = subnetGroupOf(ctx, input.DBSubnetGroupName);
    if (inUse(ctx, g.name)) {
      rdsFail(ctx, 'InvalidDBSubnetGroupStateFault', `Cannot delete the subnet group '${g.name}' because at least one database instance: ${Object.values(ctx.state.instances).find((i) => i.subnetGroupName === g.name)!.id} is still using it.`);
    }
    delete ctx.state.subnetGroups[g.name];
    delete ctx.state.tags[g.arn];
    return {};
  },
} satisfies OperationTable<RdsState>;
