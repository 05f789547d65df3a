/**
 * What RDS Describe* calls share: MaxRecords (20..100) and Marker paging, Filters
 * (Name + Values, no wildcards), and TagList on output.
 */
import type { Filter, Tag } from '@aws-sdk/client-rds';
import { paginate } from '../paging.ts';
import { rdsFail } from './errors.ts';
import type { RdsCtx } from './state.ts';

/** One page: MaxRecords 20..100 (default 100), Marker from the previous page. */
export function rdsPage<T>(
  ctx: RdsCtx,
  items: readonly T[],
  key: (item: T) => string,
  input: { MaxRecords?: number | undefined; Marker?: string | undefined },
): { items: T[]; Marker: string | undefined } {
  const size = input.MaxRecords;
  if (size !== undefined && (!Number.isInteger(size) || size < 20 || size > 100)) {
    rdsFail(ctx, 'InvalidParameterValue', `Invalid value ${size} for MaxRecords. Must be between 20 and 100`);
  }
  const page = paginate(items, key, {
    size: size ?? 100,
    token: input.Marker,
    invalid: (_what, message) => rdsFail(ctx, 'InvalidParameterValue', message),
  });
  return { items: page.items, Marker: page.nextToken };
}

/** Keeps the records matching every filter; an unknown filter name is an error. */
export function applyRdsFilters<R>(
  ctx: RdsCtx,
  records: readonly R[],
  filters: readonly Filter[] | undefined,
  fields: Readonly<Record<string, (record: R) => readonly string[]>>,
): R[] {
  if (!filters || filters.length === 0) return [...records];
  const tests = filters.map((f) => {
    const name = f.Name ?? '';
    const field = fields[name];
    if (field === undefined) rdsFail(ctx, 'InvalidParameterValue', `Unrecognized filter name: ${name}.`);
    const values = f.Values ?? [];
    if (values.length === 0) rdsFail(ctx, 'InvalidParameterValue', `The filter ${name} must have at least one value.`);
    return (r: R) => field(r).some((v) => values.includes(v));
  });
  return records.filter((r) => tests.every((t) => t(r)));
}

export function tagList(ctx: RdsCtx, arn: string): Tag[] {
  return Object.entries(ctx.state.tags[arn] ?? {}).map(([Key, Value]) => ({ Key, Value }));
}

/** Validates tags as RDS does (50 per resource, no aws: prefix) and merges them onto `arn`. */
export function addTags(ctx: RdsCtx, arn: string, tags: readonly Tag[] | undefined): void {
  const merged = { ...ctx.state.tags[arn] };
  for (const t of tags ?? []) {
    const key = t.Key ?? '';
    if (key === '' || key.length > 128) rdsFail(ctx, 'InvalidParameterValue', 'Tag keys must be between 1 and 128 characters.');
    if (key.toLowerCase().startsWith('aws:')) rdsFail(ctx, 'InvalidParameterValue', 'Tag keys cannot start with aws:');
    if ((t.Value ?? '').length > 256) rdsFail(ctx, 'InvalidParameterValue', 'Tag values must be at most 256 characters.');
    merged[key] = t.Value ?? '';
  }
  if (Object.keys(merged).length > 50) rdsFail(ctx, 'TagQuotaPerResourceExceeded', 'Cannot have more than 50 tags per resource.');
  ctx.state.tags[arn] = merged;
}
