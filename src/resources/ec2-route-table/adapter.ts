/**
 * ec2.route-table's adapter. Routes and subnet associations cannot carry tags: they are
 * part of the table (found by the table's tags) and come with it in one
 * DescribeRouteTables call for the whole stack.
 */
import {
  AssociateRouteTableCommand, CreateRouteCommand, CreateRouteTableCommand, DeleteRouteCommand, DeleteRouteTableCommand,
  DisassociateRouteTableCommand, EC2Client, paginateDescribeRouteTables, ReplaceRouteCommand, ReplaceRouteTableAssociationCommand,
  type RouteTable,
} from '@aws-sdk/client-ec2';
import type { DesiredOf, Observation, ResourceAdapter } from '../../reconciler/types.ts';
import { goneIsFine } from '../aws-errors.ts';
import { fromEc2Tags, markCreated, stackFilter, syncEc2Tags, tagged, tagSpecifications } from '../ec2/tags.ts';
import { diffFields, diffIdSet } from '../normalize/compare.ts';
import { diffRoutes, ROUTE_TARGET_FIELDS, routeDelta, routeFromAws, targetOf, type RouteSpec } from '../normalize/routes.ts';
import { diffTags } from '../normalize/tags.ts';
import { routeTableProperties } from './schema.ts';

type Desired = DesiredOf<typeof routeTableProperties>;

export interface ObservedRouteTable {
  readonly routeTableId: string;
  readonly arn: string;
  readonly vpcId: string;
  /** The routes the spec manages (not local, endpoint or propagated ones). */
  readonly routes: RouteSpec[];
  /** Explicit subnet associations, with their ids (to disassociate). */
  readonly associations: SubnetAssociation[];
  readonly tags: Record<string, string>;
}

interface SubnetAssociation {
  readonly subnetId: string;
  readonly associationId: string;
}

/** The explicit associations these subnets have now, to tables other than `routeTableId`. */
async function currentAssociations(ec2: EC2Client, routeTableId: string, subnetIds: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const filters = [{ Name: 'association.subnet-id', Values: [...subnetIds] }];
  for await (const page of paginateDescribeRouteTables({ client: ec2 }, { Filters: filters }))
    for (const t of page.RouteTables ?? [])
      for (const a of t.Associations ?? [])
        if (a.SubnetId && subnetIds.includes(a.SubnetId) && a.RouteTableId !== routeTableId && a.AssociationState?.State !== 'disassociated')
          found.set(a.SubnetId, a.RouteTableAssociationId!);
  return found;
}

/**
 * Associates each subnet with the table. A subnet has one route table: implicitly the
 * VPC's main table, or one explicit association. One that already has an explicit
 * association (to another table, ours or not, or explicitly to the main table) is moved
 * with ReplaceRouteTableAssociation, in one step with no moment without routes, where
 * AssociateRouteTable would fail with Resource.AlreadyAssociated.
 */
async function associateSubnets(ec2: EC2Client, routeTableId: string, subnetIds: readonly string[]): Promise<SubnetAssociation[]> {
  if (subnetIds.length === 0) return [];
  const current = await currentAssociations(ec2, routeTableId, subnetIds);
  const made: SubnetAssociation[] = [];
  for (const subnetId of subnetIds) {
    const existing = current.get(subnetId);
    const associationId = existing
      ? (await ec2.send(new ReplaceRouteTableAssociationCommand({ AssociationId: existing, RouteTableId: routeTableId }))).NewAssociationId!
      : (await ec2.send(new AssociateRouteTableCommand({ RouteTableId: routeTableId, SubnetId: subnetId }))).AssociationId!;
    made.push({ subnetId, associationId });
  }
  return made;
}

const tableArn = (region: string, owner: string | undefined, id: string) => `arn:aws:ec2:${region}:${owner ?? ''}:route-table/${id}`;

const fromAws = (t: RouteTable, region: string): ObservedRouteTable => ({
  routeTableId: t.RouteTableId!,
  arn: tableArn(region, t.OwnerId, t.RouteTableId!),
  vpcId: t.VpcId!,
  routes: (t.Routes ?? []).map(routeFromAws).filter((r) => r !== undefined),
  associations: (t.Associations ?? [])
    .filter((a) => a.SubnetId !== undefined && !a.Main && a.AssociationState?.State !== 'disassociated')
    .map((a) => ({ subnetId: a.SubnetId!, associationId: a.RouteTableAssociationId! })),
  tags: fromEc2Tags(t.Tags),
});

