/**
 * EC2 resource kinds: id prefixes, where records live, and the exact error codes AWS
 * answers when an id is malformed or does not exist.
 */
import type { CallContext } from '../service.ts';
import type {
  Ec2State,
  InstanceRec,
  InternetGatewayRec,
  LaunchTemplateRec,
  RouteTableRec,
  SecurityGroupRec,
  SubnetRec,
  VpcEndpointRec,
  VolumeRec,
  VpcRec,
} from './state.ts';

export type Ec2Ctx = CallContext<Ec2State>;

interface Records {
  vpc: VpcRec;
  subnet: SubnetRec;
  'internet-gateway': InternetGatewayRec;
  'route-table': RouteTableRec;
  'vpc-endpoint': VpcEndpointRec;
  'security-group': SecurityGroupRec;
  instance: InstanceRec;
  'launch-template': LaunchTemplateRec;
  volume: VolumeRec;
}
export type RecordKind = keyof Records;

type Collection = 'vpcs' | 'subnets' | 'internetGateways' | 'routeTables' | 'vpcEndpoints' | 'securityGroups' | 'instances' | 'launchTemplates' | 'volumes';

export interface KindInfo {
  readonly prefix: string;
  /** The TagSpecification ResourceType / DescribeTags resource-type. */
  readonly resourceType: string;
  readonly collection: Collection | null;
  readonly notFound: string;
  readonly malformed: string;
  readonly missing: (ids: string) => string;
}

export const KINDS = {
  vpc: { prefix: 'vpc', resourceType: 'vpc', collection: 'vpcs', notFound: 'InvalidVpcID.NotFound', malformed: 'InvalidVpcID.Malformed', missing: (ids) => `The vpc ID '${ids}' does not exist` },
  subnet: { prefix: 'subnet', resourceType: 'subnet', collection: 'subnets', notFound: 'InvalidSubnetID.NotFound', malformed: 'InvalidSubnetID.Malformed', missing: (ids) => `The subnet ID '${ids}' does not exist` },
  'internet-gateway': { prefix: 'igw', resourceType: 'internet-gateway', collection: 'internetGateways', notFound: 'InvalidInternetGatewayID.NotFound', malformed: 'InvalidInternetGatewayId.Malformed', missing: (ids) => `The internetGateway ID '${ids}' does not exist` },
  'route-table': { prefix: 'rtb', resourceType: 'route-table', collection: 'routeTables', notFound: 'InvalidRouteTableID.NotFound', malformed: 'InvalidRouteTableId.Malformed', missing: (ids) => `The routeTable ID '${ids}' does not exist` },
  'vpc-endpoint': { prefix: 'vpce', resourceType: 'vpc-endpoint', collection: 'vpcEndpoints', notFound: 'InvalidVpcEndpointId.NotFound', malformed: 'InvalidVpcEndpointId.Malformed', missing: (ids) => `The Vpc Endpoint Id '${ids}' does not exist` },
  'security-group': { prefix: 'sg', resourceType: 'security-group', collection: 'securityGroups', notFound: 'InvalidGroup.NotFound', malformed: 'InvalidGroupId.Malformed', missing: (ids) => `The security group '${ids}' does not exist` },
  instance: { prefix: 'i', resourceType: 'instance', collection: 'instances', notFound: 'InvalidInstanceID.NotFound', malformed: 'InvalidInstanceID.Malformed', missing: (ids) => `The instance ID '${ids}' does not exist` },
  'launch-template': { prefix: 'lt', resourceType: 'launch-template', collection: 'launchTemplates', notFound: 'InvalidLaunchTemplateId.NotFound', malformed: 'InvalidLaunchTemplateId.Malformed', missing: (ids) => `The specified launch template, with template ID ${ids}, does not exist.` },
  'security-group-rule': { prefix: 'sgr', resourceType: 'security-group-rule', collection: null, notFound: 'InvalidSecurityGroupRuleId.NotFound', malformed: 'InvalidSecurityGroupRuleId.Malformed', missing: (ids) => `The security group rule ID '${ids}' does not exist` },
  volume: { prefix: 'vol', resourceType: 'volume', collection: 'volumes', notFound: 'InvalidVolume.NotFound', malformed: 'InvalidVolumeID.Malformed', missing: (ids) => `The volume '${ids}' does not exist.` },
  image: { prefix: 'ami', resourceType: 'image', collection: null, notFound: 'InvalidAMIID.NotFound', malformed: 'InvalidAMIID.Malformed', missing: (ids) => `The image id '[${ids}]' does not exist` },
} as const satisfies Record<string, KindInfo>;

export type KindName = keyof typeof KINDS;

/** Old 8-hex and current 17-hex ids. */
export function isWellFormed(kind: KindName, id: string): boolean {
  return new RegExp(`^${KINDS[kind].prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`).test(id);
}

/** The kind an id belongs to, by its prefix. */
export function kindOfId(id: string): KindName | undefined {
  const prefix = id.slice(0, id.lastIndexOf('-'));
  return (Object.keys(KINDS) as KindName[]).find((k) => KINDS[k].prefix === prefix);
}

export function requireParam<T>(ctx: Ec2Ctx, value: T | undefined | null, name: string): T {
  if (value === undefined || value === null || value === '') ctx.fail('MissingParameter', `The request must contain the parameter ${name}`);
  return value;
}

/** Throws the kind's Malformed / NotFound error for ids that are not usable. */
export function checkIds(ctx: Ec2Ctx, kind: KindName, ids: readonly string[], exists: (id: string) => boolean): void {
  const info = KINDS[kind];
  const malformed = ids.find((id) => !isWellFormed(kind, id));
  if (malformed !== undefined) ctx.fail(info.malformed, `Invalid id: "${malformed}"`);
  const missing = ids.filter((id) => !exists(id));
  if (missing.length > 0) ctx.fail(info.notFound, info.missing(missing.join(', ')));
}

/** The record with this id, or the AWS error for a malformed/unknown id. */
export function find<K extends RecordKind>(ctx: Ec2Ctx, kind: K, id: string | undefined, param?: string): Records[K] {
  const info: KindInfo = KINDS[kind];
  const value = requireParam(ctx, id, param ?? `${kind}Id`);
  const collection = (ctx.state[info.collection!] ?? {}) as unknown as Record<string, Records[K]>;
  checkIds(ctx, kind, [value], (i) => collection[i] !== undefined);
  return collection[value]!;
}

/** Records for the ids given (in order, duplicates once), or all when `ids` is empty/undefined. */
export function findAll<K extends RecordKind>(ctx: Ec2Ctx, kind: K, ids: readonly string[] | undefined): Records[K][] {
  const info: KindInfo = KINDS[kind];
  const collection = (ctx.state[info.collection!] ?? {}) as unknown as Record<string, Records[K]>;
  if (ids === undefined || ids.length === 0) return Object.values(collection);
  const unique = [...new Set(ids)];
  checkIds(ctx, kind, unique, (i) => collection[i] !== undefined);
  return unique.map((i) => collection[i]!);
}

/** Does a resource with this id exist (any kind that can carry tags)? */
export function resourceExists(state: Ec2State, id: string): boolean {
  const kind = kindOfId(id);
  if (kind === undefined) return false;
  if (kind === 'security-group-rule') return Object.values(state.securityGroups).some((g) => g.rules.some((r) => r.id === id));
  const collection: Collection | null = KINDS[kind].collection;
  if (collection === null) return false;
  return (state[collection] as Record<string, unknown> | undefined)?.[id] !== undefined;
}
