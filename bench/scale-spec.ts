/**
 * Generated specs of network kinds for the scale benchmarks and tests: VPCs, /26 subnets
 * inside them, and security groups whose rules reference earlier groups of their VPC.
 *
 *   const file = writeScaleSpec(dir, 5000);   // dir/scale-5000.spec.yaml, valid
 *
 * Every VPC opens a block of BLOCK resources: the VPC, then subnets and groups taking
 * turns. Ids, CIDRs and names are unique, so the spec validates and a reconcile can
 * build it; `broken` plants a fixed set of mistakes for correctness tests.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Resources per VPC, the VPC included: 1 VPC, ~50 subnets, ~49 security groups. */
export const BLOCK = 100;

const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'] as const;

/** The VPC's /16: 10.0.0.0/16, 10.1.0.0/16, ... 11.0.0.0/16 after 256 VPCs. */
const vpcCidr = (v: number): string => `${10 + Math.floor(v / 256)}.${v % 256}.0.0/16`;

/** The s-th /26 of VPC v (up to 1,024 per /16). */
const subnetCidr = (v: number, s: number): string => {
  const [a, b] = vpcCidr(v).split('.');
  return `${a}.${b}.${Math.floor(s / 4)}.${(s % 4) * 64}/26`;
};

export interface ScaleSpecOptions {
  /** Plant the mistakes listed above scaleSpecText (the spec needs at least 2 VPC blocks). */
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
    if (plant && s === 4) cidr = subnetCidr(v + 1000, s); // outside: another /16
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
    `        - { protocol: tcp, fromPort: 443, toPort: 443, cidrIpv4: 10.${v % 256}.0.0/16 }`,
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
  const lines = ['apiVersion: blogctl/v1', 'stack: scale', 'region: us-east-1', 'resources:'];
  for (let k = 0; k < n; k++) lines.push(...resource(Math.floor(k / BLOCK), k % BLOCK, options.broken ?? false));
  return `${lines.join('\n')}\n`;
}

/** Writes a spec of `n` resources to `dir` and returns its path. */
export function writeScaleSpec(dir: string, n: number, options: ScaleSpecOptions = {}): string {
  const file = join(dir, `scale-${n}${options.broken ? '-broken' : ''}.spec.yaml`);
  writeFileSync(file, scaleSpecText(n, options));
  return file;
}
