/**
 * elbv2.load-balancer's adapter. Observe lists the region's load balancers with their
 * tags (DescribeTags in batches of 20) and reads the attributes of this stack's ones.
 * A new load balancer is `provisioning` for minutes: readiness is `active`. A delete is
 * accepted at once and finished by AWS: it answers 'deleting' and observe confirms.
 */
import {
  CreateLoadBalancerCommand, DeleteLoadBalancerCommand, DescribeLoadBalancerAttributesCommand, ElasticLoadBalancingV2Client,
  ModifyLoadBalancerAttributesCommand, SetIpAddressTypeCommand, SetSecurityGroupsCommand, SetSubnetsCommand, type LoadBalancer,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { DesiredOf, FieldChange, ResourceAdapter } from '../../reconciler/types.ts';
import { arnSuffix } from '../elbv2/names.ts';
import { known } from '../known-values.ts';
import { listLoadBalancers } from '../elbv2/load-balancers.ts';
import { selectForStack } from '../elbv2/select.ts';
import { createTags, markCreated, stateTags, syncElbTags } from '../elbv2/tags.ts';
import { diffFields, diffIdSet } from '../normalize/compare.ts';
import { diffTags } from '../normalize/tags.ts';
import { loadBalancerProperties } from './schema.ts';

type Desired = DesiredOf<typeof loadBalancerProperties>;

export interface ObservedLoadBalancer {
  readonly arn: string;
  readonly name: string;
  readonly type: 'application' | 'network';
  readonly scheme: 'internet-facing' | 'internal';
  readonly ipAddressType: 'ipv4' | 'dualstack';
  readonly vpcId: string;
  readonly dnsName: string;
  readonly canonicalHostedZoneId: string;
  /** provisioning | active | active_impaired | failed */
  readonly state: string;
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly idleTimeoutSeconds: number;
  readonly deletionProtection: boolean;
  readonly dropInvalidHeaderFields: boolean;
  readonly http2: boolean;
  readonly tags: Record<string, string>;
}

type Attributes = Pick<ObservedLoadBalancer, 'idleTimeoutSeconds' | 'deletionProtection' | 'dropInvalidHeaderFields' | 'http2'>;

/** The attributes blogctl manages, by AWS key; Network Load Balancers have only deletion protection of these. */
const ATTRIBUTE_KEYS: Readonly<Record<keyof Attributes, string>> = {
  idleTimeoutSeconds: 'idle_timeout.timeout_seconds',
  deletionProtection: 'deletion_protection.enabled',
  dropInvalidHeaderFields: 'routing.http.drop_invalid_header_fields.enabled',
  http2: 'routing.http2.enabled',
};
const managedAttributes = (type: string): (keyof Attributes)[] =>
  type === 'network' ? ['deletionProtection'] : (Object.keys(ATTRIBUTE_KEYS) as (keyof Attributes)[]);

/** AWS's defaults, for what an attribute read does not return. */
const DEFAULTS: Attributes = { idleTimeoutSeconds: 60, deletionProtection: false, dropInvalidHeaderFields: false, http2: true };

function readAttributes(list: readonly { Key?: string | undefined; Value?: string | undefined }[]): Attributes {
  const get = (k: keyof Attributes) => list.find((a) => a.Key === ATTRIBUTE_KEYS[k])?.Value;
  const bool = (k: 'deletionProtection' | 'dropInvalidHeaderFields' | 'http2') => (get(k) === undefined ? DEFAULTS[k] : get(k) === 'true');
  const idle = Number(get('idleTimeoutSeconds'));
  return {
    idleTimeoutSeconds: Number.isFinite(idle) && get('idleTimeoutSeconds') !== undefined ? idle : DEFAULTS.idleTimeoutSeconds,
    deletionProtection: bool('deletionProtection'),
    dropInvalidHeaderFields: bool('dropInvalidHeaderFields'),
    http2: bool('http2'),
  };
}

async function writeAttributes(elb: ElasticLoadBalancingV2Client, arn: string, d: Desired, keys: readonly (keyof Attributes)[]): Promise<void> {
  if (keys.length === 0) return;
  await elb.send(new ModifyLoadBalancerAttributesCommand({
    LoadBalancerArn: arn,
    Attributes: keys.map((k) => ({ Key: ATTRIBUTE_KEYS[k], Value: String(d[k]) })),
  }));
}

function fromAws(lb: LoadBalancer, attributes: Attributes, tags: Record<string, string>): ObservedLoadBalancer {
  return {
    arn: lb.LoadBalancerArn!,
    name: lb.LoadBalancerName!,
    type: lb.Type === 'network' ? 'network' : 'application',
    scheme: lb.Scheme === 'internal' ? 'internal' : 'internet-facing',
    ipAddressType: lb.IpAddressType === 'dualstack' ? 'dualstack' : 'ipv4',
    vpcId: lb.VpcId ?? '',
    dnsName: lb.DNSName ?? '',
    canonicalHostedZoneId: lb.CanonicalHostedZoneId ?? '',
    state: lb.State?.Code ?? 'provisioning',
    subnetIds: (lb.AvailabilityZones ?? []).map((z) => z.SubnetId!).filter(Boolean).sort(),
    securityGroupIds: [...(lb.SecurityGroups ?? [])].sort(),
    ...attributes,
    tags,
  };
}

export const loadBalancerAdapter: ResourceAdapter<'elbv2.load-balancer', Desired, ObservedLoadBalancer> = {
  kind: 'elbv2.load-balancer',
  replaceOn: ['name', 'type', 'scheme'],
  // A new name can exist beside the old one; a new scheme or type under the same name
  // cannot (DuplicateLoadBalancerName), so such a change asks to delete first (diff).
  replaceOrder: 'create-before-delete',
  timeouts: { create: 10 * 60_000, update: 10 * 60_000, delete: 10 * 60_000, ready: 15 * 60_000 },

  async observe(requests, ctx) {
    const elb = ctx.clients.get(ElasticLoadBalancingV2Client);
    const listed = await listLoadBalancers(elb);
    const wanted = requests.map((r) => ({ id: r.id, key: known(r.desired?.name) ? r.desired.name : undefined }));
    const selected = selectForStack(ctx.stack, listed, (lb) => lb.LoadBalancerName!, wanted);
    return Promise.all(selected.map(async (s) => {
      const out = await elb.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: s.resource.LoadBalancerArn }));
      const state = fromAws(s.resource, readAttributes(out.Attributes ?? []), { ...s.tags });
      return { id: s.id, state, tags: state.tags };
    }));
  },

  diff(desired, observed, explain) {
    const renamed = desired.name !== observed.name;
    const changes: FieldChange[] = [
      ...diffFields(desired, observed, ['name']),
      ...diffFields(desired, observed, ['type', 'scheme']).map((c) => (renamed ? c : { ...c, deleteBeforeReplace: true })),
      ...diffFields(desired, observed, ['ipAddressType', ...managedAttributes(desired.type)]),
      ...diffIdSet('subnetIds', desired.subnetIds, observed.subnetIds),
      ...diffTags(desired.tags, observed.tags, explain),
    ];
    // AWS gives an ALB without security groups the VPC's default group: an empty list is not managed.
    if (desired.securityGroupIds.length > 0) changes.push(...diffIdSet('securityGroupIds', desired.securityGroupIds, observed.securityGroupIds));
    else explain?.({ path: 'securityGroupIds', desired: [], observed: observed.securityGroupIds, reason: 'no security groups in the spec: AWS gives the load balancer the VPC\'s default group, not compared' });
    return changes;
  },

  async create(id, desired, ctx) {
    const elb = ctx.clients.get(ElasticLoadBalancingV2Client);
    const identity = ctx.identityTags(id);
    const out = await elb.send(new CreateLoadBalancerCommand({
      Name: desired.name,
      Type: desired.type,
      Scheme: desired.scheme,
      IpAddressType: desired.ipAddressType,
      Subnets: desired.subnetIds,
      ...(desired.securityGroupIds.length > 0 && { SecurityGroups: desired.securityGroupIds }),
      Tags: createTags(desired.tags, ctx.identityTags(id, 'creating')),
    }));
    const lb = out.LoadBalancers![0]!;
    // A failure below leaves a load balancer tagged "creating": the next reconcile sets its attributes.
    const keys = managedAttributes(desired.type).filter((k) => desired[k] !== DEFAULTS[k]);
    await writeAttributes(elb, lb.LoadBalancerArn!, desired, keys);
    await markCreated(elb, lb.LoadBalancerArn!, identity);
    const attributes = Object.fromEntries(managedAttributes(desired.type).map((k) => [k, desired[k]]));
    return fromAws(lb, { ...DEFAULTS, ...attributes }, stateTags(desired.tags, identity));
  },

  async update(id, desired, observed, changes, ctx) {
    const elb = ctx.clients.get(ElasticLoadBalancingV2Client);
    const arn = observed.arn;
    const touched = (path: string) => changes.some((c) => c.path === path || c.path.startsWith(`${path}[`));
    if (touched('subnetIds')) await elb.send(new SetSubnetsCommand({ LoadBalancerArn: arn, Subnets: desired.subnetIds }));
    if (touched('securityGroupIds')) await elb.send(new SetSecurityGroupsCommand({ LoadBalancerArn: arn, SecurityGroups: desired.securityGroupIds }));
    if (touched('ipAddressType')) await elb.send(new SetIpAddressTypeCommand({ LoadBalancerArn: arn, IpAddressType: desired.ipAddressType }));
    await writeAttributes(elb, arn, desired, managedAttributes(desired.type).filter(touched));
    const identity = ctx.identityTags(id);
    await syncElbTags(elb, arn, desired.tags, observed.tags, identity);
    const attributes = Object.fromEntries(managedAttributes(desired.type).map((k) => [k, desired[k]]));
    return {
      ...observed,
      ipAddressType: desired.ipAddressType,
      subnetIds: [...desired.subnetIds].sort(),
      securityGroupIds: desired.securityGroupIds.length > 0 ? [...desired.securityGroupIds].sort() : observed.securityGroupIds,
      ...attributes,
      tags: stateTags(desired.tags, identity),
    };
  },

  // Deleting one already gone succeeds (AWS's answer too). Its listeners go with it.
  async delete(observed, ctx) {
    await ctx.clients.get(ElasticLoadBalancingV2Client).send(new DeleteLoadBalancerCommand({ LoadBalancerArn: observed.arn }));
    return 'deleting';
  },

  outputs: (o) => ({
    id: o.arn, arn: o.arn, name: o.name, arnSuffix: arnSuffix(o.arn), dnsName: o.dnsName, canonicalHostedZoneId: o.canonicalHostedZoneId,
  }),

  readiness: (o) => (o.state === 'active' || o.state === 'active_impaired' ? 'ready' : o.state === 'failed' ? 'failed' : 'pending'),
};
