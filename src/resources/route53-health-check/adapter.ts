/**
 * route53.health-check's adapter. Health checks have no name: observe lists them
 * (ListHealthChecks) and reads tags ten ids a call. CreateHealthCheck takes no tags, so
 * a create is two calls; its CallerReference starts with the client token, so one cut
 * short between them is found again (as "spec not applied yet") instead of duplicated.
 * Type, request interval and latency measurement cannot change: they replace the check.
 */
import {
  CreateHealthCheckCommand, DeleteHealthCheckCommand, ListHealthChecksCommand, UpdateHealthCheckCommand, type HealthCheck,
  type HealthCheckConfig,
} from '@aws-sdk/client-route-53';
import { CREATING, TAG, type DesiredOf, type Observation, type ResourceAdapter } from '../../reconciler/types.ts';
import { goneIsFine } from '../aws-errors.ts';
import { diffFields } from '../normalize/compare.ts';
import { diffTags } from '../normalize/tags.ts';
import { paced } from '../route53/send.ts';
import { listTags, syncTags } from '../route53/tags.ts';
import { healthCheckProperties } from './schema.ts';

type Desired = DesiredOf<typeof healthCheckProperties>;

export interface ObservedHealthCheck extends Omit<Desired, 'tags'> {
  readonly healthCheckId: string;
  readonly callerReference: string;
  readonly version: number;
  readonly tags: Record<string, string>;
}

const FIELDS = [
  'type', 'fullyQualifiedDomainName', 'ipAddress', 'port', 'resourcePath', 'searchString', 'requestInterval', 'failureThreshold',
  'enableSni', 'measureLatency', 'inverted',
] as const;

const callerReferencePrefix = (token: string) => `blogctl-${token}`;

function fromAws(h: HealthCheck, tags: Record<string, string>): ObservedHealthCheck {
  const c = h.HealthCheckConfig!;
  return {
    healthCheckId: h.Id!,
    callerReference: h.CallerReference ?? '',
    version: h.HealthCheckVersion ?? 1,
    type: c.Type as Desired['type'],
    ...(c.FullyQualifiedDomainName !== undefined && { fullyQualifiedDomainName: c.FullyQualifiedDomainName.toLowerCase() }),
    ...(c.IPAddress !== undefined && { ipAddress: c.IPAddress }),
    ...(c.Port !== undefined && { port: c.Port }),
    ...(c.ResourcePath !== undefined && { resourcePath: c.ResourcePath }),
    ...(c.SearchString !== undefined && { searchString: c.SearchString }),
    requestInterval: (c.RequestInterval ?? 30) as 10 | 30,
    failureThreshold: c.FailureThreshold ?? 3,
    ...(c.EnableSNI !== undefined && { enableSni: c.EnableSNI }),
    measureLatency: c.MeasureLatency ?? false,
    inverted: c.Inverted ?? false,
    ...(c.Regions !== undefined && c.Regions.length > 0 && { regions: [...c.Regions].sort() as Desired['regions'] }),
    tags,
  };
}

/** What can change in place, as UpdateHealthCheck takes it (CreateHealthCheck takes the rest too). */
function updatable(d: Desired) {
  return {
    ...(d.fullyQualifiedDomainName !== undefined && { FullyQualifiedDomainName: d.fullyQualifiedDomainName }),
    ...(d.ipAddress !== undefined && { IPAddress: d.ipAddress }),
    ...(d.port !== undefined && { Port: d.port }),
    ...(d.resourcePath !== undefined && { ResourcePath: d.resourcePath }),
    ...(d.searchString !== undefined && { SearchString: d.searchString }),
    FailureThreshold: d.failureThreshold,
    ...(d.enableSni !== undefined && { EnableSNI: d.enableSni }),
    Inverted: d.inverted,
    ...(d.regions !== undefined && { Regions: d.regions }),
  };
}

async function listAll(ctx: Parameters<ResourceAdapter['observe']>[1]): Promise<HealthCheck[]> {
  const all: HealthCheck[] = [];
  let Marker: string | undefined;
  do {
    const page = await paced(ctx, (r53) => r53.send(new ListHealthChecksCommand({ MaxItems: 1000, ...(Marker && { Marker }) })));
    all.push(...(page.HealthChecks ?? []));
    Marker = page.IsTruncated ? page.NextMarker : undefined;
  } while (Marker);
  return all;
}

