/**
 * CIDR checks as EC2 applies them, on top of the shared IPv4 arithmetic in src/net/cidr.ts:
 * EC2 rejects a CIDR whose host bits are set ('10.0.0.1/16'), hands out addresses from
 * subnets, and only checks the shape of IPv6 CIDRs here.
 */
import { cidrContains, cidrsOverlap, type Cidr as NetCidr, parseCidr as parseAnyCidr } from '../../net/cidr.ts';

export interface Cidr extends NetCidr {
  readonly text: string;
}

/** Parses 'a.b.c.d/n'; undefined when malformed or when host bits are set. */
export function parseCidr(text: string): Cidr | undefined {
  const c = parseAnyCidr(text);
  if (c === undefined || c.address !== c.base || text.trim() !== text) return undefined;
  return { base: c.base, prefix: c.prefix, text };
}

export const contains: (outer: Cidr, inner: Cidr) => boolean = cidrContains;
export const overlaps: (a: Cidr, b: Cidr) => boolean = cidrsOverlap;

export function size(c: Cidr): number {
  return 2 ** (32 - c.prefix);
}

/** Dotted quad of an address. */
export function formatIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** The `index`-th address of a CIDR. */
export function addressAt(c: Cidr, index: number): string {
  return formatIp((c.base + index) >>> 0);
}

/** IPv6 CIDR: only its shape is checked (the sandbox does no IPv6 arithmetic). */
export function isIpv6Cidr(text: string): boolean {
  const [addr, prefix, ...rest] = text.split('/');
  if (rest.length > 0 || addr === undefined || prefix === undefined || !/^\d{1,3}$/.test(prefix) || Number(prefix) > 128) return false;
  return /^[0-9a-fA-F:]+$/.test(addr) && addr.includes(':');
}
