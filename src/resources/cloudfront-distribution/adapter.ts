/**
 * cloudfront.distribution's adapter. Every member of a DistributionConfig but the
 * CallerReference changes in place, so nothing forces a replacement. Writes go behind
 * If-Match (the ETag GetDistributionConfig gave) and are re-applied over a fresh read on
 * PreconditionFailed. Create returns at once: the id, ARN and domain name are known
 * before the distribution is Deployed, and nothing waits for that. A delete is a
 * sequence: disable, wait until the change is Deployed (minutes in AWS), delete with the
 * latest ETag; the engine then observes until it is gone.
 */
import {
  CloudFrontClient, CreateDistributionWithTagsCommand, DeleteDistributionCommand, GetDistributionCommand, GetDistributionConfigCommand,
  UpdateDistributionCommand, type Distribution,
} from '@aws-sdk/client-cloudfront';
import type { AdapterContext, LogicalId, ResourceAdapter } from '../../reconciler/types.ts';
import { TAG } from '../../reconciler/types.ts';
import { isNotFound } from '../aws-errors.ts';
import { IF_MATCH_ATTEMPTS, isPreconditionFailed, writeIfMatch } from '../cloudfront/if-match.ts';
import { checkCachePolicies } from './cache-policies.ts';
import { configFor, disabled } from './config.ts';
import { diffDistribution } from './diff.ts';
import { findDistributions, readDistribution } from './find.ts';
import { syncCfTags, toCfTags } from './tags.ts';
import { CLOUDFRONT_ZONE, observedOf, type DistributionDesired, type ObservedDistribution } from './view.ts';

const MINUTE = 60_000;

/**
 * Terraform's CloudFront timeouts are 70 minutes; blogctl waits only in delete (disable,
 * then Deployed) and for dependents that ask for it ready.
 */
export const DISTRIBUTION_TIMEOUTS = { create: 10 * MINUTE, update: 10 * MINUTE, delete: 70 * MINUTE, ready: 70 * MINUTE } as const;

const named = (err: unknown, name: string) => (err as { name?: string }).name === name;

/** The current config and its ETag (GetDistributionConfig). */
async function currentConfig(cf: CloudFrontClient, Id: string) {
  const got = await cf.send(new GetDistributionConfigCommand({ Id }));
  return { etag: got.ETag ?? '', value: got.DistributionConfig! };
}

async function create(id: LogicalId, desired: DistributionDesired, ctx: AdapterContext, callerReference: string): Promise<ObservedDistribution> {
  const cf = ctx.clients.get(CloudFrontClient);
  const tags = { ...(desired.tags ?? {}), ...ctx.identityTags(id) };
  const out = await cf.send(new CreateDistributionWithTagsCommand({
    DistributionConfigWithTags: { DistributionConfig: configFor(desired, callerReference), Tags: toCfTags(tags) },
  }));
  return observedOf(out.Distribution!, tags);
}

/**
 * The CallerReference was used before. AWS names the distribution it made then (`Already
 * exists: E2QWRUHEXAMPLE`): ours, it is this create's earlier attempt, brought to the spec;
 * gone (deleted since), the reference is spent and a fresh one is used.
 */
async function afterAlreadyExists(err: unknown, id: LogicalId, desired: DistributionDesired, ctx: AdapterContext): Promise<ObservedDistribution> {
  const earlier = /Already exists: ([A-Z0-9]+)/.exec((err as Error).message)?.[1];
  if (earlier === undefined) throw err;
  const state = await readDistribution(ctx.clients.get(CloudFrontClient), earlier);
  if (state === undefined) return create(id, desired, ctx, `${ctx.clientToken(id)}-${ctx.clock.now()}`);
  if (state.tags[TAG.stack] !== ctx.stack || state.tags[TAG.id] !== id) throw err;
  ctx.log.info({ distributionId: earlier }, 'found the distribution an earlier attempt of this create made');
  return distributionAdapter.update(id, desired, state, diffDistribution(desired, state), ctx);
}

/** Disable, wait until Deployed, delete with the latest ETag; again if someone changed it meanwhile. */
async function disableAndDelete(observed: ObservedDistribution, ctx: AdapterContext): Promise<'deleted' | 'deleting'> {
  const cf = ctx.clients.get(CloudFrontClient);
  const Id = observed.distributionId;
  for (let attempt = 1; ; attempt++) {
    try {
      await writeIfMatch(() => currentConfig(cf, Id), async (c, IfMatch) => {
        if (c.Enabled) await cf.send(new UpdateDistributionCommand({ Id, IfMatch, DistributionConfig: disabled(c) }));
      }, ctx.log);
      const settled = await ctx.waitFor(async (): Promise<Distribution & { ETag?: string } | undefined> => {
        const got = await cf.send(new GetDistributionCommand({ Id }));
        return got.Distribution?.Status === 'Deployed' ? { ...got.Distribution, ETag: got.ETag } : undefined;
      }, { what: 'disabling', timeoutMs: DISTRIBUTION_TIMEOUTS.delete });
      if (settled.DistributionConfig?.Enabled) continue; // enabled again by someone: disable again
      await cf.send(new DeleteDistributionCommand({ Id, IfMatch: settled.ETag }));
      return 'deleting';
    } catch (err) {
      if (isNotFound(err)) return 'deleted';
      const raced = isPreconditionFailed(err) || named(err, 'DistributionNotDisabled');
      if (!raced || attempt >= IF_MATCH_ATTEMPTS) throw err;
      ctx.log.info({ attempt }, 'the distribution changed while it was being deleted: disabling it again');
    }
  }
}

export const distributionAdapter: ResourceAdapter<'cloudfront.distribution', DistributionDesired, ObservedDistribution> = {
  kind: 'cloudfront.distribution',
  replaceOn: [],
  replaceOrder: 'create-before-delete',
  discovery: { service: 'cloudfront', resourceType: 'distribution' },
  timeouts: DISTRIBUTION_TIMEOUTS,

  observe: findDistributions,
  preflight: checkCachePolicies,
  diff: diffDistribution,

  async create(id, desired, ctx) {
    try {
      return await create(id, desired, ctx, ctx.clientToken(id));
    } catch (err) {
      if (!named(err, 'DistributionAlreadyExists')) throw err;
      return afterAlreadyExists(err, id, desired, ctx);
    }
  },

  async update(id, desired, observed, changes, ctx) {
    const cf = ctx.clients.get(CloudFrontClient);
    const Id = observed.distributionId;
    let written: Distribution | undefined;
    if (changes.some((c) => !c.path.startsWith('tags.'))) {
      const out = await writeIfMatch(
        () => currentConfig(cf, Id),
        (current, IfMatch) => cf.send(new UpdateDistributionCommand({ Id, IfMatch, DistributionConfig: configFor(desired, observed.callerReference, current) })),
        ctx.log,
      );
      written = out.Distribution;
    }
    // Tags last: the new blogctl:spec says the whole change is in.
    const identity = ctx.identityTags(id);
    await syncCfTags(cf, observed.arn, desired.tags, observed.tags, identity);
    const tags = { ...(desired.tags ?? {}), ...identity };
    return written ? observedOf(written, tags) : { ...observed, tags };
  },

  delete: disableAndDelete,

  outputs: (o) => ({ id: o.distributionId, arn: o.arn, domainName: o.domainName, hostedZoneId: CLOUDFRONT_ZONE }),

  // Only dependents that ask for it (dependsOn) wait for Deployed: its outputs are known at once.
  readiness: (o) => (o.status === 'Deployed' ? 'ready' : 'pending'),
};
