/** ec2.subnet: a subnet of a VPC in one availability zone. */
import {
  CreateSubnetCommand, DeleteSubnetCommand, EC2Client, ModifySubnetAttributeCommand, paginateDescribeSubnets, type Subnet,
} from '@aws-sdk/client-ec2';
import { z } from 'zod';
import { cidrContains, cidrsOverlap, parseCidr } from '../net/cidr.ts';
import {
  Ref, type CheckContext, type DesiredOf, type KindSchema, type Observation, type ResourceAdapter, type SpecProblem, type SpecResource,
} from '../reconciler/types.ts';
import { goneIsFine } from './aws-errors.ts';
import { fromEc2Tags, markCreated, stackFilter, syncEc2Tags, tagged, tagSpecifications } from './ec2/tags.ts';
import { diffFields } from './normalize/compare.ts';
import { diffTags } from './normalize/tags.ts';
import { availabilityZone, cidr, idRef, tags } from './fields.ts';

export const subnetProperties = z
  .object({
    vpcId: idRef(),
    cidrBlock: cidr(),
    availabilityZone: availabilityZone(),
    mapPublicIpOnLaunch: z.boolean().default(false),
    tags: tags(),
  })
  .strict();

export type SubnetProperties = z.infer<typeof subnetProperties>;

/** The VPC resource a subnet's vpcId points at, when it is one of ours. */
const vpcOf = (s: SpecResource, ctx: CheckContext): SpecResource | undefined => {
  const ref = s.properties.vpcId;
  const target = ref instanceof Ref ? ctx.resource(ref.target) : undefined;
  return target?.kind === 'ec2.vpc' ? target : undefined;
};

function checkSubnet(self: SpecResource, ctx: CheckContext): SpecProblem[] {
  const mine = typeof self.properties.cidrBlock === 'string' ? parseCidr(self.properties.cidrBlock) : undefined;
  if (!mine) return [];
  const problems: SpecProblem[] = [];
  const pos = ctx.posOf(self, 'cidrBlock');
  const vpc = vpcOf(self, ctx);
  const vpcCidr = vpc && typeof vpc.properties.cidrBlock === 'string' ? parseCidr(vpc.properties.cidrBlock) : undefined;
  if (vpc && vpcCidr && !cidrContains(vpcCidr, mine))
    problems.push({
      pos,
      message: `subnet ${String(self.properties.cidrBlock)} is outside its VPC "${vpc.id}" (${String(vpc.properties.cidrBlock)}); pick a block inside it`,
    });
  if (mine.prefix < 16 || mine.prefix > 28)
    problems.push({ pos, message: `a subnet CIDR block must be between /16 and /28, not /${mine.prefix}` });
  // Overlap with an earlier subnet of the same VPC (reported once, on the later one).
  for (const other of ctx.ofKind('ec2.subnet')) {
    if (other.id === self.id) break;
    if (vpc === undefined || vpcOf(other, ctx) !== vpc) continue;
    const theirs = typeof other.properties.cidrBlock === 'string' ? parseCidr(other.properties.cidrBlock) : undefined;
    if (theirs && cidrsOverlap(mine, theirs))
      problems.push({
        pos,
        message: `subnet ${String(self.properties.cidrBlock)} overlaps subnet "${other.id}" (${String(other.properties.cidrBlock)}) in the same VPC`,
      });
  }
  return problems;
}

export const subnetKind = {
  kind: 'ec2.subnet',
  description: 'A subnet of a VPC in one availability zone.',
  schema: subnetProperties,
  outputs: { id: 'exists', arn: 'exists', availabilityZone: 'exists', cidrBlock: 'exists' },
  defaultOutput: 'id',
  check: checkSubnet,
} satisfies KindSchema<'ec2.subnet'>;

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
