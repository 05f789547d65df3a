/**
 * iam.role's adapter: trust policy, inline policies, managed policy ARNs, description,
 * session length, permissions boundary and tags, under the stack's path (iam/paths.ts).
 * Policy documents compare by meaning (normalize/policy.ts); a change names the
 * statement. The name and path cannot change: a replacement.
 */
import {
  AttachRolePolicyCommand, CreateRoleCommand, DeleteRoleCommand, DeleteRolePermissionsBoundaryCommand, DeleteRolePolicyCommand, DetachRolePolicyCommand,
  IAMClient, paginateListAttachedRolePolicies, paginateListRolePolicies, PutRolePermissionsBoundaryCommand, PutRolePolicyCommand, TagRoleCommand,
  UntagRoleCommand, UpdateAssumeRolePolicyCommand, UpdateRoleCommand,
} from '@aws-sdk/client-iam';
import { TAG, type DesiredOf, type ExplainSink, type FieldChange, type ResourceAdapter } from '../../reconciler/types.ts';
import { goneIsFine } from '../aws-errors.ts';
import { cannotMove, iamTagDelta, observeByPath, pathChange, stackPath, stackPrefix, toIamTags } from '../iam/paths.ts';
import { diffFields, diffIdSet } from '../normalize/compare.ts';
import { diffPolicy, samePolicy } from '../normalize/policy.ts';
import { diffTags } from '../normalize/tags.ts';
import { readRole, stackRoleNames, type Document, type ObservedRole } from './read.ts';
import type { roleProperties } from './schema.ts';

type Desired = DesiredOf<typeof roleProperties>;

const json = (doc: unknown): string => JSON.stringify(doc);

/** Inline policies: one change per policy added or removed, per statement for one changed. */
function diffInline(desired: Readonly<Record<string, unknown>>, observed: Readonly<Record<string, Document>>, explain?: ExplainSink): FieldChange[] {
  const names = [...new Set([...Object.keys(desired), ...Object.keys(observed)])].sort();
  return names.flatMap((n) =>
    desired[n] === undefined ? [{ path: `inlinePolicies.${n}`, from: observed[n], to: undefined }] : diffPolicy(`inlinePolicies.${n}`, desired[n], observed[n], explain),
  );
}

