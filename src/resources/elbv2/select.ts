/**
 * Which of the ELBv2 resources a kind listed are this stack's: every one carrying our
 * blogctl:stack tag (prune needs those that left the spec), plus, for a requested id
 * not found by tag, the resource holding its natural key (a load balancer's or target
 * group's name, a listener's load balancer and port): an adoption candidate when it has
 * no blogctl:stack, another stack's when it has one (never taken over).
 */
import { TAG, type LogicalId } from '../../reconciler/types.ts';

export interface Listed<R> {
  readonly resource: R;
  readonly tags: Readonly<Record<string, string>>;
}

export interface Selected<R> extends Listed<R> {
  readonly id: LogicalId;
}

/**
 * `keyOf` gives each listed resource's natural key, `wanted` each requested id's (undefined
 * when not known yet: then only tags can find it).
 */
export function selectForStack<R>(
  stack: string,
  listed: readonly Listed<R>[],
  keyOf: (r: R) => string,
  wanted: readonly { id: LogicalId; key: string | undefined }[],
): Selected<R>[] {
  const out: Selected<R>[] = [];
  const taken = new Set<R>();
  for (const l of listed) {
    const id = l.tags[TAG.id];
    if (l.tags[TAG.stack] === stack && id !== undefined) {
      out.push({ id, ...l });
      taken.add(l.resource);
    }
  }
  const found = new Set(out.map((s) => s.id));
  for (const w of wanted) {
    if (found.has(w.id) || w.key === undefined) continue;
    const l = listed.find((x) => !taken.has(x.resource) && keyOf(x.resource) === w.key);
    if (l) out.push({ id: w.id, ...l });
  }
  return out;
}
