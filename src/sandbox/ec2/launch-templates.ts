/**
 * Launch templates and their versions: Create/Modify/Describe/Delete LaunchTemplate(s),
 * CreateLaunchTemplateVersion (SourceVersion inherits, given fields override),
 * DescribeLaunchTemplateVersions ($Latest, $Default, numbers), DeleteLaunchTemplateVersions.
 */
import type {
  CreateLaunchTemplateCommandInput,
  CreateLaunchTemplateCommandOutput,
  CreateLaunchTemplateVersionCommandInput,
  CreateLaunchTemplateVersionCommandOutput,
  DeleteLaunchTemplateCommandInput,
  DeleteLaunchTemplateCommandOutput,
  DeleteLaunchTemplateVersionsCommandInput,
  DeleteLaunchTemplateVersionsCommandOutput,
  DescribeLaunchTemplatesCommandInput,
  DescribeLaunchTemplatesCommandOutput,
  DescribeLaunchTemplateVersionsCommandInput,
  DescribeLaunchTemplateVersionsCommandOutput,
  LaunchTemplate,
  LaunchTemplateVersion,
  ModifyLaunchTemplateCommandInput,
  ModifyLaunchTemplateCommandOutput,
} from '@aws-sdk/client-ec2';
import type { OperationTable } from '../service.ts';
import { addTags, applyFilters, date, ec2Page, tagList, tagsFromSpecifications } from './query.ts';
import { type Ec2Ctx, find, findAll, requireParam } from './resources.ts';
import type { Ec2State, LaunchTemplateRec, LaunchTemplateVersionRec } from './state.ts';
import { copyJson } from '../json.ts';

type Out<T> = Omit<T, '$metadata'>;
type ByIdOrName = { LaunchTemplateId?: string | undefined; LaunchTemplateName?: string | undefined };

/** JSON-clean copy of request data (drops undefined, turns Dates into ISO strings). */
function jsonClean(data: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
}

/** The template named by id or name, or the error AWS gives for each. */
export function templateOf(ctx: Ec2Ctx, input: ByIdOrName): LaunchTemplateRec {
  if (input.LaunchTemplateId !== undefined) return find(ctx, 'launch-template', input.LaunchTemplateId, 'launchTemplateId');
  const name = requireParam(ctx, input.LaunchTemplateName, 'launchTemplateId or launchTemplateName');
  const t = Object.values(ctx.state.launchTemplates).find((x) => x.name === name);
  if (!t) ctx.fail('InvalidLaunchTemplateName.NotFoundException', `The specified launch template, with template name ${name}, does not exist.`);
  return t;
}

/** '$Latest', '$Default' or a number; the version record or InvalidLaunchTemplateId.VersionNotFound. */
export function versionOf(ctx: Ec2Ctx, t: LaunchTemplateRec, spec: string | undefined): LaunchTemplateVersionRec {
  const n = spec === undefined || spec === '$Default' ? t.defaultVersion : spec === '$Latest' ? t.latestVersion : Number(spec);
  const v = t.versions.find((x) => x.number === n);
  if (!v) ctx.fail('InvalidLaunchTemplateId.VersionNotFound', `Could not find launch template version ${spec} for template ${t.id}`);
  return v;
}

function renderTemplate(ctx: Ec2Ctx, t: LaunchTemplateRec): LaunchTemplate {
  return {
    LaunchTemplateId: t.id,
    LaunchTemplateName: t.name,
    CreateTime: date(t.createdAt),
    CreatedBy: `arn:aws:iam::${ctx.accountId}:root`,
    DefaultVersionNumber: t.defaultVersion,
    LatestVersionNumber: t.latestVersion,
    Tags: tagList(ctx.state, t.id),
  };
}

