/** ec2.internet-gateway: an internet gateway, attached to one VPC. */
import { AttachInternetGatewayCommand, CreateInternetGatewayCommand, DeleteInternetGatewayCommand, DetachInternetGatewayCommand, EC2Client, paginateDescribeInternetGateways, type InternetGateway } from '@aws-sdk/client-ec2';
import type { DesiredOf, Observation, ResourceAdapter } from '../../reconciler/types.ts';
import { goneIsFine, isNotFound } from '../aws-errors.ts';
import { fromEc2Tags, markCreated, stackFilter, syncEc2Tags, tagged, tagSpecifications } from '../ec2/tags.ts';
import { diffFields } from '../normalize/compare.ts';
import { diffTags } from '../normalize/tags.ts';
import { internetGatewayProperties } from './schema.ts';
type Desired = DesiredOf<typeof internetGatewayProperties>;

export interface ObservedInternetGateway {
  readonly internetGatewayId: string;
  readonly arn: string;
  /** The VPC it is attached to; undefined when detached. */
  readonly vpcId: string | undefined;
  readonly tags: Record<string, string>;
}

const igwArn = (region: string, owner: string | undefined, id: string) => `arn:aws:ec2:${region}:${owner ?? ''}:internet-gateway/${id}`;

const fromAws = (g: InternetGateway, region: string): ObservedInternetGateway => ({
  internetGatewayId: g.InternetGatewayId!,
  arn: igwArn(region, g.OwnerId, g.InternetGatewayId!),
  // Detaching shows as 'detaching' for a moment; only a live attachment counts.
  vpcId: (g.Attachments ?? []).find((a) => a.VpcId && a.State !== 'detaching' && a.State !== 'detached')?.VpcId,
  tags: fromEc2Tags(g.Tags),
});

/** Detach, where "it is not attached (any more)" or "it is gone" count as done. */
async function detach(ec2: EC2Client, internetGatewayId: string, vpcId: string): Promise<void> {
  try {
    await ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: internetGatewayId, VpcId: vpcId }));
  } catch (err) {
    if (!isNotFound(err) && (err as { name?: string }).name !== 'Gateway.NotAttached') throw err;
  }
}

export const internetGatewayAdapter: ResourceAdapter<'ec2.internet-gateway', Desired, ObservedInternetGateway> = {
  kind: 'ec2.internet-gateway',
  // Moving to another VPC is a detach + attach of the same gateway: nothing forces a replacement.
  replaceOn: [],
  replaceOrder: 'create-before-delete',

  async observe(_requests, ctx) {
    const found: Observation<ObservedInternetGateway>[] = [];
    const pages = paginateDescribeInternetGateways({ client: ctx.clients.get(EC2Client) }, { Filters: stackFilter(ctx.stack) });
    for await (const page of pages)
      for (const g of page.InternetGateways ?? []) {
        const o = tagged(fromAws(g, ctx.region));
        if (o) found.push(o);
      }
    return found;
  },

  diff: (desired, observed, explain) => [...diffFields(desired, observed, ['vpcId']), ...diffTags(desired.tags, observed.tags, explain)],

  async create(id, desired, ctx) {
    const ec2 = ctx.clients.get(EC2Client);
    const identity = ctx.identityTags(id);
    const out = await ec2.send(
      new CreateInternetGatewayCommand({ TagSpecifications: tagSpecifications('internet-gateway', desired.tags, ctx.identityTags(id, 'creating')) }),
    );
    const igw = fromAws(out.InternetGateway!, ctx.region);
    // A failure here leaves a detached gateway tagged "creating": the next reconcile finds it and attaches it.
    await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw.internetGatewayId, VpcId: desired.vpcId }));
    await markCreated(ec2, igw.internetGatewayId, identity);
    return { ...igw, vpcId: desired.vpcId, tags: { ...(desired.tags ?? {}), ...identity } };
  },

  async update(id, desired, observed, _changes, ctx) {
    const ec2 = ctx.clients.get(EC2Client);
    if (observed.vpcId !== desired.vpcId) {
      if (observed.vpcId !== undefined) await detach(ec2, observed.internetGatewayId, observed.vpcId);
      await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: observed.internetGatewayId, VpcId: desired.vpcId }));
    }
    const identity = ctx.identityTags(id);
    await syncEc2Tags(ec2, observed.internetGatewayId, desired.tags, observed.tags, identity);
    return { ...observed, vpcId: desired.vpcId, tags: { ...(desired.tags ?? {}), ...identity } };
  },

  async delete(observed, ctx) {
    const ec2 = ctx.clients.get(EC2Client);
    if (observed.vpcId !== undefined) await detach(ec2, observed.internetGatewayId, observed.vpcId);
    await goneIsFine(() => ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: observed.internetGatewayId })));
  },

  outputs: (o) => ({ id: o.internetGatewayId, arn: o.arn }),
};
