/**
 * Who owns an origin access control. AWS cannot tag OACs, so blogctl writes the identity
 * tags at the end of the description: `<description> [blogctl <stack>/<id> <spec hash>
 * protect deps=a,b]` (protect and deps only when set), like external-dns's ownership
 * records. Read back, the mark is the OAC's tags, compared by the engine like any tags
 * (a new spec hash, protect or deps rewrites it), and protection survives the YAML. An
 * OAC without the mark is not ours (an adoption candidate, found by name); one marked
 * for another stack is never taken over. diff compares the description without the mark.
 */
import { TAG } from '../../reconciler/types.ts';

/** What the spec may write: AWS allows 256, the rest is the mark's. */
export const MAX_DESCRIPTION = 128;
/** With a 32-character stack, the mark then fits with room for a few deps. */
export const MAX_LOGICAL_ID = 64;
export const MAX_AWS_DESCRIPTION = 256;

const MARK = /^(.*?) ?\[blogctl ([a-z][a-z0-9-]*)\/([A-Za-z][A-Za-z0-9_-]*) ([^\s\]]+)((?: [^\s\]]+)*)\]$/s;

export interface Marked {
  /** The description without the mark. */
  readonly description: string;
  /** The blogctl:* tags the mark holds; {} without one. */
  readonly identity: Readonly<Record<string, string>>;
}

export function readMark(description: string | undefined): Marked {
  const text = description ?? '';
  const m = MARK.exec(text);
  if (m === null) return { description: text, identity: {} };
  const identity: Record<string, string> = { [TAG.stack]: m[2]!, [TAG.id]: m[3]!, [TAG.spec]: m[4]! };
  for (const word of m[5]!.split(' ').filter(Boolean)) {
    if (word === 'protect') identity[TAG.protect] = 'true';
    else if (word.startsWith('deps=')) identity[TAG.deps] = word.slice('deps='.length);
  }
  return { description: m[1]!, identity };
}

/** The description AWS keeps: the spec's, then the mark of `identity` (ctx.identityTags). */
export function withMark(description: string, identity: Readonly<Record<string, string>>): string {
  const words = [
    `${identity[TAG.stack]}/${identity[TAG.id]}`,
    identity[TAG.spec],
    ...(identity[TAG.protect] === 'true' ? ['protect'] : []),
    ...(identity[TAG.deps] ? [`deps=${identity[TAG.deps]}`] : []),
  ];
  const mark = `[blogctl ${words.join(' ')}]`;
  const text = description === '' ? mark : `${description} ${mark}`;
  if (text.length > MAX_AWS_DESCRIPTION)
    throw new Error(`the description and blogctl's owner mark ${mark} are ${text.length} characters, more than AWS's ${MAX_AWS_DESCRIPTION}: shorten the description`);
  return text;
}
