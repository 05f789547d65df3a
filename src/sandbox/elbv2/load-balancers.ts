/**
 * Load balancers: CreateLoadBalancer (idempotent for the same name and settings;
 * provisioning -> active on the clock), DescribeLoadBalancers (Names or ARNs, Marker
 * paging), SetSecurityGroups, SetSubnets, SetIpAddressType, DeleteLoadBalancer (succeeds for one already
 * gone, refused under deletion protection, takes its listeners with it).
 */
import type {
  CreateLoadBalancerCommandInput,
  CreateLoadBalancerCommandOutput,
  DeleteLoadBalancerCommandInput,
  DeleteLoadBalancerCommandOutput,
  DescribeLoadBalancersCommandInput,
  DescribeLoadBalancersCommandOutput,
  LoadBalancer,
  SetIpAddressTypeCommandInput,
  SetIpAddressTypeCommandOutput,
  SetSecurityGroupsCommandInput,
  SetSecurityGroupsCommandOutput,
  SetSubnetsCommandInput,
  SetSubnetsCommandOutput,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { OperationTable } from '../service.ts';
import { loadBalancerDefaults } from './attributes.ts';
import { checkSecurityGroups, defaultSecurityGroup, hasInternetGateway, resolveSubnets } from './network.ts';
import { addTags, checkArn, checkName, elbPage, loadBalancerOf, required } from './query.ts';
import type { ElbCtx, ElbState, LoadBalancerRec } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;

/** Route 53 zones of load balancer DNS names (ALB, NLB) per region. */
const ZONES: Readonly<Record<string, readonly [string, string]>> = {
  'us-east-1': ['Z35SXDOTRQ7X7K', 'Z26RNL4JYFTOTI'],
  'us-east-2': ['Z3AADJGX6KTTL2', 'ZLMOA37VPKANP'],
  'us-west-1': ['Z368ELLRRE2KJ0', 'Z24FKFUX50B4VW'],
  'us-west-2': ['Z1H1FL5HABSF5', 'Z18D5FSROUN65G'],
  'eu-west-1': ['Z32O12XQLNTSW2', 'Z2IFOLAFXWLO4F'],
  'eu-central-1': ['Z215JYRZR1TBD5', 'Z3F0SRJ5LGBH90'],
};

export function canonicalZone(region: string, type: string): string {
  const [alb, nlb] = ZONES[region] ?? ZONES['us-east-1']!;
  return type === 'network' ? nlb : alb;
}

export function renderLoadBalancer(ctx: ElbCtx, lb: LoadBalancerRec): LoadBalancer {
  return {
    LoadBalancerArn: lb.arn,
    DNSName: lb.dnsName,
    CanonicalHostedZoneId: canonicalZone(ctx.region, lb.type),
    CreatedTime: new Date(lb.createdAt),
    LoadBalancerName: lb.name,
    Scheme: lb.scheme,
    VpcId: lb.vpcId,
    State: { Code: ctx.now >= lb.activeAt ? 'active' : 'provisioning' },
    Type: lb.type,
    AvailabilityZones: lb.subnets.map((s) => ({ ZoneName: s.az, SubnetId: s.id, LoadBalancerAddresses: [] })),
    ...(lb.type === 'application' || lb.securityGroups.length > 0 ? { SecurityGroups: [...lb.securityGroups] } : {}),
    IpAddressType: lb.ipAddressType as LoadBalancer['IpAddressType'],
  };
}

function dnsName(ctx: ElbCtx, name: string, scheme: string, type: string): string {
  const prefix = scheme === 'internal' ? 'internal-' : '';
  if (type === 'network') return `${prefix}${name}-${ctx.ids.hex(16)}.elb.${ctx.region}.amazonaws.com`;
  const digits = String(1_000_000_000 + (Number.parseInt(ctx.ids.hex(8), 16) % 1_000_000_000));
  return `${prefix}${name}-${digits}.${ctx.region}.elb.amazonaws.com`;
}

const sameSet = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();

export const loadBalancerOperations = {
  CreateLoadBalancer(input: CreateLoadBalancerCommandInput, ctx: ElbCtx): Out<CreateLoadBalancerCommandOutput> {
    const name = required(ctx, input.Name, 'name');
    checkName(ctx, name, 'load balancer');
    const type = input.Type ?? 'application';
    if (type !== 'application' && type !== 'network') ctx.fail('ValidationError', `blogctl sandbox: load balancers of type '${type}' are not simulated`);
    const scheme = input.Scheme ?? 'internet-facing';
    const ids = [...(input.Subnets ?? []), ...(input.SubnetMappings ?? []).map((m) => m.SubnetId ?? '')];
    const { vpcId, subnets } = resolveSubnets(ctx, ids, type);
    if (scheme === 'internet-facing' && !hasInternetGateway(ctx, vpcId)) ctx.fail('InvalidSubnet', `VPC ${vpcId} has no internet gateway`);
    const sgs = input.SecurityGroups?.length ? checkSecurityGroups(ctx, input.SecurityGroups, vpcId) : type === 'application' ? defaultSecurityGroup(ctx, vpcId) : [];
    const ipAddressType = input.IpAddressType ?? 'ipv4';
    const existing = Object.values(ctx.state.loadBalancers).find((lb) => lb.name === name);
    if (existing) {
      const same = existing.type === type && existing.scheme === scheme && existing.ipAddressType === ipAddressType &&
        sameSet(existing.subnets.map((s) => s.id), subnets.map((s) => s.id)) && (input.SecurityGroups === undefined || sameSet(existing.securityGroups, sgs));
      if (!same) ctx.fail('DuplicateLoadBalancerName', `A load balancer with the same name '${name}' exists, but with different settings`);
      return { LoadBalancers: [renderLoadBalancer(ctx, existing)] };
    }
    const arn = ctx.arn(`loadbalancer/${type === 'network' ? 'net' : 'app'}/${name}/${ctx.ids.hex(16)}`);
    const lb: LoadBalancerRec = {
      arn, name, type, scheme, ipAddressType, vpcId, subnets, securityGroups: sgs,
      dnsName: dnsName(ctx, name, scheme, type),
      createdAt: ctx.now,
      activeAt: ctx.now + ctx.durations.of('elbv2.load-balancer.provision'),
      attributes: loadBalancerDefaults(type),
    };
    addTags(ctx, arn, input.Tags);
    ctx.state.loadBalancers[arn] = lb;
    return { LoadBalancers: [renderLoadBalancer(ctx, lb)] };
  },

  DescribeLoadBalancers(input: DescribeLoadBalancersCommandInput, ctx: ElbCtx): Out<DescribeLoadBalancersCommandOutput> {
    const arns = input.LoadBalancerArns ?? [];
    const names = input.Names ?? [];
    if (arns.length > 0 && names.length > 0) ctx.fail('ValidationError', 'Load balancer names and load balancer ARNs cannot be specified at the same time');
    if (arns.length > 20 || names.length > 20) ctx.fail('ValidationError', '1 validation error detected: Member must have length less than or equal to 20');
    let lbs = Object.values(ctx.state.loadBalancers);
    if (arns.length > 0) {
      const missing = arns.filter((a) => !ctx.state.loadBalancers[a]);
      if (missing.length > 0) ctx.fail('LoadBalancerNotFound', `Load balancers '[${missing.join(', ')}]' not found`);
      lbs = lbs.filter((lb) => arns.includes(lb.arn));
    }
    if (names.length > 0) {
      const missing = names.filter((n) => !lbs.some((lb) => lb.name === n));
      if (missing.length > 0) ctx.fail('LoadBalancerNotFound', `Load balancers '[${missing.join(', ')}]' not found`);
      lbs = lbs.filter((lb) => names.includes(lb.name));
    }
    const page = elbPage(ctx, lbs, (lb) => lb.arn, input);
    return { LoadBalancers: page.items.map((lb) => renderLoadBalancer(ctx, lb)), NextMarker: page.NextMarker };
  },

  SetSecurityGroups(input: SetSecurityGroupsCommandInput, ctx: ElbCtx): Out<SetSecurityGroupsCommandOutput> {
    const lb = loadBalancerOf(ctx, input.LoadBalancerArn);
    const ids = required(ctx, input.SecurityGroups, 'securityGroups');
    if (lb.type === 'application' && ids.length === 0) ctx.fail('ValidationError', 'An Application Load Balancer must have at least one security group');
    if (lb.type === 'network' && lb.securityGroups.length === 0 && ids.length > 0) {
      ctx.fail('InvalidConfigurationRequest', 'You cannot add security groups to a Network Load Balancer that was created without any');
    }
    lb.securityGroups = checkSecurityGroups(ctx, ids, lb.vpcId);
    return { SecurityGroupIds: [...lb.securityGroups] };
  },

  SetSubnets(input: SetSubnetsCommandInput, ctx: ElbCtx): Out<SetSubnetsCommandOutput> {
    const lb = loadBalancerOf(ctx, input.LoadBalancerArn);
    const ids = [...(input.Subnets ?? []), ...(input.SubnetMappings ?? []).map((m) => m.SubnetId ?? '')];
    const { vpcId, subnets } = resolveSubnets(ctx, ids, lb.type);
    if (vpcId !== lb.vpcId) ctx.fail('InvalidConfigurationRequest', `The subnets must be in the load balancer's VPC '${lb.vpcId}'`);
    lb.subnets = subnets;
    return { AvailabilityZones: subnets.map((s) => ({ ZoneName: s.az, SubnetId: s.id, LoadBalancerAddresses: [] })) };
  },

  SetIpAddressType(input: SetIpAddressTypeCommandInput, ctx: ElbCtx): Out<SetIpAddressTypeCommandOutput> {
    const lb = loadBalancerOf(ctx, input.LoadBalancerArn);
    const type = required(ctx, input.IpAddressType, 'ipAddressType');
    const allowed = lb.type === 'application' ? ['ipv4', 'dualstack', 'dualstack-without-public-ipv4'] : ['ipv4', 'dualstack'];
    if (!allowed.includes(type)) ctx.fail('ValidationError', `IP address type '${type}' is not supported for load balancers of type '${lb.type}'`);
    if (lb.scheme === 'internal' && type !== 'ipv4' && lb.type === 'application') ctx.fail('InvalidConfigurationRequest', 'Internal load balancers must use the ipv4 IP address type');
    lb.ipAddressType = type;
    return { IpAddressType: type };
  },

  DeleteLoadBalancer(input: DeleteLoadBalancerCommandInput, ctx: ElbCtx): Out<DeleteLoadBalancerCommandOutput> {
    const arn = required(ctx, input.LoadBalancerArn, 'loadBalancerArn');
    const lb = ctx.state.loadBalancers[arn];
    checkArn(ctx, arn, 'loadbalancer');
    if (!lb) return {};
    if (lb.attributes['deletion_protection.enabled'] === 'true') {
      ctx.fail('OperationNotPermitted', `Load balancer '${arn}' cannot be deleted because deletion protection is enabled`);
    }
    for (const l of Object.values(ctx.state.listeners)) {
      if (l.loadBalancerArn === arn) {
        delete ctx.state.listeners[l.arn];
        delete ctx.state.tags[l.arn];
      }
    }
    delete ctx.state.loadBalancers[arn];
    delete ctx.state.tags[arn];
    return {};
  },
} satisfies OperationTable<ElbState>;
