/**
 * How blogctl finds a stack's IAM roles and instance profiles without a state file. IAM
 * cannot list by tag and the Resource Groups Tagging API does not cover IAM, so blogctl
 * files them under a path of the stack's own, `/blogctl/<stack>/` (plus the spec's
 * `path`), and one ListRoles / ListInstanceProfiles with that PathPrefix finds them all,
 * prune included. The tags still say which logical id each one is.
 *
 * IAM cannot move an entity to another path: one with our name found elsewhere (made by
 * hand, or by another tool) is reported for adoption, but taking it over needs it
 * deleted (or the spec's name changed) first; update refuses before writing anything.
 */
import type { Tag } from '@aws-sdk/client-iam';
import { TAG, type FieldChange, type Observation } from '../../reconciler/types.ts';
import { tagDelta } from '../normalize/tags.ts';

/** `/blogctl/<stack>`: the stack's prefix, without the trailing slash. */
export const stackPrefix = (stack: string): string => `/blogctl/${stack}`;

/** The path an entity of the stack gets for the spec's `path` ("/" or "/app/"). */
export const stackPath = (stack: string, specPath: string): string => `${stackPrefix(stack)}${specPath}`;

export const fromIamTags = (tags: readonly Tag[] | undefined): Record<string, string> =>
  Object.fromEntries((tags ?? []).filter((t) => t.Key !== undefined).map((t) => [t.Key!, t.Value ?? '']));

export const toIamTags = (tags: Readonly<Record<string, string>>): Tag[] => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

/** What to tag and untag so IAM holds `desired` user tags plus identity (tag calls take at most 50). */
export function iamTagDelta(
  desired: Readonly<Record<string, string>> | undefined,
  observed: Readonly<Record<string, string>>,
  identity: Readonly<Record<string, string>>,
): { set: Tag[]; remove: string[] } {
  const { set, remove } = tagDelta(desired, observed, identity);
  return { set: toIamTags(set), remove };
}

/** Why an entity found at another path cannot be taken over in place. */
export function cannotMove(what: string, name: string, found: string, wanted: string): Error {
  return new Error(
    `${what} "${name}" exists at path "${found}", and IAM cannot move it to "${wanted}" where blogctl keeps this stack's ${what}s: ` +
      `delete it (or give the spec another name) and reconcile again`,
  );
}

/**
 * A stack's roles or instance profiles as observations: each one `listed` under its path
 * that carries a blogctl:id; then, for each request not found there, one with its `name`
 * elsewhere (read by name: a call only for those), ours from elsewhere or one to adopt.
 */
export async function observeByPath<S extends { readonly tags: Record<string, string> }>(
  listed: readonly string[],
  requests: readonly { readonly id: string; readonly name: string | undefined }[],
  read: (name: string) => Promise<S | undefined>,
): Promise<Observation<S>[]> {
  const found: Observation<S>[] = [];
  for (const state of await Promise.all(listed.map(read))) {
    const id = state?.tags[TAG.id];
    if (state && id) found.push({ id, state, tags: state.tags });
  }
  const known = new Set(listed.map((n) => n.toLowerCase()));
  const missing = requests.filter((r) => r.name !== undefined && !known.has(r.name.toLowerCase()) && !found.some((f) => f.id === r.id));
  for (const { r, state } of await Promise.all(missing.map(async (r) => ({ r, state: await read(r.name!) }))))
    if (state) found.push({ id: state.tags[TAG.id] ?? r.id, state, tags: state.tags });
  return found;
}

/** The change of path, if any: the same name at another path must be deleted before its replacement is made. */
export function pathChange(observed: { readonly pathPrefix: string; readonly path: string }, specPath: string, sameName: boolean): FieldChange[] {
  const path = `${observed.pathPrefix}${specPath}`;
  return path === observed.path ? [] : [{ path: 'path', from: observed.path, to: path, deleteBeforeReplace: sameName }];
}
