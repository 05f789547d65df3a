/** lambda.permission: one statement of a function's resource policy (who may invoke it). */
import { z } from 'zod';
import type { KindSchema, SpecProblem } from '../reconciler/types.ts';
import { literal } from './cross-checks.ts';
import { arn, idRef, str } from './fields.ts';

export const permissionProperties = z
  .object({
    /** The function's name or ARN: ${fn}. */
    functionName: idRef(),
    /** Unique in the function's policy; blogctl identifies the statement by it. */
    statementId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, { error: 'a statement id is 1-100 letters, digits, - and _' }),
    action: z.string().regex(/^lambda:[A-Za-z*]+$/, { error: 'an action such as lambda:InvokeFunction' }).default('lambda:InvokeFunction'),
    /** A service (s3.amazonaws.com) or an account. */
    principal: str(),
    /** The one resource that may invoke, e.g. the bucket's ARN. */
    sourceArn: arn().optional(),
    /** The account that owns sourceArn: S3 bucket ARNs carry no account, so another account's bucket of that name could invoke. */
    sourceAccount: str().optional(),
  })
  .strict();

export type PermissionProperties = z.infer<typeof permissionProperties>;

export const permissionKind = {
  kind: 'lambda.permission',
  description: "A statement of a Lambda function's resource policy.",
  schema: permissionProperties,
  outputs: { id: 'exists' },
  defaultOutput: 'id',
  check(self, ctx) {
    const p = self.properties as PermissionProperties;
    const problems: SpecProblem[] = [];
    const at = (path: string, message: string) => problems.push({ pos: ctx.posOf(self, path), message });
    const principal = literal(p.principal);
    if (principal?.endsWith('.amazonaws.com') && p.sourceArn === undefined)
      at('principal', `without sourceArn, any ${principal} resource of any account may invoke the function: set sourceArn`);
    if (principal === 's3.amazonaws.com' && p.sourceAccount === undefined)
      at('principal', 'S3 bucket ARNs carry no account id: set sourceAccount: ${aws.accountId} so a same-named bucket elsewhere cannot invoke');
    const account = literal(p.sourceAccount);
    if (account !== undefined && !/^\d{12}$/.test(account)) at('sourceAccount', `"${account}" is not a 12-digit account id`);
    const all = ctx.ofKind('lambda.permission');
    const earlier = all
      .slice(0, all.findIndex((r) => r.id === self.id))
      .find((r) => String(r.properties.functionName) === String(p.functionName) && r.properties.statementId === p.statementId);
    if (earlier) at('statementId', `permission "${earlier.id}" already uses statementId ${p.statementId} on this function`);
    return problems;
  },
} satisfies KindSchema<'lambda.permission'>;
