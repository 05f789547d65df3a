/**
 * IAM policy documents written as YAML (iam.role, s3.bucket, ec2.vpc-endpoint). Keys
 * keep AWS's own PascalCase, so a policy copied from the AWS docs works as is.
 * Resource strings and condition values may hold references (`${media.arn}/*`).
 */
import { z } from 'zod';
import { oneOf, str } from './fields.ts';

/** What the document is attached to decides whether Principal and Resource belong. */
export type PolicyUse = 'identity' | 'trust' | 'resource';

const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1, { error: 'must not be empty' })]);
const many = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

const ACTION = /^(\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$/;

const principal = z.union([
  z.literal('*'),
  z
    .object({
      AWS: oneOrMany(str()),
      Service: oneOrMany(z.string()),
      Federated: oneOrMany(str()),
      CanonicalUser: oneOrMany(str()),
    })
    .partial()
    .strict(),
]);

const conditionValue = z.union([str(), z.boolean(), z.number()]);

const statementShape = z
  .object({
    Sid: z.string().optional(),
    Effect: oneOf(['Allow', 'Deny']),
    Principal: principal.optional(),
    NotPrincipal: principal.optional(),
    Action: oneOrMany(z.string()).optional(),
    NotAction: oneOrMany(z.string()).optional(),
    Resource: oneOrMany(str()).optional(),
    NotResource: oneOrMany(str()).optional(),
    /** Operator -> condition key -> value(s), e.g. StringEquals: { aws:SourceArn: ${cdn.arn} }. */
    Condition: z.record(z.string(), z.record(z.string(), oneOrMany(conditionValue))).optional(),
  })
  .strict();

type Statement = z.infer<typeof statementShape>;

const statement = (use: PolicyUse) =>
  statementShape.superRefine((s: Statement, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if ((s.Action === undefined) === (s.NotAction === undefined))
      issue(s.Action ? 'NotAction' : 'Action', 'a statement needs exactly one of Action or NotAction');
    for (const key of ['Action', 'NotAction'] as const)
      many(s[key]).forEach((a, i) => {
        if (typeof a === 'string' && !ACTION.test(a))
          ctx.addIssue({ code: 'custom', path: [key, ...(Array.isArray(s[key]) ? [i] : [])], message: `"${a}" is not an action (service:Action, e.g. s3:GetObject)` });
      });
    const hasPrincipal = s.Principal !== undefined || s.NotPrincipal !== undefined;
    const hasResource = s.Resource !== undefined || s.NotResource !== undefined;
    if (use === 'identity' && hasPrincipal)
      issue('Principal', 'a role\'s own policy applies to the role: remove Principal (it belongs in assumeRolePolicy or a bucket policy)');
    if (use !== 'identity' && !hasPrincipal)
      issue('Principal', use === 'trust' ? 'a trust policy names who may assume the role: add Principal (e.g. Service: ec2.amazonaws.com)' : 'a resource policy needs Principal');
    if (use === 'trust' && hasResource) issue('Resource', 'a trust policy has no Resource: the role itself is the resource');
    if (use !== 'trust' && !hasResource) issue('Resource', 'a statement needs Resource (or NotResource); use the narrowest ARN, not "*", where you can');
    // What IAM itself refuses (MalformedPolicyDocument), caught before anything is sent.
    if (use === 'identity' && s.Sid !== undefined && !/^[A-Za-z0-9]*$/.test(s.Sid))
      issue('Sid', `IAM takes only letters and digits in a Sid: "${s.Sid}" would be refused (e.g. "${s.Sid.replace(/[^A-Za-z0-9]/g, '')}")`);
    if (use === 'trust')
      many(s.Action).forEach((a) => {
        if (typeof a === 'string' && ACTION.test(a) && !/^(sts:|\*$)/.test(a))
          ctx.addIssue({ code: 'custom', path: ['Action'], message: `a trust policy grants only sts: actions (sts:AssumeRole...), not "${a}"` });
      });
    for (const p of [s.Principal, s.NotPrincipal])
      if (p && typeof p === 'object')
        many(p.Service).forEach((svc) => {
          if (typeof svc === 'string' && !/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(svc))
            ctx.addIssue({ code: 'custom', path: ['Principal', 'Service'], message: `"${svc}" is not a service principal (e.g. ec2.amazonaws.com)` });
        });
  });

/** Sids name statements: IAM refuses a policy where two statements share one. */
function uniqueSids(statements: readonly Statement[], ctx: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  statements.forEach((s, i) => {
    if (s.Sid === undefined || s.Sid === '') return;
    const earlier = seen.get(s.Sid);
    if (earlier !== undefined)
      ctx.addIssue({ code: 'custom', path: [i, 'Sid'], message: `Sid "${s.Sid}" is already statement ${earlier + 1}'s: Sids must be unique in a policy` });
    else seen.set(s.Sid, i);
  });
}

/** A policy document; `use` says what it is attached to. */
export const policyDocument = (use: PolicyUse) =>
  z
    .object({
      Version: oneOf(['2012-10-17', '2008-10-17']).default('2012-10-17'),
      Id: z.string().optional(),
      Statement: z.array(statement(use)).min(1, { error: 'a policy needs at least one statement' }).superRefine(uniqueSids),
    })
    .strict();

export type PolicyDocument = z.infer<ReturnType<typeof policyDocument>>;

/** Does an Allow statement grant to everyone (`Principal: "*"`) with no Condition narrowing it? */
export function grantsPublicAccess(doc: unknown): boolean {
  const statements = (doc as { Statement?: unknown } | undefined)?.Statement;
  return many(statements).some((s) => {
    const st = s as Statement;
    if (st.Effect !== 'Allow' || st.Condition !== undefined) return false;
    const p = st.Principal;
    return p === '*' || (typeof p === 'object' && many(p.AWS).includes('*'));
  });
}
