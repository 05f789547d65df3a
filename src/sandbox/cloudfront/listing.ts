/**
 * CloudFront's list paging: items ordered by id, Marker = the id after which a page
 * starts, NextMarker = the last id of a truncated page (AWS: "the ID of the last
 * distribution on that page"), MaxItems default 100.
 */
import { type CfCtx, cfFail } from './errors.ts';

export interface ListHead {
  Marker: string;
  NextMarker?: string;
  MaxItems: number;
  IsTruncated: boolean;
  Quantity: number;
}

const DEFAULT_MAX_ITEMS = 100;

/** One page of `records` after `Marker`, and the members every CloudFront list carries. */
export function listPage<T extends { id: string }>(
  ctx: CfCtx,
  records: readonly T[],
  input: { Marker?: string | undefined; MaxItems?: number | undefined },
): { items: T[]; list: ListHead } {
  const max = input.MaxItems ?? DEFAULT_MAX_ITEMS;
  if (!Number.isInteger(max) || max < 1 || max > 1000) cfFail(ctx, 'InvalidArgument', `The value of MaxItems is not valid: ${max}.`);
  const marker = input.Marker ?? '';
  const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const after = marker === '' ? sorted : sorted.filter((r) => r.id > marker);
  const items = after.slice(0, max);
  const truncated = after.length > max;
  return {
    items,
    list: {
      Marker: marker,
      ...(truncated && { NextMarker: items[items.length - 1]!.id }),
      MaxItems: max,
      IsTruncated: truncated,
      Quantity: items.length,
    },
  };
}
