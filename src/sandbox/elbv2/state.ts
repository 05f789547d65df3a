/**
 * The ELBv2 part of the simulated account: load balancers, target groups (with their
 * registered targets), listeners, and tags by ARN. Load balancers are 'provisioning'
 * until `activeAt`. ACM reads `listeners[*].certificates` and `.loadBalancerArn` (InUseBy).
 */
import type { Action } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { CallContext } from '../service.ts';

export type ElbCtx = CallContext<ElbState>;

export interface LoadBalancerRec {
  arn: string;
  name: string;
  type: 'application' | 'network';
  scheme: 'internet-facing' | 'internal';
  ipAddressType: string;
  vpcId: string;
  subnets: { id: string; az: string }[];
  securityGroups: string[];
  dnsName: string;
  createdAt: number;
  activeAt: number;
  attributes: Record<string, string>;
}

export interface HealthCheckRec {
  enabled: boolean;
  protocol: string;
  port: string;
  path: string | null;
  intervalSeconds: number;
  timeoutSeconds: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
  matcher: { HttpCode?: string; GrpcCode?: string } | null;
}

export interface TargetRec {
  id: string;
  port: number;
  registeredAt: number;
  /** DeregisterTargets: 'draining' until the deregistration delay is over. */
  drainingUntil: number | null;
}

export interface TargetGroupRec {
  arn: string;
  name: string;
  protocol: string | null;
  port: number | null;
  vpcId: string | null;
  targetType: string;
  protocolVersion: string | null;
  ipAddressType: string;
  healthCheck: HealthCheckRec;
  attributes: Record<string, string>;
  targets: TargetRec[];
}

export interface ListenerRec {
  arn: string;
  loadBalancerArn: string;
  port: number;
  protocol: string;
  /** ACM certificate ARNs, the default one first. */
  certificates: string[];
  sslPolicy: string | null;
  alpnPolicy: string[];
  /** As AWS reports them (defaults filled in), JSON-clean. */
  defaultActions: Action[];
}

export interface ElbState {
  loadBalancers: Record<string, LoadBalancerRec>;
  targetGroups: Record<string, TargetGroupRec>;
  listeners: Record<string, ListenerRec>;
  /** ARN -> tag key -> value */
  tags: Record<string, Record<string, string>>;
}

export function emptyElbState(): ElbState {
  return { loadBalancers: {}, targetGroups: {}, listeners: {}, tags: {} };
}

/** Target groups a load balancer's listeners forward to. */
export function targetGroupsOf(state: ElbState, lbArn: string): Set<string> {
  const out = new Set<string>();
  for (const l of Object.values(state.listeners)) {
    if (l.loadBalancerArn !== lbArn) continue;
    for (const a of l.defaultActions) {
      if (a.TargetGroupArn) out.add(a.TargetGroupArn);
      for (const t of a.ForwardConfig?.TargetGroups ?? []) if (t.TargetGroupArn) out.add(t.TargetGroupArn);
    }
  }
  return out;
}

/** Load balancers whose listeners forward to a target group. */
export function loadBalancersOf(state: ElbState, tgArn: string): string[] {
  return Object.keys(state.loadBalancers).filter((lb) => targetGroupsOf(state, lb).has(tgArn)).sort();
}
