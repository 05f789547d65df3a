/**
 * What IAM checks on every request: names and paths (ValidationError, worded as AWS's
 * constraint messages), tags (case-insensitive keys, 50 per entity), Marker/MaxItems
 * pagination, and the global ARN format.
 */
import type { Tag } from '@aws-sdk/client-iam';
import { formatArn, partitionOf } from '../ids.ts';
import { paginate } from '../paging.ts';
import type { CallContext } from '../service.ts';
import type { IamState } from './state.ts';

export type IamCtx = CallContext<IamState>;

/** IAM's HTTP status per error code (400 unless listed). */
const STATUS: Readonly<Record<string, number>> = { NoSuchEntity: 404, EntityAlreadyExists: 409, DeleteConflict: 409, LimitExceeded: 409 };

/** Fails with IAM's error code, message and status. */
export function iamFail(ctx: IamCtx, code: string, message: string): never {
  return ctx.fail(code, message, { status: STATUS[code] ?? 400 });
}

const NAME = /^[\w+=,.@-]+$/;
const PATH = /^\/([\x21-\x7e]*\/)?$/;
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
const MAX_TAGS = 50;

function invalid(ctx: IamCtx, field: string, value: unknown, constraint: string): never {
  return ctx.fail('ValidationError', `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: ${constraint}`);
}

export function required<T>(ctx: IamCtx, value: T | undefined, field: string): T {
  if (value === undefined || value === null) invalid(ctx, field, null, 'Member must not be null');
  return value;
}

/** A role, instance profile or policy name: [\w+=,.@-]{1,max}. */
export function checkName(ctx: IamCtx, value: string | undefined, field: string, max: number): string {
  const name = required(ctx, value, field);
  if (name.length < 1 || name.length > max) invalid(ctx, field, name, `Member must have length less than or equal to ${max}`);
  if (!NAME.test(name)) invalid(ctx, field, name, 'Member must satisfy regular expression pattern: [\\w+=,.@-]+');
  return name;
}

export function checkPath(ctx: IamCtx, value: string | undefined): string {
  const path = value ?? '/';
  if (path.length > 512 || !PATH.test(path)) {
    invalid(ctx, 'path', path, 'Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)');
  }
  return path;
}

/** arn:aws:iam::123456789012:role/path/name (IAM ARNs have no region). */
export function iamArn(ctx: IamCtx, resource: string): string {
  return formatArn({ service: 'iam', region: '', account: ctx.accountId, resource, partition: partitionOf(ctx.region) });
}

function findKey(tags: Record<string, string>, key: string): string | undefined {
  return Object.keys(tags).find((k) => k.toLowerCase() === key.toLowerCase());
}

/** Tags of a request, checked as IAM does; returns them as a map. */
export function checkTags(ctx: IamCtx, tags: readonly Tag[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) {
    const key = required(ctx, t.Key, 'tags.member.key');
    const value = required(ctx, t.Value, 'tags.member.value');
    if (key.length > 128 || !TAG_KEY.test(key)) invalid(ctx, 'tags.member.key', key, 'Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+');
    if (value.length > 256) invalid(ctx, 'tags.member.value', value, 'Member must have length less than or equal to 256');
    if (key.toLowerCase().startsWith('aws:')) iamFail(ctx, 'InvalidInput', 'User-defined tag keys can\'t start with "aws:". This prefix is reserved for AWS tags.');
    if (findKey(out, key) !== undefined) iamFail(ctx, 'InvalidInput', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    out[key] = value;
  }
  if (Object.keys(out).length > MAX_TAGS) iamFail(ctx, 'LimitExceeded', 'The number of tags has reached the maximum limit.');
  return out;
}

/** Adds or replaces tags (a key differing only in case replaces the old one). */
export function mergeTags(ctx: IamCtx, current: Record<string, string>, added: Record<string, string>): Record<string, string> {
  const next = { ...current };
  for (const [key, value] of Object.entries(added)) {
    const existing = findKey(next, key);
    if (existing !== undefined) delete next[existing];
    next[key] = value;
  }
  if (Object.keys(next).length > MAX_TAGS) iamFail(ctx, 'LimitExceeded', 'The number of tags has reached the maximum limit.');
  return next;
}

export function removeTags(current: Record<string, string>, keys: readonly string[]): Record<string, string> {
  const drop = new Set(keys.map((k) => k.toLowerCase()));
  return Object.fromEntries(Object.entries(current).filter(([k]) => !drop.has(k.toLowerCase())));
}

export function tagList(tags: Record<string, string>): Tag[] | undefined {
  const list = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  return list.length > 0 ? list : undefined;
}

/** One IAM page: Marker/MaxItems (1..1000, default 100), IsTruncated. */
export function iamPage<T>(ctx: IamCtx, items: readonly T[], key: (item: T) => string, input: { Marker?: string; MaxItems?: number }) {
  const page = paginate(items, key, {
    size: input.MaxItems,
    token: input.Marker,
    min: 1,
    max: 1000,
    defaultSize: 100,
    invalid: (what) =>
      what === 'size'
        ? invalid(ctx, 'maxItems', input.MaxItems, 'Member must have value between 1 and 1000')
        : ctx.fail('ValidationError', 'Invalid Marker.'),
  });
  return { items: page.items, IsTruncated: page.nextToken !== undefined, Marker: page.nextToken };
}

/** AWS returns policy documents URL-encoded (RFC 3986, as given, whitespace kept). */
export function encodeDocument(document: string): string {
  return encodeURIComponent(document);
}

/** Tag, untag and list tags of one kind of IAM entity (roles, instance profiles): AWS treats them alike. */
export function entityTagging<E extends { tags: Record<string, string> }>(find: (ctx: IamCtx, name: string | undefined) => E) {
  return {
    tag(ctx: IamCtx, name: string | undefined, tags: readonly Tag[] | undefined): Record<string, never> {
      const entity = find(ctx, name);
      entity.tags = mergeTags(ctx, entity.tags, checkTags(ctx, required(ctx, tags, 'tags')));
      return {};
    },
    untag(ctx: IamCtx, name: string | undefined, keys: readonly string[] | undefined): Record<string, never> {
      const entity = find(ctx, name);
      entity.tags = removeTags(entity.tags, required(ctx, keys, 'tagKeys'));
      return {};
    },
    list(ctx: IamCtx, name: string | undefined, input: { Marker?: string; MaxItems?: number }) {
      const page = iamPage(ctx, Object.entries(find(ctx, name).tags), ([k]) => k, input);
      return { Tags: page.items.map(([Key, Value]) => ({ Key, Value })), IsTruncated: page.IsTruncated, Marker: page.Marker };
    },
  };
}
