/**
 * Security group rules: IpPermissions in, one rule (sgr-...) per peer, as EC2 stores them
 * since rule ids exist. AuthorizeSecurityGroupIngress/Egress, RevokeSecurityGroupIngress/
 * Egress, DescribeSecurityGroupRules, and the IpPermissions view DescribeSecurityGroups shows.
 */
import type {
  IpPermission,
  SecurityGroupRule,
} from '@aws-sdk/client-ec2';
import type { IdGenerator } from '../ids.ts';
import { parseCidr, isIpv6Cidr } from './cidr.ts';
import { type Ec2Ctx } from './resources.ts';
import { tagList } from './query.ts';
import type { Ec2State, SecurityGroupRec, SgRuleRec } from './state.ts';
import { groupNamed } from './lookups.ts';

export const RULES_PER_DIRECTION = 60;

const PROTOCOL_NAMES: Readonly<Record<string, string>> = { tcp: 'tcp', '6': 'tcp', udp: 'udp', '17': 'udp', icmp: 'icmp', '1': 'icmp', icmpv6: 'icmpv6', '58': 'icmpv6', '-1': '-1', all: '-1' };

export function hasPorts(protocol: string): boolean {
  return protocol === 'tcp' || protocol === 'udp' || protocol === 'icmp' || protocol === 'icmpv6';
}

function normaliseProtocol(ctx: Ec2Ctx, raw: string | undefined): string {
  const p = (raw ?? '').toLowerCase();
  const named = PROTOCOL_NAMES[p];
  if (named) return named;
  if (/^\d{1,3}$/.test(p) && Number(p) <= 255) return String(Number(p));
  return ctx.fail('InvalidParameterValue', `Invalid value '${raw ?? ''}' for IP protocol. Unknown protocol.`);
}

function portsOf(ctx: Ec2Ctx, protocol: string, p: IpPermission): [number, number] {
  if (!hasPorts(protocol)) return [-1, -1];
  const from = p.FromPort;
  const to = p.ToPort;
  if (protocol === 'tcp' || protocol === 'udp') {
    if (from === undefined || to === undefined) ctx.fail('InvalidParameterValue', "Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange");
    if (from < 0 || to > 65535 || from > to) ctx.fail('InvalidParameterValue', `Invalid value '${from}-${to}' for portRange. Must be between 0 and 65535 and from <= to.`);
    return [from, to];
  }
  const type = from ?? -1;
  const code = to ?? -1;
  if (type < -1 || type > 255 || code < -1 || code > 255) ctx.fail('InvalidParameterValue', `Invalid value '${type}/${code}' for ICMP type/code.`);
  return [type, code];
}

type Peer = Pick<SgRuleRec, 'cidrIpv4' | 'cidrIpv6' | 'prefixListId' | 'referencedGroupId' | 'description'>;

