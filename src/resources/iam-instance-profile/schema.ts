/** iam.instance-profile: the container that hands a role to EC2 instances. */
import { z } from 'zod';
import type { KindSchema } from '../../reconciler/types.ts';
import { checkOutputUse, literal, target } from '../cross-checks.ts';
import { idRef, str, tags } from '../fields.ts';

export const instanceProfileProperties = z
  .object({
    instanceProfileName: str(),
    path: z.string().regex(/^\/([\x21-\x7e]*\/)?$/, { error: 'a path starts and ends with "/", e.g. /blog/' }).default('/'),
    /** The role's name: ${role} (an instance profile holds exactly one role). */
    roleName: idRef(),
    tags: tags(),
  })
  .strict();

export type InstanceProfileProperties = z.infer<typeof instanceProfileProperties>;

export const instanceProfileKind = {
  kind: 'iam.instance-profile',
  description: 'An instance profile holding one IAM role.',
  schema: instanceProfileProperties,
  outputs: { name: 'exists', arn: 'exists', instanceProfileId: 'exists' },
  defaultOutput: 'name',
  check(self, ctx) {
    const name = literal(self.properties.instanceProfileName);
    const problems =
      name !== undefined && !/^[\w+=,.@-]{1,128}$/.test(name)
        ? [{ pos: ctx.posOf(self, 'instanceProfileName'), message: `"${name}" is not an instance profile name (1-128 letters, digits and +=,.@_-)` }]
        : [];
    const role = target(self.properties.roleName, ctx, 'iam.role');
    const trust = JSON.stringify(role?.properties.assumeRolePolicy ?? {});
    if (role && !trust.includes('ec2.amazonaws.com'))
      problems.push({
        pos: ctx.posOf(self, 'roleName'),
        message: `role "${role.id}" does not trust ec2.amazonaws.com in its assumeRolePolicy, so instances could not use it`,
      });
    problems.push(...checkOutputUse(self, ctx, 'roleName', { kind: 'iam.role', defaultOutput: 'name', outputs: ['name'] }));
    return problems;
  },
} satisfies KindSchema<'iam.instance-profile'>;
