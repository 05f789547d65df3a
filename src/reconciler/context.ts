/**
 * The adapter context: what the engine gives adapters (clients, clock, logger, identity,
 * waits), and its per-resource form with a child logger, so every line an adapter or
 * the engine logs about a resource names it.
 */
import type { AdapterContext, ClientProvider, Clock, Kind, Log, LogicalId } from './types.ts';
import { waitFor } from './wait.ts';

export interface ContextParts {
  readonly stack: string;
  readonly region: string;
  readonly specDir?: string;
  readonly clients: ClientProvider;
  readonly clock: Clock;
  readonly log: Log;
  identityTags(id: LogicalId, phase?: 'creating'): Readonly<Record<string, string>>;
  clientToken(id: LogicalId): string;
}

export function adapterContext(p: ContextParts): AdapterContext {
  return {
    ...p,
    identityTags: p.identityTags,
    clientToken: p.clientToken,
    waitFor: (check, opts) => waitFor(check, opts, p.clock, p.log),
  };
}

/** The same context, logging as `resource`. */
export function forResource(ctx: AdapterContext, id: LogicalId, kind: Kind): AdapterContext {
  const log = ctx.log.child({ resource: id, kind });
  return { ...ctx, log, waitFor: (check, opts) => waitFor(check, opts, ctx.clock, log) };
}

/** A logger that drops everything: tests and library callers that do not care. */
export const silentLog: Log = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLog,
};
