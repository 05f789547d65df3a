/**
 * Indexes of the EC2 state, so creates check their siblings without scanning every
 * resource of the account: subnets by VPC, sorted by address (CreateSubnet's overlap
 * check is two neighbours found by binary search), and security groups by VPC and name
 * (CreateSecurityGroup's uniqueness, names in rules and RunInstances). They live in the state (saved with it, undone with a failed call)
 * and are kept by every handler that adds or removes a subnet or group; an account saved
 * before they existed gets them built by its first write that needs them.
 */
import { type Cidr, overlaps, parseCidr } from './cidr.ts';
import type { Ec2State, SecurityGroupRec, SubnetRec } from './state.ts';

export interface Ec2Lookups {
  /** VPC id -> ids of its subnets, by base address (subnets of a VPC never overlap). */
  subnetsByVpc: Record<string, string[]>;
  /** VPC id -> group name -> group id. */
  groupsByVpc: Record<string, Record<string, string>>;
}

function build(state: Ec2State): Ec2Lookups {
  const built: Ec2Lookups = { subnetsByVpc: {}, groupsByVpc: {} };
  for (const s of Object.values(state.subnets)) (built.subnetsByVpc[s.vpcId] ??= []).push(s.id);
  for (const ids of Object.values(built.subnetsByVpc)) ids.sort((a, b) => baseOf(state, a) - baseOf(state, b));
  for (const g of Object.values(state.securityGroups)) (built.groupsByVpc[g.vpcId] ??= {})[g.name] = g.id;
  return built;
}

/** The indexes, built if this account has none yet (so: only from a write). */
function lookups(state: Ec2State): Ec2Lookups {
  state.lookups ??= build(state);
  return state.lookups;
}

const baseOf = (state: Ec2State, id: string) => parseCidr(state.subnets[id]!.cidr)!.base;

/** Where a subnet starting at `base` goes in a VPC's sorted ids: the first index whose base is not lower. */
function slotOf(state: Ec2State, ids: readonly string[], base: number): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (baseOf(state, ids[mid]!) < base) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** For a new subnet of a VPC (from a write): how many the VPC has, and whether `cidr` overlaps one. */
export function subnetRoom(state: Ec2State, vpcId: string, cidr: Cidr): { readonly count: number; readonly overlap: boolean } {
  const ids = lookups(state).subnetsByVpc[vpcId] ?? [];
  const i = slotOf(state, ids, cidr.base);
  const near = [ids[i - 1], ids[i]].filter((id) => id !== undefined);
  return { count: ids.length, overlap: near.some((id) => overlaps(parseCidr(state.subnets[id]!.cidr)!, cidr)) };
}

/** The subnets of a VPC. From a read, without indexes yet, this scans (and builds nothing). */
export function subnetsOf(state: Ec2State, vpcId: string, write: boolean): SubnetRec[] {
  const index = write ? lookups(state) : state.lookups;
  if (index === undefined) return Object.values(state.subnets).filter((s) => s.vpcId === vpcId);
  return (index.subnetsByVpc[vpcId] ?? []).map((id) => state.subnets[id]!);
}

/** The security group of this name in a VPC; reads without indexes scan. */
export function groupNamed(state: Ec2State, vpcId: string | null, name: string | undefined, write = false): SecurityGroupRec | undefined {
  if (vpcId === null || name === undefined) return undefined;
  const index = write ? lookups(state) : state.lookups;
  if (index === undefined) return Object.values(state.securityGroups).find((g) => g.vpcId === vpcId && g.name === name);
  const id = index.groupsByVpc[vpcId]?.[name];
  return id === undefined ? undefined : state.securityGroups[id];
}

/** The groups of a VPC; reads without indexes scan. */
export function groupsOf(state: Ec2State, vpcId: string | null): SecurityGroupRec[] {
  if (vpcId === null) return [];
  const index = state.lookups;
  if (index === undefined) return Object.values(state.securityGroups).filter((g) => g.vpcId === vpcId);
  return Object.values(index.groupsByVpc[vpcId] ?? {}).map((id) => state.securityGroups[id]!);
}

export function subnetAdded(state: Ec2State, s: SubnetRec): void {
  if (state.lookups === undefined) return;
  const ids = (state.lookups.subnetsByVpc[s.vpcId] ??= []);
  ids.splice(slotOf(state, ids, parseCidr(s.cidr)!.base), 0, s.id);
}

export function subnetRemoved(state: Ec2State, s: SubnetRec): void {
  const ids = state.lookups?.subnetsByVpc[s.vpcId];
  if (ids === undefined) return;
  const i = slotOf(state, ids, parseCidr(s.cidr)!.base);
  if (ids[i] === s.id) ids.splice(i, 1);
  if (ids.length === 0) delete state.lookups!.subnetsByVpc[s.vpcId];
}

export function groupAdded(state: Ec2State, g: SecurityGroupRec): void {
  if (state.lookups) (state.lookups.groupsByVpc[g.vpcId] ??= {})[g.name] = g.id;
}

export function groupRemoved(state: Ec2State, g: SecurityGroupRec): void {
  const names = state.lookups?.groupsByVpc[g.vpcId];
  if (names === undefined || names[g.name] !== g.id) return;
  delete names[g.name];
  if (Object.keys(names).length === 0) delete state.lookups!.groupsByVpc[g.vpcId];
}
