/** ec2.vpc: the blog's own network. */
import { CreateVpcCommand, DeleteVpcCommand, DescribeVpcAttributeCommand, EC2Client, ModifyVpcAttributeCommand, paginateDescribeVpcs, type Vpc } from '@aws-sdk/client-ec2';
import type { DesiredOf, FieldChange, ResourceAdapter } from '../../reconciler/types.ts';
import { goneIsFine } from '../aws-errors.ts';
import { fromEc2Tags, logicalIdOf, markCreated, stackFilter, syncEc2Tags, tagged, tagSpecifications } from '../ec2/tags.ts';
import { diffFields } from '../normalize/compare.ts';
import { diffTags } from '../normalize/tags.ts';
import { vpcProperties } from './schema.ts';
type Desired = DesiredOf<typeof vpcProperties>;

export interface ObservedVpc {
  readonly vpcId: string;
  readonly arn: string;
  readonly cidrBlock: string;
  readonly instanceTenancy: string;
  readonly enableDnsHostnames: boolean;
  readonly enableDnsSupport: boolean;
  /** All tags, blogctl:* included. */
  readonly tags: Record<string, string>;
}

const vpcArn = (region: string, owner: string | undefined, id: string) => `arn:aws:ec2:${region}:${owner ?? ''}:vpc/${id}`;

/** DNS attributes are not in DescribeVpcs: two calls per VPC, in parallel. */
async function withAttributes(ec2: EC2Client, vpc: Vpc, region: string): Promise<ObservedVpc> {
  const [hostnames, support] = await Promise.all([
    ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpc.VpcId!, Attribute: 'enableDnsHostnames' })),
    ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpc.VpcId!, Attribute: 'enableDnsSupport' })),
  ]);
  return {
    vpcId: vpc.VpcId!,
    arn: vpcArn(region, vpc.OwnerId, vpc.VpcId!),
    cidrBlock: vpc.CidrBlock!,
    instanceTenancy: vpc.InstanceTenancy ?? 'default',
    enableDnsHostnames: hostnames.EnableDnsHostnames?.Value ?? false,
    enableDnsSupport: support.EnableDnsSupport?.Value ?? true,
    tags: fromEc2Tags(vpc.Tags),
  };
}

export const vpcAdapter: ResourceAdapter<'ec2.vpc', Desired, ObservedVpc> = {
  kind: 'ec2.vpc',
  replaceOn: ['cidrBlock', 'instanceTenancy'],
  replaceOrder: 'create-before-delete',

  async observe(_requests, ctx) {
    const ec2 = ctx.clients.get(EC2Client);
    const vpcs: Vpc[] = [];
    for await (const page of paginateDescribeVpcs({ client: ec2 }, { Filters: stackFilter(ctx.stack) })) vpcs.push(...(page.Vpcs ?? []));
    const ours = vpcs.filter((v) => logicalIdOf(fromEc2Tags(v.Tags)));
    const observed = await Promise.all(ours.map((v) => withAttributes(ec2, v, ctx.region)));
    return observed.map((o) => tagged(o)!);
  },

  diff: (desired, observed, explain): FieldChange[] => [
    ...diffFields(desired, observed, ['cidrBlock', 'instanceTenancy', 'enableDnsSupport', 'enableDnsHostnames']),
    ...diffTags(desired.tags, observed.tags, explain),
  ],

  async create(id, desired, ctx) {
    const ec2 = ctx.clients.get(EC2Client);
    const identity = ctx.identityTags(id);
    // AWS takes one attribute per call: a VPC with non-default DNS settings is tagged "creating" until they are set.
    const more = !desired.enableDnsSupport || desired.enableDnsHostnames;
    const out = await ec2.send(
      new CreateVpcCommand({
        CidrBlock: desired.cidrBlock,
        InstanceTenancy: desired.instanceTenancy as 'default',
        TagSpecifications: tagSpecifications('vpc', desired.tags, more ? ctx.identityTags(id, 'creating') : identity),
      }),
    );
    const vpcId = out.Vpc!.VpcId!;
    // DNS support must be on before hostnames can be.
    if (!desired.enableDnsSupport) await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsSupport: { Value: false } }));
    if (desired.enableDnsHostnames) await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
    if (more) await markCreated(ec2, vpcId, identity);
    return {
      vpcId,
      arn: vpcArn(ctx.region, out.Vpc!.OwnerId, vpcId),
      cidrBlock: desired.cidrBlock,
      instanceTenancy: desired.instanceTenancy,
      enableDnsHostnames: desired.enableDnsHostnames,
      enableDnsSupport: desired.enableDnsSupport,
      tags: { ...(desired.tags ?? {}), ...identity },
    };
  },

  async update(id, desired, observed, changes, ctx) {
    const ec2 = ctx.clients.get(EC2Client);
    const changed = new Set(changes.map((c) => c.path));
    const modify = (attr: 'EnableDnsSupport' | 'EnableDnsHostnames', value: boolean) =>
      ec2.send(new ModifyVpcAttributeCommand({ VpcId: observed.vpcId, [attr]: { Value: value } }));
    if (changed.has('enableDnsSupport') && desired.enableDnsSupport) await modify('EnableDnsSupport', true);
    if (changed.has('enableDnsHostnames')) await modify('EnableDnsHostnames', desired.enableDnsHostnames);
    if (changed.has('enableDnsSupport') && !desired.enableDnsSupport) await modify('EnableDnsSupport', false);
    const identity = ctx.identityTags(id);
    await syncEc2Tags(ec2, observed.vpcId, desired.tags, observed.tags, identity);
    return { ...observed, ...desired, tags: { ...(desired.tags ?? {}), ...identity } };
  },

  delete: (observed, ctx) => goneIsFine(() => ctx.clients.get(EC2Client).send(new DeleteVpcCommand({ VpcId: observed.vpcId }))),

  outputs: (o) => ({ id: o.vpcId, arn: o.arn, cidrBlock: o.cidrBlock }),
};
