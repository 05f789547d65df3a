/**
 * Route 53 changes: every accepted write gets a change (/change/C...) that is PENDING
 * until it has propagated to all Route 53 servers, then INSYNC; GetChange reads it.
 */
import type { ChangeInfo, GetChangeCommandInput, GetChangeCommandOutput } from '@aws-sdk/client-route-53';
import type { IdGenerator } from '../ids.ts';
import type { OperationTable } from '../service.ts';
import { type R53Ctx, r53Fail } from './errors.ts';
import { bareId } from './names.ts';
import type { ChangeRec, Route53State } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;

/** Route 53 ids: a letter then upper-case alphanumerics, 21 characters in all (Z0..., C0...). */
export function route53Id(ids: IdGenerator, letter: 'Z' | 'C'): string {
  return ids.upperAlnum(letter, 21);
}

/** Records a change submitted now, INSYNC after `propagateMs`. */
export function newChange(
  env: { state: Route53State; ids: IdGenerator; now: number },
  propagateMs: number,
  comment?: string,
): ChangeRec {
  const change: ChangeRec = { id: route53Id(env.ids, 'C'), comment: comment ?? null, submittedAt: env.now, insyncAt: env.now + propagateMs };
  env.state.changes[change.id] = change;
  return change;
}

/** A change submitted by this call, with the profile's propagation delay. */
export function changeNow(ctx: R53Ctx, comment?: string): ChangeRec {
  return newChange(ctx, ctx.durations.of('route53.change.propagate'), comment);
}

export function renderChange(change: ChangeRec, now: number): ChangeInfo {
  return {
    Id: `/change/${change.id}`,
    Status: now >= change.insyncAt ? 'INSYNC' : 'PENDING',
    SubmittedAt: new Date(change.submittedAt),
    ...(change.comment !== null && { Comment: change.comment }),
  };
}

export const changeOperations = {
  GetChange(input: GetChangeCommandInput, ctx: R53Ctx): Out<GetChangeCommandOutput> {
    const id = bareId(input.Id);
    const change = ctx.state.changes[id];
    if (change === undefined) r53Fail(ctx, 'NoSuchChange', `A change with the specified change ID does not exist: ${id}`);
    return { ChangeInfo: renderChange(change, ctx.now) };
  },
} satisfies OperationTable<Route53State>;
