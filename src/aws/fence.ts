/**
 * The lease fence: a middleware in every client of a run that refuses each write
 * attempt once this process may no longer hold the stack's lease. It sits inside the
 * retry loop, ahead of the call counter, so a refused attempt never reaches AWS and is
 * not counted as a call; reads (Describe/List/Get/Head) always pass.
 * The guard says why a write is refused (lease lost, expired, or taken by a newer
 * token), or undefined while writing is allowed. The error is not retryable: the SDK
 * and the engine stop on it, and the walker starts nothing new.
 */
import type { MiddlewareHost } from './call-counter.ts';
import { isReadOperation } from './read-operations.ts';

export const FENCE_MIDDLEWARE = 'blogctlLeaseFence';

export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
}

export class Fence {
  /** Writes refused so far (metrics). */
  refused = 0;
  constructor(private readonly guard: () => string | undefined) {}

  /** Throws LeaseLostError when `operation` writes and the guard says no. */
  check(service: string, operation: string): void {
    if (isReadOperation(operation)) return;
    const why = this.guard();
    if (why === undefined) return;
    this.refused += 1;
    throw new LeaseLostError(`refused ${service}:${operation}: ${why}`);
  }
}

interface HandlerContext {
  readonly clientName?: string;
  readonly commandName?: string;
}

export function attachFence(client: MiddlewareHost, fence: Fence): void {
  const middleware = (next: (args: unknown) => Promise<unknown>, context: HandlerContext) => (args: unknown) => {
    fence.check((context.clientName ?? 'unknown').replace(/Client$/, '').toLowerCase(), (context.commandName ?? 'unknown').replace(/Command$/, ''));
    return next(args);
  };
  client.middlewareStack.addRelativeTo(middleware as never, {
    relation: 'after',
    toMiddleware: 'retryMiddleware',
    name: FENCE_MIDDLEWARE,
    override: true,
  });
}
