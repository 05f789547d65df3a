/**
 * Route 53 allows five requests a second per account, every API together. Every call
 * the Route 53 kinds make goes through `send`, which paces them with a token bucket on
 * the engine's clock (virtual in tests): five at once, then one every 200 ms. The SDK
 * still retries a Throttling answer (other tools share the account's quota).
 */
import { Route53Client } from '@aws-sdk/client-route-53';
import type { AdapterContext, Clock } from '../../reconciler/types.ts';

export const ROUTE53_RATE_PER_SECOND = 5;
const BURST = 5;

/** A token bucket whose reservations are taken synchronously, so concurrent callers queue in order. */
export class Pacer {
  #tokens: number;
  #at: number | undefined;
  constructor(
    readonly ratePerSecond: number,
    readonly burst: number,
  ) {
    this.#tokens = burst;
  }

  /** Milliseconds to wait before the next call may go; takes its token now. */
  reserve(now: number): number {
    if (this.#at !== undefined) this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#at) / 1000) * this.ratePerSecond);
    this.#at = now;
    this.#tokens -= 1;
    return this.#tokens >= 0 ? 0 : Math.ceil((-this.#tokens / this.ratePerSecond) * 1000);
  }

  async take(clock: Clock): Promise<void> {
    const wait = this.reserve(clock.now());
    if (wait > 0) await clock.sleep(wait);
  }
}

/** One pacer per client: one run, one account. */
const pacers = new WeakMap<object, Pacer>();

/** Runs one Route 53 call once the account's pace allows it: `paced(ctx, (r53) => r53.send(new GetChangeCommand(...)))`. */
export async function paced<T>(ctx: AdapterContext, call: (client: Route53Client) => Promise<T>): Promise<T> {
  const client = ctx.clients.get(Route53Client);
  let pacer = pacers.get(client);
  if (!pacer) pacers.set(client, (pacer = new Pacer(ROUTE53_RATE_PER_SECOND, BURST)));
  await pacer.take(ctx.clock);
  return call(client);
}
