/**
 * Distributions: CreateDistribution(WithTags) with CallerReference idempotency,
 * GetDistribution(Config), UpdateDistribution and DeleteDistribution behind If-Match
 * ETags, ListDistributions with Marker/MaxItems. Status is InProgress for the deploy
 * duration after every create or update, then Deployed.
 */
import type {
  CreateDistributionCommandInput,
  CreateDistributionCommandOutput,
  CreateDistributionWithTagsCommandInput,
  CreateDistributionWithTagsCommandOutput,
  DeleteDistributionCommandInput,
  DeleteDistributionCommandOutput,
  Distribution,
  DistributionConfig,
  DistributionSummary,
  GetDistributionCommandInput,
  GetDistributionCommandOutput,
  GetDistributionConfigCommandInput,
  GetDistributionConfigCommandOutput,
  ListDistributionsCommandInput,
  ListDistributionsCommandOutput,
  UpdateDistributionCommandInput,
  UpdateDistributionCommandOutput,
} from '@aws-sdk/client-cloudfront';
import type { OperationTable } from '../service.ts';
import { checkConfig } from './config-checks.ts';
import { normalizeConfig } from './config-defaults.ts';
import { type CfCtx, cfFail, requireIfMatch } from './errors.ts';
import { listPage } from './listing.ts';
import { type CloudFrontState, canonicalJson, type DistributionRec, distributionStatus, jsonClean } from './state.ts';
import { addTags, validateTags } from './tags.ts';

type Out<T> = Omit<T, '$metadata'>;

export const API_ROOT = 'https://cloudfront.amazonaws.com/2020-05-31';

/** CloudFront ids and ETags: E + 13 upper-case alphanumerics. */
export function newEtag(ctx: CfCtx): string {
  return ctx.ids.upperAlnum('E', 14);
}

function find(ctx: CfCtx, id: string | undefined): DistributionRec {
  const d = id === undefined ? undefined : ctx.state.distributions[id];
  if (d === undefined) return cfFail(ctx, 'NoSuchDistribution');
  return d;
}

function render(ctx: CfCtx, d: DistributionRec): Distribution {
  const aliases = d.config.Aliases?.Items ?? [];
  return {
    Id: d.id,
    ARN: d.arn,
    Status: distributionStatus(d, ctx.now),
    LastModifiedTime: new Date(d.modifiedAt),
    InProgressInvalidationBatches: 0,
    DomainName: d.domainName,
    ActiveTrustedSigners: { Enabled: false, Quantity: 0 },
    ActiveTrustedKeyGroups: { Enabled: false, Quantity: 0 },
    DistributionConfig: jsonClean(d.config),
    ...(aliases.length > 0 && { AliasICPRecordals: aliases.map((CNAME) => ({ CNAME, ICPRecordalStatus: 'APPROVED' as const })) }),
  };
}

function summary(ctx: CfCtx, d: DistributionRec): DistributionSummary {
  const c = jsonClean(d.config);
  const full = render(ctx, d);
  return {
    Id: d.id,
    ARN: d.arn,
    ETag: d.etag,
    Status: full.Status,
    LastModifiedTime: full.LastModifiedTime,
    DomainName: d.domainName,
    Aliases: c.Aliases,
    Origins: c.Origins,
    OriginGroups: c.OriginGroups,
    DefaultCacheBehavior: c.DefaultCacheBehavior,
    CacheBehaviors: c.CacheBehaviors,
    CustomErrorResponses: c.CustomErrorResponses,
    Comment: c.Comment,
    PriceClass: c.PriceClass,
    Enabled: c.Enabled,
    ViewerCertificate: c.ViewerCertificate,
    Restrictions: c.Restrictions,
    WebACLId: c.WebACLId,
    HttpVersion: c.HttpVersion,
    IsIPV6Enabled: c.IsIPV6Enabled,
    AliasICPRecordals: full.AliasICPRecordals,
    Staging: c.Staging,
  };
}

