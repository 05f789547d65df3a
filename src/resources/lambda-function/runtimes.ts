/**
 * Lambda's runtime deprecation schedule (AWS's published dates): after `deprecated` a
 * runtime gets no security patches (a plan warning); after `blockCreate` Lambda refuses
 * to create functions on it, after `blockUpdate` to update them (plan errors, before
 * anything is written). Dates are UTC days; the check runs on the engine's clock.
 */
import type { DesiredProblem } from '../../reconciler/types.ts';

export type Finding = Omit<DesiredProblem, 'id'>;

interface Schedule {
  readonly deprecated: string;
  readonly blockCreate: string;
  readonly blockUpdate: string;
}

export const RUNTIME_SCHEDULE: Readonly<Record<string, Schedule>> = {
  'nodejs20.x': { deprecated: '2026-04-30', blockCreate: '2026-08-31', blockUpdate: '2026-09-30' },
  'nodejs22.x': { deprecated: '2027-04-30', blockCreate: '2027-06-01', blockUpdate: '2027-07-01' },
  'nodejs24.x': { deprecated: '2028-04-30', blockCreate: '2028-06-01', blockUpdate: '2028-07-01' },
};

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

/** The runtimes of the same language Lambda still lets you create functions on at `now`. */
export function creatableSuccessors(runtime: string, now: number): string[] {
  const family = /^[a-z]+/.exec(runtime)?.[0] ?? '';
  return Object.entries(RUNTIME_SCHEDULE).filter(([r, s]) => r !== runtime && r.startsWith(family) && now < day(s.blockCreate)).map(([r]) => r);
}

/**
 * What the schedule says about `runtime` at `now` for a function that does not exist yet
 * (`exists` false), or exists and will be changed (`changes` true) or left as it is.
 */
export function runtimeFindings(runtime: string, now: number, exists: boolean, changes: boolean): Finding[] {
  const s = RUNTIME_SCHEDULE[runtime];
  if (!s || now < day(s.deprecated)) return [];
  const instead = creatableSuccessors(runtime, now);
  const use = instead.length > 0 ? `; use ${instead.join(' or ')}` : '';
  if (!exists && now >= day(s.blockCreate))
    return [{ path: 'runtime', severity: 'error', message: `Lambda no longer creates functions on ${runtime} (deprecated ${s.deprecated}, creation blocked since ${s.blockCreate})${use}` }];
  if (exists && changes && now >= day(s.blockUpdate))
    return [{ path: 'runtime', severity: 'error', message: `Lambda no longer updates functions on ${runtime} (deprecated ${s.deprecated}, updates blocked since ${s.blockUpdate})${use}` }];
  const when = (d: string) => (now >= day(d) ? `since ${d}` : `from ${d}`);
  const next = !exists ? `creation is blocked ${when(s.blockCreate)}` : `updates are blocked ${when(s.blockUpdate)}`;
  return [{ path: 'runtime', severity: 'warning', message: `${runtime} is deprecated since ${s.deprecated} (no more security patches; ${next})${use}` }];
}
