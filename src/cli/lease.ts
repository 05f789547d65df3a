/**
 * The stack lease as the CLI takes it: `reconcile --once` and `destroy` hold it for
 * their whole run (waiting at most --lease-wait for another holder, then exit 1 naming
 * it), the daemon for as long as it runs. The lease's own calls go through clients of
 * their own: never fenced, never limited by --concurrency, counted apart from the run's
 * (the daemon shares its counter for /metrics).
 */
import type { CallCounter } from '../aws/call-counter.ts';
import { AwsClients } from '../aws/clients.ts';
import { Fence } from '../aws/fence.ts';
import { DynamoLeaseStore } from '../lease/dynamodb.ts';
import { Lease } from '../lease/lease.ts';
import { isAwsError } from '../reconciler/errors.ts';
import type { Clock, Log, Spec } from '../reconciler/types.ts';
import { systemClock } from '../reconciler/wait.ts';
import type { Sandbox } from '../sandbox/index.ts';
import type { CliArgs } from './args.ts';

/** What the lease calls (docs/OPERATIONS.md; src/resources/iam/actions.ts grants them). */
const LEASE_PERMISSIONS = ['dynamodb:DescribeTable', 'dynamodb:CreateTable', 'dynamodb:GetItem', 'dynamodb:UpdateItem'];

export interface StackLease {
  readonly lease: Lease;
  /** Refuses the run's writes once the lease is gone or its token changed. */
  readonly fence: Fence;
  close(): Promise<void>;
}

export function stackLease(
  args: CliArgs, spec: Spec, sandbox: Sandbox | undefined, log: Log, purpose: string, o: { counter?: CallCounter; clock?: Clock } = {},
): { lease: Lease; clients: AwsClients } {
  const clients = new AwsClients({ region: spec.region, sandbox, counter: o.counter });
  const clock = o.clock ?? systemClock;
  const store = new DynamoLeaseStore(clients, args.lease.table, spec.stack, clock);
  return { lease: new Lease(store, { stack: spec.stack, ttlMs: args.lease.ttlMs, clock, log, purpose }), clients };
}

/** Waits for the lease (--lease-wait), then renews it in the background until close(). */
export async function holdStackLease(args: CliArgs, spec: Spec, sandbox: Sandbox | undefined, log: Log, purpose: string, signal?: AbortSignal): Promise<StackLease> {
  const { lease, clients } = stackLease(args, spec, sandbox, log, purpose);
  try {
    await lease.acquire(args.lease.waitMs, signal);
  } catch (err) {
    clients.destroy();
    if (isAwsError(err)) (err as Error).message += ` (the stack lease needs ${LEASE_PERMISSIONS.join(', ')} on the DynamoDB table ${args.lease.table}: see docs/OPERATIONS.md)`;
    throw err;
  }
  const token = lease.token;
  lease.startRenewing();
  return {
    lease,
    fence: new Fence(() => lease.refusal(token)),
    close: async () => {
      await lease.release();
      clients.destroy();
    },
  };
}
