/**
 * Origin access controls: Create (names unique in the account), Get, GetConfig,
 * Update and Delete behind If-Match ETags (Delete refused while a distribution's origin
 * uses it), List with Marker/MaxItems.
 */
import type {
  CreateOriginAccessControlCommandInput,
  CreateOriginAccessControlCommandOutput,
  DeleteOriginAccessControlCommandInput,
  DeleteOriginAccessControlCommandOutput,
  GetOriginAccessControlCommandInput,
  GetOriginAccessControlCommandOutput,
  GetOriginAccessControlConfigCommandInput,
  GetOriginAccessControlConfigCommandOutput,
  ListOriginAccessControlsCommandInput,
  ListOriginAccessControlsCommandOutput,
  OriginAccessControl,
  OriginAccessControlConfig,
  UpdateOriginAccessControlCommandInput,
  UpdateOriginAccessControlCommandOutput,
} from '@aws-sdk/client-cloudfront';
import type { OperationTable } from '../service.ts';
import { API_ROOT, newEtag } from './distributions.ts';
import { type CfCtx, cfFail, requireIfMatch } from './errors.ts';
import { listPage } from './listing.ts';
import type { CloudFrontState, OriginAccessControlRec } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;

const ORIGIN_TYPES = ['s3', 'mediastore', 'mediapackagev2', 'lambda'];
const BEHAVIORS = ['never', 'always', 'no-override', 'always-amz-auth'];
const PROTOCOLS = ['sigv4', 'sigv4a'];

function find(ctx: CfCtx, id: string | undefined): OriginAccessControlRec {
  const oac = id === undefined ? undefined : ctx.state.originAccessControls[id];
  if (oac === undefined) return cfFail(ctx, 'NoSuchOriginAccessControl');
  return oac;
}

/** The config as stored: validated, Description '' when left out. */
function validConfig(ctx: CfCtx, c: OriginAccessControlConfig | undefined, selfId?: string): OriginAccessControlConfig {
  if (c === undefined) return cfFail(ctx, 'MissingBody');
  const name = c.Name ?? '';
  if (name.length < 1 || name.length > 64) cfFail(ctx, 'InvalidArgument', 'The parameter Name must be 1 to 64 characters long.');
  if ((c.Description ?? '').length > 256) cfFail(ctx, 'InvalidArgument', 'The parameter Description must be at most 256 characters long.');
  const check = (value: string | undefined, allowed: readonly string[], member: string) => {
    if (value === undefined || !allowed.includes(value)) cfFail(ctx, 'InvalidArgument', `The value of ${member} is not valid: ${String(value)}.`);
  };
  check(c.SigningProtocol, PROTOCOLS, 'SigningProtocol');
  check(c.SigningBehavior, BEHAVIORS, 'SigningBehavior');
  check(c.OriginAccessControlOriginType, ORIGIN_TYPES, 'OriginAccessControlOriginType');
  if (Object.values(ctx.state.originAccessControls).some((o) => o.id !== selfId && o.config.Name === name)) {
    cfFail(ctx, 'OriginAccessControlAlreadyExists', `An origin access control with the name ${name} already exists.`);
  }
  return {
    Name: name,
    Description: c.Description ?? '',
    SigningProtocol: c.SigningProtocol,
    SigningBehavior: c.SigningBehavior,
    OriginAccessControlOriginType: c.OriginAccessControlOriginType,
  };
}

function render(oac: OriginAccessControlRec): OriginAccessControl {
  return { Id: oac.id, OriginAccessControlConfig: { ...oac.config } };
}

export const originAccessControlOperations = {
  CreateOriginAccessControl(input: CreateOriginAccessControlCommandInput, ctx: CfCtx): Out<CreateOriginAccessControlCommandOutput> {
    const config = validConfig(ctx, input.OriginAccessControlConfig);
    const id = ctx.ids.upperAlnum('E', 14);
    const oac: OriginAccessControlRec = { id, etag: newEtag(ctx), config, createdAt: ctx.now };
    ctx.state.originAccessControls[id] = oac;
    return { OriginAccessControl: render(oac), Location: `${API_ROOT}/origin-access-control/${id}`, ETag: oac.etag };
  },

  GetOriginAccessControl(input: GetOriginAccessControlCommandInput, ctx: CfCtx): Out<GetOriginAccessControlCommandOutput> {
    const oac = find(ctx, input.Id);
    return { OriginAccessControl: render(oac), ETag: oac.etag };
  },

  GetOriginAccessControlConfig(input: GetOriginAccessControlConfigCommandInput, ctx: CfCtx): Out<GetOriginAccessControlConfigCommandOutput> {
    const oac = find(ctx, input.Id);
    return { OriginAccessControlConfig: { ...oac.config }, ETag: oac.etag };
  },

  UpdateOriginAccessControl(input: UpdateOriginAccessControlCommandInput, ctx: CfCtx): Out<UpdateOriginAccessControlCommandOutput> {
    const ifMatch = requireIfMatch(ctx, input.IfMatch);
    const oac = find(ctx, input.Id);
    if (ifMatch !== oac.etag) cfFail(ctx, 'PreconditionFailed');
    oac.config = validConfig(ctx, input.OriginAccessControlConfig, oac.id);
    oac.etag = newEtag(ctx);
    return { OriginAccessControl: render(oac), ETag: oac.etag };
  },

  DeleteOriginAccessControl(input: DeleteOriginAccessControlCommandInput, ctx: CfCtx): Out<DeleteOriginAccessControlCommandOutput> {
    const ifMatch = requireIfMatch(ctx, input.IfMatch);
    const oac = find(ctx, input.Id);
    if (ifMatch !== oac.etag) cfFail(ctx, 'PreconditionFailed');
    const users = Object.values(ctx.state.distributions).filter((d) => (d.config.Origins?.Items ?? []).some((o) => o.OriginAccessControlId === oac.id));
    if (users.length > 0) cfFail(ctx, 'OriginAccessControlInUse', `The origin access control is in use by distribution(s) ${users.map((d) => d.id).join(', ')}.`);
    delete ctx.state.originAccessControls[oac.id];
    return {};
  },

  ListOriginAccessControls(input: ListOriginAccessControlsCommandInput, ctx: CfCtx): Out<ListOriginAccessControlsCommandOutput> {
    const page = listPage(ctx, Object.values(ctx.state.originAccessControls), input);
    const items = page.items.map((o) => ({ Id: o.id, ...o.config, Description: o.config.Description ?? '' }));
    return { OriginAccessControlList: { ...page.list, ...(items.length > 0 && { Items: items }) } };
  },
} satisfies OperationTable<CloudFrontState>;
