/**
 * Target groups: CreateTargetGroup (AWS's health check defaults per protocol; idempotent
 * for the same name and settings), DescribeTargetGroups (by ARN, name or load balancer;
 * Marker paging), ModifyTargetGroup (health check), DeleteTargetGroup (ResourceInUse while
 * a listener forwards to it).
 */
import type {
  CreateTargetGroupCommandInput,
  CreateTargetGroupCommandOutput,
  DeleteTargetGroupCommandInput,
  DeleteTargetGroupCommandOutput,
  DescribeTargetGroupsCommandInput,
  DescribeTargetGroupsCommandOutput,
  ModifyTargetGroupCommandInput,
  ModifyTargetGroupCommandOutput,
  TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { OperationTable } from '../service.ts';
import { targetGroupDefaults } from './attributes.ts';
import { vpcExists } from './network.ts';
import { addTags, checkName, elbPage, loadBalancerOf, required, targetGroupOf } from './query.ts';
import { type ElbCtx, type ElbState, type HealthCheckRec, loadBalancersOf, type TargetGroupRec } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;
type HealthInput = Pick<CreateTargetGroupCommandInput,
  'HealthCheckEnabled' | 'HealthCheckProtocol' | 'HealthCheckPort' | 'HealthCheckPath' | 'HealthCheckIntervalSeconds' |
  'HealthCheckTimeoutSeconds' | 'HealthyThresholdCount' | 'UnhealthyThresholdCount' | 'Matcher'>;

const PROTOCOLS = ['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP', 'GENEVE'];
const isHttp = (p: string | null | undefined) => p === 'HTTP' || p === 'HTTPS';

function healthDefaults(protocol: string | null, targetType: string, protocolVersion: string | null): HealthCheckRec {
  if (targetType === 'lambda') {
    return { enabled: false, protocol: 'HTTP', port: 'traffic-port', path: '/', intervalSeconds: 35, timeoutSeconds: 30, healthyThreshold: 5, unhealthyThreshold: 2, matcher: { HttpCode: '200' } };
  }
  if (isHttp(protocol)) {
    const grpc = protocolVersion === 'GRPC';
    return {
      enabled: true, protocol: protocol!, port: 'traffic-port', path: grpc ? '/AWS.ALB/healthcheck' : '/',
      intervalSeconds: 30, timeoutSeconds: 5, healthyThreshold: 5, unhealthyThreshold: 2,
      matcher: grpc ? { GrpcCode: '12' } : { HttpCode: '200' },
    };
  }
  return { enabled: true, protocol: 'TCP', port: 'traffic-port', path: null, intervalSeconds: 30, timeoutSeconds: 10, healthyThreshold: 5, unhealthyThreshold: 2, matcher: null };
}

/** The health check after applying `input` to `base`, checked as ELBv2 checks it. */
function healthCheck(ctx: ElbCtx, base: HealthCheckRec, input: HealthInput, tgProtocol: string | null): HealthCheckRec {
  const hc: HealthCheckRec = { ...base };
  if (input.HealthCheckEnabled !== undefined) hc.enabled = input.HealthCheckEnabled;
  if (input.HealthCheckProtocol !== undefined) {
    if (!['HTTP', 'HTTPS', 'TCP'].includes(input.HealthCheckProtocol)) ctx.fail('ValidationError', `Health check protocol '${input.HealthCheckProtocol}' is not supported`);
    if (isHttp(tgProtocol) && !isHttp(input.HealthCheckProtocol)) ctx.fail('ValidationError', `Health check protocol '${input.HealthCheckProtocol}' is not supported for target groups with the '${tgProtocol}' protocol`);
    hc.protocol = input.HealthCheckProtocol;
    if (!isHttp(hc.protocol)) hc.path = null;
    else if (hc.path === null) hc.path = '/';
  }
  if (input.HealthCheckPort !== undefined) {
    const p = input.HealthCheckPort;
    if (p !== 'traffic-port' && !(/^\d+$/.test(p) && Number(p) >= 1 && Number(p) <= 65535)) ctx.fail('ValidationError', `Health check port '${p}' must be 'traffic-port' or a port between 1 and 65535`);
    hc.port = p;
  }
  if (input.HealthCheckPath !== undefined) {
    if (!isHttp(hc.protocol)) ctx.fail('ValidationError', 'A health check path can only be set for HTTP and HTTPS health checks');
    if (!input.HealthCheckPath.startsWith('/')) ctx.fail('ValidationError', `Health check path '${input.HealthCheckPath}' must begin with a '/' character`);
    hc.path = input.HealthCheckPath;
  }
  const range = (value: number | undefined, min: number, max: number, what: string) => {
    if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) ctx.fail('ValidationError', `${what} must be between ${min} and ${max}`);
    return value;
  };
  hc.intervalSeconds = range(input.HealthCheckIntervalSeconds, 5, 300, 'Health check interval') ?? hc.intervalSeconds;
  hc.timeoutSeconds = range(input.HealthCheckTimeoutSeconds, 2, 120, 'Health check timeout') ?? hc.timeoutSeconds;
  hc.healthyThreshold = range(input.HealthyThresholdCount, 2, 10, 'Healthy threshold count') ?? hc.healthyThreshold;
  hc.unhealthyThreshold = range(input.UnhealthyThresholdCount, 2, 10, 'Unhealthy threshold count') ?? hc.unhealthyThreshold;
  if (hc.timeoutSeconds >= hc.intervalSeconds) {
    ctx.fail('ValidationError', `Health check timeout '${hc.timeoutSeconds}' must be smaller than the interval '${hc.intervalSeconds}'`);
  }
  if (input.Matcher !== undefined) {
    const code = input.Matcher.HttpCode;
    if (code !== undefined) {
      const ok = /^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/.test(code) && code.split(/[,-]/).every((c) => Number(c) >= 200 && Number(c) <= 499);
      if (!ok) ctx.fail('ValidationError', `Health check matcher HTTP code '${code}' must be within '200-499' and be a list or range of codes`);
      hc.matcher = { HttpCode: code };
    } else if (input.Matcher.GrpcCode !== undefined) {
      hc.matcher = { GrpcCode: input.Matcher.GrpcCode };
    }
  }
  return hc;
}

