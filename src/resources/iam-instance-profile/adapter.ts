/**
 * iam.instance-profile's adapter: the profile under the stack's path (iam/paths.ts) and
 * the one role it holds (swapped in place: remove the old, add the new). ListInstanceProfiles
 * with the stack's path prefix finds them all; tags take one GetInstanceProfile each.
 */
import {
  AddRoleToInstanceProfileCommand, CreateInstanceProfileCommand, DeleteInstanceProfileCommand, GetInstanceProfileCommand, IAMClient,
  paginateListInstanceProfiles, RemoveRoleFromInstanceProfileCommand, TagInstanceProfileCommand, UntagInstanceProfileCommand, type InstanceProfile,
} from '@aws-sdk/client-iam';
import { TAG, type DesiredOf, type ResourceAdapter } from '../../reconciler/types.ts';
import { goneIsFine, unlessGone } from '../aws-errors.ts';
import { cannotMove, fromIamTags, iamTagDelta, observeByPath, pathChange, stackPath, stackPrefix, toIamTags } from '../iam/paths.ts';
import { diffFields } from '../normalize/compare.ts';
import { diffTags } from '../normalize/tags.ts';
import type { instanceProfileProperties } from './schema.ts';

type Desired = DesiredOf<typeof instanceProfileProperties>;

export interface ObservedInstanceProfile {
  readonly instanceProfileName: string;
  readonly instanceProfileId: string;
  readonly arn: string;
  readonly path: string;
  /** Where this stack's profiles live (`/blogctl/<stack>`), as observe saw it. */
  readonly pathPrefix: string;
  /** The role it holds; undefined when empty. */
  readonly roleName: string | undefined;
  readonly tags: Record<string, string>;
}

const fromAws = (p: InstanceProfile, stack: string): ObservedInstanceProfile => ({
  instanceProfileName: p.InstanceProfileName!,
  instanceProfileId: p.InstanceProfileId!,
  arn: p.Arn!,
  path: p.Path ?? '/',
  pathPrefix: stackPrefix(stack),
  roleName: p.Roles?.[0]?.RoleName,
  tags: fromIamTags(p.Tags),
});

async function readProfile(iam: IAMClient, name: string, stack: string): Promise<ObservedInstanceProfile | undefined> {
  const profile = (await unlessGone(iam.send(new GetInstanceProfileCommand({ InstanceProfileName: name }))))?.InstanceProfile;
  return profile && fromAws(profile, stack);
}

export const instanceProfileAdapter: ResourceAdapter<'iam.instance-profile', Desired, ObservedInstanceProfile> = {
  kind: 'iam.instance-profile',
  replaceOn: ['instanceProfileName', 'path'],
  replaceOrder: 'create-before-delete',

  async observe(requests, ctx) {
    const iam = ctx.clients.get(IAMClient);
    const prefix = `${stackPrefix(ctx.stack)}/`;
    const names: string[] = [];
    // The path is checked here too: an emulator may ignore PathPrefix (moto does for profiles).
    for await (const page of paginateListInstanceProfiles({ client: iam }, { PathPrefix: prefix }))
      names.push(...(page.InstanceProfiles ?? []).filter((p) => (p.Path ?? '/').startsWith(prefix)).map((p) => p.InstanceProfileName!));
    const requested = requests.map((r) => ({ id: r.id, name: r.desired?.instanceProfileName }));
    return observeByPath(names, requested, (name) => readProfile(iam, name, ctx.stack));
  },

  diff(desired, observed, explain) {
    return [
      ...diffFields(desired, observed, ['instanceProfileName', 'roleName']),
      ...pathChange(observed, desired.path, desired.instanceProfileName === observed.instanceProfileName),
      ...diffTags(desired.tags, observed.tags, explain),
    ];
  },

  async create(id, desired, ctx) {
    const iam = ctx.clients.get(IAMClient);
    const identity = ctx.identityTags(id);
    const out = await iam.send(new CreateInstanceProfileCommand({
      InstanceProfileName: desired.instanceProfileName,
      Path: stackPath(ctx.stack, desired.path),
      Tags: toIamTags({ ...(desired.tags ?? {}), ...ctx.identityTags(id, 'creating') }),
    }));
    // A failure below leaves an empty profile tagged "creating": the next reconcile adds the role.
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: desired.instanceProfileName, RoleName: desired.roleName }));
    await iam.send(new TagInstanceProfileCommand({ InstanceProfileName: desired.instanceProfileName, Tags: [{ Key: TAG.spec, Value: identity[TAG.spec] ?? '' }] }));
    return { ...fromAws(out.InstanceProfile!, ctx.stack), roleName: desired.roleName, tags: { ...(desired.tags ?? {}), ...identity } };
  },

  async update(id, desired, observed, _changes, ctx) {
    const wanted = stackPath(ctx.stack, desired.path);
    if (observed.path !== wanted) throw cannotMove('instance profile', observed.instanceProfileName, observed.path, wanted);
    const iam = ctx.clients.get(IAMClient);
    const InstanceProfileName = observed.instanceProfileName;
    if (observed.roleName !== desired.roleName) {
      // A profile holds one role: the old one leaves first.
      if (observed.roleName !== undefined) await goneIsFine(() => iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName, RoleName: observed.roleName })));
      await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName, RoleName: desired.roleName }));
    }
    const identity = ctx.identityTags(id);
    const { set, remove } = iamTagDelta(desired.tags, observed.tags, identity);
    if (set.length > 0) await iam.send(new TagInstanceProfileCommand({ InstanceProfileName, Tags: set }));
    if (remove.length > 0) await iam.send(new UntagInstanceProfileCommand({ InstanceProfileName, TagKeys: remove }));
    return { ...observed, roleName: desired.roleName, tags: { ...(desired.tags ?? {}), ...identity } };
  },

  async delete(observed, ctx) {
    const iam = ctx.clients.get(IAMClient);
    const InstanceProfileName = observed.instanceProfileName;
    // The roles it holds now: IAM refuses to delete a profile that still holds one.
    const now = await readProfile(iam, InstanceProfileName, '');
    if (!now) return;
    if (now.roleName !== undefined) await goneIsFine(() => iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName, RoleName: now.roleName })));
    await goneIsFine(() => iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName })));
  },

  outputs: (o) => ({ id: o.instanceProfileName, name: o.instanceProfileName, arn: o.arn, instanceProfileId: o.instanceProfileId }),
};
