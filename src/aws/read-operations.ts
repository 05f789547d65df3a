/**
 * Which AWS operations only read. The rule is by name, as AWS names its APIs: an
 * operation whose name starts with Describe, List, Get or Head reads; anything else
 * (Create, Modify, Put, Update, Authorize, Tag, ...) is a write. The drift report's
 * "read-only, provably" test and the lease fence both rest on this one rule.
 */

const READ_PREFIXES = ['Describe', 'List', 'Get', 'Head'] as const;

export function isReadOperation(operation: string): boolean {
  const op = operation.replace(/Command$/, '');
  return READ_PREFIXES.some((p) => op.startsWith(p) && (op.length === p.length || /[A-Z0-9]/.test(op[p.length]!)));
}

/** Of a call counter's snapshot, the attempts that were writes, as `service:Operation` -> count. */
export function writeCalls(stats: readonly { service: string; operation: string; calls: number }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of stats) if (!isReadOperation(s.operation)) out[`${s.service}:${s.operation}`] = (out[`${s.service}:${s.operation}`] ?? 0) + s.calls;
  return out;
}
