/**
 * Roles: CreateRole, GetRole, ListRoles, DeleteRole (refused while policies or instance
 * profiles hold it), UpdateRole, UpdateRoleDescription, UpdateAssumeRolePolicy,
 * Put/DeleteRolePermissionsBoundary, and role tags.
 */
import type {
  CreateRoleCommandInput,
  CreateRoleCommandOutput,
  DeleteRoleCommandInput,
  DeleteRoleCommandOutput,
  DeleteRolePermissionsBoundaryCommandInput,
  DeleteRolePermissionsBoundaryCommandOutput,
  GetRoleCommandInput,
  GetRoleCommandOutput,
  ListRolesCommandInput,
  ListRolesCommandOutput,
  ListRoleTagsCommandInput,
  ListRoleTagsCommandOutput,
  PutRolePermissionsBoundaryCommandInput,
  PutRolePermissionsBoundaryCommandOutput,
  Role,
  TagRoleCommandInput,
  TagRoleCommandOutput,
  UntagRoleCommandInput,
  UntagRoleCommandOutput,
  UpdateAssumeRolePolicyCommandInput,
  UpdateAssumeRolePolicyCommandOutput,
  UpdateRoleCommandInput,
  UpdateRoleCommandOutput,
  UpdateRoleDescriptionCommandInput,
  UpdateRoleDescriptionCommandOutput,
} from '@aws-sdk/client-iam';
import type { OperationTable } from '../service.ts';
import { checkPolicyDocument, TRUST_POLICY_MAX } from './policy-documents.ts';
import { findPolicy } from './managed-policies.ts';
import type { IamState, RoleRec } from './state.ts';
import {
  checkName,
  checkPath,
  checkTags,
  encodeDocument,
  entityTagging,
  type IamCtx,
  iamArn,
  iamFail,
  iamPage,
  required,
  tagList,
} from './validation.ts';

type Out<T> = Omit<T, '$metadata'>;

const ROLES_PER_ACCOUNT = 1000;

export function findRole(ctx: IamCtx, name: string | undefined): RoleRec {
  const roleName = required(ctx, name, 'roleName');
  const role = ctx.state.roles[roleName.toLowerCase()];
  if (!role) iamFail(ctx, 'NoSuchEntity', `The role with name ${roleName} cannot be found.`);
  return role;
}

/** The role as IAM renders it: `get` has everything, `list` leaves out tags, boundary and last use. */
export function renderRole(role: RoleRec, view: 'create' | 'get' | 'list'): Role {
  return {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.id,
    Arn: role.arn,
    CreateDate: new Date(role.createdAt),
    AssumeRolePolicyDocument: encodeDocument(role.assumeRolePolicy),
    Description: role.description ?? undefined,
    MaxSessionDuration: view === 'create' ? undefined : role.maxSessionDuration,
    PermissionsBoundary:
      view !== 'list' && role.permissionsBoundary
        ? { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: role.permissionsBoundary }
        : undefined,
    Tags: view === 'list' ? undefined : tagList(role.tags),
    RoleLastUsed: view === 'get' ? {} : undefined,
  };
}

function checkTrustPolicy(ctx: IamCtx, document: string | undefined): string {
  checkPolicyDocument(ctx, document, 'trust', 'assumeRolePolicyDocument');
  const text = document!;
  if (text.replace(/\s/g, '').length > TRUST_POLICY_MAX) iamFail(ctx, 'LimitExceeded', `Cannot exceed quota for ACLSizePerRole: ${TRUST_POLICY_MAX}`);
  return text;
}

function checkDescription(ctx: IamCtx, description: string | undefined): string | null {
  if (description === undefined) return null;
  if (description.length > 1000) ctx.fail('ValidationError', "1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 1000");
  return description;
}

function checkMaxSession(ctx: IamCtx, seconds: number | undefined, fallback: number): number {
  if (seconds === undefined) return fallback;
  if (!Number.isInteger(seconds) || seconds < 3600 || seconds > 43200) {
    ctx.fail('ValidationError', `1 validation error detected: Value '${seconds}' at 'maxSessionDuration' failed to satisfy constraint: Member must have value between 3600 and 43200`);
  }
  return seconds;
}

function checkBoundary(ctx: IamCtx, arn: string | undefined): string | null {
  if (arn === undefined) return null;
  if (!findPolicy(ctx, arn)) iamFail(ctx, 'NoSuchEntity', `Scope ARN: ${arn} does not exist or is not attachable.`);
  return arn;
}

const roleTags = entityTagging(findRole);