export function renderTargetGroup(ctx: ElbCtx, tg: TargetGroupRec): TargetGroup {
  const hc = tg.healthCheck;
  return {
    TargetGroupArn: tg.arn,
    TargetGroupName: tg.name,
    ...(tg.protocol !== null && { Protocol: tg.protocol as TargetGroup['Protocol'] }),
    ...(tg.port !== null && { Port: tg.port }),
    ...(tg.vpcId !== null && { VpcId: tg.vpcId }),
    HealthCheckProtocol: hc.protocol as TargetGroup['HealthCheckProtocol'],
    HealthCheckPort: hc.port,
    HealthCheckEnabled: hc.enabled,
    HealthCheckIntervalSeconds: hc.intervalSeconds,
    HealthCheckTimeoutSeconds: hc.timeoutSeconds,
    HealthyThresholdCount: hc.healthyThreshold,
    UnhealthyThresholdCount: hc.unhealthyThreshold,
    ...(hc.path !== null && { HealthCheckPath: hc.path }),
    ...(hc.matcher !== null && { Matcher: { ...hc.matcher } }),
    LoadBalancerArns: loadBalancersOf(ctx.state, tg.arn),
    TargetType: tg.targetType as TargetGroup['TargetType'],
    ...(tg.protocolVersion !== null && { ProtocolVersion: tg.protocolVersion }),
    IpAddressType: tg.ipAddressType as TargetGroup['IpAddressType'],
  };
}

