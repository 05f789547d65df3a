/**
 * Tags: users' tags are compared key by key; blogctl's own (blogctl:*) belong to the
 * engine and never show as a change.
 */
import type { ExplainSink, FieldChange } from '../../reconciler/types.ts';

export const isOwnTag = (key: string): boolean => key.startsWith('blogctl:');

/** Tags AWS sets itself (`aws:cloudformation:stack-name`, `aws:autoscaling:groupName`): nobody else may write or remove them. */
export const isAwsTag = (key: string): boolean => key.toLowerCase().startsWith('aws:');

/** The user's tags of a resource as AWS holds them (blogctl:* and AWS's own aws:* removed). */
export function userTags(all: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(all).filter(([k]) => !isOwnTag(k) && !isAwsTag(k)));
}

/** One change per differing user tag: `tags.Name`, from -> to (undefined = absent). aws:* tags are AWS's: never a change. */
export function diffTags(desired: Readonly<Record<string, string>> | undefined, observed: Readonly<Record<string, string>>, explain?: ExplainSink): FieldChange[] {
  const want = desired ?? {};
  const have = userTags(observed);
  if (explain)
    for (const [k, v] of Object.entries(observed))
      if (isAwsTag(k) && want[k] === undefined) explain({ path: `tags.${k}`, desired: undefined, observed: v, reason: 'aws: tags are set by AWS and cannot be changed: not compared' });
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
  const remove = Object.keys(observed).filter((k) => !(k in want) && !isAwsTag(k) && (!isOwnTag(k) || k === 'blogctl:protect'));
  return { set, remove };
}

/** AWS's `[{ Key, Value }]` tag lists (S3, DynamoDB, RDS) as a record. */
export const tagRecord = (tags: readonly { Key?: string | undefined; Value?: string | undefined }[] | undefined): Record<string, string> =>
  Object.fromEntries((tags ?? []).filter((t) => t.Key !== undefined).map((t) => [t.Key!, t.Value ?? '']));

/** A record as AWS's `[{ Key, Value }]` tag list. */
export const tagList = (tags: Readonly<Record<string, string>>): { Key: string; Value: string }[] =>
  Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

/** A service's two tag calls: set keys to values, remove keys. */
export interface TagCalls {
  add(tags: Record<string, string>): Promise<unknown>;
  remove(keys: string[]): Promise<unknown>;
}

/** Brings a resource's tags to `desired` user tags plus identity: each call only when needed (at most two). */
export async function syncTags(
  desired: Readonly<Record<string, string>> | undefined,
  observed: Readonly<Record<string, string>>,
  identity: Readonly<Record<string, string>>,
  calls: TagCalls,
): Promise<void> {
  const { set, remove } = tagDelta(desired, observed, identity);
  if (Object.keys(set).length > 0) await calls.add(set);
  if (remove.length > 0) await calls.remove(remove);
}