export const healthCheckAdapter: ResourceAdapter<'route53.health-check', Desired, ObservedHealthCheck> = {
  kind: 'route53.health-check',
  replaceOn: ['type', 'requestInterval', 'measureLatency'],
  // Records move to the new check before the old one goes.
  replaceOrder: 'create-before-delete',
  timeouts: { create: 5 * 60_000, update: 5 * 60_000, delete: 5 * 60_000, ready: 5 * 60_000 },

  async observe(requests, ctx) {
    const checks = await listAll(ctx);
    const tags = checks.length > 0 ? await listTags(ctx, 'healthcheck', checks.map((h) => h.Id!)) : new Map<string, Record<string, string>>();
    const found: Observation<ObservedHealthCheck>[] = [];
    for (const h of checks) {
      const t = tags.get(h.Id!) ?? {};
      if (t[TAG.stack] === ctx.stack && t[TAG.id] !== undefined) found.push({ id: t[TAG.id]!, state: fromAws(h, t), tags: t });
    }
    // A create cut short before its tags: found by the client token in its CallerReference.
    for (const r of requests) {
      if (!r.desired || found.some((o) => o.id === r.id)) continue;
      const prefix = callerReferencePrefix(ctx.clientToken(r.id));
      const h = checks.find((x) => x.CallerReference?.startsWith(prefix) && (tags.get(x.Id!) ?? {})[TAG.stack] === undefined);
      if (h) found.push({ id: r.id, state: fromAws(h, {}), tags: { [TAG.stack]: ctx.stack, [TAG.id]: r.id, [TAG.spec]: CREATING } });
    }
    return found;
  },

  diff(desired, observed, explain) {
    for (const f of ['port', 'enableSni'] as const)
      if (desired[f] === undefined && observed[f] !== undefined)
        explain?.({ path: f, desired: undefined, observed: observed[f], reason: `${f} not in the spec: Route 53's default for a ${observed.type} check, not compared` });
    return [
      ...diffFields({ ...desired, fullyQualifiedDomainName: desired.fullyQualifiedDomainName?.toLowerCase() }, observed, FIELDS),
      ...diffFields({ regions: desired.regions && [...desired.regions].sort() }, observed, ['regions']),
      ...diffTags(desired.tags, observed.tags, explain),
    ];
  },

  async create(id, desired, ctx) {
    // A CallerReference is accepted once, ever: the clock makes each create's unique, the token findable.
    const callerReference = `${callerReferencePrefix(ctx.clientToken(id))}-${ctx.clock.now().toString(36)}`;
    const config: HealthCheckConfig = {
      Type: desired.type, RequestInterval: desired.requestInterval, MeasureLatency: desired.measureLatency, ...updatable(desired),
    };
    const out = await paced(ctx, (r53) => r53.send(new CreateHealthCheckCommand({ CallerReference: callerReference, HealthCheckConfig: config })));
    const identity = ctx.identityTags(id);
    await syncTags(ctx, 'healthcheck', out.HealthCheck!.Id!, desired.tags, {}, identity);
    return fromAws(out.HealthCheck!, { ...(desired.tags ?? {}), ...identity });
  },

  async update(id, desired, observed, changes, ctx) {
    let state = observed;
    // Fields the spec leaves out are not managed (AWS's defaults, or what someone set): nothing is reset.
    if (changes.some((c) => !c.path.startsWith('tags.'))) {
      const out = await paced(ctx, (r53) => r53.send(new UpdateHealthCheckCommand({
        HealthCheckId: observed.healthCheckId, HealthCheckVersion: observed.version, ...updatable(desired),
      })));
      state = fromAws(out.HealthCheck!, observed.tags);
    }
    const identity = ctx.identityTags(id);
    await syncTags(ctx, 'healthcheck', observed.healthCheckId, desired.tags, observed.tags, identity);
    return { ...state, tags: { ...(desired.tags ?? {}), ...identity } };
  },

  delete: (observed, ctx) => goneIsFine(() => paced(ctx, (r53) => r53.send(new DeleteHealthCheckCommand({ HealthCheckId: observed.healthCheckId })))),

  outputs: (o) => ({ id: o.healthCheckId, arn: `arn:aws:route53:::healthcheck/${o.healthCheckId}` }),
};
