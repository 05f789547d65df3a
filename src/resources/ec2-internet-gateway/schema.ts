/** ec2.internet-gateway: an internet gateway, attached to one VPC. */
import { z } from 'zod';
import type { KindSchema } from '../../reconciler/types.ts';
import { idRef, tags } from '../fields.ts';

export const internetGatewayProperties = z
  .object({
    /** The VPC it is attached to (AttachInternetGateway); a VPC takes at most one. */
    vpcId: idRef(),
    tags: tags(),
  })
  .strict();

export type InternetGatewayProperties = z.infer<typeof internetGatewayProperties>;

export const internetGatewayKind = {
  kind: 'ec2.internet-gateway',
  description: 'An internet gateway attached to a VPC.',
  schema: internetGatewayProperties,
  outputs: { id: 'exists', arn: 'exists' },
  defaultOutput: 'id',
  check(self, ctx) {
    const all = ctx.ofKind('ec2.internet-gateway');
    const mine = String(self.properties.vpcId);
    const earlier = all.slice(0, all.findIndex((o) => o.id === self.id)).find((o) => String(o.properties.vpcId) === mine);
    return earlier
      ? [{ pos: ctx.posOf(self, 'vpcId'), message: `a VPC takes one internet gateway, and "${earlier.id}" is already attached to ${mine}` }]
      : [];
  },
} satisfies KindSchema<'ec2.internet-gateway'>;