function renderVersion(ctx: Ec2Ctx, t: LaunchTemplateRec, v: LaunchTemplateVersionRec): LaunchTemplateVersion {
  return {
    LaunchTemplateId: t.id,
    LaunchTemplateName: t.name,
    VersionNumber: v.number,
    ...(v.description !== null && { VersionDescription: v.description }),
    CreateTime: date(v.createdAt),
    CreatedBy: `arn:aws:iam::${ctx.accountId}:root`,
    DefaultVersion: v.number === t.defaultVersion,
    LaunchTemplateData: copyJson(v.data) as LaunchTemplateVersion['LaunchTemplateData'],
  };
}

export const launchTemplateOperations = {
  CreateLaunchTemplate(input: CreateLaunchTemplateCommandInput, ctx: Ec2Ctx): Out<CreateLaunchTemplateCommandOutput> {
    if (input.ClientToken) {
      const same = Object.values(ctx.state.launchTemplates).find((t) => t.clientToken === input.ClientToken);
      if (same) return { LaunchTemplate: renderTemplate(ctx, same) };
    }
    const name = requireParam(ctx, input.LaunchTemplateName, 'launchTemplateName');
    if (!/^[a-zA-Z0-9().\-/_]{3,128}$/.test(name)) {
      ctx.fail('InvalidLaunchTemplateName.MalformedException', 'A launch template name must be between 3 and 128 characters, and may contain letters, numbers, and the following characters: - ( ) . / _.');
    }
    const data = requireParam(ctx, input.LaunchTemplateData, 'launchTemplateData');
    if (Object.values(ctx.state.launchTemplates).some((t) => t.name === name)) {
      ctx.fail('InvalidLaunchTemplateName.AlreadyExistsException', `Launch template name already in use.`);
    }
    const tags = tagsFromSpecifications(ctx, input.TagSpecifications, 'launch-template');
    const t: LaunchTemplateRec = {
      id: ctx.ids.next('lt'), name, createdAt: ctx.now, defaultVersion: 1, latestVersion: 1,
      versions: [{ number: 1, description: input.VersionDescription ?? null, createdAt: ctx.now, data: jsonClean(data) }],
      clientToken: input.ClientToken ?? null,
    };
    ctx.state.launchTemplates[t.id] = t;
    addTags(ctx, t.id, tags);
    return { LaunchTemplate: renderTemplate(ctx, t) };
  },

  CreateLaunchTemplateVersion(input: CreateLaunchTemplateVersionCommandInput, ctx: Ec2Ctx): Out<CreateLaunchTemplateVersionCommandOutput> {
    const t = templateOf(ctx, input);
    const data = requireParam(ctx, input.LaunchTemplateData, 'launchTemplateData');
    const base = input.SourceVersion !== undefined ? versionOf(ctx, t, input.SourceVersion).data : {};
    const v: LaunchTemplateVersionRec = {
      number: t.latestVersion + 1,
      description: input.VersionDescription ?? null,
      createdAt: ctx.now,
      data: { ...copyJson(base), ...jsonClean(data) },
    };
    t.versions.push(v);
    t.latestVersion = v.number;
    return { LaunchTemplateVersion: renderVersion(ctx, t, v) };
  },

  ModifyLaunchTemplate(input: ModifyLaunchTemplateCommandInput, ctx: Ec2Ctx): Out<ModifyLaunchTemplateCommandOutput> {
    const t = templateOf(ctx, input);
    if (input.DefaultVersion !== undefined) t.defaultVersion = versionOf(ctx, t, input.DefaultVersion).number;
    return { LaunchTemplate: renderTemplate(ctx, t) };
  },

  DescribeLaunchTemplates(input: DescribeLaunchTemplatesCommandInput, ctx: Ec2Ctx): Out<DescribeLaunchTemplatesCommandOutput> {
    let templates = findAll(ctx, 'launch-template', input.LaunchTemplateIds);
    if (input.LaunchTemplateNames !== undefined && input.LaunchTemplateNames.length > 0) {
      const names = input.LaunchTemplateNames;
      const byName = Object.values(ctx.state.launchTemplates).filter((t) => names.includes(t.name));
      if (byName.length < new Set(names).size) {
        ctx.fail('InvalidLaunchTemplateName.NotFoundException', 'At least one of the launch templates specified in the request does not exist.');
      }
      templates = input.LaunchTemplateIds?.length ? templates.filter((t) => names.includes(t.name)) : byName;
    }
    const matched = applyFilters(ctx, templates, input.Filters, {
      'launch-template-name': (t) => t.name,
      'create-time': (t) => new Date(t.createdAt).toISOString(),
    }, (t) => t.id);
    const page = ec2Page(ctx, matched, (t) => t.id, input, [1, 200]);
    return { LaunchTemplates: page.items.map((t) => renderTemplate(ctx, t)), NextToken: page.NextToken };
  },

  DescribeLaunchTemplateVersions(input: DescribeLaunchTemplateVersionsCommandInput, ctx: Ec2Ctx): Out<DescribeLaunchTemplateVersionsCommandOutput> {
    const t = templateOf(ctx, input);
    let versions = t.versions;
    if (input.Versions !== undefined && input.Versions.length > 0) {
      const wanted = input.Versions.map((spec) => versionOf(ctx, t, spec).number);
      versions = versions.filter((v) => wanted.includes(v.number));
    }
    const min = input.MinVersion !== undefined ? Number(input.MinVersion) : -Infinity;
    const max = input.MaxVersion !== undefined ? Number(input.MaxVersion) : Infinity;
    versions = versions.filter((v) => v.number >= min && v.number <= max);
    const matched = applyFilters(ctx, versions, input.Filters, {
      'is-default-version': (v) => v.number === t.defaultVersion,
    }, () => t.id);
    const page = ec2Page(ctx, matched, (v) => String(v.number).padStart(10, '0'), input, [1, 200]);
    return { LaunchTemplateVersions: page.items.map((v) => renderVersion(ctx, t, v)), NextToken: page.NextToken };
  },

  DeleteLaunchTemplate(input: DeleteLaunchTemplateCommandInput, ctx: Ec2Ctx): Out<DeleteLaunchTemplateCommandOutput> {
    const t = templateOf(ctx, input);
    const rendered = renderTemplate(ctx, t);
    delete ctx.state.launchTemplates[t.id];
    delete ctx.state.tags[t.id];
    return { LaunchTemplate: rendered };
  },

  DeleteLaunchTemplateVersions(input: DeleteLaunchTemplateVersionsCommandInput, ctx: Ec2Ctx): Out<DeleteLaunchTemplateVersionsCommandOutput> {
    const t = templateOf(ctx, input);
    const ok: NonNullable<DeleteLaunchTemplateVersionsCommandOutput['SuccessfullyDeletedLaunchTemplateVersions']> = [];
    const failed: NonNullable<DeleteLaunchTemplateVersionsCommandOutput['UnsuccessfullyDeletedLaunchTemplateVersions']> = [];
    for (const spec of requireParam(ctx, input.Versions, 'LaunchTemplateVersion')) {
      const n = Number(spec);
      const base = { LaunchTemplateId: t.id, LaunchTemplateName: t.name, VersionNumber: n };
      if (!t.versions.some((v) => v.number === n)) {
        failed.push({ ...base, ResponseError: { Code: 'launchTemplateVersionDoesNotExist', Message: `The specified launch template version ${spec} does not exist.` } });
      } else if (n === t.defaultVersion) {
        failed.push({ ...base, ResponseError: { Code: 'unexpectedError', Message: 'You cannot delete the default version of a launch template.' } });
      } else {
        t.versions = t.versions.filter((v) => v.number !== n);
        ok.push(base);
      }
    }
    return { SuccessfullyDeletedLaunchTemplateVersions: ok, UnsuccessfullyDeletedLaunchTemplateVersions: failed };
  },
} satisfies OperationTable<Ec2State>;
