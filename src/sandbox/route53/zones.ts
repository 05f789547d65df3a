/**
 * Hosted zones: CreateHostedZone (a CallerReference is accepted once, ever; the zone comes
 * with its NS and SOA records and four name servers), GetHostedZone, DeleteHostedZone
 * (only when nothing but the apex NS and SOA is left).
 */
import type {
  CreateHostedZoneCommandInput,
  CreateHostedZoneCommandOutput,
  DeleteHostedZoneCommandInput,
  DeleteHostedZoneCommandOutput,
  GetHostedZoneCommandInput,
  GetHostedZoneCommandOutput,
  HostedZone,
} from '@aws-sdk/client-route-53';
import type { IdGenerator } from '../ids.ts';
import type { OperationTable } from '../service.ts';
import { changeNow, newChange, renderChange, route53Id } from './change-info.ts';
import { noSuchZone, type R53Ctx, r53Fail, requireInput } from './errors.ts';
import { bareId, canonicalName, escapeName, nameProblem } from './names.ts';
import type { ChangeRec, Route53State, ZoneRec } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;

export const API_ROOT = 'https://route53.amazonaws.com/2013-04-01';
const PRIVATE_NAME_SERVERS = ['ns-0.awsdns-00.com.', 'ns-512.awsdns-00.net.', 'ns-1024.awsdns-00.org.', 'ns-1536.awsdns-00.co.uk.'];
const TLDS = ['com', 'net', 'org', 'co.uk'];

/** Four name servers, one per TLD, as a public zone's delegation set has. */
function nameServers(ids: IdGenerator): string[] {
  const hex = ids.hex(16);
  return TLDS.map((tld, i) => {
    const n = Number.parseInt(hex.slice(i * 4, i * 4 + 3), 16) % 512 + i * 512;
    const group = Number.parseInt(hex.slice(i * 4 + 3, i * 4 + 4), 16) * 4 % 64;
    return `ns-${n}.awsdns-${String(group).padStart(2, '0')}.${tld}.`;
  });
}

export interface NewZone {
  readonly name: string;
  readonly callerReference: string;
  readonly comment?: string | undefined;
  readonly vpc?: { region: string; vpcId: string } | undefined;
}

/** Creates a zone with its apex NS and SOA records; the change is INSYNC after `propagateMs`. */
export function createZone(env: { state: Route53State; ids: IdGenerator; now: number }, z: NewZone, propagateMs: number): { zone: ZoneRec; change: ChangeRec } {
  const id = route53Id(env.ids, 'Z');
  const name = canonicalName(z.name);
  const servers = z.vpc ? PRIVATE_NAME_SERVERS : nameServers(env.ids);
  const change = newChange(env, propagateMs);
  const at = { changedAt: env.now, insyncAt: change.insyncAt };
  const common = { alias: null, setIdentifier: null, failover: null, weight: null, healthCheckId: null, ...at };
  const zone: ZoneRec = {
    id,
    name,
    callerReference: z.callerReference,
    comment: z.comment ?? null,
    privateZone: z.vpc !== undefined,
    vpcs: z.vpc ? [z.vpc] : [],
    nameServers: servers.map((s) => s.slice(0, -1)),
    createdAt: env.now,
    records: [
      { name, type: 'NS', ttl: 172800, values: servers, ...common },
      { name, type: 'SOA', ttl: 900, values: [`${servers[0]} awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400`], ...common },
    ],
  };
  env.state.zones[id] = zone;
  env.state.zoneCallerReferences[z.callerReference] = id;
  return { zone, change };
}

export function renderZone(zone: ZoneRec): HostedZone {
  return {
    Id: `/hostedzone/${zone.id}`,
    Name: escapeName(zone.name),
    CallerReference: zone.callerReference,
    Config: { ...(zone.comment !== null && { Comment: zone.comment }), PrivateZone: zone.privateZone },
    ResourceRecordSetCount: zone.records.length,
  };
}

export function findZone(ctx: R53Ctx, id: string | undefined): ZoneRec {
  const bare = bareId(requireInput(ctx, id, 'Id'));
  return ctx.state.zones[bare] ?? noSuchZone(ctx, bare);
}

function delegation(zone: ZoneRec) {
  return zone.privateZone
    ? { VPCs: zone.vpcs.map((v) => ({ VPCRegion: v.region as never, VPCId: v.vpcId })) }
    : { DelegationSet: { NameServers: [...zone.nameServers] } };
}

export const zoneOperations = {
  CreateHostedZone(input: CreateHostedZoneCommandInput, ctx: R53Ctx): Out<CreateHostedZoneCommandOutput> {
    const name = canonicalName(requireInput(ctx, input.Name, 'Name'));
    const callerReference = requireInput(ctx, input.CallerReference, 'CallerReference');
    const problem = nameProblem(name);
    if (problem !== undefined || name === '.') r53Fail(ctx, 'InvalidDomainName', `${input.Name} is not a valid domain name: ${problem ?? 'the root'}`);
    if (input.HostedZoneConfig?.PrivateZone === true && input.VPC === undefined) {
      r53Fail(ctx, 'InvalidInput', "When you're creating a private hosted zone (when you specify true for PrivateZone), you must also specify values for VPCId and VPCRegion.");
    }
    if (input.VPC !== undefined && (!input.VPC.VPCId || !input.VPC.VPCRegion)) r53Fail(ctx, 'InvalidVPCId', 'A VPC needs both VPCId and VPCRegion.');
    if (ctx.state.zoneCallerReferences[callerReference] !== undefined) {
      r53Fail(ctx, 'HostedZoneAlreadyExists', `A hosted zone has already been created with the specified caller reference: ${callerReference}`);
    }
    const vpc = input.VPC ? { region: input.VPC.VPCRegion!, vpcId: input.VPC.VPCId! } : undefined;
    const { zone, change } = createZone(ctx, { name, callerReference, comment: input.HostedZoneConfig?.Comment, vpc }, ctx.durations.of('route53.change.propagate'));
    const where = delegation(zone);
    return {
      HostedZone: renderZone(zone),
      ChangeInfo: renderChange(change, ctx.now),
      DelegationSet: 'DelegationSet' in where ? where.DelegationSet : undefined,
      ...(input.VPC && { VPC: input.VPC }),
      Location: `${API_ROOT}/hostedzone/${zone.id}`,
    };
  },

  GetHostedZone(input: GetHostedZoneCommandInput, ctx: R53Ctx): Out<GetHostedZoneCommandOutput> {
    const zone = findZone(ctx, input.Id);
    return { HostedZone: renderZone(zone), ...delegation(zone) };
  },

  DeleteHostedZone(input: DeleteHostedZoneCommandInput, ctx: R53Ctx): Out<DeleteHostedZoneCommandOutput> {
    const zone = findZone(ctx, input.Id);
    const extra = zone.records.some((r) => !(r.name === zone.name && (r.type === 'NS' || r.type === 'SOA')));
    if (extra) r53Fail(ctx, 'HostedZoneNotEmpty', 'The specified hosted zone contains non-required resource record sets and so cannot be deleted.');
    delete ctx.state.zones[zone.id];
    delete ctx.state.tags.hostedzone[zone.id];
    return { ChangeInfo: renderChange(changeNow(ctx), ctx.now) };
  },
} satisfies OperationTable<Route53State>;
