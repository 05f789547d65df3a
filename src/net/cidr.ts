/** IPv4 CIDR arithmetic shared by spec checks, adapters' normalizers and the sandbox. */

export interface Cidr {
  /** Network address as an unsigned 32-bit number. */
  readonly base: number;
  readonly prefix: number;
}

const OCTETS = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; undefined when it is not a well-formed IPv4 CIDR. */
export function parseCidr(text: string): (Cidr & { readonly address: number }) | undefined {
  const m = OCTETS.exec(text.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return { base: (address & mask) >>> 0, prefix, address };
}

export function formatCidr(c: Cidr): string {
  const b = c.base;
  return `${b >>> 24}.${(b >>> 16) & 255}.${(b >>> 8) & 255}.${b & 255}/${c.prefix}`;
}

/** The canonical text of a CIDR (host bits cleared), or undefined when malformed. */
export function canonicalCidr(text: string): string | undefined {
  const c = parseCidr(text);
  return c ? formatCidr(c) : undefined;
}

const size = (c: Cidr): number => 2 ** (32 - c.prefix);

/** Does `outer` contain all of `inner`? */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && inner.base >= outer.base && inner.base + size(inner) <= outer.base + size(outer);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + size(b) && b.base < a.base + size(a);
}
