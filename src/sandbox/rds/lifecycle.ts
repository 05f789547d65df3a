/**
 * How a DB instance moves on the clock: creating -> backing-up (the first automated
 * backup, skipped when backups are off) -> available; modifying while a change is applied
 * (at once with ApplyImmediately, else from the start of the next maintenance window);
 * deleting -> gone. Every RDS call first settles what is due at `ctx.now`.
 */
import type { DbInstanceRec, Deferrable, RdsCtx } from './state.ts';

export type DbStatus = 'creating' | 'backing-up' | 'available' | 'modifying' | 'deleting';

export function statusOf(i: DbInstanceRec, now: number): DbStatus {
  if (i.deleting) return 'deleting';
  if (now < i.createdUntil) return 'creating';
  if (now < i.availableAt) return 'backing-up';
  if (i.modifying && now < i.modifying.until) return 'modifying';
  return 'available';
}

/** Has the instance been available once (it has an endpoint and a create time)? */
export function hasBeenCreated(i: DbInstanceRec, now: number): boolean {
  return now >= i.availableAt;
}

function apply(i: DbInstanceRec, values: Partial<Deferrable>): void {
  Object.assign(i, values);
}

/** Folds every transition due at `ctx.now` into the records; removes instances whose deletion finished. */
export function settle(ctx: RdsCtx): void {
  for (const i of Object.values(ctx.state.instances)) {
    if (i.deleting) {
      if (ctx.now >= i.deleting.goneAt) {
        delete ctx.state.instances[i.id];
        delete ctx.state.tags[i.arn];
      }
      continue;
    }
    if (i.pending && ctx.now >= i.pending.applyAt) {
      const until = Math.max(i.pending.applyAt, i.availableAt) + ctx.durations.of('rds.instance.modify');
      i.modifying = { until, values: { ...i.modifying?.values, ...i.pending.values } };
      i.pending = null;
    }
    if (i.modifying && ctx.now >= i.modifying.until) {
      apply(i, i.modifying.values);
      i.modifying = null;
    }
  }
}

/** Starts applying `values` now: status modifying for the modify duration. */
export function startModifying(ctx: RdsCtx, i: DbInstanceRec, values: Partial<Deferrable>): void {
  i.modifying = { until: ctx.now + ctx.durations.of('rds.instance.modify'), values: { ...i.modifying?.values, ...values } };
}

/** The settings as they will be once everything pending is applied (for "no change" checks). */
export function effective(i: DbInstanceRec): DbInstanceRec {
  return { ...i, ...i.modifying?.values, ...i.pending?.values };
}
