/**
 * What every EC2 Describe* shares: Filters (with `*`/`?` wildcards, tag:Key, tag-key,
 * tag-value), NextToken/MaxResults, tags on output, and TagSpecifications on create.
 */
import type { Filter, Tag, TagSpecification } from '@aws-sdk/client-ec2';
import { paginate } from '../paging.ts';
import type { Ec2Ctx } from './resources.ts';
import type { Ec2State } from './state.ts';

export type FieldValue = string | number | boolean | null | undefined;
/** Filter name -> the values a record has for it (any match counts). */
export type FilterFields<R> = Readonly<Record<string, (record: R) => FieldValue | readonly FieldValue[]>>;

const MAX_TAGS = 50;

function globToRegExp(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) out += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else out += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`, 's');
}

function asStrings(v: FieldValue | readonly FieldValue[]): string[] {
  const list = Array.isArray(v) ? (v as readonly FieldValue[]) : [v as FieldValue];
  return list.filter((x): x is string | number | boolean => x !== undefined && x !== null).map(String);
}

/** Keeps the records matching every filter (values of one filter are ORed). */
export function applyFilters<R>(
  ctx: Ec2Ctx,
  records: readonly R[],
  filters: readonly Filter[] | undefined,
  fields: FilterFields<R>,
  idOf: (record: R) => string,
): R[] {
  if (!filters || filters.length === 0) return [...records];
  const tests = filters.map((f) => {
    const name = f.Name ?? '';
    const patterns = (f.Values ?? []).map(globToRegExp);
    const any = (values: string[]) => values.some((v) => patterns.some((p) => p.test(v)));
    if (name.startsWith('tag:')) {
      const key = name.slice(4);
      return (r: R) => {
        const value = ctx.state.tags[idOf(r)]?.[key];
        return value !== undefined && any([value]);
      };
    }
    if (name === 'tag-key') return (r: R) => any(Object.keys(ctx.state.tags[idOf(r)] ?? {}));
    if (name === 'tag-value') return (r: R) => any(Object.values(ctx.state.tags[idOf(r)] ?? {}));
    const field = fields[name];
    if (field === undefined) ctx.fail('InvalidParameterValue', `The filter '${name}' is invalid`);
    return (r: R) => any(asStrings(field(r)));
  });
  return records.filter((r) => tests.every((t) => t(r)));
}

/** One page of EC2 results: MaxResults must be within [min, max]. */
export function ec2Page<T>(
  ctx: Ec2Ctx,
  items: readonly T[],
  key: (item: T) => string,
  input: { MaxResults?: number | undefined; NextToken?: string | undefined },
  range: readonly [number, number] = [5, 1000],
): { items: T[]; NextToken: string | undefined } {
  const page = paginate(items, key, {
    size: input.MaxResults,
    token: input.NextToken,
    min: range[0],
    max: range[1],
    invalid: (what, message) => ctx.fail(what === 'size' ? 'InvalidParameterValue' : 'InvalidPaginationToken', message),
  });
  return { items: page.items, NextToken: page.nextToken };
}

/** The Tags of a resource as EC2 returns them: undefined when it has none. */
export function tagList(state: Ec2State, id: string): Tag[] | undefined {
  const tags = state.tags[id];
  if (!tags) return undefined;
  const list = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  return list.length > 0 ? list : undefined;
}

/** Validates tags as CreateTags does; returns them as a map. */
export function validateTags(ctx: Ec2Ctx, tags: readonly Tag[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) {
    const key = t.Key;
    if (key === undefined || key === '') ctx.fail('InvalidParameterValue', 'Tag key cannot be empty');
    if (key.length > 128) ctx.fail('InvalidParameterValue', `Tag key exceeds the maximum length of 128 characters: ${key}`);
    if (key.toLowerCase().startsWith('aws:')) ctx.fail('InvalidParameterValue', `Tag keys starting with 'aws:' are reserved for internal use`);
    const value = t.Value ?? '';
    if (value.length > 256) ctx.fail('InvalidParameterValue', `Tag value exceeds the maximum length of 256 characters: ${key}`);
    out[key] = value;
  }
  if (Object.keys(out).length > MAX_TAGS) ctx.fail('TagLimitExceeded', `The maximum number of tags per resource is ${MAX_TAGS}`);
  return out;
}

/** The tags TagSpecifications give to a resource of `resourceType`; rejects other types. */
export function tagsFromSpecifications(
  ctx: Ec2Ctx,
  specs: readonly TagSpecification[] | undefined,
  resourceType: string,
  alsoAllowed: readonly string[] = [],
): Record<string, string> {
  const tags: Tag[] = [];
  for (const spec of specs ?? []) {
    const type = spec.ResourceType;
    if (type !== resourceType && !alsoAllowed.includes(type ?? '')) {
      ctx.fail('InvalidParameterValue', `'${type ?? ''}' is not a valid taggable resource type for this operation.`);
    }
    if (type === resourceType) tags.push(...(spec.Tags ?? []));
  }
  return validateTags(ctx, tags);
}

/** Adds tags to a resource, enforcing the per-resource limit. */
export function addTags(ctx: Ec2Ctx, id: string, tags: Readonly<Record<string, string>>): void {
  const merged = { ...ctx.state.tags[id], ...tags };
  if (Object.keys(merged).length > MAX_TAGS) ctx.fail('TagLimitExceeded', `The maximum number of tags per resource is ${MAX_TAGS}`);
  if (Object.keys(merged).length > 0) ctx.state.tags[id] = merged;
}

/** For responses that AWS returns as an ISO date. */
export function date(ms: number): Date {
  return new Date(ms);
}
