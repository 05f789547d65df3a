/**
 * Load balancer and target group attributes: AWS's defaults, the keys each type knows,
 * value checks, and Describe/Modify*Attributes (which answer with every attribute).
 */
import type {
  DescribeLoadBalancerAttributesCommandInput,
  DescribeLoadBalancerAttributesCommandOutput,
  DescribeTargetGroupAttributesCommandInput,
  DescribeTargetGroupAttributesCommandOutput,
  ModifyLoadBalancerAttributesCommandInput,
  ModifyLoadBalancerAttributesCommandOutput,
  ModifyTargetGroupAttributesCommandInput,
  ModifyTargetGroupAttributesCommandOutput,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { OperationTable } from '../service.ts';
import { loadBalancerOf, required, targetGroupOf } from './query.ts';
import type { ElbCtx, ElbState } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;
type Check = (value: string) => boolean;

const bool: Check = (v) => v === 'true' || v === 'false';
const int = (min: number, max: number): Check => (v) => /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max;
const oneOf = (...values: string[]): Check => (v) => values.includes(v);
const any: Check = () => true;

const ACCESS_LOGS: Record<string, readonly [string, Check]> = {
  'access_logs.s3.enabled': ['false', bool],
  'access_logs.s3.bucket': ['', any],
  'access_logs.s3.prefix': ['', any],
  'deletion_protection.enabled': ['false', bool],
  'zonal_shift.config.enabled': ['false', bool],
};

const ALB: Record<string, readonly [string, Check]> = {
  ...ACCESS_LOGS,
  'connection_logs.s3.enabled': ['false', bool],
  'connection_logs.s3.bucket': ['', any],
  'connection_logs.s3.prefix': ['', any],
  'client_keep_alive.seconds': ['3600', int(60, 604800)],
  'idle_timeout.timeout_seconds': ['60', int(1, 4000)],
  'routing.http.desync_mitigation_mode': ['defensive', oneOf('monitor', 'defensive', 'strictest')],
  'routing.http.drop_invalid_header_fields.enabled': ['false', bool],
  'routing.http.preserve_host_header.enabled': ['false', bool],
  'routing.http.x_amzn_tls_version_and_cipher_suite.enabled': ['false', bool],
  'routing.http.xff_client_port.enabled': ['false', bool],
  'routing.http.xff_header_processing.mode': ['append', oneOf('append', 'preserve', 'remove')],
  'routing.http2.enabled': ['true', bool],
  'waf.fail_open.enabled': ['false', bool],
  'load_balancing.cross_zone.enabled': ['true', bool],
};

const NLB: Record<string, readonly [string, Check]> = {
  ...ACCESS_LOGS,
  'load_balancing.cross_zone.enabled': ['false', bool],
  'dns_record.client_routing_policy': ['any_availability_zone', oneOf('availability_zone_affinity', 'partial_availability_zone_affinity', 'any_availability_zone')],
};

const TARGET_GROUP: Record<string, readonly [string, Check]> = {
  'deregistration_delay.timeout_seconds': ['300', int(0, 3600)],
  'stickiness.enabled': ['false', bool],
  'stickiness.type': ['lb_cookie', oneOf('lb_cookie', 'app_cookie')],
  'stickiness.lb_cookie.duration_seconds': ['86400', int(1, 604800)],
  'stickiness.app_cookie.cookie_name': ['', any],
  'stickiness.app_cookie.duration_seconds': ['86400', int(1, 604800)],
  'load_balancing.algorithm.type': ['round_robin', oneOf('round_robin', 'least_outstanding_requests', 'weighted_random')],
  'load_balancing.algorithm.anomaly_mitigation': ['off', oneOf('on', 'off')],
  'load_balancing.cross_zone.enabled': ['use_load_balancer_configuration', oneOf('true', 'false', 'use_load_balancer_configuration')],
  'slow_start.duration_seconds': ['0', (v) => v === '0' || int(30, 900)(v)],
  'target_group_health.dns_failover.minimum_healthy_targets.count': ['1', (v) => v === 'off' || int(1, 1000)(v)],
  'target_group_health.dns_failover.minimum_healthy_targets.percentage': ['off', (v) => v === 'off' || int(1, 100)(v)],
  'target_group_health.unhealthy_state_routing.minimum_healthy_targets.count': ['1', int(1, 1000)],
  'target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage': ['off', (v) => v === 'off' || int(1, 100)(v)],
};

const tableOf = (type: string) => (type === 'network' ? NLB : ALB);

function defaults(table: Record<string, readonly [string, Check]>): Record<string, string> {
  return Object.fromEntries(Object.entries(table).map(([k, [v]]) => [k, v]));
}

export const loadBalancerDefaults = (type: string) => defaults(tableOf(type));
export const targetGroupDefaults = () => defaults(TARGET_GROUP);

/** The attributes after applying `changes`, or ValidationError for an unknown key or a bad value. */
function merged(
  ctx: ElbCtx,
  current: Record<string, string>,
  table: Record<string, readonly [string, Check]>,
  changes: readonly { Key?: string | undefined; Value?: string | undefined }[],
  what: string,
): Record<string, string> {
  const out = { ...current };
  for (const { Key, Value } of changes) {
    const key = Key ?? '';
    const spec = table[key];
    if (!spec) ctx.fail('ValidationError', `${what} attribute key '${key}' is not recognized`);
    if (!spec[1](Value ?? '')) ctx.fail('ValidationError', `${what} attribute '${key}' value '${Value ?? ''}' is not valid`);
    out[key] = Value ?? '';
  }
  for (const kind of ['access_logs', 'connection_logs']) {
    if (out[`${kind}.s3.enabled`] === 'true' && out[`${kind}.s3.bucket`] === '') ctx.fail('ValidationError', `The value of '${kind}.s3.bucket' cannot be empty`);
  }
  if (out['stickiness.type'] === 'app_cookie' && out['stickiness.enabled'] === 'true' && out['stickiness.app_cookie.cookie_name'] === '') {
    ctx.fail('ValidationError', "The value of 'stickiness.app_cookie.cookie_name' cannot be empty");
  }
  return out;
}

const asList = (attrs: Record<string, string>) => Object.entries(attrs).map(([Key, Value]) => ({ Key, Value }));

export const attributeOperations = {
  DescribeLoadBalancerAttributes(input: DescribeLoadBalancerAttributesCommandInput, ctx: ElbCtx): Out<DescribeLoadBalancerAttributesCommandOutput> {
    return { Attributes: asList(loadBalancerOf(ctx, input.LoadBalancerArn).attributes) };
  },

  ModifyLoadBalancerAttributes(input: ModifyLoadBalancerAttributesCommandInput, ctx: ElbCtx): Out<ModifyLoadBalancerAttributesCommandOutput> {
    const lb = loadBalancerOf(ctx, input.LoadBalancerArn);
    lb.attributes = merged(ctx, lb.attributes, tableOf(lb.type), required(ctx, input.Attributes, 'attributes'), 'Load balancer');
    return { Attributes: asList(lb.attributes) };
  },

  DescribeTargetGroupAttributes(input: DescribeTargetGroupAttributesCommandInput, ctx: ElbCtx): Out<DescribeTargetGroupAttributesCommandOutput> {
    return { Attributes: asList(targetGroupOf(ctx, input.TargetGroupArn).attributes) };
  },

  ModifyTargetGroupAttributes(input: ModifyTargetGroupAttributesCommandInput, ctx: ElbCtx): Out<ModifyTargetGroupAttributesCommandOutput> {
    const tg = targetGroupOf(ctx, input.TargetGroupArn);
    tg.attributes = merged(ctx, tg.attributes, TARGET_GROUP, required(ctx, input.Attributes, 'attributes'), 'Target group');
    return { Attributes: asList(tg.attributes) };
  },
} satisfies OperationTable<ElbState>;
