/** ec2.instance: a single EC2 instance (the NAT instance); app servers come from the ASG. */
import { z } from 'zod';
import type { KindSchema, SpecProblem } from '../../reconciler/types.ts';
import { checkOneVpc, list, literal, target } from '../cross-checks.ts';
import { arn, blockDeviceMappings, idRef, idRefs, instanceType, metadataOptions, oneOf, str, tags } from '../fields.ts';

export const instanceProperties = z
  .object({
    imageId: idRef(),
    instanceType: instanceType(),
    subnetId: idRef(),
    securityGroupIds: idRefs().min(1, { error: 'an instance needs at least one security group' }),
    /** A NAT instance forwards other hosts' packets: set false. */
    sourceDestCheck: z.boolean().default(true),
    /** Plain text (blogctl base64-encodes it); write $${VAR} for shell variables. */
    userData: str().optional(),
    metadataOptions: metadataOptions(),
    iamInstanceProfileArn: arn().optional(),
    /** An EC2 key pair for SSH; empty or absent means none. */
    keyName: z.string().optional(),
    /** EBS volumes, e.g. an encrypted root volume at ${ami.rootDeviceName}. */
    blockDeviceMappings: blockDeviceMappings(),
    /** Detailed (1-minute) CloudWatch monitoring. */
    monitoring: z.boolean().default(false),
    creditSpecification: oneOf(['standard', 'unlimited']).optional(),
    tags: tags(),
  })
  .strict();

export type InstanceProperties = z.infer<typeof instanceProperties>;

export const instanceKind = {
  kind: 'ec2.instance',
  description: 'One EC2 instance, e.g. the NAT instance.',
  schema: instanceProperties,
  outputs: {
    id: 'exists',
    arn: 'exists',
    privateIpAddress: 'exists',
    primaryNetworkInterfaceId: 'exists',
    publicIpAddress: 'ready',
    availabilityZone: 'exists',
  },
  defaultOutput: 'id',
  check(self, ctx) {
    const subnet = target(self.properties.subnetId, ctx, 'ec2.subnet');
    const problems: SpecProblem[] = checkOneVpc(self, ctx, ['subnetId', 'securityGroupIds']);
    const type = literal(self.properties.instanceType);
    const credit = self.properties.creditSpecification;
    if (credit !== undefined && type !== undefined && !/^t\d/.test(type))
      problems.push({ pos: ctx.posOf(self, 'creditSpecification'), message: `creditSpecification is for burstable (t*) types, not ${type}` });
    // The default route of some table points here: this is a NAT instance, which needs a public IP.
    const isNat = ctx
      .ofKind('ec2.route-table')
      .some((t) => list(t.properties.routes).some((r) => {
        const { instanceId, destinationCidrBlock } = r as { instanceId?: unknown; destinationCidrBlock?: unknown };
        return target(instanceId, ctx)?.id === self.id && destinationCidrBlock === '0.0.0.0/0';
      }));
    if (isNat && subnet && subnet.properties.mapPublicIpOnLaunch !== true)
      problems.push({
        pos: ctx.posOf(self, 'subnetId'),
        message: `a NAT instance needs a public IP, but subnet "${subnet.id}" does not map public IPs on launch`,
      });
    return problems;
  },
} satisfies KindSchema<'ec2.instance'>;
