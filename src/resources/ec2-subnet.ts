/** ec2.subnet: a subnet of a VPC in one availability zone. */
import { z } from 'zod';
import { cidrContains, cidrsOverlap, parseCidr } from '../net/cidr.ts';
import { Ref, type CheckContext, type KindSchema, type SpecProblem, type SpecResource } from '../reconciler/types.ts';
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
