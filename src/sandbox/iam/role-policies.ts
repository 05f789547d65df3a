/**
 * A role's policies: inline (Put/Get/Delete/ListRolePolicies, documents URL-encoded on the
 * way out as AWS does) and managed (Attach/Detach/ListAttachedRolePolicies, AWS managed
 * ARNs included).
 */
import type {
  AttachRolePolicyCommandInput,
  AttachRolePolicyCommandOutput,
  DeleteRolePolicyCommandInput,
  DeleteRolePolicyCommandOutput,
  DetachRolePolicyCommandInput,
  DetachRolePolicyCommandOutput,
  GetRolePolicyCommandInput,
  GetRolePolicyCommandOutput,
  ListAttachedRolePoliciesCommandInput,
  ListAttachedRolePoliciesCommandOutput,
  ListRolePoliciesCommandInput,
  ListRolePoliciesCommandOutput,
  PutRolePolicyCommandInput,
  PutRolePolicyCommandOutput,
} from '@aws-sdk/client-iam';
import type { OperationTable } from '../service.ts';
import { findPolicy } from './managed-policies.ts';
import { checkPolicyDocument, INLINE_POLICIES_MAX } from './policy-documents.ts';
import { findRole } from './roles.ts';
import type { IamState, RoleRec } from './state.ts';
import { checkName, encodeDocument, type IamCtx, iamFail, iamPage, required } from './validation.ts';

type Out<T> = Omit<T, '$metadata'>;

/** Managed policies per role (AWS's default quota; it can be raised to 20). */
export const POLICIES_PER_ROLE = 10;

function inlineName(ctx: IamCtx, role: RoleRec, name: string | undefined): string {
  const policyName = required(ctx, name, 'policyName');
  if (!(policyName in role.inlinePolicies)) iamFail(ctx, 'NoSuchEntity', `The role policy with name ${policyName} cannot be found.`);
  return policyName;
}

export const rolePolicyOperations = {
  PutRolePolicy(input: PutRolePolicyCommandInput, ctx: IamCtx): Out<PutRolePolicyCommandOutput> {
    const role = findRole(ctx, input.RoleName);
    const name = checkName(ctx, input.PolicyName, 'policyName', 128);
    checkPolicyDocument(ctx, input.PolicyDocument, 'identity', 'policyDocument');
    const next = { ...role.inlinePolicies, [name]: input.PolicyDocument! };
    const size = Object.entries(next).reduce((n, [k, doc]) => n + k.length + doc.replace(/\s/g, '').length, 0);
    if (size > INLINE_POLICIES_MAX) iamFail(ctx, 'LimitExceeded', `Maximum policy size of ${INLINE_POLICIES_MAX} bytes exceeded for role ${role.name}`);
    role.inlinePolicies = next;
    return {};
  },

  GetRolePolicy(input: GetRolePolicyCommandInput, ctx: IamCtx): Out<GetRolePolicyCommandOutput> {
    const role = findRole(ctx, input.RoleName);
    const name = inlineName(ctx, role, input.PolicyName);
    return { RoleName: role.name, PolicyName: name, PolicyDocument: encodeDocument(role.inlinePolicies[name]!) };
  },

  DeleteRolePolicy(input: DeleteRolePolicyCommandInput, ctx: IamCtx): Out<DeleteRolePolicyCommandOutput> {
    const role = findRole(ctx, input.RoleName);
    delete role.inlinePolicies[inlineName(ctx, role, input.PolicyName)];
    return {};
  },

  ListRolePolicies(input: ListRolePoliciesCommandInput, ctx: IamCtx): Out<ListRolePoliciesCommandOutput> {
    const role = findRole(ctx, input.RoleName);
    const page = iamPage(ctx, Object.keys(role.inlinePolicies), (n) => n, input);
    return { PolicyNames: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
  },

  AttachRolePolicy(input: AttachRolePolicyCommandInput, ctx: IamCtx): Out<AttachRolePolicyCommandOutput> {
    const role = findRole(ctx, input.RoleName);
    const arn = required(ctx, input.PolicyArn, 'policyArn');
    if (!findPolicy(ctx, arn)) iamFail(ctx, 'NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`);
    if (role.attachedPolicies.includes(arn)) return {};
    if (role.attachedPolicies.length >= POLICIES_PER_ROLE) iamFail(ctx, 'LimitExceeded', `Cannot exceed quota for PoliciesPerRole: ${POLICIES_PER_ROLE}`);
    role.attachedPolicies.push(arn);
    return {};
  },

  DetachRolePolicy(input: DetachRolePolicyCommandInput, ctx: IamCtx): Out<DetachRolePolicyCommandOutput> {
    const role = findRole(ctx, input.RoleName);
    const arn = required(ctx, input.PolicyArn, 'policyArn');
    findPolicy(ctx, arn);
    if (!role.attachedPolicies.includes(arn)) iamFail(ctx, 'NoSuchEntity', `Policy ${arn} was not found.`);
    role.attachedPolicies = role.attachedPolicies.filter((a) => a !== arn);
    return {};
  },

  ListAttachedRolePolicies(input: ListAttachedRolePoliciesCommandInput, ctx: IamCtx): Out<ListAttachedRolePoliciesCommandOutput> {
    const role = findRole(ctx, input.RoleName);
    const prefix = input.PathPrefix ?? '/';
    const attached = role.attachedPolicies
      .map((arn) => findPolicy(ctx, arn))
      .filter((p) => p !== undefined && p.path.startsWith(prefix)) as NonNullable<ReturnType<typeof findPolicy>>[];
    const page = iamPage(ctx, attached, (p) => p.arn, input);
    return { AttachedPolicies: page.items.map((p) => ({ PolicyName: p.name, PolicyArn: p.arn })), IsTruncated: page.IsTruncated, Marker: page.Marker };
  },
} satisfies OperationTable<IamState>;
