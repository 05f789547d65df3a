/**
 * Finding distributions. CloudFront cannot list by tag, so:
 * - a request with an ARN (tag discovery found it; a prune) or a `last` state (a delete
 *   or readiness being confirmed) is read directly: GetDistribution + ListTagsForResource;
 * - a requested distribution without either (--target runs, which discover nothing; a
 *   create the tagging API does not show yet) is looked for by its first natural key, an
 *   alias: aliases are unique across CloudFront, and one ListDistributions page (100
 *   summaries, aliases included) covers most accounts; only the alias matches' tags are
 *   read. What aliases do not settle (no alias, an alias that moved, an alias held by a
 *   distribution that is not ours) falls back to reading tags distribution by
 *   distribution, stopping as soon as every requested id is found. The CallerReference
 *   (ctx.clientToken) would need a GetDistributionConfig per distribution and changes
 *   with the spec hash, so it only serves create's idempotency.
 */
import {
  CloudFrontClient, GetDistributionCommand, ListTagsForResourceCommand, paginateListDistributions, type DistributionSummary,
} from '@aws-sdk/client-cloudfront';
import { KNOWN_AFTER_APPLY, TAG, type AdapterContext, type LogicalId, type Observation, type ObserveRequest } from '../../reconciler/types.ts';
import { isNotFound, unlessGone } from '../aws-errors.ts';
import { tagRecord } from '../normalize/tags.ts';
import { observedOf, type DistributionDesired, type ObservedDistribution } from './view.ts';

type Request = ObserveRequest<DistributionDesired, ObservedDistribution>;
type Found = Observation<ObservedDistribution>;

/** Tag reads in flight at once during a scan (the clients' limiter bounds the whole run too). */
const SCAN_BATCH = 8;

/** The distribution id in `arn:aws:cloudfront::123456789012:distribution/E2QWRUHEXAMPLE`. */
export const idFromArn = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

export async function readTags(cf: CloudFrontClient, arn: string): Promise<Record<string, string> | undefined> {
  const out = await unlessGone(cf.send(new ListTagsForResourceCommand({ Resource: arn })));
  return out && tagRecord(out.Tags?.Items);
}

/**
 * One distribution by id, with its tags (read beside it when the ARN is known, after it
 * otherwise); undefined when it is gone.
 */
export async function readDistribution(cf: CloudFrontClient, id: string, arn?: string, known?: Record<string, string>): Promise<ObservedDistribution | undefined> {
  try {
    const get = cf.send(new GetDistributionCommand({ Id: id }));
    const [got, early] = await Promise.all([get, known ?? (arn === undefined ? undefined : readTags(cf, arn))]);
    const tags = early ?? (arn === undefined && got.Distribution?.ARN ? await readTags(cf, got.Distribution.ARN) : undefined);
    return got.Distribution && tags ? observedOf(got.Distribution, tags) : undefined;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** The observation of a distribution: under its own blogctl:id when it is ours, else the id it was asked for. */
function observation(state: ObservedDistribution, asked: LogicalId, stack: string): Found {
  const ours = state.tags[TAG.stack] === stack && state.tags[TAG.id] !== undefined;
  return { id: ours ? state.tags[TAG.id]! : asked, state, tags: state.tags };
}

async function summaries(cf: CloudFrontClient): Promise<DistributionSummary[]> {
  const all: DistributionSummary[] = [];
  for await (const page of paginateListDistributions({ client: cf }, {})) all.push(...(page.DistributionList?.Items ?? []));
  return all;
}

const knownAliases = (r: Request): string[] => (r.desired?.aliases ?? []).filter((a) => !a.includes(KNOWN_AFTER_APPLY)).map((a) => a.toLowerCase());

/** Requested distributions without an ARN: by alias first, then a tag scan for what is left. */
async function byNaturalKey(cf: CloudFrontClient, wanted: readonly Request[], stack: string): Promise<Found[]> {
  const all = await summaries(cf);
  const tagsOf = new Map<string, Record<string, string> | undefined>();
  const tagged = async (s: DistributionSummary) => {
    if (!tagsOf.has(s.Id!)) tagsOf.set(s.Id!, await readTags(cf, s.ARN!));
    return tagsOf.get(s.Id!);
  };
  const isMine = (tags: Record<string, string> | undefined, id: LogicalId) => tags?.[TAG.stack] === stack && tags[TAG.id] === id;
  const hits = new Map<LogicalId, DistributionSummary>();
  const holders = new Map<LogicalId, DistributionSummary>();
  for (const r of wanted) {
    const aliases = new Set(knownAliases(r));
    const holder = aliases.size === 0 ? undefined : all.find((s) => (s.Aliases?.Items ?? []).some((a) => aliases.has(a.toLowerCase())));
    if (holder === undefined) continue;
    if (isMine(await tagged(holder), r.id)) hits.set(r.id, holder);
    else holders.set(r.id, holder);
  }
  const left = () => wanted.filter((r) => !hits.has(r.id));
  for (let i = 0; i < all.length && left().length > 0; i += SCAN_BATCH) {
    const batch = all.slice(i, i + SCAN_BATCH);
    await Promise.all(batch.map(tagged));
    for (const s of batch) for (const r of left()) if (isMine(tagsOf.get(s.Id!), r.id)) hits.set(r.id, s);
  }
  // Not ours anywhere: the one holding its alias is an adoption candidate (untagged) or another stack's.
  for (const r of left()) if (holders.has(r.id)) hits.set(r.id, holders.get(r.id)!);
  const read = await Promise.all([...hits].map(async ([asked, s]) => {
    const state = await readDistribution(cf, s.Id!, s.ARN!, tagsOf.get(s.Id!));
    return state && observation(state, asked, stack);
  }));
  return read.filter((o): o is Found => o !== undefined);
}

export async function findDistributions(requests: readonly Request[], ctx: AdapterContext): Promise<Found[]> {
  const cf = ctx.clients.get(CloudFrontClient);
  const direct = requests.filter((r) => r.last !== undefined || r.arn !== undefined);
  const read = await Promise.all(direct.map(async (r) => {
    const id = r.last?.distributionId ?? idFromArn(r.arn!);
    const state = await readDistribution(cf, id, r.last?.arn ?? r.arn!);
    return state && observation(state, r.id, ctx.stack);
  }));
  const found = read.filter((o): o is Found => o !== undefined);
  const seen = new Set(found.map((o) => o.state.distributionId));
  const wanted = requests.filter((r) => r.desired !== undefined && r.last === undefined && r.arn === undefined && !found.some((o) => o.id === r.id));
  if (wanted.length > 0) for (const o of await byNaturalKey(cf, wanted, ctx.stack)) if (!seen.has(o.state.distributionId)) found.push(o);
  return found;
}
