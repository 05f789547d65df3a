/**
 * What ELBv2 calls share: Marker/PageSize paging (1..400), ARN lookups with the not-found
 * error of each kind, name rules, and tags.
 */
import type { Tag } from '@aws-sdk/client-elastic-load-balancing-v2';
import { paginate } from '../paging.ts';
import type { ElbCtx, ListenerRec, LoadBalancerRec, TargetGroupRec } from './state.ts';

export function elbPage<T>(
  ctx: ElbCtx,
  items: readonly T[],
  key: (item: T) => string,
  input: { PageSize?: number | undefined; Marker?: string | undefined },
): { items: T[]; NextMarker: string | undefined } {
  const page = paginate(items, key, {
    size: input.PageSize,
    token: input.Marker,
    min: 1,
    max: 400,
    invalid: (what, message) => ctx.fail('ValidationError', what === 'size' ? `1 validation error detected: Value '${input.PageSize}' at 'pageSize' failed to satisfy constraint: Member must have value between 1 and 400` : message),
  });
  return { items: page.items, NextMarker: page.nextToken };
}

export function required<T>(ctx: ElbCtx, value: T | undefined | null, member: string): T {
  if (value === undefined || value === null || value === '') {
    ctx.fail('ValidationError', `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

/** 1-32 letters, digits and hyphens, no hyphen at either end. */
export function checkName(ctx: ElbCtx, name: string, what: 'load balancer' | 'target group'): void {
  if (name.length > 32) ctx.fail('ValidationError', `The ${what} name '${name}' cannot be longer than '32' characters`);
  if (!/^[A-Za-z0-9-]+$/.test(name)) ctx.fail('ValidationError', `The ${what} name '${name}' can only contain characters that are alphanumeric characters and hyphens(-)`);
  if (name.startsWith('-') || name.endsWith('-')) ctx.fail('ValidationError', `The ${what} name '${name}' cannot begin or end with a hyphen`);
  if (what === 'load balancer' && name.toLowerCase().startsWith('internal-')) ctx.fail('ValidationError', "Load balancer names cannot start with 'internal-'");
}

export function checkArn(ctx: ElbCtx, arn: string, kind: string): void {
  if (!new RegExp(`^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:${kind}/`).test(arn)) {
    ctx.fail('ValidationError', `'${arn}' is not a valid ${kind.replace('loadbalancer', 'load balancer').replace('targetgroup', 'target group')} ARN`);
  }
}

export function loadBalancerOf(ctx: ElbCtx, arn: string | undefined): LoadBalancerRec {
  const value = required(ctx, arn, 'loadBalancerArn');
  checkArn(ctx, value, 'loadbalancer');
  const lb = ctx.state.loadBalancers[value];
  if (!lb) ctx.fail('LoadBalancerNotFound', `Load balancer '${value}' not found`);
  return lb;
}

export function targetGroupOf(ctx: ElbCtx, arn: string | undefined): TargetGroupRec {
  const value = required(ctx, arn, 'targetGroupArn');
  checkArn(ctx, value, 'targetgroup');
  const tg = ctx.state.targetGroups[value];
  if (!tg) ctx.fail('TargetGroupNotFound', `Target groups '${value}' not found`);
  return tg;
}

export function listenerOf(ctx: ElbCtx, arn: string | undefined): ListenerRec {
  const value = required(ctx, arn, 'listenerArn');
  checkArn(ctx, value, 'listener');
  const l = ctx.state.listeners[value];
  if (!l) ctx.fail('ListenerNotFound', 'One or more listeners not found');
  return l;
}

const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Validates tags (no duplicates, 50 per resource, no aws: prefix, ELBv2's characters) and merges them onto `arn`. */
export function addTags(ctx: ElbCtx, arn: string, tags: readonly Tag[] | undefined): void {
  const keys = (tags ?? []).map((t) => t.Key ?? '');
  const dup = keys.find((k, i) => keys.indexOf(k) !== i);
  if (dup !== undefined) ctx.fail('DuplicateTagKeys', `Tag key '${dup}' specified more than once`);
  const merged = { ...ctx.state.tags[arn] };
  for (const t of tags ?? []) {
    const key = t.Key ?? '';
    if (key === '' || key.length > 128) ctx.fail('ValidationError', 'Tag keys must be between 1 and 128 characters');
    if (key.toLowerCase().startsWith('aws:')) ctx.fail('ValidationError', "Tag keys starting with 'aws:' are reserved for internal use");
    // ELBv2's Tag pattern: letters, digits, spaces and _ . : / = + - @ (no commas).
    for (const [what, text] of [['key', key], ['value', t.Value ?? '']] as const)
      if (!TAG_TEXT.test(text)) ctx.fail('ValidationError', `1 validation error detected: Value '${text}' at 'tags.member.${what}' failed to satisfy constraint: Member must satisfy regular expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$`);
    if ((t.Value ?? '').length > 256) ctx.fail('ValidationError', 'Tag values must be at most 256 characters');
    merged[key] = t.Value ?? '';
  }
  if (Object.keys(merged).length > 50) ctx.fail('TooManyTags', 'The quota for the number of tags that can be assigned to a load balancer has been reached');
  ctx.state.tags[arn] = merged;
}
