/** "Did you mean": the closest known name, when it is close enough to be a typo. */
import { closest, distance } from 'fastest-levenshtein';

/**
 * Suggestions over one list of names, asked once per unknown name (every unknown
 * reference of a large spec asks the same list of ids): the case-insensitive index is
 * built once and each word is answered once.
 */
export function suggester(known: readonly string[]): (word: string) => string | undefined {
  const byLower = new Map<string, string>();
  for (const k of known) if (!byLower.has(k.toLowerCase())) byLower.set(k.toLowerCase(), k);
  const answers = new Map<string, string | undefined>();
  const answer = (word: string): string | undefined => {
    if (known.length === 0) return undefined;
    const sameCase = byLower.get(word.toLowerCase());
    if (sameCase !== undefined) return sameCase;
    const best = closest(word, known as string[]);
    const limit = Math.max(2, Math.floor(word.length / 3));
    return distance(word.toLowerCase(), best.toLowerCase()) <= limit ? best : undefined;
  };
  return (word) => {
    if (!answers.has(word)) answers.set(word, answer(word));
    return answers.get(word);
  };
}

export function suggest(word: string, known: readonly string[]): string | undefined {
  return suggester(known)(word);
}