function peersOf(ctx: Ec2Ctx, group: SecurityGroupRec, p: IpPermission): Peer[] {
  const none = { cidrIpv4: null, cidrIpv6: null, prefixListId: null, referencedGroupId: null };
  const peers: Peer[] = [];
  for (const r of p.IpRanges ?? []) {
    if (!r.CidrIp || !parseCidr(r.CidrIp)) ctx.fail('InvalidParameterValue', `CIDR block ${r.CidrIp ?? ''} is malformed`);
    peers.push({ ...none, cidrIpv4: r.CidrIp, description: r.Description ?? null });
  }
  for (const r of p.Ipv6Ranges ?? []) {
    if (!r.CidrIpv6 || !isIpv6Cidr(r.CidrIpv6)) ctx.fail('InvalidParameterValue', `CIDR block ${r.CidrIpv6 ?? ''} is malformed`);
    peers.push({ ...none, cidrIpv6: r.CidrIpv6.toLowerCase(), description: r.Description ?? null });
  }
  for (const r of p.PrefixListIds ?? []) {
    if (!r.PrefixListId?.startsWith('pl-')) ctx.fail('InvalidPrefixListId.Malformed', `Invalid id: "${r.PrefixListId ?? ''}"`);
    peers.push({ ...none, prefixListId: r.PrefixListId, description: r.Description ?? null });
  }
  for (const pair of p.UserIdGroupPairs ?? []) {
    let id = pair.GroupId;
    if (id === undefined && pair.GroupName !== undefined) {
      id = groupNamed(ctx.state, group.vpcId, pair.GroupName)?.id;
      if (id === undefined) ctx.fail('InvalidGroup.NotFound', `The security group '${pair.GroupName}' does not exist in VPC '${group.vpcId}'`);
    }
    if (id === undefined) ctx.fail('MissingParameter', 'The request must contain the parameter groupId or groupName');
    if (!ctx.state.securityGroups[id]) ctx.fail('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
    peers.push({ ...none, referencedGroupId: id, description: pair.Description ?? null });
  }
  if (peers.length === 0) ctx.fail('InvalidParameterValue', 'No source or destination specified (IpRanges, Ipv6Ranges, PrefixListIds or UserIdGroupPairs).');
  return peers;
}

/** Rules an IpPermissions list describes, without ids yet. */
export function rulesFromPermissions(ctx: Ec2Ctx, group: SecurityGroupRec, egress: boolean, perms: readonly IpPermission[] | undefined): Omit<SgRuleRec, 'id'>[] {
  if (!perms || perms.length === 0) ctx.fail('MissingParameter', 'The request must contain the parameter ipPermissions');
  return perms.flatMap((p) => {
    const protocol = normaliseProtocol(ctx, p.IpProtocol);
    const [fromPort, toPort] = portsOf(ctx, protocol, p);
    return peersOf(ctx, group, p).map((peer) => ({ egress, protocol, fromPort, toPort, ...peer }));
  });
}

/** Same rule apart from description. */
export function sameRule(a: Omit<SgRuleRec, 'id'>, b: Omit<SgRuleRec, 'id'>): boolean {
  return a.egress === b.egress && a.protocol === b.protocol && a.fromPort === b.fromPort && a.toPort === b.toPort &&
    a.cidrIpv4 === b.cidrIpv4 && a.cidrIpv6 === b.cidrIpv6 && a.prefixListId === b.prefixListId && a.referencedGroupId === b.referencedGroupId;
}

/** How EC2 names a rule in InvalidPermission.Duplicate. */
export function describeRule(r: Omit<SgRuleRec, 'id'>): string {
  const peer = r.cidrIpv4 ?? r.cidrIpv6 ?? r.prefixListId ?? r.referencedGroupId ?? '';
  const proto = r.protocol === '-1' ? 'ALL' : r.protocol.toUpperCase();
  const ports = hasPorts(r.protocol) ? `, from port: ${r.fromPort}, to port: ${r.toPort}` : '';
  return `peer: ${peer}, ${proto}${ports}, ALLOW`;
}

export function newRule(ids: IdGenerator, rule: Omit<SgRuleRec, 'id'>): SgRuleRec {
  return { id: ids.next('sgr'), ...rule };
}

/** Rules grouped the way DescribeSecurityGroups shows them. */
export function renderPermissions(rules: readonly SgRuleRec[], accountId: string): IpPermission[] {
  const groups = new Map<string, IpPermission>();
  for (const r of rules) {
    const key = `${r.protocol}/${r.fromPort}/${r.toPort}`;
    let p = groups.get(key);
    if (!p) {
      p = { IpProtocol: r.protocol, ...(hasPorts(r.protocol) && { FromPort: r.fromPort, ToPort: r.toPort }), IpRanges: [], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] };
      groups.set(key, p);
    }
    const description = r.description !== null ? { Description: r.description } : {};
    if (r.cidrIpv4 !== null) p.IpRanges!.push({ CidrIp: r.cidrIpv4, ...description });
    if (r.cidrIpv6 !== null) p.Ipv6Ranges!.push({ CidrIpv6: r.cidrIpv6, ...description });
    if (r.prefixListId !== null) p.PrefixListIds!.push({ PrefixListId: r.prefixListId, ...description });
    if (r.referencedGroupId !== null) p.UserIdGroupPairs!.push({ GroupId: r.referencedGroupId, UserId: accountId, ...description });
  }
  return [...groups.values()];
}

export function renderRule(ctx: Ec2Ctx, group: SecurityGroupRec, r: SgRuleRec): SecurityGroupRule {
  return {
    SecurityGroupRuleId: r.id,
    GroupId: group.id,
    GroupOwnerId: ctx.accountId,
    IsEgress: r.egress,
    IpProtocol: r.protocol,
    FromPort: r.fromPort,
    ToPort: r.toPort,
    ...(r.cidrIpv4 !== null && { CidrIpv4: r.cidrIpv4 }),
    ...(r.cidrIpv6 !== null && { CidrIpv6: r.cidrIpv6 }),
    ...(r.prefixListId !== null && { PrefixListId: r.prefixListId }),
    ...(r.referencedGroupId !== null && { ReferencedGroupInfo: { GroupId: r.referencedGroupId, UserId: ctx.accountId } }),
    ...(r.description !== null && { Description: r.description }),
    Tags: tagList(ctx.state, r.id),
    SecurityGroupRuleArn: ctx.arn(`security-group-rule/${r.id}`),
  };
}

/** Every rule of every group, with its group. */
export function allRules(state: Ec2State): { group: SecurityGroupRec; rule: SgRuleRec }[] {
  return Object.values(state.securityGroups).flatMap((group) => group.rules.map((rule) => ({ group, rule })));
}
