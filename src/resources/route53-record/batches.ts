/**
 * One ChangeResourceRecordSets per zone where possible. A record's own changes (the
 * record set and its owner TXT) always travel in one batch, so they change atomically;
 * changes several resources submit for one zone in the same turn of the event loop
 * (records whose dependencies settled together, the deletes of a destroy) are sent as
 * one batch too. Route 53 applies a batch all or nothing: when a combined batch is
 * refused (InvalidChangeBatch), each submission is sent on its own, so each resource
 * gets its own answer.
 */
import { ChangeResourceRecordSetsCommand, Route53Client, type Change, type ChangeInfo } from '@aws-sdk/client-route-53';
import type { AdapterContext } from '../../reconciler/types.ts';
import { paced } from '../route53/send.ts';

interface Submission {
  readonly changes: readonly Change[];
  readonly resolve: (info: ChangeInfo) => void;
  readonly reject: (err: unknown) => void;
}

interface Queue {
  readonly ctx: AdapterContext;
  readonly items: Submission[];
}

/** Per client (one run's account) and zone: what waits for the next flush. */
const queues = new WeakMap<Route53Client, Map<string, Queue>>();

/** Batches sent, for tests and benchmarks. */
export const batchStats = { sent: 0 };

async function sendBatch(ctx: AdapterContext, zoneId: string, changes: readonly Change[]): Promise<ChangeInfo> {
  batchStats.sent += 1;
  const out = await paced(ctx, (r53) => r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: [...changes] } })));
  return out.ChangeInfo!;
}

async function flush(zoneId: string, queue: Queue): Promise<void> {
  const { ctx, items } = queue;
  if (items.length === 1) {
    const [only] = items;
    await sendBatch(ctx, zoneId, only!.changes).then(only!.resolve, only!.reject);
    return;
  }
  try {
    const info = await sendBatch(ctx, zoneId, items.flatMap((s) => s.changes));
    for (const s of items) s.resolve(info);
  } catch (err) {
    if ((err as { name?: string }).name !== 'InvalidChangeBatch') {
      for (const s of items) s.reject(err);
      return;
    }
    ctx.log.debug({ zoneId, submissions: items.length }, 'combined change batch refused; sending each on its own');
    for (const s of items) await sendBatch(ctx, zoneId, s.changes).then(s.resolve, s.reject);
  }
}

/** Submits one resource's changes to a zone; resolves with the change that carried them. */
export function submitChanges(ctx: AdapterContext, zoneId: string, changes: readonly Change[]): Promise<ChangeInfo> {
  const client = ctx.clients.get(Route53Client);
  let zones = queues.get(client);
  if (!zones) queues.set(client, (zones = new Map()));
  return new Promise<ChangeInfo>((resolve, reject) => {
    const queued = zones.get(zoneId);
    if (queued) {
      queued.items.push({ changes, resolve, reject });
      return;
    }
    const queue: Queue = { ctx, items: [{ changes, resolve, reject }] };
    zones.set(zoneId, queue);
    setImmediate(() => {
      zones.delete(zoneId);
      void flush(zoneId, queue);
    });
  });
}
