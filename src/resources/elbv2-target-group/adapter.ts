/**
 * elbv2.target-group's adapter: DescribeTargetGroups with DescribeTags in batches of 20,
 * the attributes of this stack's groups, the health check changed in place
 * (ModifyTargetGroup), protocol, port, VPC and target type by replacement.
 */
import {
  CreateTargetGroupCommand, DeleteTargetGroupCommand, DescribeTargetGroupAttributesCommand, ElasticLoadBalancingV2Client,
  ModifyTargetGroupAttributesCommand, ModifyTargetGroupCommand, paginateDescribeTargetGroups, type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { DesiredOf, ExplainSink, FieldChange, ResourceAdapter } from '../../reconciler/types.ts';
import { goneIsFine } from '../aws-errors.ts';
import { arnSuffix } from '../elbv2/names.ts';
import { known } from '../known-values.ts';
import { selectForStack, type Listed } from '../elbv2/select.ts';
import { createTags, describeTags, markCreated, stateTags, syncElbTags } from '../elbv2/tags.ts';
import { diffFields } from '../normalize/compare.ts';
import { diffTags } from '../normalize/tags.ts';
import { targetGroupProperties } from './schema.ts';

type Desired = DesiredOf<typeof targetGroupProperties>;
type HealthCheck = Desired['healthCheck'];

export interface ObservedTargetGroup {
  readonly arn: string;
  readonly name: string;
  readonly protocol: Desired['protocol'];
  readonly port: number;
  readonly vpcId: string;
  readonly targetType: Desired['targetType'];
  readonly protocolVersion: Desired['protocolVersion'];
  /** For TCP/UDP checks AWS keeps no path or matcher: absent here. */
  readonly healthCheck: Omit<HealthCheck, 'path' | 'matcher'> & { path?: string; matcher?: string };
  readonly deregistrationDelay: number;
  readonly stickiness: Desired['stickiness'];
  readonly loadBalancerArns: readonly string[];
  readonly tags: Record<string, string>;
}

const isHttp = (protocol: string) => protocol === 'HTTP' || protocol === 'HTTPS';

const ATTRIBUTES = {
  deregistrationDelay: 'deregistration_delay.timeout_seconds',
  stickinessEnabled: 'stickiness.enabled',
  stickinessType: 'stickiness.type',
  cookieDuration: 'stickiness.lb_cookie.duration_seconds',
} as const;

function fromAws(tg: TargetGroup, attrs: readonly { Key?: string | undefined; Value?: string | undefined }[], tags: Record<string, string>): ObservedTargetGroup {
  const attr = (k: string, fallback: string) => attrs.find((a) => a.Key === k)?.Value ?? fallback;
  const hcProtocol = (tg.HealthCheckProtocol ?? 'HTTP') as HealthCheck['protocol'];
  const hcPort = tg.HealthCheckPort ?? 'traffic-port';
  return {
    arn: tg.TargetGroupArn!,
    name: tg.TargetGroupName!,
    protocol: tg.Protocol as Desired['protocol'],
    port: tg.Port ?? 0,
    vpcId: tg.VpcId ?? '',
    targetType: (tg.TargetType ?? 'instance') as Desired['targetType'],
    protocolVersion: (tg.ProtocolVersion ?? 'HTTP1') as Desired['protocolVersion'],
    healthCheck: {
      enabled: tg.HealthCheckEnabled ?? true,
      protocol: hcProtocol,
      port: hcPort === 'traffic-port' ? 'traffic-port' : Number(hcPort),
      ...(isHttp(hcProtocol) && tg.HealthCheckPath !== undefined && { path: tg.HealthCheckPath }),
      intervalSeconds: tg.HealthCheckIntervalSeconds ?? 30,
      timeoutSeconds: tg.HealthCheckTimeoutSeconds ?? 5,
      healthyThresholdCount: tg.HealthyThresholdCount ?? 5,
      unhealthyThresholdCount: tg.UnhealthyThresholdCount ?? 2,
      ...(isHttp(hcProtocol) && tg.Matcher?.HttpCode !== undefined && { matcher: tg.Matcher.HttpCode }),
    },
    deregistrationDelay: Number(attr(ATTRIBUTES.deregistrationDelay, '300')),
    stickiness: { enabled: attr(ATTRIBUTES.stickinessEnabled, 'false') === 'true', cookieDurationSeconds: Number(attr(ATTRIBUTES.cookieDuration, '86400')) },
    loadBalancerArns: tg.LoadBalancerArns ?? [],
    tags,
  };
}

/** The health check as ModifyTargetGroup and CreateTargetGroup take it. */
function healthCheckInput(hc: HealthCheck) {
  const http = isHttp(hc.protocol);
  return {
    HealthCheckEnabled: hc.enabled,
    HealthCheckProtocol: hc.protocol,
    HealthCheckPort: String(hc.port),
    ...(http && { HealthCheckPath: hc.path, Matcher: { HttpCode: hc.matcher } }),
    HealthCheckIntervalSeconds: hc.intervalSeconds,
    HealthCheckTimeoutSeconds: hc.timeoutSeconds,
    HealthyThresholdCount: hc.healthyThresholdCount,
    UnhealthyThresholdCount: hc.unhealthyThresholdCount,
  };
}

/** The attributes blogctl manages; stickiness only for HTTP/HTTPS groups. */
function attributesOf(d: Desired) {
  return [
    { Key: ATTRIBUTES.deregistrationDelay, Value: String(d.deregistrationDelay) },
    ...(isHttp(d.protocol)
      ? [
          { Key: ATTRIBUTES.stickinessEnabled, Value: String(d.stickiness.enabled) },
          { Key: ATTRIBUTES.stickinessType, Value: 'lb_cookie' },
          { Key: ATTRIBUTES.cookieDuration, Value: String(d.stickiness.cookieDurationSeconds) },
        ]
      : []),
  ];
}

function diffHealthCheck(want: HealthCheck, have: ObservedTargetGroup['healthCheck'], explain?: ExplainSink): FieldChange[] {
  const fields = ['enabled', 'protocol', 'port', 'intervalSeconds', 'timeoutSeconds', 'healthyThresholdCount', 'unhealthyThresholdCount'] as const;
  const compared = isHttp(want.protocol) ? [...fields, 'path', 'matcher'] as const : fields;
  if (!isHttp(want.protocol))
    for (const f of ['path', 'matcher'] as const)
      explain?.({ path: `healthCheck.${f}`, desired: want[f], observed: have[f], reason: `a ${want.protocol} health check has no ${f}: not compared` });
  return diffFields(want, have, compared).map((c) => ({ ...c, path: `healthCheck.${c.path}` }));
}

export const targetGroupAdapter: ResourceAdapter<'elbv2.target-group', Desired, ObservedTargetGroup> = {
  kind: 'elbv2.target-group',
  replaceOn: ['name', 'protocol', 'port', 'vpcId', 'targetType', 'protocolVersion'],
  // A new name can exist beside the old one; the same name cannot (names are unique in
  // the region), so a replacement that keeps the name deletes first (diff says so).
  replaceOrder: 'create-before-delete',
  // API calls that answer at once: minutes are a generous limit, nothing waits on AWS.
  timeouts: { create: 5 * 60_000, update: 5 * 60_000, delete: 5 * 60_000, ready: 5 * 60_000 },

  async observe(requests, ctx) {
    const elb = ctx.clients.get(ElasticLoadBalancingV2Client);
    const groups: TargetGroup[] = [];
    for await (const page of paginateDescribeTargetGroups({ client: elb }, { PageSize: 400 })) groups.push(...(page.TargetGroups ?? []));
    const tags = await describeTags(elb, groups.map((g) => g.TargetGroupArn!));
    const listed: Listed<TargetGroup>[] = groups.map((resource) => ({ resource, tags: tags.get(resource.TargetGroupArn!) ?? {} }));
    const wanted = requests.map((r) => ({ id: r.id, key: known(r.desired?.name) ? r.desired.name : undefined }));
    const selected = selectForStack(ctx.stack, listed, (g) => g.TargetGroupName!, wanted);
    return Promise.all(selected.map(async (s) => {
      const out = await elb.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: s.resource.TargetGroupArn }));
      const state = fromAws(s.resource, out.Attributes ?? [], { ...s.tags });
      return { id: s.id, state, tags: state.tags };
    }));
  },

  diff(desired, observed, explain) {
    const sameName = desired.name === observed.name;
    const forcing = diffFields(desired, observed, ['protocol', 'port', 'vpcId', 'targetType']);
    const http = isHttp(desired.protocol);
    return [
      ...diffFields(desired, observed, ['name']),
      ...[...forcing, ...(http ? diffFields(desired, observed, ['protocolVersion']) : [])].map((c) => (sameName ? { ...c, deleteBeforeReplace: true } : c)),
      ...diffHealthCheck(desired.healthCheck, observed.healthCheck, explain),
      ...diffFields(desired, observed, ['deregistrationDelay']),
      ...(http ? diffFields(desired.stickiness, observed.stickiness, ['enabled', 'cookieDurationSeconds']).map((c) => ({ ...c, path: `stickiness.${c.path}` })) : []),
      ...diffTags(desired.tags, observed.tags, explain),
    ];
  },

  async create(id, desired, ctx) {
    const elb = ctx.clients.get(ElasticLoadBalancingV2Client);
    const identity = ctx.identityTags(id);
    const out = await elb.send(new CreateTargetGroupCommand({
      Name: desired.name,
      Protocol: desired.protocol,
      Port: desired.port,
      VpcId: desired.vpcId,
      TargetType: desired.targetType,
      ...(isHttp(desired.protocol) && { ProtocolVersion: desired.protocolVersion }),
      ...healthCheckInput(desired.healthCheck),
      Tags: createTags(desired.tags, ctx.identityTags(id, 'creating')),
    }));
    const tg = out.TargetGroups![0]!;
    // A failure below leaves a group tagged "creating": the next reconcile sets its attributes.
    const attributes = attributesOf(desired);
    await elb.send(new ModifyTargetGroupAttributesCommand({ TargetGroupArn: tg.TargetGroupArn, Attributes: attributes }));
    await markCreated(elb, tg.TargetGroupArn!, identity);
    return fromAws(tg, attributes, stateTags(desired.tags, identity));
  },

  async update(id, desired, observed, changes, ctx) {
    const elb = ctx.clients.get(ElasticLoadBalancingV2Client);
    const under = (p: string) => changes.some((c) => c.path.startsWith(`${p}.`) || c.path === p);
    if (under('healthCheck')) await elb.send(new ModifyTargetGroupCommand({ TargetGroupArn: observed.arn, ...healthCheckInput(desired.healthCheck) }));
    const attributes = attributesOf(desired);
    if (under('deregistrationDelay') || under('stickiness'))
      await elb.send(new ModifyTargetGroupAttributesCommand({ TargetGroupArn: observed.arn, Attributes: attributes }));
    const identity = ctx.identityTags(id);
    await syncElbTags(elb, observed.arn, desired.tags, observed.tags, identity);
    const { path, matcher, ...hc } = desired.healthCheck;
    return {
      ...observed,
      healthCheck: isHttp(hc.protocol) ? { ...hc, path, matcher } : hc,
      deregistrationDelay: desired.deregistrationDelay,
      stickiness: isHttp(desired.protocol) ? desired.stickiness : observed.stickiness,
      tags: stateTags(desired.tags, identity),
    };
  },

  // ResourceInUse while a listener still forwards to it: AWS's answer, reported as it is.
  delete: (observed, ctx) => goneIsFine(() => ctx.clients.get(ElasticLoadBalancingV2Client).send(new DeleteTargetGroupCommand({ TargetGroupArn: observed.arn }))),

  outputs: (o) => ({ id: o.arn, arn: o.arn, name: o.name, arnSuffix: arnSuffix(o.arn) }),
};
