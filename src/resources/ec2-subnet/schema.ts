/** ec2.subnet: a subnet of a VPC in one availability zone. */
import { z } from 'zod';
import { cidrContains, earlierOverlaps, parseCidr, type Cidr } from '../../net/cidr.ts';
import { type CheckContext, type KindSchema, type SpecProblem, type SpecResource } from '../../reconciler/types.ts';
import { oncePerRun, vpcOf } from '../cross-checks.ts';
import { availabilityZone, cidr, idRef, tags } from '../fields.ts';

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

const cidrOf = (r: SpecResource): Cidr | undefined => (typeof r.properties.cidrBlock === 'string' ? parseCidr(r.properties.cidrBlock) : undefined);

/** For each subnet, the earlier subnets of the same VPC (of the spec) whose blocks overlap its own. */
const overlapsOf = oncePerRun((ctx) => {
  const byVpc = new Map<SpecResource, SpecResource[]>();
  for (const s of ctx.ofKind('ec2.subnet')) {
    const vpc = vpcOf(s, ctx);
    if (vpc) (byVpc.get(vpc) ?? byVpc.set(vpc, []).get(vpc)!).push(s);
  }
  const overlaps = new Map<SpecResource, SpecResource[]>();
  for (const subnets of byVpc.values()) for (const [s, earlier] of earlierOverlaps(subnets, cidrOf)) overlaps.set(s, earlier);
  return overlaps;
});

function checkSubnet(self: SpecResource, ctx: CheckContext): SpecProblem[] {
  const mine = cidrOf(self);
  if (!mine) return [];
  const problems: SpecProblem[] = [];
  const pos = ctx.posOf(self, 'cidrBlock');
  const vpc = vpcOf(self, ctx);
  const vpcCidr = vpc && cidrOf(vpc);
  if (vpc && vpcCidr && !cidrContains(vpcCidr, mine))
    problems.push({
      pos,
      message: `subnet ${String(self.properties.cidrBlock)} is outside its VPC "${vpc.id}" (${String(vpc.properties.cidrBlock)}); pick a block inside it`,
    });
  if (mine.prefix < 16 || mine.prefix > 28)
    problems.push({ pos, message: `a subnet CIDR block must be between /16 and /28, not /${mine.prefix}` });
  // Overlap with an earlier subnet of the same VPC (reported once, on the later one).
  for (const other of overlapsOf(ctx).get(self) ?? [])
    problems.push({
      pos,
      message: `subnet ${String(self.properties.cidrBlock)} overlaps subnet "${other.id}" (${String(other.properties.cidrBlock)}) in the same VPC`,
    });
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
