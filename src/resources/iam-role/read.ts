/**
 * Reading roles. ListRoles with the stack's path prefix finds them in one call (paged);
 * what a role holds takes a few calls each, in parallel: GetRole (tags, boundary),
 * ListRolePolicies + GetRolePolicy per inline policy, ListAttachedRolePolicies. IAM
 * answers documents URL-encoded; they are kept as parsed documents.
 */
import {
  GetRoleCommand, GetRolePolicyCommand, IAMClient, paginateListAttachedRolePolicies, paginateListRolePolicies, paginateListRoles,
} from '@aws-sdk/client-iam';
import { unlessGone } from '../aws-errors.ts';
import { parsePolicy } from '../normalize/policy.ts';
import { fromIamTags, stackPrefix } from '../iam/paths.ts';

export type Document = Record<string, unknown>;

export interface ObservedRole {
  readonly roleName: string;
  readonly roleId: string;
  readonly arn: string;
  readonly path: string;
  /** Where this stack's roles live (`/blogctl/<stack>`), as observe saw it: diff compares paths under it. */
  readonly pathPrefix: string;
  readonly description: string | undefined;
  readonly assumeRolePolicy: Document;
  readonly inlinePolicies: Record<string, Document>;
  readonly managedPolicyArns: string[];
  readonly maxSessionDuration: number;
  readonly permissionsBoundary: string | undefined;
  readonly tags: Record<string, string>;
}

async function inlinePolicies(iam: IAMClient, roleName: string): Promise<Record<string, Document>> {
  const names: string[] = [];
  for await (const page of paginateListRolePolicies({ client: iam }, { RoleName: roleName })) names.push(...(page.PolicyNames ?? []));
  const docs = await Promise.all(names.map(async (name) => {
    const out = await iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: name }));
    return [name, parsePolicy(out.PolicyDocument)] as const;
  }));
  return Object.fromEntries(docs);
}

async function managedPolicies(iam: IAMClient, roleName: string): Promise<string[]> {
  const arns: string[] = [];
  for await (const page of paginateListAttachedRolePolicies({ client: iam }, { RoleName: roleName }))
    arns.push(...(page.AttachedPolicies ?? []).map((p) => p.PolicyArn!));
  return arns.sort();
}

/** Everything about one role; undefined when it is gone. */
export async function readRole(iam: IAMClient, roleName: string, stack: string): Promise<ObservedRole | undefined> {
  const role = (await unlessGone(iam.send(new GetRoleCommand({ RoleName: roleName }))))?.Role;
  if (!role) return undefined;
  const [inline, managed] = await Promise.all([inlinePolicies(iam, roleName), managedPolicies(iam, roleName)]);
  return {
    roleName: role.RoleName!,
    roleId: role.RoleId!,
    arn: role.Arn!,
    path: role.Path ?? '/',
    pathPrefix: stackPrefix(stack),
    description: role.Description === '' ? undefined : role.Description,
    assumeRolePolicy: parsePolicy(role.AssumeRolePolicyDocument),
    inlinePolicies: inline,
    managedPolicyArns: managed,
    maxSessionDuration: role.MaxSessionDuration ?? 3600,
    permissionsBoundary: role.PermissionsBoundary?.PermissionsBoundaryArn,
    tags: fromIamTags(role.Tags),
  };
}

/** The names of the roles under the stack's path. */
export async function stackRoleNames(iam: IAMClient, stack: string): Promise<string[]> {
  const prefix = `${stackPrefix(stack)}/`;
  const names: string[] = [];
  // The path is checked here too, in case an emulator ignores PathPrefix.
  for await (const page of paginateListRoles({ client: iam }, { PathPrefix: prefix }))
    names.push(...(page.Roles ?? []).filter((r) => (r.Path ?? '/').startsWith(prefix)).map((r) => r.RoleName!));
  return names;
}
