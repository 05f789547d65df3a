/** iam.role: an IAM role with its trust policy, managed policies and inline policies. */
import { z } from 'zod';
import type { KindSchema, SpecProblem } from '../../reconciler/types.ts';
import { literal } from '../cross-checks.ts';
import { arn, int, str, tags } from '../fields.ts';
import { policyDocument } from '../policy-document.ts';

const IAM_NAME = /^[\w+=,.@-]{1,64}$/;

export const roleProperties = z
  .object({
    roleName: str(),
    path: z.string().regex(/^\/([\x21-\x7e]*\/)?$/, { error: 'a path starts and ends with "/", e.g. /blog/' }).default('/'),
    description: z.string().max(1000).optional(),
    /** Who may assume the role, e.g. Principal: { Service: ec2.amazonaws.com }. */
    assumeRolePolicy: policyDocument('trust'),
    /** AWS managed or customer managed policies; prefer inlinePolicies scoped to this stack's resources. */
    managedPolicyArns: z.array(arn()).default([]),
    /** Policy name -> document, written as YAML. */
    inlinePolicies: z
      .record(z.string().regex(/^[\w+=,.@-]{1,128}$/, { error: 'a policy name is 1-128 letters, digits and +=,.@_-' }), policyDocument('identity'))
      .default({}),
    maxSessionDuration: int(3600, 43200).default(3600),
    permissionsBoundary: arn().optional(),
    tags: tags(),
  })
  .strict();

export type RoleProperties = z.infer<typeof roleProperties>;

export const roleKind = {
  kind: 'iam.role',
  description: 'An IAM role: trust policy, managed and inline policies.',
  schema: roleProperties,
  outputs: { name: 'exists', arn: 'exists', roleId: 'exists' },
  defaultOutput: 'name',
  check(self, ctx) {
    const problems: SpecProblem[] = [];
    const name = literal(self.properties.roleName);
    if (name !== undefined && !IAM_NAME.test(name))
      problems.push({ pos: ctx.posOf(self, 'roleName'), message: `"${name}" is not a role name (1-64 letters, digits and +=,.@_-)` });
    const managed = (self.properties.managedPolicyArns as unknown[]).map(String);
    if (managed.length > 20) problems.push({ pos: ctx.posOf(self, 'managedPolicyArns'), message: 'a role takes at most 20 managed policies (10 by default quota)' });
    return problems;
  },
} satisfies KindSchema<'iam.role'>;