export const targetGroupOperations = {
  CreateTargetGroup(input: CreateTargetGroupCommandInput, ctx: ElbCtx): Out<CreateTargetGroupCommandOutput> {
    const name = required(ctx, input.Name, 'name');
    checkName(ctx, name, 'target group');
    const targetType = input.TargetType ?? 'instance';
    const lambda = targetType === 'lambda';
    const protocol = lambda ? null : required(ctx, input.Protocol, 'protocol');
    if (protocol !== null && !PROTOCOLS.includes(protocol)) ctx.fail('ValidationError', `Protocol '${protocol}' is not valid`);
    const port = lambda ? null : required(ctx, input.Port, 'port');
    if (port !== null && (port < 1 || port > 65535)) ctx.fail('ValidationError', 'Port must be between 1 and 65535');
    const vpcId = lambda ? null : required(ctx, input.VpcId, 'vpcId');
    if (vpcId !== null && !vpcExists(ctx, vpcId)) ctx.fail('ValidationError', `The VPC ID '${vpcId}' is not found`);
    const protocolVersion = isHttp(protocol) ? (input.ProtocolVersion ?? 'HTTP1') : null;
    if (input.ProtocolVersion !== undefined && !isHttp(protocol)) ctx.fail('ValidationError', 'A protocol version can only be specified for HTTP and HTTPS target groups');
    const hc = healthCheck(ctx, healthDefaults(protocol, targetType, protocolVersion), input, protocol);
    const ipAddressType = input.IpAddressType ?? 'ipv4';
    const existing = Object.values(ctx.state.targetGroups).find((t) => t.name === name);
    if (existing) {
      const same = existing.protocol === protocol && existing.port === port && existing.vpcId === vpcId && existing.targetType === targetType &&
        existing.protocolVersion === protocolVersion && JSON.stringify(existing.healthCheck) === JSON.stringify(hc);
      if (!same) ctx.fail('DuplicateTargetGroupName', `A target group with the same name '${name}' exists, but with different settings`);
      return { TargetGroups: [renderTargetGroup(ctx, existing)] };
    }
    const arn = ctx.arn(`targetgroup/${name}/${ctx.ids.hex(16)}`);
    const tg: TargetGroupRec = {
      arn, name, protocol, port, vpcId, targetType, protocolVersion, ipAddressType, healthCheck: hc,
      attributes: targetGroupDefaults(), targets: [],
    };
    addTags(ctx, arn, input.Tags);
    ctx.state.targetGroups[arn] = tg;
    return { TargetGroups: [renderTargetGroup(ctx, tg)] };
  },

  DescribeTargetGroups(input: DescribeTargetGroupsCommandInput, ctx: ElbCtx): Out<DescribeTargetGroupsCommandOutput> {
    let tgs = Object.values(ctx.state.targetGroups);
    if (input.LoadBalancerArn !== undefined) {
      const lb = loadBalancerOf(ctx, input.LoadBalancerArn);
      tgs = tgs.filter((t) => loadBalancersOf(ctx.state, t.arn).includes(lb.arn));
    }
    const arns = input.TargetGroupArns ?? [];
    const names = input.Names ?? [];
    if (arns.length > 0) {
      if (arns.some((a) => !ctx.state.targetGroups[a])) ctx.fail('TargetGroupNotFound', 'One or more target groups not found');
      tgs = tgs.filter((t) => arns.includes(t.arn));
    }
    if (names.length > 0) {
      if (names.some((n) => !tgs.some((t) => t.name === n))) ctx.fail('TargetGroupNotFound', 'One or more target groups not found');
      tgs = tgs.filter((t) => names.includes(t.name));
    }
    const page = elbPage(ctx, tgs, (t) => t.arn, input);
    return { TargetGroups: page.items.map((t) => renderTargetGroup(ctx, t)), NextMarker: page.NextMarker };
  },

  ModifyTargetGroup(input: ModifyTargetGroupCommandInput, ctx: ElbCtx): Out<ModifyTargetGroupCommandOutput> {
    const tg = targetGroupOf(ctx, input.TargetGroupArn);
    tg.healthCheck = healthCheck(ctx, tg.healthCheck, input, tg.protocol);
    return { TargetGroups: [renderTargetGroup(ctx, tg)] };
  },

  DeleteTargetGroup(input: DeleteTargetGroupCommandInput, ctx: ElbCtx): Out<DeleteTargetGroupCommandOutput> {
    const tg = targetGroupOf(ctx, input.TargetGroupArn);
    if (loadBalancersOf(ctx.state, tg.arn).length > 0) {
      ctx.fail('ResourceInUse', `Target group '${tg.arn}' is currently in use by a listener or a rule`);
    }
    delete ctx.state.targetGroups[tg.arn];
    delete ctx.state.tags[tg.arn];
    return {};
  },
} satisfies OperationTable<ElbState>;
