/**
 * Security group rules compared as a set. AWS rewrites what it is given: one IpPermission
 * with several peers becomes several rules, protocols come back as names or numbers
 * ('6' is 'tcp', 'all' is '-1'), ports of port-less protocols come back as -1 or not at
 * all, and an empty description is no description. Every rule is brought to one
 * canonical form with exactly one peer; its key (everything but the description) is
 * its identity in the set, and the description is a property of it.
 */
import type { IpPermission } from '@aws-sdk/client-ec2';
import type { ExplainSink, FieldChange } from '../../reconciler/types.ts';
import { canonicalCidr } from '../../net/cidr.ts';

/** A rule with one peer, as the spec writes it and as observe reports it. */
export interface Rule {
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly cidrIpv4?: string;
  readonly cidrIpv6?: string;
  readonly sourceSecurityGroupId?: string;
  readonly prefixListId?: string;
  readonly description?: string;
}

/** An observed rule: with its id when AWS gave one (revoke and re-describe by id). */
export interface ObservedRule extends Rule {
  readonly ruleId?: string;
}

export type Direction = 'ingress' | 'egress';

/** The rule AWS adds to every new group, and the spec's default egress. */
export const DEFAULT_EGRESS: Rule = { protocol: '-1', cidrIpv4: '0.0.0.0/0' };

const PROTOCOL_NAMES: Readonly<Record<string, string>> = {
  tcp: 'tcp', '6': 'tcp', udp: 'udp', '17': 'udp', icmp: 'icmp', '1': 'icmp', icmpv6: 'icmpv6', '58': 'icmpv6', '-1': '-1', all: '-1',
};

/** 'tcp' for 'tcp', 'TCP' and '6'; '-1' for '-1' and 'all'; other numbers as numbers. */
export function canonicalProtocol(p: string | number | undefined): string {
  const text = String(p ?? '-1').toLowerCase();
  return PROTOCOL_NAMES[text] ?? (/^\d+$/.test(text) ? String(Number(text)) : text);
}

/** Only these protocols have ports (for ICMP: type and code). */
export const hasPorts = (protocol: string): boolean => ['tcp', 'udp', 'icmp', 'icmpv6'].includes(protocol);

const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;

/** The canonical form of any rule-shaped value (spec rule, observed rule). */
export function canonicalRule(r: Rule & { ruleId?: string }): ObservedRule {
  const protocol = canonicalProtocol(r.protocol);
  const ports = hasPorts(protocol);
  return defined({
    protocol,
    fromPort: ports ? (r.fromPort ?? -1) : undefined,
    toPort: ports ? (r.toPort ?? -1) : undefined,
    cidrIpv4: r.cidrIpv4 === undefined ? undefined : (canonicalCidr(r.cidrIpv4) ?? r.cidrIpv4),
    cidrIpv6: r.cidrIpv6?.toLowerCase(),
    sourceSecurityGroupId: r.sourceSecurityGroupId,
    prefixListId: r.prefixListId,
    description: r.description,
    ruleId: r.ruleId,
  });
}

/** One rule per peer of each permission (DescribeSecurityGroups' IpPermissions view). */
export function rulesFromIpPermissions(perms: readonly IpPermission[] | undefined): Rule[] {
  return (perms ?? []).flatMap((p) => {
    const base = { protocol: p.IpProtocol ?? '-1', fromPort: p.FromPort, toPort: p.ToPort };
    return [
      ...(p.IpRanges ?? []).map((x) => ({ ...base, cidrIpv4: x.CidrIp, description: x.Description })),
      ...(p.Ipv6Ranges ?? []).map((x) => ({ ...base, cidrIpv6: x.CidrIpv6, description: x.Description })),
      ...(p.PrefixListIds ?? []).map((x) => ({ ...base, prefixListId: x.PrefixListId, description: x.Description })),
      ...(p.UserIdGroupPairs ?? []).map((x) => ({ ...base, sourceSecurityGroupId: x.GroupId, description: x.Description })),
    ].map(canonicalRule);
  });
}

/** The IpPermission that authorizes (or revokes) one canonical rule. */
export function toIpPermission(rule: Rule): IpPermission {
  const r = canonicalRule(rule);
  const d = r.description === undefined ? {} : { Description: r.description };
  return {
    IpProtocol: r.protocol,
    ...(hasPorts(r.protocol) && { FromPort: r.fromPort, ToPort: r.toPort }),
    ...(r.cidrIpv4 !== undefined && { IpRanges: [{ CidrIp: r.cidrIpv4, ...d }] }),
    ...(r.cidrIpv6 !== undefined && { Ipv6Ranges: [{ CidrIpv6: r.cidrIpv6, ...d }] }),
    ...(r.prefixListId !== undefined && { PrefixListIds: [{ PrefixListId: r.prefixListId, ...d }] }),
    ...(r.sourceSecurityGroupId !== undefined && { UserIdGroupPairs: [{ GroupId: r.sourceSecurityGroupId, ...d }] }),
  };
}

