/**
 * A route table's routes compared as a set keyed by destination. Only the routes the
 * spec can write are compared: the VPC's `local` route, routes AWS adds for gateway
 * endpoints (GatewayId vpce-… to a DestinationPrefixListId: ec2.vpc-endpoint manages
 * them), propagated routes and IPv6 routes are not this table's business.
 */
import type { Route } from '@aws-sdk/client-ec2';
import type { FieldChange } from '../../reconciler/types.ts';
import { canonicalCidr } from '../../net/cidr.ts';

/**
 * Spec field -> the CreateRoute/ReplaceRoute parameter naming that target (and, except for
 * endpoints, the field of a described Route holding it).
 */
export const ROUTE_TARGET_FIELDS = {
  gatewayId: 'GatewayId',
  natGatewayId: 'NatGatewayId',
  instanceId: 'InstanceId',
  networkInterfaceId: 'NetworkInterfaceId',
  vpcEndpointId: 'VpcEndpointId',
  transitGatewayId: 'TransitGatewayId',
  vpcPeeringConnectionId: 'VpcPeeringConnectionId',
} as const;

export type RouteTargetField = keyof typeof ROUTE_TARGET_FIELDS;
export const ROUTE_TARGETS = Object.keys(ROUTE_TARGET_FIELDS) as RouteTargetField[];

export type RouteSpec = { readonly destinationCidrBlock: string } & { readonly [F in RouteTargetField]?: string };

/**
 * A route as the spec would write it, or undefined for routes managed elsewhere. A route
 * to an instance comes back with its network interface too: both are kept, and a spec
 * naming either matches. A route to a (Gateway Load Balancer) endpoint comes back with
 * the endpoint in GatewayId; a gateway endpoint's routes have a prefix list destination.
 */
export function routeFromAws(r: Route): RouteSpec | undefined {
  if (r.DestinationCidrBlock === undefined || r.DestinationPrefixListId !== undefined) return undefined;
  if (r.GatewayId === 'local' || r.Origin === 'CreateRouteTable' || r.Origin === 'EnableVgwRoutePropagation') return undefined;
  const endpoint = r.GatewayId?.startsWith('vpce-') ? r.GatewayId : undefined;
  const found: Record<RouteTargetField, string | undefined> = {
    gatewayId: endpoint ? undefined : r.GatewayId,
    natGatewayId: r.NatGatewayId,
    instanceId: r.InstanceId,
    networkInterfaceId: r.NetworkInterfaceId,
    vpcEndpointId: endpoint,
    transitGatewayId: r.TransitGatewayId,
    vpcPeeringConnectionId: r.VpcPeeringConnectionId,
  };
  const targets = Object.entries(found).filter(([, v]) => v !== undefined && v !== '');
  return { destinationCidrBlock: canonicalCidr(r.DestinationCidrBlock) ?? r.DestinationCidrBlock, ...Object.fromEntries(targets) };
}

/** The one target a spec route names. */
export const targetOf = (r: RouteSpec): [RouteTargetField, string] | undefined => {
  const f = ROUTE_TARGETS.find((t) => r[t] !== undefined);
  return f && [f, r[f]!];
};

const destination = (r: RouteSpec): string => canonicalCidr(r.destinationCidrBlock) ?? r.destinationCidrBlock;

/** Does the observed route send traffic where the desired one says? */
export function sameTarget(want: RouteSpec, have: RouteSpec): boolean {
  const t = targetOf(want);
  return t !== undefined && have[t[0]] === t[1];
}

export interface RouteDelta {
  readonly create: readonly RouteSpec[];
  /** Same destination, other target: ReplaceRoute. */
  readonly replace: readonly RouteSpec[];
  readonly remove: readonly RouteSpec[];
}

export function routeDelta(desired: readonly RouteSpec[], observed: readonly RouteSpec[]): RouteDelta {
  const have = new Map(observed.map((r) => [destination(r), r]));
  const want = new Set(desired.map(destination));
  return {
    create: desired.filter((r) => !have.has(destination(r))),
    replace: desired.filter((r) => have.has(destination(r)) && !sameTarget(r, have.get(destination(r))!)),
    remove: observed.filter((r) => !want.has(destination(r))),
  };
}

/** One change per destination: `routes[0.0.0.0/0]`, from the observed route to the desired one. */
export function diffRoutes(desired: readonly RouteSpec[], observed: readonly RouteSpec[]): FieldChange[] {
  const have = new Map(observed.map((r) => [destination(r), r]));
  const { create, replace, remove } = routeDelta(desired, observed);
  return [
    ...[...create, ...replace].map((r) => ({ path: `routes[${destination(r)}]`, from: have.get(destination(r)), to: r })),
    ...remove.map((r) => ({ path: `routes[${destination(r)}]`, from: r, to: undefined })),
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
