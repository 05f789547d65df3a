/**
 * A function's resource policy: AddPermission (one statement per StatementId), RemovePermission,
 * GetPolicy, and the check other services make before invoking (S3 validates its
 * notification destinations with it).
 */
import type {
  AddPermissionCommandInput,
  AddPermissionCommandOutput,
  GetPolicyCommandInput,
  GetPolicyCommandOutput,
  RemovePermissionCommandInput,
  RemovePermissionCommandOutput,
} from '@aws-sdk/client-lambda';
import type { OperationTable } from '../service.ts';
import { findFunction, type LambdaCtx, lambdaFail, validationError } from './function-names.ts';
import type { FunctionRec, LambdaState, PolicyStatementRec } from './state.ts';
import { checkRevision } from './updates.ts';

type Out<T> = Omit<T, '$metadata'>;

const POLICY_MAX = 20480;

function principalJson(principal: string): unknown {
  if (principal === '*') return '*';
  if (/^\d{12}$/.test(principal)) return { AWS: `arn:aws:iam::${principal}:root` };
  if (principal.startsWith('arn:')) return { AWS: principal };
  return { Service: principal };
}

function statementJson(s: PolicyStatementRec): Record<string, unknown> {
  const condition: Record<string, Record<string, string>> = {};
  if (s.sourceAccount !== null) condition['StringEquals'] = { 'AWS:SourceAccount': s.sourceAccount };
  if (s.principalOrgId !== null) condition['StringEquals'] = { ...condition['StringEquals'], 'aws:PrincipalOrgID': s.principalOrgId };
  if (s.sourceArn !== null) condition['ArnLike'] = { 'AWS:SourceArn': s.sourceArn };
  return {
    Sid: s.sid,
    Effect: 'Allow',
    Principal: principalJson(s.principal),
    Action: s.action,
    Resource: s.resource,
    ...(Object.keys(condition).length > 0 && { Condition: condition }),
  };
}

function policyJson(statements: readonly PolicyStatementRec[]): string {
  return JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: statements.map(statementJson) });
}

function resourceOf(fn: FunctionRec, version: string): string {
  return version === '$LATEST' ? fn.arn : `${fn.arn}:${version}`;
}

function arnLike(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(value);
}

/** Does the function's policy (of `resource`: the function or one qualifier) let `principal` (a service) invoke it from this source? */
export function grantsInvoke(fn: FunctionRec, principal: string, source: { arn: string; account: string }, resource = fn.arn): boolean {
  return fn.policy.some(
    (s) =>
      s.resource === resource &&
      ['lambda:InvokeFunction', 'lambda:*', '*'].includes(s.action) &&
      (s.principal === principal || s.principal === '*') &&
      (s.sourceArn === null || arnLike(s.sourceArn, source.arn)) &&
      (s.sourceAccount === null || s.sourceAccount === source.account),
  );
}

export const permissionOperations = {
  AddPermission(input: AddPermissionCommandInput, ctx: LambdaCtx): Out<AddPermissionCommandOutput> {
    const { fn, version } = findFunction(ctx, input.FunctionName, input.Qualifier);
    const sid = input.StatementId;
    if (sid === undefined || !/^[a-zA-Z0-9-_.]{1,100}$/.test(sid)) validationError(ctx, 'statementId', sid ?? null, 'Member must satisfy regular expression pattern: ([a-zA-Z0-9-_.]+)');
    const action = input.Action;
    if (action === undefined || !/^(lambda:[*]|lambda:[a-zA-Z]+|[*])$/.test(action)) validationError(ctx, 'action', action ?? null, 'Member must satisfy regular expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])');
    const principal = input.Principal;
    if (principal === undefined || !/^[^\s]+$/.test(principal)) validationError(ctx, 'principal', principal ?? null, 'Member must satisfy regular expression pattern: [^\\s]+');
    checkRevision(ctx, fn.policyRevisionId, input.RevisionId);
    if (fn.policy.some((s) => s.sid === sid)) {
      lambdaFail(ctx, 'ResourceConflictException', `The statement id (${sid}) provided already exists. Please provide a new statement id, or remove the existing statement.`);
    }
    const statement: PolicyStatementRec = {
      sid,
      action,
      principal,
      sourceArn: input.SourceArn ?? null,
      sourceAccount: input.SourceAccount ?? null,
      principalOrgId: input.PrincipalOrgID ?? null,
      resource: resourceOf(fn, version),
    };
    const size = policyJson([...fn.policy, statement]).length;
    if (size > POLICY_MAX) lambdaFail(ctx, 'PolicyLengthExceededException', `The final policy size (${size}) is bigger than the limit (${POLICY_MAX}).`);
    fn.policy.push(statement);
    fn.policyRevisionId = ctx.ids.uuid();
    return { Statement: JSON.stringify(statementJson(statement)) };
  },

  RemovePermission(input: RemovePermissionCommandInput, ctx: LambdaCtx): Out<RemovePermissionCommandOutput> {
    const { fn, version } = findFunction(ctx, input.FunctionName, input.Qualifier);
    checkRevision(ctx, fn.policyRevisionId, input.RevisionId);
    const resource = resourceOf(fn, version);
    const found = fn.policy.find((s) => s.sid === input.StatementId && s.resource === resource);
    if (!found) lambdaFail(ctx, 'ResourceNotFoundException', `Statement ${String(input.StatementId)} is not found in resource policy.`);
    fn.policy = fn.policy.filter((s) => s !== found);
    fn.policyRevisionId = ctx.ids.uuid();
    return {};
  },

  GetPolicy(input: GetPolicyCommandInput, ctx: LambdaCtx): Out<GetPolicyCommandOutput> {
    const { fn, version } = findFunction(ctx, input.FunctionName, input.Qualifier);
    const resource = resourceOf(fn, version);
    const statements = fn.policy.filter((s) => s.resource === resource);
    if (statements.length === 0) lambdaFail(ctx, 'ResourceNotFoundException', 'The resource you requested does not exist.');
    return { Policy: policyJson(statements), RevisionId: fn.policyRevisionId };
  },
} satisfies OperationTable<LambdaState>;
