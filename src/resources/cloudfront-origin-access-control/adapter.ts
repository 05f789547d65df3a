/**
 * cloudfront.origin-access-control's adapter. Names are unique in the account and every
 * field changes in place (UpdateOriginAccessControl behind If-Match), so nothing forces a
 * replacement. OACs cannot be tagged: the owner mark in the description stands for the
 * tags (owner-mark.ts). One ListOriginAccessControls (100 a page) per observe reads them
 * all: ours by the mark, adoption candidates by name.
 */
import {
  CloudFrontClient, CreateOriginAccessControlCommand, DeleteOriginAccessControlCommand, GetOriginAccessControlCommand,
  paginateListOriginAccessControls, UpdateOriginAccessControlCommand,
  type OriginAccessControlConfig, type OriginAccessControlSummary,
} from '@aws-sdk/client-cloudfront';
import { KNOWN_AFTER_APPLY, TAG, type AdapterContext, type DesiredOf, type Observation, type ResourceAdapter } from '../../reconciler/types.ts';
import { goneIsFine } from '../aws-errors.ts';
import { writeIfMatch } from '../cloudfront/if-match.ts';
import { diffFields } from '../normalize/compare.ts';
import { readMark, withMark } from './owner-mark.ts';
import type { originAccessControlProperties } from './schema.ts';

type Desired = DesiredOf<typeof originAccessControlProperties>;

export interface ObservedOriginAccessControl {
  readonly oacId: string;
  readonly name: string;
  /** Without blogctl's owner mark. */
  readonly description: string;
  readonly originAccessControlOriginType: string;
  readonly signingBehavior: string;
  readonly signingProtocol: string;
  /** The blogctl:* tags read from the owner mark ({} for an OAC blogctl did not make). */
  readonly tags: Readonly<Record<string, string>>;
}

type OacFields = Omit<OriginAccessControlSummary, 'Id'> | OriginAccessControlConfig;

function fromAws(id: string, c: OacFields): ObservedOriginAccessControl {
  const { description, identity } = readMark(c.Description);
  return {
    oacId: id,
    name: c.Name ?? '',
    description,
    originAccessControlOriginType: c.OriginAccessControlOriginType ?? '',
    signingBehavior: c.SigningBehavior ?? '',
    signingProtocol: c.SigningProtocol ?? '',
    tags: identity,
  };
}

const toAws = (d: Desired, identity: Readonly<Record<string, string>>): OriginAccessControlConfig => ({
  Name: d.name,
  Description: withMark(d.description, identity),
  OriginAccessControlOriginType: d.originAccessControlOriginType,
  SigningBehavior: d.signingBehavior,
  SigningProtocol: d.signingProtocol,
});

async function listAll(cf: CloudFrontClient): Promise<OriginAccessControlSummary[]> {
  const all: OriginAccessControlSummary[] = [];
  for await (const page of paginateListOriginAccessControls({ client: cf }, {})) all.push(...(page.OriginAccessControlList?.Items ?? []));
  return all;
}

/** Brings the OAC's config to `desired` (and the mark to `identity`), re-applying on a moved ETag. */
async function write(oacId: string, desired: Desired, ctx: AdapterContext, identity: Readonly<Record<string, string>>): Promise<ObservedOriginAccessControl> {
  const cf = ctx.clients.get(CloudFrontClient);
  const config = toAws(desired, identity);
  const out = await writeIfMatch(
    async () => {
      const got = await cf.send(new GetOriginAccessControlCommand({ Id: oacId }));
      return { etag: got.ETag ?? '', value: got.OriginAccessControl };
    },
    (_current, etag) => cf.send(new UpdateOriginAccessControlCommand({ Id: oacId, IfMatch: etag, OriginAccessControlConfig: config })),
    ctx.log,
  );
  return fromAws(oacId, out.OriginAccessControl?.OriginAccessControlConfig ?? config);
}

const isAlreadyExists = (err: unknown) => (err as { name?: string }).name === 'OriginAccessControlAlreadyExists';

export const originAccessControlAdapter: ResourceAdapter<'cloudfront.origin-access-control', Desired, ObservedOriginAccessControl> = {
  kind: 'cloudfront.origin-access-control',
  replaceOn: [],
  replaceOrder: 'create-before-delete',

  async observe(requests, ctx) {
    const all = (await listAll(ctx.clients.get(CloudFrontClient))).map((s) => fromAws(s.Id!, s));
    const found: Observation<ObservedOriginAccessControl>[] = [];
    for (const o of all) if (o.tags[TAG.stack] === ctx.stack && o.tags[TAG.id]) found.push({ id: o.tags[TAG.id]!, state: o, tags: o.tags });
    const taken = new Set(found.map((f) => f.state.oacId));
    for (const r of requests) {
      const name = r.desired?.name;
      if (name === undefined || name.includes(KNOWN_AFTER_APPLY) || found.some((f) => f.id === r.id)) continue;
      // Not ours by mark: one of this name is an adoption candidate (unmarked) or another stack's (marked).
      const named = all.find((o) => o.name === name && !taken.has(o.oacId));
      if (named) found.push({ id: r.id, state: named, tags: named.tags });
    }
    return found;
  },

  diff: (desired, observed) =>
    diffFields(desired, observed, ['name', 'description', 'originAccessControlOriginType', 'signingBehavior', 'signingProtocol']),

  async create(id, desired, ctx) {
    const cf = ctx.clients.get(CloudFrontClient);
    const identity = ctx.identityTags(id);
    try {
      const out = await cf.send(new CreateOriginAccessControlCommand({ OriginAccessControlConfig: toAws(desired, identity) }));
      return fromAws(out.OriginAccessControl!.Id!, out.OriginAccessControl!.OriginAccessControlConfig!);
    } catch (err) {
      // A create cut short after AWS made it: the name is taken by our own OAC (marked with this id).
      if (!isAlreadyExists(err)) throw err;
      const mine = (await listAll(cf)).map((s) => fromAws(s.Id!, s)).find((o) => o.name === desired.name && o.tags[TAG.stack] === ctx.stack && o.tags[TAG.id] === id);
      if (!mine) throw err;
      return write(mine.oacId, desired, ctx, identity);
    }
  },

  update: (id, desired, observed, _changes, ctx) => write(observed.oacId, desired, ctx, ctx.identityTags(id)),

  // OriginAccessControlInUse (a distribution's origin still names it) is reported, not retried:
  // blogctl deletes the distributions that reference it first.
  async delete(observed, ctx) {
    const cf = ctx.clients.get(CloudFrontClient);
    await goneIsFine(() =>
      writeIfMatch(
        async () => ({ etag: (await cf.send(new GetOriginAccessControlCommand({ Id: observed.oacId }))).ETag ?? '', value: undefined }),
        (_none, etag) => cf.send(new DeleteOriginAccessControlCommand({ Id: observed.oacId, IfMatch: etag })),
        ctx.log,
      ),
    );
  },

  outputs: (o) => ({ id: o.oacId }),
};
