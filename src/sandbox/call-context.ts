/**
 * What a handler gets besides its input (CallContext, service.ts): its service's state,
 * other services' state, ids, ARNs, time; and the errors the sandbox answers with for
 * injected faults.
 */
import type { FaultKind } from './faults.ts';
import { formatArn, IdGenerator } from './ids.ts';
import type { SimulatorRegistry } from './registry.ts';
import { type AnySimulator, type CallContext, type EffectContext, SimulatedError } from './service.ts';
import type { AccountState } from './state.ts';
import type { Durations } from './time.ts';

/** A read runs on the account as it is; a write through the store's undo journal. */
export type Mode = 'read' | 'write';

/** Thrown by a read that needs to create a service's state: the sandbox runs the call again as a write. */
export class NeedsWrite {}

export interface ContextRequest {
  readonly sim: AnySimulator;
  readonly account: AccountState;
  readonly operation: string;
  readonly mode: Mode;
  readonly region: string;
  readonly now: number;
  readonly durations: Durations;
  readonly registry: SimulatorRegistry;
  readonly afterCommit: (fn: (effect: EffectContext) => void | Promise<void>) => void;
}

/** A service's state in the account, created on first use (only by a write). */
function serviceState(r: ContextRequest, name: string, ids: IdGenerator): unknown {
  const { account } = r;
  if (account.services[name] !== undefined) return account.services[name];
  const sim = r.registry.byName(name);
  if (sim === undefined) throw new Error(`blogctl sandbox: no simulator named '${name}'`);
  if (r.mode === 'read') throw new NeedsWrite();
  account.services[name] = sim.initialState({ accountId: account.accountId, region: r.region, now: r.now, ids });
  return account.services[name];
}

export function buildContext<S>(r: ContextRequest): CallContext<S> {
  const { account, sim, region } = r;
  const ids = new IdGenerator(account);
  const namespace = sim.arnNamespace ?? sim.name;
  return {
    state: serviceState(r, sim.name, ids) as S,
    operation: r.operation,
    region,
    accountId: account.accountId,
    now: r.now,
    ids,
    durations: r.durations,
    arn: (resource, o = {}) =>
      formatArn({ service: o.service ?? namespace, region: o.region ?? region, account: o.account ?? account.accountId, resource }),
    serviceState: <T>(name: string) => serviceState(r, name, ids) as T,
    maybeServiceState: <T>(name: string) => (r.registry.has(name) ? (serviceState(r, name, ids) as T) : undefined),
    afterCommit: r.afterCommit,
    fail: (code, message, options) => {
      throw new SimulatedError(code, message, options);
    },
  };
}

/** What an injected or rate-limit fault answers with, in the service's own codes. */
export function faultError(sim: AnySimulator, fault: FaultKind): SimulatedError {
  if (fault === 'throttle') {
    const t = sim.errors.throttling;
    return new SimulatedError(t.code, 'Rate exceeded (blogctl sandbox).', { status: t.status, fault: t.status >= 500 ? 'server' : 'client' });
  }
  if (fault === 'server-error') {
    const t = sim.errors.serverError;
    return new SimulatedError(t.code, 'An internal error has occurred (blogctl sandbox fault injection).', { status: t.status, fault: 'server' });
  }
  const status = fault.status ?? 400;
  return new SimulatedError(fault.code, fault.message ?? `${fault.code} (blogctl sandbox fault injection)`, {
    status,
    fault: status >= 500 ? 'server' : 'client',
  });
}
