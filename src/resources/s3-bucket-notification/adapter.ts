/**
 * s3.bucket-notification: S3 keeps one notification configuration per bucket and replaces
 * it whole on every write. blogctl owns it whole, and knows its own configurations by
 * their S3 Id, `blogctl-<stack>_<id>.<configuration id>` (AWS cannot tag them). What other
 * tools wrote there is kept in the observed state as `foreign`: the plan shows each one
 * it would replace (and observe notes it as a warning), a bucket holding only others' configurations is
 * an adoption candidate (taken only with --adopt), and a delete puts them back.
 */
import {
  GetBucketNotificationConfigurationCommand, PutBucketNotificationConfigurationCommand, S3Client,
  type LambdaFunctionConfiguration, type NotificationConfiguration, type NotificationConfigurationFilter, type Event,
} from '@aws-sdk/client-s3';
import { type AdapterContext, type DesiredOf, type FieldChange, type Observation, type ObservedNote, type ResourceAdapter } from '../../reconciler/types.ts';
import { isNotFound, unlessGone } from '../aws-errors.ts';
import { diffFields } from '../normalize/compare.ts';
import { forEachParent, ownerKey, ownerTags, parseOwnerKey } from '../natural-key.ts';
import { bucketNotificationProperties } from './schema.ts';

type Desired = DesiredOf<typeof bucketNotificationProperties>;

export interface LambdaConfig {
  readonly id: string;
  readonly lambdaFunctionArn: string;
  /** Sorted. */
  readonly events: string[];
  readonly filter?: { readonly prefix?: string; readonly suffix?: string };
}

/** A configuration blogctl did not write: another tool's, or another stack's. */
export interface ForeignConfig {
  readonly id: string;
  readonly destination: string;
  readonly events: string[];
  /** As S3 returned it, to be put back. */
  readonly raw: { readonly kind: 'LambdaFunctionConfigurations' | 'TopicConfigurations' | 'QueueConfigurations'; readonly config: object };
}

export interface ObservedNotification {
  readonly bucket: string;
  readonly lambdaFunctionConfigurations: LambdaConfig[];
  readonly eventBridgeEnabled: boolean;
  readonly foreign: ForeignConfig[];
}

const s3 = (ctx: AdapterContext) => ctx.clients.get(S3Client);

const filterOf = (f: NotificationConfigurationFilter | undefined): LambdaConfig['filter'] => {
  const rules = f?.Key?.FilterRules ?? [];
  const value = (name: string) => rules.find((r) => r.Name?.toLowerCase() === name)?.Value || undefined;
  const prefix = value('prefix');
  const suffix = value('suffix');
  return prefix === undefined && suffix === undefined ? undefined : { ...(prefix !== undefined && { prefix }), ...(suffix !== undefined && { suffix }) };
};

/** The spec's configurations as S3 would report them: ids defaulted, events sorted, empty filters dropped. */
export function desiredConfigs(d: Desired): LambdaConfig[] {
  return d.lambdaFunctionConfigurations.map((c, i) => {
    const filter = filterOf({ Key: { FilterRules: [{ Name: 'prefix', Value: c.filter?.prefix }, { Name: 'suffix', Value: c.filter?.suffix }] } });
    return { id: c.id ?? String(i), lambdaFunctionArn: c.lambdaFunctionArn, events: [...c.events].sort(), ...(filter && { filter }) };
  });
}

function read(ctx: AdapterContext, bucket: string, config: NotificationConfiguration): { mine: Map<string, LambdaConfig[]>; others: Map<string, string>; state: Omit<ObservedNotification, 'lambdaFunctionConfigurations'> } {
  const mine = new Map<string, LambdaConfig[]>();
  const others = new Map<string, string>();
  const foreign: ForeignConfig[] = [];
  for (const c of config.LambdaFunctionConfigurations ?? []) {
    const key = parseOwnerKey(c.Id);
    const events = [...(c.Events ?? [])].sort();
    if (key?.stack === ctx.stack && key.part !== undefined) {
      const filter = filterOf(c.Filter);
      const list = mine.get(key.id) ?? mine.set(key.id, []).get(key.id)!;
      list.push({ id: key.part, lambdaFunctionArn: c.LambdaFunctionArn ?? '', events, ...(filter && { filter }) });
      continue;
    }
    if (key) others.set(key.stack, key.id);
    foreign.push({ id: c.Id ?? '', destination: c.LambdaFunctionArn ?? '', events, raw: { kind: 'LambdaFunctionConfigurations', config: c } });
  }
  for (const c of config.TopicConfigurations ?? []) foreign.push({ id: c.Id ?? '', destination: c.TopicArn ?? '', events: [...(c.Events ?? [])].sort(), raw: { kind: 'TopicConfigurations', config: c } });
  for (const c of config.QueueConfigurations ?? []) foreign.push({ id: c.Id ?? '', destination: c.QueueArn ?? '', events: [...(c.Events ?? [])].sort(), raw: { kind: 'QueueConfigurations', config: c } });
  return { mine, others, state: { bucket, eventBridgeEnabled: config.EventBridgeConfiguration !== undefined, foreign } };
}

const getConfig = (ctx: AdapterContext, bucket: string): Promise<NotificationConfiguration | undefined> =>
  unlessGone(s3(ctx).send(new GetBucketNotificationConfigurationCommand({ Bucket: bucket })));

