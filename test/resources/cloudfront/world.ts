/**
 * What the CloudFront adapters' own tests share: a sandbox context with a chosen duration
 * profile and a log that keeps its lines, a hook that runs before a command the adapter
 * sends (someone else writing in between), and that someone else's write.
 */
import { CloudFrontClient, type DistributionConfig } from '@aws-sdk/client-cloudfront';
import type { DurationProfile } from '../../../src/sandbox/time.ts';
import type { Log } from '../../../src/reconciler/types.ts';
import { waitFor } from '../../../src/reconciler/wait.ts';
import { harness, type Harness } from '../../sandbox/harness.ts';
import { engineClock, testContext, type TestContext } from '../contract.ts';

export interface Line {
  readonly level: string;
  readonly msg: string;
}

/** A Log keeping every line it is given. */
export function keepingLog(lines: Line[] = []): Log & { readonly lines: Line[] } {
  const at = (level: string) => (_obj: object, msg?: string) => void lines.push({ level, msg: msg ?? '' });
  const log: Log & { lines: Line[] } = { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: () => log };
  return log;
}

export type CdnContext = TestContext & { readonly h: Harness; readonly cf: CloudFrontClient; readonly lines: Line[]; calls(operation: string): number };

/** A fresh account on a manual clock (`realistic`: CloudFront deploys take minutes of virtual time). */
export function cdnContext(profile: DurationProfile = 'quick'): CdnContext {
  const h = harness({ profile });
  const clock = engineClock(h.clock);
  const log = keepingLog();
  const base = testContext(h.clients, h.sandbox.region, undefined, clock);
  return {
    ...base,
    log,
    waitFor: (check, opts) => waitFor(check, opts, clock, log),
    h,
    cf: h.clients.get(CloudFrontClient),
    lines: log.lines,
    calls: (operation) => h.clients.counter.count('cloudfront', operation),
  };
}

let hooks = 0;

/** Runs `before` ahead of each `command` the client sends (e.g. 'UpdateDistributionCommand'); returns the remover. */
export function beforeCommand(cf: CloudFrontClient, command: string, before: (input: Record<string, unknown>) => Promise<void>): () => void {
  const name = `test-hook-${++hooks}`;
  cf.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === command) await before(args.input as Record<string, unknown>);
      return next(args);
    },
    { step: 'initialize', name },
  );
  return () => void cf.middlewareStack.remove(name);
}

/** Someone else's UpdateDistribution (straight into the sandbox, past the client): changes the ETag. */
export async function someoneUpdates(h: Harness, Id: string, change: (c: DistributionConfig) => DistributionConfig): Promise<void> {
  const got = (await h.sandbox.call('CloudFrontClient', 'GetDistributionConfig', { Id })) as { DistributionConfig: DistributionConfig; ETag: string };
  await h.sandbox.call('CloudFrontClient', 'UpdateDistribution', { Id, IfMatch: got.ETag, DistributionConfig: change(got.DistributionConfig) });
}
