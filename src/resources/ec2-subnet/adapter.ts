/** ec2.subnet: a subnet of a VPC in one availability zone. */
import { CreateSubnetCommand, DeleteSubnetCommand, EC2Client, ModifySubnetAttributeCommand, paginateDescribeSubnets, type Subnet } from '@aws-sdk/client-ec2';
import { type DesiredOf, type Observation, type ResourceAdapter } from '../../reconciler/types.ts';
import { goneIsFine } from '../aws-errors.ts';
import { fromEc2Tags, markCreated, stackFilter, syncEc2Tags, tagged, tagSpecifications } from '../ec2/tags.ts';
import { diffFields } from '../normalize/compare.ts';
import { diffTags } from '../normalize/tags.ts';
import { subnetProperties } from './schema.ts';
type Desired = DesiredOf<typeof subnetProperties>;

export interface ObservedSubnet {
  readonly subnetId: string;
  readonly arn: string;
  readonly vpcId: string;
  readonly cidrBlock: string;
  readonly availabilityZone: string;
  readonly mapPublicIpOnLaunch: boolean;
  readonly tags: Record<string, string>;
}

const fromAws = (s: Subnet): ObservedSubnet => ({
  subnetId: s.SubnetId!,
  arn: s.SubnetArn ?? '',
  vpcId: s.VpcId!,
  cidrBlock: s.CidrBlock!,
  availabilityZone: s.AvailabilityZone!,
  mapPublicIpOnLaunch: s.MapPublicIpOnLaunch ?? false,
  tags: fromEc2Tags(s.Tags),
});

export const subnetAdapter: ResourceAdapter<'ec2.subnet', Desired, ObservedSubnet> = {
  kind: 'ec2.subnet',
  replaceOn: ['vpcId', 'cidrBlock', 'availabilityZone'],
  // The same CIDR cannot exist twice in a VPC: the old subnet goes first.
  replaceOrder: 'delete-before-create',

  async observe(_requests, ctx) {
    const found: Observation<ObservedSubnet>[] = [];
    const pages = paginateDescribeSubnets({ client: ctx.clients.get(EC2Client) }, { Filters: stackFilter(ctx.stack) });
    for await (const page of pages)
      for (const s of page.Subnets ?? []) {
        const o = tagged(fromAws(s));
        if (o) found.push(o);
      }
    return found;
  },

  diff: (desired, observed, explain) => [
    ...diffFields(desired, observed, ['vpcId', 'cidrBlock', 'availabilityZone', 'mapPublicIpOnLaunch']),
    ...diffTags(desired.tags, observed.tags, explain),
  ],

  async create(id, desired, ctx) {
    const ec2 = ctx.clients.get(EC2Client);
    const identity = ctx.identityTags(id);
    // A public subnet takes a second call: tagged "creating" until it is done.
    const out = await ec2.send(
      new CreateSubnetCommand({
        VpcId: desired.vpcId,
        CidrBlock: desired.cidrBlock,
        AvailabilityZone: desired.availabilityZone,
        TagSpecifications: tagSpecifications('subnet', desired.tags, desired.mapPublicIpOnLaunch ? ctx.identityTags(id, 'creating') : identity),
      }),
    );
    const subnet = fromAws(out.Subnet!);
    if (desired.mapPublicIpOnLaunch) {
      await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: subnet.subnetId, MapPublicIpOnLaunch: { Value: true } }));
      await markCreated(ec2, subnet.subnetId, identity);
    }
    return { ...subnet, mapPublicIpOnLaunch: desired.mapPublicIpOnLaunch, tags: { ...(desired.tags ?? {}), ...identity } };
  },

  async update(id, desired, observed, changes, ctx) {
    const ec2 = ctx.clients.get(EC2Client);
    if (changes.some((c) => c.path === 'mapPublicIpOnLaunch'))
      await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: observed.subnetId, MapPublicIpOnLaunch: { Value: desired.mapPublicIpOnLaunch } }));
    const identity = ctx.identityTags(id);
    await syncEc2Tags(ec2, observed.subnetId, desired.tags, observed.tags, identity);
    return { ...observed, mapPublicIpOnLaunch: desired.mapPublicIpOnLaunch, tags: { ...(desired.tags ?? {}), ...identity } };
  },

  delete: (observed, ctx) => goneIsFine(() => ctx.clients.get(EC2Client).send(new DeleteSubnetCommand({ SubnetId: observed.subnetId }))),

  outputs: (o) => ({ id: o.subnetId, arn: o.arn, availabilityZone: o.availabilityZone, cidrBlock: o.cidrBlock }),
};
