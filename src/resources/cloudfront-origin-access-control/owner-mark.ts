/**
 * Who owns an origin access control. AWS cannot tag OACs, so blogctl writes its identity
 * (stack, logical id, spec hash) at the end of the description: `<description> [blogctl
 * <stack>/<id> <spec hash>]`, like external-dns's ownership records. An OAC without the
 * mark is not ours (an adoption candidate, found by name); one marked for another stack
 * is never taken over. diff compares the description with the mark taken off.
 */
import { TAG } from '../../reconciler/types.ts';

/** What the spec may write: AWS allows 256; the mark needs at most 29 + 32 (stack) + MAX_LOGICAL_ID. */
export const MAX_DESCRIPTION = 128;
export const MAX_LOGICAL_ID = 64;

const MARK = /^(.*?) ?\[blogctl ([a-z][a-z0-9-]*)\/([A-Za-z][A-Za-z0-9_-]*) ([^\s\]]+)\]$/s;

export interface Marked {
  /** The description without the mark. */
  readonly description: string;
  /** blogctl:stack, blogctl:id and blogctl:spec read from the mark; {} without one. */
  readonly identity: Readonly<Record<string, string>>;
}

export function readMark(description: string | undefined): Marked {
  const text = description ?? '';
  const m = MARK.exec(text);
  if (m === null) return { description: text, identity: {} };
  return { description: m[1]!, identity: { [TAG.stack]: m[2]!, [TAG.id]: m[3]!, [TAG.spec]: m[4]! } };
}

/** The description AWS keeps: the spec's, then the mark of `identity` (ctx.identityTags). */
export function withMark(description: string, identity: Readonly<Record<string, string>>): string {
  const mark = `[blogctl ${identity[TAG.stack]}/${identity[TAG.id]} ${identity[TAG.spec]}]`;
  return description === '' ? mark : `${description} ${mark}`;
}