function create(ctx: CfCtx, input: DistributionConfig | undefined, tags: Record<string, string>): Out<CreateDistributionCommandOutput> {
  const config = normalizeConfig(ctx, input);
  const fingerprint = canonicalJson(config);
  const same = Object.values(ctx.state.distributions).find((d) => d.config.CallerReference === config.CallerReference);
  if (same !== undefined) {
    // The same request again answers what the first one did; different content is an error.
    if (same.createdFrom !== fingerprint) {
      cfFail(ctx, 'DistributionAlreadyExists', `The caller reference that you are using to create a distribution is associated with another distribution. Already exists: ${same.id}`);
    }
    return { Distribution: render(ctx, same), Location: `${API_ROOT}/distribution/${same.id}`, ETag: same.etag };
  }
  checkConfig(ctx, config);
  const id = ctx.ids.upperAlnum('E', 14);
  const d: DistributionRec = {
    id,
    arn: ctx.arn(`distribution/${id}`, { region: '' }),
    domainName: `d${ctx.ids.upperAlnum('', 13).toLowerCase()}.cloudfront.net`,
    etag: newEtag(ctx),
    config: jsonClean(config),
    createdFrom: fingerprint,
    createdAt: ctx.now,
    modifiedAt: ctx.now,
    deployedAt: ctx.now + ctx.durations.of('cloudfront.distribution.deploy'),
  };
  ctx.state.distributions[id] = d;
  addTags(ctx, d.arn, tags);
  return { Distribution: render(ctx, d), Location: `${API_ROOT}/distribution/${id}`, ETag: d.etag };
}

export const distributionOperations = {
  CreateDistribution(input: CreateDistributionCommandInput, ctx: CfCtx): Out<CreateDistributionCommandOutput> {
    return create(ctx, input.DistributionConfig, {});
  },

  CreateDistributionWithTags(input: CreateDistributionWithTagsCommandInput, ctx: CfCtx): Out<CreateDistributionWithTagsCommandOutput> {
    const withTags = input.DistributionConfigWithTags;
    if (withTags === undefined) return cfFail(ctx, 'MissingBody');
    if (withTags.Tags === undefined) cfFail(ctx, 'InvalidArgument', 'The parameter Tags is required.');
    return create(ctx, withTags.DistributionConfig, validateTags(ctx, withTags.Tags.Items));
  },

  GetDistribution(input: GetDistributionCommandInput, ctx: CfCtx): Out<GetDistributionCommandOutput> {
    const d = find(ctx, input.Id);
    return { Distribution: render(ctx, d), ETag: d.etag };
  },

  GetDistributionConfig(input: GetDistributionConfigCommandInput, ctx: CfCtx): Out<GetDistributionConfigCommandOutput> {
    const d = find(ctx, input.Id);
    return { DistributionConfig: jsonClean(d.config), ETag: d.etag };
  },

  UpdateDistribution(input: UpdateDistributionCommandInput, ctx: CfCtx): Out<UpdateDistributionCommandOutput> {
    const ifMatch = requireIfMatch(ctx, input.IfMatch);
    const d = find(ctx, input.Id);
    if (ifMatch !== d.etag) cfFail(ctx, 'PreconditionFailed');
    const config = normalizeConfig(ctx, input.DistributionConfig);
    if (config.CallerReference !== d.config.CallerReference) cfFail(ctx, 'IllegalUpdate', 'The CallerReference of a distribution cannot be changed.');
    if (config.Staging !== d.config.Staging) cfFail(ctx, 'IllegalUpdate', 'The Staging flag of a distribution cannot be changed.');
    checkConfig(ctx, config, d.id);
    d.config = jsonClean(config);
    d.etag = newEtag(ctx);
    d.modifiedAt = ctx.now;
    d.deployedAt = ctx.now + ctx.durations.of('cloudfront.distribution.deploy');
    return { Distribution: render(ctx, d), ETag: d.etag };
  },

  DeleteDistribution(input: DeleteDistributionCommandInput, ctx: CfCtx): Out<DeleteDistributionCommandOutput> {
    const ifMatch = requireIfMatch(ctx, input.IfMatch);
    const d = find(ctx, input.Id);
    if (ifMatch !== d.etag) cfFail(ctx, 'PreconditionFailed');
    if (d.config.Enabled !== false || distributionStatus(d, ctx.now) !== 'Deployed') cfFail(ctx, 'DistributionNotDisabled');
    delete ctx.state.distributions[d.id];
    delete ctx.state.tags[d.arn];
    return {};
  },

  ListDistributions(input: ListDistributionsCommandInput, ctx: CfCtx): Out<ListDistributionsCommandOutput> {
    const page = listPage(ctx, Object.values(ctx.state.distributions), input);
    return { DistributionList: { ...page.list, ...(page.items.length > 0 && { Items: page.items.map((d) => summary(ctx, d)) }) } };
  },
} satisfies OperationTable<CloudFrontState>;