/** Puts the whole configuration: blogctl's (from the spec) and `keep` (others' to put back). */
async function put(ctx: AdapterContext, id: string, d: Desired | undefined, bucket: string, keep: readonly ForeignConfig[]): Promise<void> {
  const config: NotificationConfiguration = {};
  const lambdas: LambdaFunctionConfiguration[] = (d ? desiredConfigs(d) : []).map((c) => ({
    Id: ownerKey(ctx.stack, id, c.id), LambdaFunctionArn: c.lambdaFunctionArn, Events: c.events as Event[],
    ...(c.filter && { Filter: { Key: { FilterRules: [...(c.filter.prefix !== undefined ? [{ Name: 'prefix' as const, Value: c.filter.prefix }] : []), ...(c.filter.suffix !== undefined ? [{ Name: 'suffix' as const, Value: c.filter.suffix }] : [])] } } }),
  }));
  for (const f of keep) ((config[f.raw.kind] ??= []) as object[]).push(f.raw.config);
  if (lambdas.length > 0) config.LambdaFunctionConfigurations = [...(config.LambdaFunctionConfigurations ?? []), ...lambdas];
  if (d?.eventBridgeEnabled) config.EventBridgeConfiguration = {};
  await s3(ctx).send(new PutBucketNotificationConfigurationCommand({ Bucket: bucket, NotificationConfiguration: config }));
}

function diffNotification(d: Desired, o: ObservedNotification): FieldChange[] {
  const want = new Map(desiredConfigs(d).map((c) => [c.id, c]));
  const have = new Map(o.lambdaFunctionConfigurations.map((c) => [c.id, c]));
  const ids = [...new Set([...want.keys(), ...have.keys()])].sort();
  return [
    ...diffFields(d, o, ['bucket']),
    ...ids.filter((i) => JSON.stringify(want.get(i)) !== JSON.stringify(have.get(i)))
      .map((i) => ({ path: `lambdaFunctionConfigurations[${i}]`, from: have.get(i), to: want.get(i) })),
    ...o.foreign.map((f) => ({ path: `foreign[${f.id}]`, from: { destination: f.destination, events: f.events }, to: undefined })),
    ...diffFields(d, o, ['eventBridgeEnabled']),
  ];
}

/** The plan's warning about configurations blogctl did not write, which an apply replaces. */
function othersNote(bucket: string, foreign: readonly ForeignConfig[]): { notes?: ObservedNote[] } {
  if (foreign.length === 0) return {};
  const list = foreign.map((f) => `${f.id} (${f.events.join(', ')} -> ${f.destination})`).join('; ');
  return {
    notes: [{
      path: 'lambdaFunctionConfigurations', severity: 'warning',
      message: `the notification configuration of bucket ${bucket} also holds ${foreign.length} configuration(s) blogctl did not write: ${list}. ` +
        'S3 keeps one configuration per bucket, so applying replaces them: add them to the spec to keep them',
    }],
  };
}

async function readBack(ctx: AdapterContext, id: string, bucket: string): Promise<ObservedNotification> {
  const config = (await getConfig(ctx, bucket)) ?? {};
  const { mine, state } = read(ctx, bucket, config);
  return { ...state, lambdaFunctionConfigurations: mine.get(id) ?? [] };
}

export const bucketNotificationAdapter: ResourceAdapter<'s3.bucket-notification', Desired, ObservedNotification> = {
  kind: 's3.bucket-notification',
  identifiedBy: 'natural-key',
  replaceOn: ['bucket'],
  replaceOrder: 'create-before-delete',

  async observe(requests, ctx) {
    const found: Observation<ObservedNotification>[] = [];
    // The buckets the spec names, and every bucket of the stack (a notification that left the spec, or moved).
    await forEachParent(ctx, requests, (x) => x.bucket, 's3', (arn) => arn.slice(arn.lastIndexOf(':') + 1), async (bucket) => {
      const config = await getConfig(ctx, bucket);
      if (!config) return;
      const { mine, others, state } = read(ctx, bucket, config);
      const notes = othersNote(bucket, state.foreign);
      for (const [id, configs] of mine) found.push({ id, state: { ...state, lambdaFunctionConfigurations: configs }, tags: ownerTags(ctx.stack, id), ...notes });
      if (mine.size > 0 || state.foreign.length === 0) return;
      // Nothing of ours on a bucket we are asked about: another stack's, or other tools' (adopt).
      const [otherStack, otherId] = [...others][0] ?? [];
      for (const r of requests.filter((q) => q.desired?.bucket === bucket))
        found.push({ id: r.id, state: { ...state, lambdaFunctionConfigurations: [] }, tags: otherStack ? ownerTags(otherStack, otherId!) : {}, ...notes });
    });
    return found;
  },

  diff: diffNotification,

  async create(id, desired, ctx) {
    // Written whole: refuse to replace what someone wrote since the plan saw nothing there.
    const { state } = read(ctx, desired.bucket, (await getConfig(ctx, desired.bucket)) ?? {});
    if (state.foreign.length > 0)
      throw new Error(`bucket ${desired.bucket} got notification configurations from elsewhere since the plan (${state.foreign.map((f) => f.id).join(', ')}): plan again`);
    await put(ctx, id, desired, desired.bucket, []);
    return readBack(ctx, id, desired.bucket);
  },

  async update(id, desired, _observed, _changes, ctx) {
    await put(ctx, id, desired, desired.bucket, []);
    return readBack(ctx, id, desired.bucket);
  },

  async delete(observed, ctx) {
    try {
      await put(ctx, '', undefined, observed.bucket, observed.foreign);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  },

  outputs: (o) => ({ id: o.bucket, arn: `arn:aws:s3:::${o.bucket}` }),
};
