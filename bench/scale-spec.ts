/**
 * Generated specs of network kinds for the scale benchmarks and tests: VPCs, /26 subnets
 * inside them, and security groups whose rules reference earlier groups of their VPC.
 *
 *   const file = writeScaleSpec(dir, 5000);   // dir/scale-5000.spec.yaml, valid
 *
 * One VPC per 100 resources, at most MAX_VPCS; each VPC opens its block of resources,
 * then subnets and groups take turns. Ids, CIDRs and group names are unique and within
 * the sandbox's (and AWS's) default quotas, so the spec validates and a reconcile can
 * build it. `broken` plants a fixed set of mistakes for correctness tests.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** AWS's default quota is 5 VPCs per region, the default VPC included (the sandbox's too). */
export const MAX_VPCS = 4;

/** 4 VPCs x 1,024 /26 subnets, with as many groups. */
export const MAX_SCALE_RESOURCES = 8000;

const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'] as const;

const vpcCidr = (v: number): string => `10.${v}.0.0/16`;

/** The s-th /26 of VPC v (1,024 fit in its /16). */
const subnetCidr = (v: number, s: number): string => `10.${v}.${Math.floor(s / 4)}.${(s % 4) * 64}/26`;

export interface ScaleSpecOptions {
  /** Plant the mistakes listed at scaleSpecText (needs two VPCs: more than 100 resources). */
  readonly broken?: boolean;
}

function resource(v: number, i: number, broken: boolean): string[] {
  const vpc = `v${v}`;
  if (i === 0) return [`  ${vpc}:`, '    kind: ec2.vpc', '    properties:', `      cidrBlock: ${vpcCidr(v)}`, `      enableDnsHostnames: true`];
  const plant = broken && v === 1;
  if (i % 2 === 1) {
    const s = (i - 1) / 2;
    let cidr = subnetCidr(v, s);
    if (plant && s === 3) cidr = subnetCidr(v, 1); // overlap: the same block as subnet 1
    if (plant && s === 4) cidr = '10.200.0.0/26'; // outside: in no VPC of the spec
    if (plant && s === 12) cidr = `10.${v}.2.0/24`; // nested: holds subnets 8 to 11
    if (plant && s === 14) cidr = `10.${v}.2.128/25`; // nested: inside 12, holds 10 and 11
    const field = plant && s === 5 ? 'availabiltyZone' : 'availabilityZone';
    return [
      `  ${vpc}-subnet${s}:`,
      '    kind: ec2.subnet',
      '    properties:',
      `      vpcId: \${${vpc}}`,
      `      cidrBlock: ${cidr}`,
      `      ${field}: ${ZONES[s % ZONES.length]}`,
    ];
  }
  const g = i / 2 - 1;
  const lines = [
    `  ${vpc}-sg${g}:`,
    '    kind: ec2.security-group',
    '    properties:',
    `      vpcId: \${${vpc}}`,
    `      groupName: ${vpc}-group-${g}`,
    `      description: generated group ${g} of ${vpc}`,
    '      ingress:',
    `        - { protocol: tcp, fromPort: 443, toPort: 443, cidrIpv4: ${vpcCidr(v)} }`,
  ];
  // Rules that reference the two groups before this one in the same VPC.
  for (const back of [1, 2]) {
    if (g - back < 0) continue;
    let peer = `${vpc}-sg${g - back}`;
    if (plant && g === 6 && back === 1) peer = `${vpc}-sgx${g - back}`; // unknownRef
    if (plant && g === 7 && back === 1) peer = `v0-sg${g - back}`; // otherVpc
    lines.push(`        - { protocol: tcp, fromPort: ${8000 + back}, toPort: ${8000 + back}, sourceSecurityGroupId: "\${${peer}}" }`);
  }
  return lines;
}

/**
 * The YAML text of a spec with `n` resources. What `broken` plants in the second VPC
 * block (v1): a subnet equal to an earlier one, a /24 and a /25 over earlier /26s (nested
 * overlaps), a subnet outside its VPC, a misspelled field, a reference to an unknown
 * group, a rule naming a group of another VPC.
 */
export function scaleSpecText(n: number, options: ScaleSpecOptions = {}): string {
  if (!Number.isInteger(n) || n < 1 || n > MAX_SCALE_RESOURCES) throw new RangeError(`a scale spec has 1 to ${MAX_SCALE_RESOURCES} resources, not ${n}`);
  const block = Math.ceil(n / Math.min(MAX_VPCS, Math.ceil(n / 100)));
  if (options.broken && n <= block) throw new RangeError('a broken scale spec needs two VPCs: more than 100 resources');
  const lines = ['apiVersion: blogctl/v1', 'stack: scale', 'region: us-east-1', 'resources:'];
  for (let k = 0; k < n; k++) lines.push(...resource(Math.floor(k / block), k % block, options.broken ?? false));
  return `${lines.join('\n')}\n`;
}

/** Writes a spec of `n` resources to `dir` and returns its path. */
export function writeScaleSpec(dir: string, n: number, options: ScaleSpecOptions = {}): string {
  const file = join(dir, `scale-${n}${options.broken ? '-broken' : ''}.spec.yaml`);
  writeFileSync(file, scaleSpecText(n, options));
  return file;
}