export const roleOperations = {
  CreateRole(input: CreateRoleCommandInput, ctx: IamCtx): Out<CreateRoleCommandOutput> {
    const name = checkName(ctx, input.RoleName, 'roleName', 64);
    const path = checkPath(ctx, input.Path);
    const document = checkTrustPolicy(ctx, input.AssumeRolePolicyDocument);
    const description = checkDescription(ctx, input.Description);
    const maxSessionDuration = checkMaxSession(ctx, input.MaxSessionDuration, 3600);
    const tags = checkTags(ctx, input.Tags);
    const boundary = checkBoundary(ctx, input.PermissionsBoundary);
    if (ctx.state.roles[name.toLowerCase()]) iamFail(ctx, 'EntityAlreadyExists', `Role with name ${name} already exists.`);
    if (Object.keys(ctx.state.roles).length >= ROLES_PER_ACCOUNT) iamFail(ctx, 'LimitExceeded', `Cannot exceed quota for RolesPerAccount: ${ROLES_PER_ACCOUNT}`);
    const role: RoleRec = {
      name,
      id: ctx.ids.upperAlnum('AROA', 21),
      path,
      arn: iamArn(ctx, `role${path}${name}`),
      createdAt: ctx.now,
      assumeRolePolicy: document,
      description,
      maxSessionDuration,
      permissionsBoundary: boundary,
      inlinePolicies: {},
      attachedPolicies: [],
      tags,
    };
    ctx.state.roles[name.toLowerCase()] = role;
    return { Role: renderRole(role, 'create') };
  },

  GetRole(input: GetRoleCommandInput, ctx: IamCtx): Out<GetRoleCommandOutput> {
    return { Role: renderRole(findRole(ctx, input.RoleName), 'get') };
  },

  ListRoles(input: ListRolesCommandInput, ctx: IamCtx): Out<ListRolesCommandOutput> {
    const prefix = input.PathPrefix ?? '/';
    const roles = Object.values(ctx.state.roles).filter((r) => r.path.startsWith(prefix));
    const page = iamPage(ctx, roles, (r) => r.name.toLowerCase(), input);
    return { Roles: page.items.map((r) => renderRole(r, 'list')), IsTruncated: page.IsTruncated, Marker: page.Marker };
  },

  DeleteRole(input: DeleteRoleCommandInput, ctx: IamCtx): Out<DeleteRoleCommandOutput> {
    const role = findRole(ctx, input.RoleName);
    const key = role.name.toLowerCase();
    if (Object.values(ctx.state.instanceProfiles).some((p) => p.roles.includes(key))) {
      iamFail(ctx, 'DeleteConflict', 'Cannot delete entity, must remove roles from instance profile first.');
    }
    if (role.attachedPolicies.length > 0) iamFail(ctx, 'DeleteConflict', 'Cannot delete entity, must detach all policies first.');
    if (Object.keys(role.inlinePolicies).length > 0) iamFail(ctx, 'DeleteConflict', 'Cannot delete entity, must delete policies first.');
    delete ctx.state.roles[key];
    return {};
  },

  UpdateRole(input: UpdateRoleCommandInput, ctx: IamCtx): Out<UpdateRoleCommandOutput> {
    const role = findRole(ctx, input.RoleName);
    const description = checkDescription(ctx, input.Description);
    role.maxSessionDuration = checkMaxSession(ctx, input.MaxSessionDuration, role.maxSessionDuration);
    if (input.Description !== undefined) role.description = description;
    return {};
  },

  UpdateRoleDescription(input: UpdateRoleDescriptionCommandInput, ctx: IamCtx): Out<UpdateRoleDescriptionCommandOutput> {
    const role = findRole(ctx, input.RoleName);
    role.description = checkDescription(ctx, required(ctx, input.Description, 'description'));
    return { Role: renderRole(role, 'get') };
  },

  UpdateAssumeRolePolicy(input: UpdateAssumeRolePolicyCommandInput, ctx: IamCtx): Out<UpdateAssumeRolePolicyCommandOutput> {
    const role = findRole(ctx, input.RoleName);
    role.assumeRolePolicy = checkTrustPolicy(ctx, input.PolicyDocument);
    return {};
  },

  PutRolePermissionsBoundary(input: PutRolePermissionsBoundaryCommandInput, ctx: IamCtx): Out<PutRolePermissionsBoundaryCommandOutput> {
    const role = findRole(ctx, input.RoleName);
    role.permissionsBoundary = checkBoundary(ctx, required(ctx, input.PermissionsBoundary, 'permissionsBoundary'));
    return {};
  },

  DeleteRolePermissionsBoundary(input: DeleteRolePermissionsBoundaryCommandInput, ctx: IamCtx): Out<DeleteRolePermissionsBoundaryCommandOutput> {
    const role = findRole(ctx, input.RoleName);
    role.permissionsBoundary = null;
    return {};
  },

  TagRole: (input: TagRoleCommandInput, ctx: IamCtx): Out<TagRoleCommandOutput> => roleTags.tag(ctx, input.RoleName, input.Tags),
  UntagRole: (input: UntagRoleCommandInput, ctx: IamCtx): Out<UntagRoleCommandOutput> => roleTags.untag(ctx, input.RoleName, input.TagKeys),
  ListRoleTags: (input: ListRoleTagsCommandInput, ctx: IamCtx): Out<ListRoleTagsCommandOutput> => roleTags.list(ctx, input.RoleName, input),
} satisfies OperationTable<IamState>;
