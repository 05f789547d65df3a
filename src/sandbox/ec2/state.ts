/**
 * The EC2 part of the simulated account: plain JSON records, keyed by id. Tags of every
 * resource live in one map (as in EC2, where tags are their own API), and async states
 * (instances) are derived from timestamps when read.
 */

export interface VpcRec {
  id: string;
  cidr: string;
  cidrAssociationId: string;
  dhcpOptionsId: string;
  tenancy: string;
  isDefault: boolean;
  dnsSupport: boolean;
  dnsHostnames: boolean;
  mainRouteTableId: string;
  defaultSecurityGroupId: string;
}

export interface SubnetRec {
  id: string;
  vpcId: string;
  cidr: string;
  az: string;
  azId: string;
  mapPublicIpOnLaunch: boolean;
  defaultForAz: boolean;
  /** Private addresses handed out so far (instances). */
  used: number;
}

export interface InternetGatewayRec {
  id: string;
  attachedVpcId: string | null;
}

/** Exactly one target is set. */
export interface RouteTarget {
  GatewayId?: string;
  NatGatewayId?: string;
  InstanceId?: string;
  NetworkInterfaceId?: string;
  VpcPeeringConnectionId?: string;
  TransitGatewayId?: string;
  EgressOnlyInternetGatewayId?: string;
}

export interface RouteRec {
  /** IPv4 CIDR, IPv6 CIDR or prefix list id. */
  destination: string;
  destinationKind: 'ipv4' | 'ipv6' | 'prefix-list';
  target: RouteTarget;
  origin: 'CreateRouteTable' | 'CreateRoute';
}

export interface RouteTableAssociationRec {
  id: string;
  main: boolean;
  subnetId: string | null;
}

export interface RouteTableRec {
  id: string;
  vpcId: string;
  routes: RouteRec[];
  associations: RouteTableAssociationRec[];
}

export interface VpcEndpointRec {
  id: string;
  vpcId: string;
  serviceName: string;
  type: 'Gateway';
  routeTableIds: string[];
  policy: string;
  createdAt: number;
  clientToken: string | null;
}

export interface SgRuleRec {
  id: string;
  egress: boolean;
  /** 'tcp' | 'udp' | 'icmp' | 'icmpv6' | '-1' | other protocol number. */
  protocol: string;
  /** -1 when the protocol has no ports. */
  fromPort: number;
  toPort: number;
  cidrIpv4: string | null;
  cidrIpv6: string | null;
  prefixListId: string | null;
  referencedGroupId: string | null;
  description: string | null;
}

export interface SecurityGroupRec {
  id: string;
  name: string;
  description: string;
  vpcId: string;
  rules: SgRuleRec[];
}

export interface InstanceRec {
  id: string;
  reservationId: string;
  imageId: string;
  instanceType: string;
  subnetId: string;
  vpcId: string;
  az: string;
  privateIp: string;
  publicIp: string | null;
  networkInterfaceId: string;
  securityGroupIds: string[];
  sourceDestCheck: boolean;
  disableApiTermination: boolean;
  keyName: string | null;
  userData: string | null;
  iamInstanceProfileArn: string | null;
  launchTemplate: { id: string; version: string } | null;
  clientToken: string | null;
  amiLaunchIndex: number;
  launchedAt: number;
  /** When it turns running (launchedAt + launch duration). */
  runningAt: number;
  /** When TerminateInstances was called, and when the instance is fully terminated. */
  terminateRequestedAt: number | null;
  terminatedAt: number | null;
  /** Instance metadata service settings (absent in older account files: AWS's defaults). */
  metadataOptions?: MetadataOptionsRec;
  /** Detailed (1-minute) monitoring. */
  monitoring?: boolean;
  /** Burstable (t*) types: 'standard' or 'unlimited'; null for other types. */
  cpuCredits?: string | null;
  /** Its EBS volumes by device, in launch order (records in `volumes`). */
  blockDevices?: { device: string; volumeId: string; deleteOnTermination: boolean }[];
}

export interface MetadataOptionsRec {
  httpTokens: string;
  httpEndpoint: string;
  hopLimit: number;
  instanceMetadataTags: string;
}

export interface VolumeRec {
  id: string;
  size: number;
  type: string;
  iops: number | null;
  throughput: number | null;
  encrypted: boolean;
  az: string;
  snapshotId: string | null;
  createdAt: number;
  /** The instance it was launched with (and is attached to until that one terminates). */
  instanceId: string;
  device: string;
}

/** Not terminated yet at `now` (pending, running or shutting-down): still holds its ENI. */
export function isLive(instance: InstanceRec, now: number): boolean {
  return instance.terminatedAt === null || now < instance.terminatedAt;
}

export interface LaunchTemplateVersionRec {
  number: number;
  description: string | null;
  createdAt: number;
  /** RequestLaunchTemplateData as given, JSON-clean. */
  data: Record<string, unknown>;
}

export interface LaunchTemplateRec {
  id: string;
  name: string;
  createdAt: number;
  defaultVersion: number;
  latestVersion: number;
  versions: LaunchTemplateVersionRec[];
  clientToken: string | null;
}

export interface Ec2State {
  vpcs: Record<string, VpcRec>;
  subnets: Record<string, SubnetRec>;
  internetGateways: Record<string, InternetGatewayRec>;
  routeTables: Record<string, RouteTableRec>;
  vpcEndpoints: Record<string, VpcEndpointRec>;
  securityGroups: Record<string, SecurityGroupRec>;
  instances: Record<string, InstanceRec>;
  launchTemplates: Record<string, LaunchTemplateRec>;
  /** EBS volumes of instances (absent in older account files). */
  volumes?: Record<string, VolumeRec>;
  /** resource id -> tag key -> value */
  tags: Record<string, Record<string, string>>;
  dhcpOptionsId: string;
  defaultVpcId: string | null;
}

export function emptyEc2State(dhcpOptionsId: string): Ec2State {
  return {
    vpcs: {},
    subnets: {},
    internetGateways: {},
    routeTables: {},
    vpcEndpoints: {},
    securityGroups: {},
    instances: {},
    launchTemplates: {},
    volumes: {},
    tags: {},
    dhcpOptionsId,
    defaultVpcId: null,
  };
}
