/**
 * Auto Scaling errors (Query protocol: the wire code, e.g. `AlreadyExists`, becomes the
 * SDK's `AlreadyExistsFault` with `Code`/`Type`/`Error`; `ValidationError` has no class and
 * comes back as the base exception with that name), and MaxRecords/NextToken paging.
 */
import {
  ActiveInstanceRefreshNotFoundFault,
  AlreadyExistsFault,
  AutoScalingServiceException,
  InstanceRefreshInProgressFault,
  InvalidNextToken,
  LimitExceededFault,
  ResourceContentionFault,
  ResourceInUseFault,
  ScalingActivityInProgressFault,
} from '@aws-sdk/client-auto-scaling';
import { paginate } from '../paging.ts';
import { sdkExceptions, type SimulatedError } from '../service.ts';
import type { AsgCtx } from './state.ts';

export const asgToException = sdkExceptions(
  AutoScalingServiceException,
  {
    ActiveInstanceRefreshNotFound: ActiveInstanceRefreshNotFoundFault,
    AlreadyExists: AlreadyExistsFault,
    InstanceRefreshInProgress: InstanceRefreshInProgressFault,
    InvalidNextToken,
    LimitExceeded: LimitExceededFault,
    ResourceContention: ResourceContentionFault,
    ResourceInUse: ResourceInUseFault,
    ScalingActivityInProgress: ScalingActivityInProgressFault,
  },
  (e: SimulatedError) => {
    const Type = e.fault === 'server' ? 'Receiver' : 'Sender';
    return { Code: e.code, Type, Error: { Type, Code: e.code, Message: e.message } };
  },
);

export function required<T>(ctx: AsgCtx, value: T | undefined | null, member: string): T {
  if (value === undefined || value === null || value === '') {
    ctx.fail('ValidationError', `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

/** MaxRecords (1..max, default 50) and NextToken, as Auto Scaling's Describe* take them. */
export function asgPage<T>(
  ctx: AsgCtx,
  items: readonly T[],
  key: (item: T) => string,
  input: { MaxRecords?: number | undefined; NextToken?: string | undefined },
  max = 100,
): { items: T[]; NextToken: string | undefined } {
  const page = paginate(items, key, {
    size: input.MaxRecords ?? 50,
    token: input.NextToken,
    min: 1,
    max,
    invalid: (what, message) =>
      what === 'size'
        ? ctx.fail('ValidationError', `1 validation error detected: Value '${input.MaxRecords}' at 'maxRecords' failed to satisfy constraint: Member must have value less than or equal to ${max}`)
        : ctx.fail('InvalidNextToken', message),
  });
  return { items: page.items, NextToken: page.nextToken };
}

export function groupNotFound(ctx: AsgCtx, name: string): never {
  return ctx.fail('ValidationError', `AutoScalingGroup name not found - AutoScalingGroup '${name}' not found`);
}
