/**
 * Instance profiles: create/get/list/delete, one role each (AWS's quota, LimitExceeded for
 * a second), ListInstanceProfilesForRole, and instance profile tags.
 */
import type {
  AddRoleToInstanceProfileCommandInput,
  AddRoleToInstanceProfileCommandOutput,
  CreateInstanceProfileCommandInput,
  CreateInstanceProfileCommandOutput,
  DeleteInstanceProfileCommandInput,
  DeleteInstanceProfileCommandOutput,
  GetInstanceProfileCommandInput,
  GetInstanceProfileCommandOutput,
  InstanceProfile,
  ListInstanceProfilesCommandInput,
  ListInstanceProfilesCommandOutput,
  ListInstanceProfilesForRoleCommandInput,
  ListInstanceProfilesForRoleCommandOutput,
  ListInstanceProfileTagsCommandInput,
  ListInstanceProfileTagsCommandOutput,
  RemoveRoleFromInstanceProfileCommandInput,
  RemoveRoleFromInstanceProfileCommandOutput,
  TagInstanceProfileCommandInput,
  TagInstanceProfileCommandOutput,
  UntagInstanceProfileCommandInput,
  UntagInstanceProfileCommandOutput,
} from '@aws-sdk/client-iam';
import type { OperationTable } from '../service.ts';
import { findRole, renderRole } from './roles.ts';
import type { IamState, InstanceProfileRec } from './state.ts';
import {
  checkName,
  checkPath,
  checkTags,
  entityTagging,
  type IamCtx,
  iamArn,
  iamFail,
  iamPage,
  required,
  tagList,
} from './validation.ts';

type Out<T> = Omit<T, '$metadata'>;

const ROLES_PER_PROFILE = 1;

function findProfile(ctx: IamCtx, name: string | undefined): InstanceProfileRec {
  const profileName = required(ctx, name, 'instanceProfileName');
  const profile = ctx.state.instanceProfiles[profileName.toLowerCase()];
  if (!profile) iamFail(ctx, 'NoSuchEntity', `Instance Profile ${profileName} cannot be found.`);
  return profile;
}

function renderProfile(ctx: IamCtx, p: InstanceProfileRec, withTags: boolean): InstanceProfile {
  return {
    Path: p.path,
    InstanceProfileName: p.name,
    InstanceProfileId: p.id,
    Arn: p.arn,
    CreateDate: new Date(p.createdAt),
    Roles: p.roles.flatMap((key) => {
      const role = ctx.state.roles[key];
      return role ? [renderRole(role, 'list')] : [];
    }),
    Tags: withTags ? tagList(p.tags) : undefined,
  };
}

const profileTags = entityTagging(findProfile);

