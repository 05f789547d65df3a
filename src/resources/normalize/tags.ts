/**
 * Tags: users' tags are compared key by key; blogctl's own (blogctl:*) belong to the
 * engine and never show as a change.
 */
import type { FieldChange } from '../../reconciler/types.ts';

export const isOwnTag = (key: string): boolean => key.startsWith('blogctl:');

/** The user's tags of a resource as AWS holds them (blogctl:* removed). */
export function userTags(all: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(all).filter(([k]) => !isOwnTag(k)));
}

/** One change per differing user tag: `tags.Name`, from -> to (undefined = absent). */
export function diffTags(desired: Readonly<Record<string, string>> | undefined, observed: Readonly<Record<string, string>>): FieldChange[] {
  const want = desired ?? {};
  const have = userTags(observed);
  const keys = [...new Set([...Object.keys(want), ...Object.keys(have)])].sort();
  return keys.filter((k) => want[k] !== have[k]).map((k) => ({ path: `tags.${k}`, from: have[k], to: want[k] }));
}

/** What to write and what to remove so AWS holds `desired` user tags plus `identity`. */
export function tagDelta(
  desired: Readonly<Record<string, string>> | undefined,
  observed: Readonly<Record<string, string>>,
  identity: Readonly<Record<string, string>>,
): { set: Record<string, string>; remove: string[] } {
  const want = { ...(desired ?? {}), ...identity };
  const set = Object.fromEntries(Object.entries(want).filter(([k, v]) => observed[k] !== v));
  const remove = Object.keys(observed).filter((k) => !(k in want) && (!isOwnTag(k) || k === 'blogctl:protect'));
  return { set, remove };
}

/** AWS's `[{ Key, Value }]` tag lists (S3, DynamoDB, RDS) as a record. */
export const tagRecord = (tags: readonly { Key?: string | undefined; Value?: string | undefined }[] | undefined): Record<string, string> =>
  Object.fromEntries((tags ?? []).filter((t) => t.Key !== undefined).map((t) => [t.Key!, t.Value ?? '']));

/** A record as AWS's `[{ Key, Value }]` tag list. */
export const tagList = (tags: Readonly<Record<string, string>>): { Key: string; Value: string }[] =>
  Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
