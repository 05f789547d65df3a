/**
 * A change of a multi-line string (user data, scripts) as a unified diff of its lines
 * (jsdiff's structuredPatch, 3 lines of context), so a plan shows what changes in the
 * text, never the whole text nor an encoding of it.
 */
import { structuredPatch } from 'diff';

export interface DiffLine {
  /** '+' added, '-' removed, ' ' context, '@' a hunk header. */
  readonly sym: '+' | '-' | ' ' | '@';
  readonly text: string;
}

export const isMultiline = (v: unknown): v is string => typeof v === 'string' && v.includes('\n');

/** Both sides are text (or absent) and at least one spans lines: worth a text diff. */
export const isTextChange = (from: unknown, to: unknown): boolean =>
  (isMultiline(from) || isMultiline(to)) && (typeof from === 'string' || from === undefined) && (typeof to === 'string' || to === undefined);

/** The unified diff of two texts (absent is empty), hunk by hunk. */
export function textDiff(from: string | undefined, to: string | undefined, context = 3): DiffLine[] {
  const patch = structuredPatch('before', 'after', from ?? '', to ?? '', undefined, undefined, { context });
  return patch.hunks.flatMap((h): DiffLine[] => [
    // As diff(1) writes it: an empty side starts one line earlier (`@@ -0,0 +1,2 @@`).
    { sym: '@', text: `@@ -${h.oldLines === 0 ? h.oldStart - 1 : h.oldStart},${h.oldLines} +${h.newLines === 0 ? h.newStart - 1 : h.newStart},${h.newLines} @@` },
    ...h.lines
      .filter((l) => !l.startsWith('\\'))
      .map((l) => ({ sym: (l[0] === '+' || l[0] === '-' ? l[0] : ' ') as DiffLine['sym'], text: l.slice(1) })),
  ]);
}
