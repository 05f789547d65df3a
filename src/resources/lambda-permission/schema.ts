/**
 * lambda.permission: one statement of a function's resource policy (who may invoke it).
 * Its statement id is blogctl's: `blogctl-<stack>_<id>`, the ownership record of a
 * statement AWS cannot tag.
 */
import { z } from 'zod';
import type { KindSchema, SpecProblem } from '../../reconciler/types.ts';
import { literal } from '../cross-checks.ts';
import { arn, idRef, str } from '../fields.ts';

export const permissionProperties = z
  .object({
    /** The function's name or ARN: ${fn}. */
    functionName: idRef(),
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
    // The statement id blogctl-<stack>_<id> must fit Lambda's 100 characters; a stack has at most 32.
    if (self.id.length > 59) problems.push({ pos: self.pos, message: `the statement id blogctl-<stack>_${self.id} would pass Lambda's 100 characters: use an id of at most 59` });
    return problems;
  },
} satisfies KindSchema<'lambda.permission'>;
