/**
 * ec2.launch-template: what the Auto Scaling group launches. Any change creates a new
 * version and makes it the default; `${lt.latestVersion}` lets the ASG follow it.
 */
import { z } from 'zod';
import type { KindSchema, SpecProblem } from '../../reconciler/types.ts';
import { checkOneVpc, checkOutputUse, knownText, list, literal } from '../cross-checks.ts';
import { arn, blockDeviceMappings, idRef, idRefs, instanceType, metadataOptions, oneOf, str, tags } from '../fields.ts';

export const launchTemplateProperties = z
  .object({
    launchTemplateName: str(),
    versionDescription: z.string().max(255).optional(),
    imageId: idRef(),
    instanceType: instanceType(),
    securityGroupIds: idRefs().min(1, { error: 'instances need at least one security group' }),
    /** The instance profile's ARN: ${profile.arn}. */
    iamInstanceProfileArn: arn().optional(),
    /** Plain text (blogctl base64-encodes it); write $${VAR} for shell variables. */
    userData: str().optional(),
    metadataOptions: metadataOptions(),
    /** An EC2 key pair for SSH; empty or absent means none. */
    keyName: z.string().optional(),
    blockDeviceMappings: blockDeviceMappings(),
    monitoring: z.boolean().default(false),
    creditSpecification: oneOf(['standard', 'unlimited']).optional(),
    /**
     * Tags of the launched instances and their volumes. blogctl's identity tags are
     * NOT put there: instances of an ASG are the group's, not resources of the spec.
     */
    instanceTags: tags(),
    /** Tags of the launch template itself. */
    tags: tags(),
  })
  .strict();

export type LaunchTemplateProperties = z.infer<typeof launchTemplateProperties>;

export const launchTemplateKind = {
  kind: 'ec2.launch-template',
  description: 'A launch template; each change is a new version, made the default.',
  schema: launchTemplateProperties,
  outputs: { id: 'exists', name: 'exists', latestVersion: 'exists', defaultVersion: 'exists' },
  defaultOutput: 'id',
  check(self, ctx) {
    const problems: SpecProblem[] = checkOneVpc(self, ctx, ['securityGroupIds']);
    const name = literal(self.properties.launchTemplateName);
    if (name !== undefined && !/^[a-zA-Z0-9().\-/_]{3,128}$/.test(name))
      problems.push({ pos: ctx.posOf(self, 'launchTemplateName'), message: 'a launch template name is 3-128 characters of letters, digits and ().-/_' });
    const userData = knownText(self.properties.userData);
    if (userData !== undefined && Buffer.byteLength(userData) > 12_000)
      problems.push({ pos: ctx.posOf(self, 'userData'), message: 'user data is limited to 16 KB once base64-encoded (about 12 KB of text)' });
    if (list(self.properties.securityGroupIds).length > 5)
      problems.push({ pos: ctx.posOf(self, 'securityGroupIds'), message: 'an instance takes at most 5 security groups' });
    problems.push(...checkOutputUse(self, ctx, 'iamInstanceProfileArn', { kind: 'iam.instance-profile', defaultOutput: 'name', outputs: ['arn'] }));
    return problems;
  },
} satisfies KindSchema<'ec2.launch-template'>;
