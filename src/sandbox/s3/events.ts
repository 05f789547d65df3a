/**
 * S3 event notifications to Lambda. Which configurations an event matches: the event types
 * S3 accepts (s3:ObjectCreated:* covers every ObjectCreated:...) and the prefix / suffix key
 * filter. Each match gets a real-shaped event record (eventVersion 2.1, key URL-encoded
 * with spaces as '+', an increasing sequencer), and once the call commits the function is
 * invoked asynchronously (InvocationType Event) through the sandbox's Lambda, which runs
 * its handler in process and records the invocation.
 */
import type { LambdaFunctionConfiguration } from '@aws-sdk/client-s3';
import { hashHex } from '../ids.ts';
import { bucketArn, type S3Ctx } from './bucket-lookup.ts';
import type { BucketRec } from './state.ts';

export const EVENT_TYPES: readonly string[] = [
  's3:TestEvent',
  's3:ObjectCreated:*', 's3:ObjectCreated:Put', 's3:ObjectCreated:Post', 's3:ObjectCreated:Copy', 's3:ObjectCreated:CompleteMultipartUpload',
  's3:ObjectRemoved:*', 's3:ObjectRemoved:Delete', 's3:ObjectRemoved:DeleteMarkerCreated',
  's3:ObjectRestore:*', 's3:ObjectRestore:Post', 's3:ObjectRestore:Completed', 's3:ObjectRestore:Delete',
  's3:ReducedRedundancyLostObject',
  's3:Replication:*', 's3:Replication:OperationFailedReplication', 's3:Replication:OperationMissedThreshold',
  's3:Replication:OperationReplicatedAfterThreshold', 's3:Replication:OperationNotTracked',
  's3:LifecycleExpiration:*', 's3:LifecycleExpiration:Delete', 's3:LifecycleExpiration:DeleteMarkerCreated',
  's3:LifecycleTransition', 's3:IntelligentTiering',
  's3:ObjectTagging:*', 's3:ObjectTagging:Put', 's3:ObjectTagging:Delete', 's3:ObjectAcl:Put',
];

/** Does the configured event type (s3:ObjectCreated:*) cover the event (ObjectCreated:Put)? */
export function eventMatches(configured: string, eventName: string): boolean {
  const type = configured.replace(/^s3:/, '');
  if (type.endsWith(':*')) return eventName.startsWith(type.slice(0, -1));
  return type === eventName;
}

export function filterOf(c: LambdaFunctionConfiguration): { prefix: string; suffix: string } {
  const rules = c.Filter?.Key?.FilterRules ?? [];
  const value = (name: string) => rules.find((r) => r.Name?.toLowerCase() === name)?.Value ?? '';
  return { prefix: value('prefix'), suffix: value('suffix') };
}

export function configMatches(c: LambdaFunctionConfiguration, eventName: string, key: string): boolean {
  const { prefix, suffix } = filterOf(c);
  return (c.Events ?? []).some((e) => eventMatches(e, eventName)) && key.startsWith(prefix) && key.endsWith(suffix);
}

export type ObjectEventName = 'ObjectCreated:Put' | 'ObjectRemoved:Delete' | 'ObjectRemoved:DeleteMarkerCreated';

export interface ObjectEvent {
  readonly name: ObjectEventName;
  readonly key: string;
  readonly size?: number;
  /** Without quotes, as event records carry it. */
  readonly eTag?: string;
  /** Only for versioned buckets. */
  readonly versionId?: string;
}

/** Keys in event records are URL-encoded as a form value: spaces become '+', slashes stay. */
export function eventKey(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');
}

function sequencer(ctx: S3Ctx, bucket: BucketRec): string {
  bucket.sequence += 1;
  return `${ctx.now.toString(16).padStart(12, '0')}${bucket.sequence.toString(16).padStart(6, '0')}`.toUpperCase();
}

function record(ctx: S3Ctx, bucket: BucketRec, event: ObjectEvent, configurationId: string, sequence: string): Record<string, unknown> {
  const requestId = hashHex(ctx.accountId, bucket.name, sequence).slice(0, 16).toUpperCase();
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: bucket.region,
    eventTime: new Date(ctx.now).toISOString(),
    eventName: event.name,
    userIdentity: { principalId: `AWS:${ctx.accountId}` },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: { 'x-amz-request-id': requestId, 'x-amz-id-2': Buffer.from(hashHex(requestId)).toString('base64').slice(0, 76) },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId,
      bucket: { name: bucket.name, ownerIdentity: { principalId: `A${hashHex(ctx.accountId).slice(0, 13).toUpperCase()}` }, arn: bucketArn(ctx, bucket.name) },
      object: {
        key: eventKey(event.key),
        ...(event.size !== undefined && { size: event.size }),
        ...(event.eTag !== undefined && { eTag: event.eTag }),
        ...(event.versionId !== undefined && { versionId: event.versionId }),
        sequencer: sequence,
      },
    },
  };
}

/** Sends the events to the Lambda destinations they match, once the call has committed. */
export function notify(ctx: S3Ctx, bucket: BucketRec, events: readonly ObjectEvent[]): void {
  const deliveries: { functionArn: string; payload: string }[] = [];
  for (const event of events) {
    const sequence = sequencer(ctx, bucket);
    for (const c of bucket.notification.LambdaFunctionConfigurations ?? []) {
      if (!configMatches(c, event.name, event.key)) continue;
      deliveries.push({ functionArn: c.LambdaFunctionArn!, payload: JSON.stringify({ Records: [record(ctx, bucket, event, c.Id ?? '', sequence)] }) });
    }
  }
  if (deliveries.length === 0) return;
  ctx.afterCommit(async (effect) => {
    const failed: Error[] = [];
    for (const d of deliveries) {
      const region = d.functionArn.split(':')[3];
      try {
        await effect.call('LambdaClient', 'Invoke', { FunctionName: d.functionArn, InvocationType: 'Event', Payload: Buffer.from(d.payload) }, region);
      } catch (e) {
        failed.push(e as Error);
      }
    }
    if (failed.length > 0) throw new AggregateError(failed, `S3 could not deliver ${failed.length} event(s) to Lambda: ${failed.map((e) => e.message).join('; ')}`);
  });
}
