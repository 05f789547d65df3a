/** ec2.security-group's schema: a security group with its ingress and egress rules. */
import { z } from 'zod';
import type { CheckContext, KindSchema, SpecProblem, SpecResource } from '../../reconciler/types.ts';
import { checkUnique, list, target, vpcOf } from '../cross-checks.ts';
import { cidr, idRef, int, oneOf, str, tags } from '../fields.ts';

/** Where a rule's traffic comes from (ingress) or goes to (egress); a rule names exactly one. */
const PEERS = ['cidrIpv4', 'cidrIpv6', 'sourceSecurityGroupId', 'prefixListId'] as const;

const rule = z
  .object({
    /** tcp, udp, icmp, or -1 for all traffic. */
    protocol: oneOf(['tcp', 'udp', 'icmp', '-1']).default('tcp'),
    /** tcp/udp: the port range; icmp: type and code (-1 = all); -1 protocol: omit. */
    fromPort: int(-1, 65535).optional(),
    toPort: int(-1, 65535).optional(),
    cidrIpv4: cidr().optional(),
    cidrIpv6: z.string().optional(),
    /** Another group: for egress rules, the destination group. */
    sourceSecurityGroupId: idRef().optional(),
    prefixListId: idRef().optional(),
    description: str().optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const peers = PEERS.filter((k) => r[k] !== undefined);
    if (peers.length !== 1)
      issue(peers[1] ?? 'cidrIpv4', peers.length === 0 ? `a rule needs a peer: one of ${PEERS.join(', ')}` : `a rule has one peer, not ${peers.join(' and ')}; write two rules`);
    if (r.protocol === '-1') {
      if ((r.fromPort ?? -1) !== -1 || (r.toPort ?? -1) !== -1) issue('fromPort', 'protocol -1 means all traffic on all ports: leave fromPort and toPort out');
      return;
    }
    if (r.fromPort === undefined || r.toPort === undefined) {
      issue(r.fromPort === undefined ? 'fromPort' : 'toPort', `a ${r.protocol} rule needs fromPort and toPort`);
      return;
    }
    if (r.protocol === 'icmp') {
      if (r.fromPort > 255 || r.toPort > 255) issue('fromPort', 'for icmp, fromPort is the ICMP type and toPort the code (-1 to 255)');
      return;
    }
    if (r.fromPort < 0 || r.toPort < 0) issue('fromPort', 'a tcp/udp port is between 0 and 65535');
    else if (r.fromPort > r.toPort) issue('toPort', `the port range is backwards: fromPort ${r.fromPort} > toPort ${r.toPort}`);
  });

export type SecurityGroupRule = z.infer<typeof rule>;

export const securityGroupProperties = z
  .object({
    vpcId: idRef(),
    /** Unique in the VPC; changing it (or the description) replaces the group. */
    groupName: str(),
    description: z
      .string()
      .min(1, { error: 'AWS requires a description' })
      .max(255, { error: 'a description is at most 255 characters' })
      .regex(/^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/, { error: 'a description may use letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*' }),
    ingress: z.array(rule).default([]),
    /** AWS's default: all traffic out. An empty list means no egress at all. */
    egress: z.array(rule).default([{ protocol: '-1', cidrIpv4: '0.0.0.0/0' }]),
    tags: tags(),
  })
  .strict();

export type SecurityGroupProperties = z.infer<typeof securityGroupProperties>;

const ruleKey = (r: unknown): string => {
  const x = r as Record<string, unknown>;
  return [x.protocol, x.fromPort, x.toPort, ...PEERS.map((k) => x[k])].map(String).join(' ');
};

function checkSecurityGroup(self: SpecResource, ctx: CheckContext): SpecProblem[] {
  const problems = [...checkUnique(self, ctx, 'ingress', ruleKey, 'this rule'), ...checkUnique(self, ctx, 'egress', ruleKey, 'this rule')];
  const name = self.properties.groupName;
  if (typeof name === 'string' && name.toLowerCase().startsWith('sg-'))
    problems.push({ pos: ctx.posOf(self, 'groupName'), message: 'a group name may not start with "sg-"' });
  const vpc = vpcOf(self, ctx);
  for (const dir of ['ingress', 'egress'] as const)
    list(self.properties[dir]).forEach((r, i) => {
      const peer = target((r as { sourceSecurityGroupId?: unknown }).sourceSecurityGroupId, ctx, 'ec2.security-group');
      const peerVpc = peer && vpcOf(peer, ctx);
      if (peerVpc && vpc && peerVpc !== vpc)
        problems.push({
          pos: ctx.posOf(self, `${dir}.${i}.sourceSecurityGroupId`),
          message: `security group "${peer?.id}" is in VPC "${peerVpc.id}", not in this group's VPC "${vpc.id}"`,
        });
    });
  return problems;
}

export const securityGroupKind = {
  kind: 'ec2.security-group',
  description: 'A security group and its ingress/egress rules.',
  schema: securityGroupProperties,
  outputs: { id: 'exists', arn: 'exists', groupName: 'exists' },
  defaultOutput: 'id',
  check: checkSecurityGroup,
} satisfies KindSchema<'ec2.security-group'>;