const routeInput = (routeTableId: string, r: RouteSpec) => {
  const [field, value] = targetOf(r)!;
  return { RouteTableId: routeTableId, DestinationCidrBlock: r.destinationCidrBlock, [ROUTE_TARGET_FIELDS[field]]: value };
};

/** Brings the table's routes to `desired`: deletes first, then replaces, then creates. */
async function syncRoutes(ec2: EC2Client, routeTableId: string, desired: readonly RouteSpec[], observed: readonly RouteSpec[]): Promise<void> {
  const { create, replace, remove } = routeDelta(desired, observed);
  for (const r of remove)
    await goneIsFine(() => ec2.send(new DeleteRouteCommand({ RouteTableId: routeTableId, DestinationCidrBlock: r.destinationCidrBlock })));
  for (const r of replace) await ec2.send(new ReplaceRouteCommand(routeInput(routeTableId, r)));
  for (const r of create) await ec2.send(new CreateRouteCommand(routeInput(routeTableId, r)));
}

export const routeTableAdapter: ResourceAdapter<'ec2.route-table', Desired, ObservedRouteTable> = {
  kind: 'ec2.route-table',
  replaceOn: ['vpcId'],
  // No name to clash: the new table exists (and takes the subnets over) before the old goes.
  replaceOrder: 'create-before-delete',

  async observe(_requests, ctx) {
    const found: Observation<ObservedRouteTable>[] = [];
    const pages = paginateDescribeRouteTables({ client: ctx.clients.get(EC2Client) }, { Filters: stackFilter(ctx.stack) });
    for await (const page of pages)
      for (const t of page.RouteTables ?? []) {
        const o = tagged(fromAws(t, ctx.region));
        if (o) found.push(o);
      }
    return found;
  },

  diff: (desired, observed, explain) => [
    ...diffFields(desired, observed, ['vpcId']),
    ...diffRoutes(desired.routes, observed.routes),
    ...diffIdSet('subnetIds', desired.subnetIds, observed.associations.map((a) => a.subnetId)),
    ...diffTags(desired.tags, observed.tags, explain),
  ],

  async create(id, desired, ctx) {
    const ec2 = ctx.clients.get(EC2Client);
    const identity = ctx.identityTags(id);
    const out = await ec2.send(
      new CreateRouteTableCommand({ VpcId: desired.vpcId, TagSpecifications: tagSpecifications('route-table', desired.tags, ctx.identityTags(id, 'creating')) }),
    );
    const table = fromAws(out.RouteTable!, ctx.region);
    // A failure below leaves a table tagged "creating": the next reconcile finds it and adds what is missing.
    await syncRoutes(ec2, table.routeTableId, desired.routes, []);
    const associations = await associateSubnets(ec2, table.routeTableId, desired.subnetIds);
    await markCreated(ec2, table.routeTableId, identity);
    return { ...table, routes: desired.routes, associations, tags: { ...(desired.tags ?? {}), ...identity } };
  },

  async update(id, desired, observed, _changes, ctx) {
    const ec2 = ctx.clients.get(EC2Client);
    await syncRoutes(ec2, observed.routeTableId, desired.routes, observed.routes);
    const want = new Set(desired.subnetIds);
    const kept = observed.associations.filter((a) => want.has(a.subnetId));
    for (const a of observed.associations.filter((x) => !want.has(x.subnetId)))
      await goneIsFine(() => ec2.send(new DisassociateRouteTableCommand({ AssociationId: a.associationId })));
    const added = await associateSubnets(ec2, observed.routeTableId, desired.subnetIds.filter((s) => !kept.some((a) => a.subnetId === s)));
    const identity = ctx.identityTags(id);
    await syncEc2Tags(ec2, observed.routeTableId, desired.tags, observed.tags, identity);
    return { ...observed, routes: desired.routes, associations: [...kept, ...added], tags: { ...(desired.tags ?? {}), ...identity } };
  },

  async delete(observed, ctx) {
    const ec2 = ctx.clients.get(EC2Client);
    // The subnets fall back to the VPC's main table.
    for (const a of observed.associations)
      await goneIsFine(() => ec2.send(new DisassociateRouteTableCommand({ AssociationId: a.associationId })));
    await goneIsFine(() => ec2.send(new DeleteRouteTableCommand({ RouteTableId: observed.routeTableId })));
  },

  outputs: (o) => ({ id: o.routeTableId, arn: o.arn }),
};
