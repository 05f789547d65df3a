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

/**
 * For each item, the earlier items (in list order) whose blocks overlap its own, in list
 * order. CIDR blocks are either disjoint or nested, so a sweep in address order (larger
 * blocks first at the same address) with a stack of the blocks holding the current one
 * finds every overlapping pair once: O(n log n + pairs), each CIDR parsed once.
 */
export function earlierOverlaps<T>(items: readonly T[], cidrOf: (item: T) => Cidr | undefined): Map<T, T[]> {
  const blocks = items.flatMap((item, index) => {
    const cidr = cidrOf(item);
    return cidr ? [{ item, index, cidr }] : [];
  });
  blocks.sort((a, b) => a.cidr.base - b.cidr.base || a.cidr.prefix - b.cidr.prefix || a.index - b.index);
  const found = new Map<T, { item: T; index: number }[]>();
  const holding: typeof blocks = [];
  for (const block of blocks) {
    while (holding.length > 0 && !cidrContains(holding[holding.length - 1]!.cidr, block.cidr)) holding.pop();
    for (const outer of holding) {
      const [early, late] = outer.index < block.index ? [outer, block] : [block, outer];
      (found.get(late.item) ?? found.set(late.item, []).get(late.item)!).push(early);
    }
    holding.push(block);
  }
  return new Map([...found].map(([item, earlier]) => [item, earlier.sort((a, b) => a.index - b.index).map((e) => e.item)]));
}