export const instanceProfileOperations = {
  CreateInstanceProfile(input: CreateInstanceProfileCommandInput, ctx: IamCtx): Out<CreateInstanceProfileCommandOutput> {
    const name = checkName(ctx, input.InstanceProfileName, 'instanceProfileName', 128);
    const path = checkPath(ctx, input.Path);
    const tags = checkTags(ctx, input.Tags);
    if (ctx.state.instanceProfiles[name.toLowerCase()]) iamFail(ctx, 'EntityAlreadyExists', `Instance Profile ${name} already exists.`);
    const profile: InstanceProfileRec = {
      name,
      id: ctx.ids.upperAlnum('AIPA', 21),
      path,
      arn: iamArn(ctx, `instance-profile${path}${name}`),
      createdAt: ctx.now,
      roles: [],
      tags,
    };
    ctx.state.instanceProfiles[name.toLowerCase()] = profile;
    return { InstanceProfile: renderProfile(ctx, profile, true) };
  },

  GetInstanceProfile(input: GetInstanceProfileCommandInput, ctx: IamCtx): Out<GetInstanceProfileCommandOutput> {
    return { InstanceProfile: renderProfile(ctx, findProfile(ctx, input.InstanceProfileName), true) };
  },

  ListInstanceProfiles(input: ListInstanceProfilesCommandInput, ctx: IamCtx): Out<ListInstanceProfilesCommandOutput> {
    const prefix = input.PathPrefix ?? '/';
    const profiles = Object.values(ctx.state.instanceProfiles).filter((p) => p.path.startsWith(prefix));
    const page = iamPage(ctx, profiles, (p) => p.name.toLowerCase(), input);
    return { InstanceProfiles: page.items.map((p) => renderProfile(ctx, p, false)), IsTruncated: page.IsTruncated, Marker: page.Marker };
  },

  DeleteInstanceProfile(input: DeleteInstanceProfileCommandInput, ctx: IamCtx): Out<DeleteInstanceProfileCommandOutput> {
    const profile = findProfile(ctx, input.InstanceProfileName);
    if (profile.roles.length > 0) iamFail(ctx, 'DeleteConflict', 'Cannot delete entity, must remove roles from instance profile first.');
    delete ctx.state.instanceProfiles[profile.name.toLowerCase()];
    return {};
  },

  AddRoleToInstanceProfile(input: AddRoleToInstanceProfileCommandInput, ctx: IamCtx): Out<AddRoleToInstanceProfileCommandOutput> {
    const profile = findProfile(ctx, input.InstanceProfileName);
    const role = findRole(ctx, input.RoleName);
    const key = role.name.toLowerCase();
    if (profile.roles.includes(key)) iamFail(ctx, 'LimitExceeded', `Cannot exceed quota for InstanceSessionsPerInstanceProfile: ${ROLES_PER_PROFILE}`);
    if (profile.roles.length >= ROLES_PER_PROFILE) iamFail(ctx, 'LimitExceeded', `Cannot exceed quota for InstanceSessionsPerInstanceProfile: ${ROLES_PER_PROFILE}`);
    profile.roles.push(key);
    return {};
  },

  RemoveRoleFromInstanceProfile(input: RemoveRoleFromInstanceProfileCommandInput, ctx: IamCtx): Out<RemoveRoleFromInstanceProfileCommandOutput> {
    const profile = findProfile(ctx, input.InstanceProfileName);
    const role = findRole(ctx, input.RoleName);
    const key = role.name.toLowerCase();
    if (!profile.roles.includes(key)) iamFail(ctx, 'NoSuchEntity', `The role with name ${role.name} cannot be found in instance profile ${profile.name}.`);
    profile.roles = profile.roles.filter((r) => r !== key);
    return {};
  },

  ListInstanceProfilesForRole(input: ListInstanceProfilesForRoleCommandInput, ctx: IamCtx): Out<ListInstanceProfilesForRoleCommandOutput> {
    const key = findRole(ctx, input.RoleName).name.toLowerCase();
    const profiles = Object.values(ctx.state.instanceProfiles).filter((p) => p.roles.includes(key));
    const page = iamPage(ctx, profiles, (p) => p.name.toLowerCase(), input);
    return { InstanceProfiles: page.items.map((p) => renderProfile(ctx, p, false)), IsTruncated: page.IsTruncated, Marker: page.Marker };
  },

  TagInstanceProfile: (input: TagInstanceProfileCommandInput, ctx: IamCtx): Out<TagInstanceProfileCommandOutput> => profileTags.tag(ctx, input.InstanceProfileName, input.Tags),
  UntagInstanceProfile: (input: UntagInstanceProfileCommandInput, ctx: IamCtx): Out<UntagInstanceProfileCommandOutput> => profileTags.untag(ctx, input.InstanceProfileName, input.TagKeys),
  ListInstanceProfileTags: (input: ListInstanceProfileTagsCommandInput, ctx: IamCtx): Out<ListInstanceProfileTagsCommandOutput> => profileTags.list(ctx, input.InstanceProfileName, input),
} satisfies OperationTable<IamState>;