export const roleAdapter: ResourceAdapter<'iam.role', Desired, ObservedRole> = {
  kind: 'iam.role',
  replaceOn: ['roleName', 'path'],
  // A new name can exist beside the old role; a new path for the same name cannot (see diff).
  replaceOrder: 'create-before-delete',

  async observe(requests, ctx) {
    const iam = ctx.clients.get(IAMClient);
    const requested = requests.map((r) => ({ id: r.id, name: r.desired?.roleName }));
    return observeByPath(await stackRoleNames(iam, ctx.stack), requested, (name) => readRole(iam, name, ctx.stack));
  },

  diff(desired, observed, explain) {
    return [
      ...diffFields(desired, observed, ['roleName']),
      ...pathChange(observed, desired.path, desired.roleName === observed.roleName),
      ...diffFields(desired, observed, ['description', 'maxSessionDuration']),
      ...(desired.permissionsBoundary === observed.permissionsBoundary ? [] : [{ path: 'permissionsBoundary', from: observed.permissionsBoundary, to: desired.permissionsBoundary }]),
      ...diffPolicy('assumeRolePolicy', desired.assumeRolePolicy, observed.assumeRolePolicy, explain),
      ...diffInline(desired.inlinePolicies, observed.inlinePolicies, explain),
      ...diffIdSet('managedPolicyArns', desired.managedPolicyArns, observed.managedPolicyArns),
      ...diffTags(desired.tags, observed.tags, explain),
    ];
  },

  async create(id, desired, ctx) {
    const iam = ctx.clients.get(IAMClient);
    const identity = ctx.identityTags(id);
    const more = Object.keys(desired.inlinePolicies).length + desired.managedPolicyArns.length > 0;
    const out = await iam.send(new CreateRoleCommand({
      RoleName: desired.roleName,
      Path: stackPath(ctx.stack, desired.path),
      AssumeRolePolicyDocument: json(desired.assumeRolePolicy),
      MaxSessionDuration: desired.maxSessionDuration,
      ...(desired.description !== undefined && { Description: desired.description }),
      ...(desired.permissionsBoundary !== undefined && { PermissionsBoundary: desired.permissionsBoundary }),
      Tags: toIamTags({ ...(desired.tags ?? {}), ...(more ? ctx.identityTags(id, 'creating') : identity) }),
    }));
    // A failure below leaves the role tagged "creating": the next reconcile adds what is missing.
    for (const [name, doc] of Object.entries(desired.inlinePolicies))
      await iam.send(new PutRolePolicyCommand({ RoleName: desired.roleName, PolicyName: name, PolicyDocument: json(doc) }));
    for (const arn of desired.managedPolicyArns) await iam.send(new AttachRolePolicyCommand({ RoleName: desired.roleName, PolicyArn: arn }));
    if (more) await iam.send(new TagRoleCommand({ RoleName: desired.roleName, Tags: [{ Key: TAG.spec, Value: identity[TAG.spec] ?? '' }] }));
    const role = out.Role!;
    return {
      roleName: role.RoleName!, roleId: role.RoleId!, arn: role.Arn!, path: role.Path!, pathPrefix: stackPrefix(ctx.stack),
      description: desired.description, assumeRolePolicy: desired.assumeRolePolicy as Document,
      inlinePolicies: desired.inlinePolicies as Record<string, Document>, managedPolicyArns: [...desired.managedPolicyArns].sort(),
      maxSessionDuration: desired.maxSessionDuration, permissionsBoundary: desired.permissionsBoundary,
      tags: { ...(desired.tags ?? {}), ...identity },
    };
  },

  async update(id, desired, observed, changes, ctx) {
    const wanted = stackPath(ctx.stack, desired.path);
    if (observed.path !== wanted) throw cannotMove('role', observed.roleName, observed.path, wanted);
    const iam = ctx.clients.get(IAMClient);
    const RoleName = observed.roleName;
    const changed = (p: string) => changes.some((c) => c.path === p || c.path.startsWith(`${p}.`) || c.path.startsWith(`${p}[`));
    if (changed('assumeRolePolicy')) await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName, PolicyDocument: json(desired.assumeRolePolicy) }));
    if (changed('description') || changed('maxSessionDuration'))
      await iam.send(new UpdateRoleCommand({ RoleName, MaxSessionDuration: desired.maxSessionDuration, ...(desired.description !== undefined && { Description: desired.description }) }));
    for (const [name, doc] of Object.entries(desired.inlinePolicies))
      if (!observed.inlinePolicies[name] || !samePolicy(doc, observed.inlinePolicies[name]))
        await iam.send(new PutRolePolicyCommand({ RoleName, PolicyName: name, PolicyDocument: json(doc) }));
    for (const name of Object.keys(observed.inlinePolicies).filter((n) => !(n in desired.inlinePolicies)))
      await goneIsFine(() => iam.send(new DeleteRolePolicyCommand({ RoleName, PolicyName: name })));
    for (const arn of desired.managedPolicyArns.filter((a) => !observed.managedPolicyArns.includes(a))) await iam.send(new AttachRolePolicyCommand({ RoleName, PolicyArn: arn }));
    for (const arn of observed.managedPolicyArns.filter((a) => !desired.managedPolicyArns.includes(a)))
      await goneIsFine(() => iam.send(new DetachRolePolicyCommand({ RoleName, PolicyArn: arn })));
    if (changed('permissionsBoundary'))
      await (desired.permissionsBoundary !== undefined
        ? iam.send(new PutRolePermissionsBoundaryCommand({ RoleName, PermissionsBoundary: desired.permissionsBoundary }))
        : iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName })));
    const identity = ctx.identityTags(id);
    const { set, remove } = iamTagDelta(desired.tags, observed.tags, identity);
    if (set.length > 0) await iam.send(new TagRoleCommand({ RoleName, Tags: set }));
    if (remove.length > 0) await iam.send(new UntagRoleCommand({ RoleName, TagKeys: remove }));
    return {
      ...observed, description: desired.description ?? observed.description, maxSessionDuration: desired.maxSessionDuration,
      permissionsBoundary: desired.permissionsBoundary, assumeRolePolicy: desired.assumeRolePolicy as Document,
      inlinePolicies: desired.inlinePolicies as Record<string, Document>, managedPolicyArns: [...desired.managedPolicyArns].sort(),
      tags: { ...(desired.tags ?? {}), ...identity },
    };
  },

  async delete(observed, ctx) {
    const iam = ctx.clients.get(IAMClient);
    const RoleName = observed.roleName;
    // What it holds now, not what was observed: IAM refuses to delete a role with policies.
    await goneIsFine(async () => {
      for await (const page of paginateListRolePolicies({ client: iam }, { RoleName }))
        for (const name of page.PolicyNames ?? []) await goneIsFine(() => iam.send(new DeleteRolePolicyCommand({ RoleName, PolicyName: name })));
      for await (const page of paginateListAttachedRolePolicies({ client: iam }, { RoleName }))
        for (const p of page.AttachedPolicies ?? []) await goneIsFine(() => iam.send(new DetachRolePolicyCommand({ RoleName, PolicyArn: p.PolicyArn! })));
      await iam.send(new DeleteRoleCommand({ RoleName }));
    });
  },

  outputs: (o) => ({ id: o.roleName, name: o.roleName, arn: o.arn, roleId: o.roleId }),
};
