/**
 * lambda.permission: a statement of a function's resource policy, which AWS cannot tag.
 * Its statement id is its ownership record, `blogctl-<stack>_<id>`: observe reads each
 * function's policy once (GetPolicy) and finds every statement of this stack there (the
 * requested ones and those that left the spec). A statement granting the same thing under
 * another id is an adoption candidate: adopting re-adds it under blogctl's id. A statement
 * cannot change: any difference replaces it (remove, then add under the same id).
 */
import { AddPermissionCommand, GetPolicyCommand, LambdaClient, RemovePermissionCommand } from '@aws-sdk/client-lambda';
import { type AdapterContext, type DesiredOf, type Observation, type ResourceAdapter } from '../../reconciler/types.ts';
import { goneIsFine, isNotFound } from '../aws-errors.ts';
import { diffFields } from '../normalize/compare.ts';
import { forEachParent, ownerKey, ownerTags, parseOwnerKey } from '../natural-key.ts';
import { permissionProperties } from './schema.ts';

type Desired = DesiredOf<typeof permissionProperties>;

export interface ObservedPermission {
  /** The function's name as the spec gives it (name or ARN) and the statement's Resource (its ARN). */
  readonly functionName: string;
  readonly functionArn: string;
  readonly statementId: string;
  readonly action: string;
  readonly principal: string;
  readonly sourceArn?: string;
  readonly sourceAccount?: string;
}

interface PolicyStatement {
  Sid?: string;
  Action?: string | string[];
  Principal?: string | { Service?: string | string[]; AWS?: string | string[] };
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

const lambda = (ctx: AdapterContext) => ctx.clients.get(LambdaClient);
const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** A condition value by key, whatever the operator and the key's case. */
function condition(s: PolicyStatement, key: string): string | undefined {
  for (const block of Object.values(s.Condition ?? {}))
    for (const [k, v] of Object.entries(block)) if (k.toLowerCase() === key.toLowerCase()) return first(v);
  return undefined;
}

/** A statement as AddPermission would write it (principal: a service, an account id, or an ARN). */
function fromStatement(functionName: string, s: PolicyStatement): ObservedPermission {
  const p = s.Principal;
  const aws = typeof p === 'object' ? first(p.AWS) : undefined;
  const principal = typeof p === 'string' ? p : (first(p?.Service) ?? (aws && /^arn:[^:]+:iam::(\d{12}):root$/.exec(aws)?.[1]) ?? aws ?? '');
  const sourceArn = condition(s, 'AWS:SourceArn');
  const sourceAccount = condition(s, 'AWS:SourceAccount');
  return {
    functionName, functionArn: first(s.Resource) ?? '', statementId: s.Sid ?? '', action: first(s.Action) ?? '', principal,
    ...(sourceArn !== undefined && { sourceArn }), ...(sourceAccount !== undefined && { sourceAccount }),
  };
}

async function statementsOf(ctx: AdapterContext, functionName: string): Promise<PolicyStatement[]> {
  try {
    const out = await lambda(ctx).send(new GetPolicyCommand({ FunctionName: functionName }));
    return (JSON.parse(out.Policy ?? '{}') as { Statement?: PolicyStatement[] }).Statement ?? [];
  } catch (err) {
    if (isNotFound(err)) return [];
    throw err;
  }
}

async function add(id: string, desired: Desired, ctx: AdapterContext): Promise<ObservedPermission> {
  const out = await lambda(ctx).send(new AddPermissionCommand({
    FunctionName: desired.functionName, StatementId: ownerKey(ctx.stack, id), Action: desired.action, Principal: desired.principal,
    SourceArn: desired.sourceArn, SourceAccount: desired.sourceAccount,
  }));
  return fromStatement(desired.functionName, JSON.parse(out.Statement ?? '{}') as PolicyStatement);
}

const same = (d: Desired, o: ObservedPermission): boolean =>
  d.action === o.action && d.principal === o.principal && d.sourceArn === o.sourceArn && d.sourceAccount === o.sourceAccount;

export const permissionAdapter: ResourceAdapter<'lambda.permission', Desired, ObservedPermission> = {
  kind: 'lambda.permission',
  identifiedBy: 'natural-key',
  replaceOn: ['functionName', 'action', 'principal', 'sourceArn', 'sourceAccount'],
  // The statement id stays: the old statement goes first.
  replaceOrder: 'delete-before-create',

  async observe(requests, ctx) {
    const found: Observation<ObservedPermission>[] = [];
    // The functions the spec names, and every function of the stack (statements that left the spec).
    await forEachParent(ctx, requests, (x) => x.functionName, 'lambda:function', (arn) => arn.split(':')[6] ?? arn, async (fn) => {
      const statements = (await statementsOf(ctx, fn)).map((s) => fromStatement(fn, s));
      const mine = statements.filter((s) => parseOwnerKey(s.statementId)?.stack === ctx.stack);
      for (const s of mine) found.push({ id: parseOwnerKey(s.statementId)!.id, state: s, tags: ownerTags(ctx.stack, parseOwnerKey(s.statementId)!.id) });
      // Requested here but not found under our id: the same grant under another id is an adoption candidate.
      for (const r of requests) {
        if (r.desired?.functionName !== fn || mine.some((s) => parseOwnerKey(s.statementId)!.id === r.id)) continue;
        const candidate = statements.find((s) => !parseOwnerKey(s.statementId) && same(r.desired!, s));
        if (candidate) found.push({ id: r.id, state: candidate, tags: {} });
      }
    });
    return found;
  },

  diff: (desired, observed) => diffFields(desired, observed, ['functionName', 'action', 'principal', 'sourceArn', 'sourceAccount']),

  create: add,

  /** Only adoption reaches here (everything else replaces): the grant moves to blogctl's statement id. */
  async update(id, desired, observed, _changes, ctx) {
    if (observed.statementId === ownerKey(ctx.stack, id)) return observed;
    const made = await add(id, desired, ctx);
    await goneIsFine(() => lambda(ctx).send(new RemovePermissionCommand({ FunctionName: observed.functionName, StatementId: observed.statementId })));
    return made;
  },

  async delete(observed, ctx) {
    await goneIsFine(() => lambda(ctx).send(new RemovePermissionCommand({ FunctionName: observed.functionName, StatementId: observed.statementId })));
  },

  outputs: (o) => ({ id: o.statementId, arn: o.functionArn }),
};
