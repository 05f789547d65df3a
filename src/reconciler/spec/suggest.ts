/** "Did you mean": the closest known name, when it is close enough to be a typo. */
import { closest, distance } from 'fastest-levenshtein';

export function suggest(word: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const lower = word.toLowerCase();
  const sameCase = known.find((k) => k.toLowerCase() === lower);
  if (sameCase) return sameCase;
  const best = closest(word, [...known]);
  const limit = Math.max(2, Math.floor(word.length / 3));
  return distance(word.toLowerCase(), best.toLowerCase()) <= limit ? best : undefined;
}
