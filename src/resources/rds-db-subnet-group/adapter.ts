/** rds.db-subnet-group: the private subnets a database may live in. */
import { CreateDBSubnetGroupCommand, DeleteDBSubnetGroupCommand, DescribeDBSubnetGroupsCommand, ModifyDBSubnetGroupCommand } from '@aws-sdk/client-rds';
import type { AdapterContext, DesiredOf, ResourceAdapter } from '../../reconciler/types.ts';
import { goneIsFine, unlessGone } from '../aws-errors.ts';
import { lookups, readAll } from '../lookup.ts';
import { diffFields, diffIdSet } from '../normalize/compare.ts';
import { diffTags, tagList } from '../normalize/tags.ts';
import { rds, readRdsTags, syncRdsTags } from '../rds/tags.ts';
import { dbSubnetGroupProperties } from './schema.ts';
type Desired = DesiredOf<typeof dbSubnetGroupProperties>;

export interface ObservedDbSubnetGroup {
  readonly dbSubnetGroupName: string;
  readonly arn: string;
  readonly dbSubnetGroupDescription: string;
  readonly vpcId: string;
  readonly subnetIds: string[];
  readonly tags: Record<string, string>;
}

async function readGroup(ctx: AdapterContext, name: string): Promise<{ state: ObservedDbSubnetGroup; tags: Record<string, string> } | undefined> {
  const group = (await unlessGone(rds(ctx).send(new DescribeDBSubnetGroupsCommand({ DBSubnetGroupName: name }))))?.DBSubnetGroups?.[0];
  if (!group) return undefined;
  const tags = await readRdsTags(ctx, group.DBSubnetGroupArn!);
  const state: ObservedDbSubnetGroup = {
    dbSubnetGroupName: group.DBSubnetGroupName!, arn: group.DBSubnetGroupArn!, dbSubnetGroupDescription: group.DBSubnetGroupDescription ?? '',
    vpcId: group.VpcId ?? '', subnetIds: (group.Subnets ?? []).map((s) => s.SubnetIdentifier!).sort(), tags,
  };
  return { state, tags };
}

/**
 * rds.db-subnet-group: RDS does not return tags with DescribeDBSubnetGroups, so tag
 * discovery hands observe the stack's group ARNs, and a group the spec names is read by
 * its name (+ ListTagsForResource). Description and subnets change in place.
 */
export const dbSubnetGroupAdapter: ResourceAdapter<'rds.db-subnet-group', Desired, ObservedDbSubnetGroup> = {
  kind: 'rds.db-subnet-group',
  replaceOn: ['dbSubnetGroupName'],
  replaceOrder: 'create-before-delete',
  discovery: { service: 'rds', resourceType: 'subgrp' },

  observe: (requests, ctx) =>
    readAll(ctx, lookups(requests, { desired: (d) => d.dbSubnetGroupName.toLowerCase(), observed: (o) => o.dbSubnetGroupName, arn: (arn) => arn.slice(arn.lastIndexOf(':') + 1) }), (l) => readGroup(ctx, l.name)),

  diff: (desired, observed) => [
    ...(desired.dbSubnetGroupName.toLowerCase() !== observed.dbSubnetGroupName ? [{ path: 'dbSubnetGroupName', from: observed.dbSubnetGroupName, to: desired.dbSubnetGroupName }] : []),
    ...diffFields(desired, observed, ['dbSubnetGroupDescription']),
    ...diffIdSet('subnetIds', desired.subnetIds, observed.subnetIds),
    ...diffTags(desired.tags, observed.tags),
  ],

  async create(id, desired, ctx) {
    const out = await rds(ctx).send(new CreateDBSubnetGroupCommand({
      DBSubnetGroupName: desired.dbSubnetGroupName, DBSubnetGroupDescription: desired.dbSubnetGroupDescription, SubnetIds: desired.subnetIds,
      Tags: tagList({ ...(desired.tags ?? {}), ...ctx.identityTags(id) }),
    }));
    const made = await readGroup(ctx, out.DBSubnetGroup!.DBSubnetGroupName!);
    if (!made) throw new Error(`DB subnet group ${desired.dbSubnetGroupName} vanished right after it was created`);
    return made.state;
  },

  async update(id, desired, observed, changes, ctx) {
    if (changes.some((c) => c.path === 'dbSubnetGroupDescription' || c.path.startsWith('subnetIds')))
      await rds(ctx).send(new ModifyDBSubnetGroupCommand({ DBSubnetGroupName: observed.dbSubnetGroupName, DBSubnetGroupDescription: desired.dbSubnetGroupDescription, SubnetIds: desired.subnetIds }));
    await syncRdsTags(ctx, observed.arn, desired.tags, observed.tags, ctx.identityTags(id));
    const now = await readGroup(ctx, observed.dbSubnetGroupName);
    if (!now) throw new Error(`DB subnet group ${observed.dbSubnetGroupName} vanished while it was being updated`);
    return now.state;
  },

  delete: (observed, ctx) => goneIsFine(() => rds(ctx).send(new DeleteDBSubnetGroupCommand({ DBSubnetGroupName: observed.dbSubnetGroupName }))),

  outputs: (o) => ({ id: o.dbSubnetGroupName, name: o.dbSubnetGroupName, arn: o.arn }),
};
