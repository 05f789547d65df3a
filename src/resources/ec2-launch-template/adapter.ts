/**
 * ec2.launch-template's adapter. The spec is compared with the default version; any
 * difference in what a version holds makes a new version (the whole data, nothing
 * inherited) and makes it the default, so `${lt.latestVersion}` moves and the group
 * following it refreshes its instances. Only the template's own tags change in place.
 */
import {
  CreateLaunchTemplateCommand, CreateLaunchTemplateVersionCommand, DeleteLaunchTemplateCommand, DescribeLaunchTemplateVersionsCommand, EC2Client,
  ModifyLaunchTemplateCommand, paginateDescribeLaunchTemplates, type Filter, type LaunchTemplate,
} from '@aws-sdk/client-ec2';
import type { FieldChange, Observation, ObserveRequest, ResourceAdapter } from '../../reconciler/types.ts';
import { goneIsFine } from '../aws-errors.ts';
import { instanceTypeProblems } from '../ec2/instance-types.ts';
import { fromEc2Tags, logicalIdOf, stackFilter, syncEc2Tags, tagSpecifications } from '../ec2/tags.ts';
import { diffFields } from '../normalize/compare.ts';
import { diffTags } from '../normalize/tags.ts';
import { diffVersion, fromLaunchTemplateData, toLaunchTemplateData, versionOf, type Desired, type VersionData } from './data.ts';

export interface ObservedLaunchTemplate {
  readonly launchTemplateId: string;
  readonly arn: string;
  readonly launchTemplateName: string;
  readonly defaultVersion: number;
  readonly latestVersion: number;
  /** What the default version holds. */
  readonly data: VersionData;
  /** What the latest version holds, when it is not the default (a create-version cut short before it became the default). */
  readonly latestData: VersionData | undefined;
  readonly tags: Record<string, string>;
}

const account = (t: LaunchTemplate): string => t.CreatedBy?.split(':')[4] ?? '';
const arnOf = (region: string, t: LaunchTemplate) => `arn:aws:ec2:${region}:${account(t)}:launch-template/${t.LaunchTemplateId!}`;

async function describe(ec2: EC2Client, filters: Filter[]): Promise<LaunchTemplate[]> {
  const out: LaunchTemplate[] = [];
  for await (const page of paginateDescribeLaunchTemplates({ client: ec2 }, { Filters: filters })) out.push(...(page.LaunchTemplates ?? []));
  return out;
}

/** The template with its default (and, if other, latest) version: one DescribeLaunchTemplateVersions. */
async function read(ec2: EC2Client, t: LaunchTemplate, region: string): Promise<ObservedLaunchTemplate> {
  const out = await ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: t.LaunchTemplateId, Versions: ['$Default', '$Latest'] }));
  const versions = out.LaunchTemplateVersions ?? [];
  const at = (n: number | undefined) => {
    const v = versions.find((x) => x.VersionNumber === n);
    return v && fromLaunchTemplateData(v.LaunchTemplateData, v.VersionDescription);
  };
  const defaultVersion = t.DefaultVersionNumber ?? 1;
  const latestVersion = t.LatestVersionNumber ?? defaultVersion;
  return {
    launchTemplateId: t.LaunchTemplateId!, arn: arnOf(region, t), launchTemplateName: t.LaunchTemplateName!, defaultVersion, latestVersion,
    data: at(defaultVersion) ?? fromLaunchTemplateData(undefined, undefined),
    latestData: latestVersion === defaultVersion ? undefined : at(latestVersion),
    tags: fromEc2Tags(t.Tags),
  };
}

/** Untagged templates with a requested name (adoption candidates), in one call. */
async function byName(ec2: EC2Client, missing: readonly ObserveRequest<Desired>[]): Promise<LaunchTemplate[]> {
  const names = [...new Set(missing.flatMap((r) => (r.desired ? [r.desired.launchTemplateName] : [])))];
  return names.length === 0 ? [] : describe(ec2, [{ Name: 'launch-template-name', Values: names }]);
}

const outputs = (o: ObservedLaunchTemplate) => ({
  id: o.launchTemplateId, arn: o.arn, name: o.launchTemplateName, latestVersion: String(o.latestVersion), defaultVersion: String(o.defaultVersion),
});

/** Does a change touch what a version holds (anything but the template's own tags)? */
const makesVersion = (changes: readonly FieldChange[]): boolean => changes.some((c) => !c.path.startsWith('tags.') && c.path !== 'launchTemplateName');

