/** ec2.vpc: the blog's own network. */
import { z } from 'zod';
import type { KindSchema } from '../../reconciler/types.ts';
import { cidr, tags } from '../fields.ts';

export const vpcProperties = z
  .object({
    /** /16 to /28, as AWS allows. */
    cidrBlock: cidr(),
    enableDnsHostnames: z.boolean().default(false),
    enableDnsSupport: z.boolean().default(true),
    instanceTenancy: z.enum(['default', 'dedicated']).default('default'),
    tags: tags(),
  })
  .strict();

export type VpcProperties = z.infer<typeof vpcProperties>;

export const vpcKind = {
  kind: 'ec2.vpc',
  description: 'A VPC with its DNS attributes.',
  schema: vpcProperties,
  outputs: { id: 'exists', arn: 'exists', cidrBlock: 'exists' },
  defaultOutput: 'id',
  check(self, ctx) {
    const c = self.properties.cidrBlock;
    if (typeof c !== 'string') return [];
    const prefix = Number(c.split('/')[1]);
    return prefix < 16 || prefix > 28
      ? [{ pos: ctx.posOf(self, 'cidrBlock'), message: `a VPC CIDR block must be between /16 and /28, not /${prefix}` }]
      : [];
  },
} satisfies KindSchema<'ec2.vpc'>;