/** The rule's identity in its set, readable in a plan: `tcp:443 0.0.0.0/0`, `all sg-0abc`. */
export function ruleKey(rule: Rule): string {
  const r = canonicalRule(rule);
  const proto = r.protocol === '-1' ? 'all' : r.protocol;
  const ports = r.fromPort === undefined ? '' : r.fromPort === r.toPort ? `:${r.fromPort}` : `:${r.fromPort}-${r.toPort}`;
  const peer = r.cidrIpv4 ?? r.cidrIpv6 ?? r.sourceSecurityGroupId ?? r.prefixListId ?? '?';
  return `${proto}${ports} ${peer}`;
}

/** The spec's view of a rule: no rule id. */
const shown = ({ ruleId: _id, ...rule }: ObservedRule): Rule => rule;

export interface RuleDelta {
  readonly add: readonly Rule[];
  readonly remove: readonly ObservedRule[];
  /** Same rule, other description: UpdateSecurityGroupRuleDescriptions*, not revoke + authorize. */
  readonly describe: readonly { readonly rule: ObservedRule; readonly description: string | undefined }[];
}

/** What to authorize, revoke and re-describe so `observed` becomes `desired`. */
export function ruleDelta(desired: readonly Rule[], observed: readonly ObservedRule[]): RuleDelta {
  const want = new Map(desired.map((r) => [ruleKey(r), canonicalRule(r)]));
  const have = new Map(observed.map((r) => [ruleKey(r), canonicalRule(r)]));
  const add = [...want].filter(([k]) => !have.has(k)).map(([, r]) => shown(r));
  const remove = [...have].filter(([k]) => !want.has(k)).map(([, r]) => r);
  const describe = [...want]
    .filter(([k, r]) => have.has(k) && have.get(k)!.description !== r.description)
    .map(([k, r]) => ({ rule: have.get(k)!, description: r.description }));
  return { add, remove, describe };
}

/** What canonicalRule rewrote in a spec rule, field by field, with the reason: the differences it keeps from being drift. */
export function normalisations(rule: Rule): { field: keyof Rule; from: unknown; to: unknown; reason: string }[] {
  const c = canonicalRule(rule);
  const out: { field: keyof Rule; from: unknown; to: unknown; reason: string }[] = [];
  if (String(rule.protocol) !== c.protocol) out.push({ field: 'protocol', from: rule.protocol, to: c.protocol, reason: `protocol ${String(rule.protocol)} is ${c.protocol} to AWS` });
  for (const f of ['fromPort', 'toPort'] as const) {
    if (!hasPorts(c.protocol) && rule[f] !== undefined) out.push({ field: f, from: rule[f], to: undefined, reason: `AWS keeps no ports for protocol ${c.protocol}: not compared` });
    if (hasPorts(c.protocol) && rule[f] === undefined) out.push({ field: f, from: undefined, to: -1, reason: 'a port left out is -1 (all) to AWS' });
  }
  if (rule.cidrIpv4 !== undefined && rule.cidrIpv4 !== c.cidrIpv4) out.push({ field: 'cidrIpv4', from: rule.cidrIpv4, to: c.cidrIpv4, reason: 'AWS stores a CIDR with its host bits cleared' });
  if (rule.cidrIpv6 !== undefined && rule.cidrIpv6 !== c.cidrIpv6) out.push({ field: 'cidrIpv6', from: rule.cidrIpv6, to: c.cidrIpv6, reason: 'IPv6 CIDRs are compared in lower case' });
  if (rule.description === '') out.push({ field: 'description', from: '', to: undefined, reason: 'an empty description is no description to AWS' });
  return out;
}

/** One change per rule added or removed (`ingress[tcp:443 0.0.0.0/0]`) or re-described (`….description`). */
export function diffRules(direction: Direction, desired: readonly Rule[], observed: readonly ObservedRule[], explain?: ExplainSink): FieldChange[] {
  if (explain) {
    const have = new Map(observed.map((r) => [ruleKey(r), r]));
    for (const r of desired) {
      const match = have.get(ruleKey(r));
      if (match)
        for (const n of normalisations(r)) explain({ path: `${direction}[${ruleKey(r)}].${n.field}`, desired: n.from, observed: match[n.field], reason: n.reason });
    }
  }
  const { add, remove, describe } = ruleDelta(desired, observed);
  return [
    ...remove.map((r) => ({ path: `${direction}[${ruleKey(r)}]`, from: shown(r), to: undefined })),
    ...add.map((r) => ({ path: `${direction}[${ruleKey(r)}]`, from: undefined, to: r })),
    ...describe.map((d) => ({ path: `${direction}[${ruleKey(d.rule)}].description`, from: d.rule.description, to: d.description })),
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