export const launchTemplateAdapter: ResourceAdapter<'ec2.launch-template', Desired, ObservedLaunchTemplate> = {
  kind: 'ec2.launch-template',
  replaceOn: ['launchTemplateName'],
  // A new name can exist beside the old template; the group moves to it before the old one goes.
  replaceOrder: 'create-before-delete',

  async observe(requests, ctx) {
    const ec2 = ctx.clients.get(EC2Client);
    const tagged = await describe(ec2, stackFilter(ctx.stack));
    const ids = new Set(tagged.map((t) => logicalIdOf(fromEc2Tags(t.Tags))));
    const candidates = (await byName(ec2, requests.filter((r) => !ids.has(r.id))))
      .filter((t) => !tagged.some((x) => x.LaunchTemplateId === t.LaunchTemplateId));
    const found: Observation<ObservedLaunchTemplate>[] = [];
    await Promise.all([...tagged, ...candidates].map(async (t) => {
      const state = await read(ec2, t, ctx.region);
      const id = logicalIdOf(state.tags) ?? requests.find((r) => r.desired?.launchTemplateName === state.launchTemplateName)?.id;
      if (id) found.push({ id, state, tags: state.tags });
    }));
    return found;
  },

  diff: (desired, observed, explain) => [
    ...diffFields(desired, observed, ['launchTemplateName']),
    ...diffVersion(desired, observed.data),
    ...diffTags(desired.tags, observed.tags, explain),
  ],

  async create(id, desired, ctx) {
    const identity = ctx.identityTags(id);
    // One call, the final identity tags at once. No ClientToken: the name is the template's identity.
    const out = await ctx.clients.get(EC2Client).send(new CreateLaunchTemplateCommand({
      LaunchTemplateName: desired.launchTemplateName,
      ...(desired.versionDescription !== undefined && { VersionDescription: desired.versionDescription }),
      LaunchTemplateData: toLaunchTemplateData(desired),
      TagSpecifications: tagSpecifications('launch-template', desired.tags, identity),
    }));
    const t = out.LaunchTemplate!;
    return {
      launchTemplateId: t.LaunchTemplateId!, arn: arnOf(ctx.region, t), launchTemplateName: t.LaunchTemplateName!,
      defaultVersion: t.DefaultVersionNumber ?? 1, latestVersion: t.LatestVersionNumber ?? 1, data: versionOf(desired), latestData: undefined,
      tags: { ...(desired.tags ?? {}), ...identity },
    };
  },

  async update(id, desired, observed, changes, ctx) {
    const ec2 = ctx.clients.get(EC2Client);
    let version = observed.defaultVersion;
    if (makesVersion(changes)) {
      // A version made by a run cut short before it became the default is used as is.
      if (observed.latestData && diffVersion(desired, observed.latestData).length === 0) version = observed.latestVersion;
      else {
        const out = await ec2.send(new CreateLaunchTemplateVersionCommand({
          LaunchTemplateId: observed.launchTemplateId,
          ...(desired.versionDescription !== undefined && { VersionDescription: desired.versionDescription }),
          LaunchTemplateData: toLaunchTemplateData(desired),
        }));
        version = out.LaunchTemplateVersion!.VersionNumber!;
      }
      await ec2.send(new ModifyLaunchTemplateCommand({ LaunchTemplateId: observed.launchTemplateId, DefaultVersion: String(version) }));
    }
    const identity = ctx.identityTags(id);
    await syncEc2Tags(ec2, observed.launchTemplateId, desired.tags, observed.tags, identity);
    return {
      ...observed, defaultVersion: version, latestVersion: Math.max(version, observed.latestVersion), data: versionOf(desired), latestData: undefined,
      tags: { ...(desired.tags ?? {}), ...identity },
    };
  },

  delete: (observed, ctx) => goneIsFine(() => ctx.clients.get(EC2Client).send(new DeleteLaunchTemplateCommand({ LaunchTemplateId: observed.launchTemplateId }))),

  preflight: (requests, ctx) => instanceTypeProblems(requests, ctx),

  outputs,

  // The next version's number is known: the group following latestVersion shows its change in the plan.
  outputsAfterUpdate(desired, observed, changes) {
    const now = outputs(observed);
    if (!makesVersion(changes)) return now;
    const reuse = observed.latestData !== undefined && diffVersion(desired, observed.latestData).length === 0;
    const next = String(reuse ? observed.latestVersion : observed.latestVersion + 1);
    return { ...now, latestVersion: next, defaultVersion: next };
  },
};
