/**
 * Resource ids: a letter, then letters, digits, "-" or "_"; not a reserved word; and
 * unique regardless of case, since AWS names are built from them (a security group
 * named blog-myVpc and one named blog-myvpc collide where AWS ignores case). Checked on
 * the raw document, so an invalid id is reported even when a broken reference to it
 * stops the load before validation.
 */
import type { SourcePos, SpecProblem } from '../types.ts';
import { isResourceId, RESERVED_IDS } from './document.ts';

export interface IdCheck {
  readonly problems: SpecProblem[];
  /** Ids whose resources are not validated: their problem is the id. */
  readonly refused: ReadonlySet<string>;
}

export function checkResourceIds(resources: unknown, posOf: (id: string) => SourcePos): IdCheck {
  const problems: SpecProblem[] = [];
  const refused = new Set<string>();
  if (!resources || typeof resources !== 'object' || Array.isArray(resources)) return { problems, refused };
  const byLower = new Map<string, string>();
  for (const id of Object.keys(resources)) {
    if (!isResourceId(id)) {
      problems.push({ pos: posOf(id), message: `"${id}": a resource id is a letter followed by letters, digits, "-" or "_"` });
      refused.add(id);
      continue;
    }
    if ((RESERVED_IDS as readonly string[]).includes(id)) {
      problems.push({ pos: posOf(id), message: `"${id}" is reserved for \${${id}.x} references; choose another resource id` });
      refused.add(id);
      continue;
    }
    const first = byLower.get(id.toLowerCase());
    if (first === undefined) byLower.set(id.toLowerCase(), id);
    else
      problems.push({
        pos: posOf(id),
        message: `resource ids "${first}" (line ${posOf(first).line}) and "${id}" differ only by case, and the AWS names made from them would collide; rename one`,
      });
  }
  return { problems, refused };
}
