/**
 * How instances look from outside: their state at the clock's time, DescribeInstances
 * (grouped in reservations), ModifyInstanceAttribute (SourceDestCheck, Groups,
 * DisableApiTermination) and DescribeInstanceAttribute.
 */
import type {
  DescribeInstanceAttributeCommandInput,
  DescribeInstanceAttributeCommandOutput,
  DescribeInstancesCommandInput,
  DescribeInstancesCommandOutput,
  Instance,
  InstanceStateName,
  ModifyInstanceAttributeCommandInput,
  ModifyInstanceAttributeCommandOutput,
  Reservation,
} from '@aws-sdk/client-ec2';
import type { OperationTable } from '../service.ts';
import { findImage, renderImage } from './images.ts';
import { renderMetadataOptions } from './instance-settings.ts';
import { applyFilters, date, ec2Page, type FilterFields, tagList } from './query.ts';
import { checkIds, type Ec2Ctx, requireParam } from './resources.ts';
import type { Ec2State, InstanceRec } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;

export const STATE_CODES: Readonly<Record<InstanceStateName, number>> = {
  pending: 0, running: 16, 'shutting-down': 32, terminated: 48, stopping: 64, stopped: 80,
};

export function stateAt(i: InstanceRec, now: number): InstanceStateName {
  if (i.terminatedAt !== null) return now >= i.terminatedAt ? 'terminated' : 'shutting-down';
  return now >= i.runningAt ? 'running' : 'pending';
}

/** Still listed by DescribeInstances (terminated instances stay visible for a while). */
export function isVisible(ctx: Ec2Ctx, i: InstanceRec): boolean {
  return i.terminatedAt === null || ctx.now < i.terminatedAt + ctx.durations.of('ec2.instance.visible-after-terminate');
}

function dnsName(ctx: Ec2Ctx, ip: string, kind: 'private' | 'public'): string {
  const dashed = ip.replaceAll('.', '-');
  if (kind === 'private') return ctx.region === 'us-east-1' ? `ip-${dashed}.ec2.internal` : `ip-${dashed}.${ctx.region}.compute.internal`;
  return ctx.region === 'us-east-1' ? `ec2-${dashed}.compute-1.amazonaws.com` : `ec2-${dashed}.${ctx.region}.compute.amazonaws.com`;
}

export function renderInstance(ctx: Ec2Ctx, i: InstanceRec): Instance {
  const state = stateAt(i, ctx.now);
  const gone = state === 'terminated';
  const groups = i.securityGroupIds.map((id) => ({ GroupId: id, GroupName: ctx.state.securityGroups[id]?.name ?? '' }));
  const image = findImage(ctx.region, i.imageId);
  const network: Instance = gone ? {} : {
    PrivateIpAddress: i.privateIp,
    PrivateDnsName: dnsName(ctx, i.privateIp, 'private'),
    PublicDnsName: i.publicIp !== null ? dnsName(ctx, i.publicIp, 'public') : '',
    ...(i.publicIp !== null && { PublicIpAddress: i.publicIp }),
    SubnetId: i.subnetId,
    VpcId: i.vpcId,
    NetworkInterfaces: [{
      NetworkInterfaceId: i.networkInterfaceId,
      SubnetId: i.subnetId,
      VpcId: i.vpcId,
      OwnerId: ctx.accountId,
      PrivateIpAddress: i.privateIp,
      SourceDestCheck: i.sourceDestCheck,
      Status: 'in-use',
      Groups: groups,
      Attachment: { AttachmentId: `eni-attach-${i.networkInterfaceId.slice(4)}`, DeviceIndex: 0, Status: 'attached', DeleteOnTermination: true, AttachTime: date(i.launchedAt) },
      ...(i.publicIp !== null && { Association: { PublicIp: i.publicIp, IpOwnerId: 'amazon' } }),
    }],
    SourceDestCheck: i.sourceDestCheck,
    BlockDeviceMappings: (i.blockDevices ?? []).map((b) => ({
      DeviceName: b.device,
      Ebs: { VolumeId: b.volumeId, Status: 'attached', AttachTime: date(i.launchedAt), DeleteOnTermination: b.deleteOnTermination },
    })),
  };
  return {
    InstanceId: i.id,
    ImageId: i.imageId,
    InstanceType: i.instanceType as Instance['InstanceType'],
    ...(i.keyName !== null && { KeyName: i.keyName }),
    LaunchTime: date(i.launchedAt),
    Placement: { AvailabilityZone: i.az, Tenancy: 'default', GroupName: '' },
    State: { Code: STATE_CODES[state], Name: state },
    StateTransitionReason: i.terminateRequestedAt !== null ? `User initiated (${new Date(i.terminateRequestedAt).toISOString().replace('T', ' ').slice(0, 19)} GMT)` : '',
    ...(i.terminatedAt !== null && { StateReason: { Code: 'Client.UserInitiatedShutdown', Message: 'Client.UserInitiatedShutdown: User initiated shutdown' } }),
    ...network,
    Architecture: image?.arch ?? 'x86_64',
    RootDeviceType: 'ebs',
    RootDeviceName: (image && renderImage(ctx.region, image).RootDeviceName) ?? '/dev/sda1',
    SecurityGroups: gone ? [] : groups,
    AmiLaunchIndex: i.amiLaunchIndex,
    ...(i.clientToken !== null && { ClientToken: i.clientToken }),
    ...(i.iamInstanceProfileArn !== null && { IamInstanceProfile: { Arn: i.iamInstanceProfileArn, Id: `AIPA${i.id.slice(2, 18).toUpperCase()}` } }),
    EbsOptimized: false,
    EnaSupport: true,
    Hypervisor: 'xen',
    VirtualizationType: 'hvm',
    MetadataOptions: renderMetadataOptions(i.metadataOptions),
    Monitoring: { State: i.monitoring ? 'enabled' : 'disabled' },
    Tags: tagList(ctx.state, i.id),
  };
}

function instanceFilters(ctx: Ec2Ctx): FilterFields<InstanceRec> {
  return {
    'instance-id': (i) => i.id,
    'instance-state-name': (i) => stateAt(i, ctx.now),
    'instance-state-code': (i) => STATE_CODES[stateAt(i, ctx.now)],
    'instance-type': (i) => i.instanceType,
    'image-id': (i) => i.imageId,
    'vpc-id': (i) => i.vpcId,
    'subnet-id': (i) => i.subnetId,
    'availability-zone': (i) => i.az,
    'private-ip-address': (i) => i.privateIp,
    'ip-address': (i) => i.publicIp,
    'instance.group-id': (i) => i.securityGroupIds,
    'instance.group-name': (i) => i.securityGroupIds.map((id) => ctx.state.securityGroups[id]?.name),
    'network-interface.network-interface-id': (i) => i.networkInterfaceId,
    'iam-instance-profile.arn': (i) => i.iamInstanceProfileArn,
    'reservation-id': (i) => i.reservationId,
    'key-name': (i) => i.keyName,
    'client-token': (i) => i.clientToken,
    'owner-id': () => ctx.accountId,
  };
}

function visibleInstance(ctx: Ec2Ctx, id: string | undefined): InstanceRec {
  const value = requireParam(ctx, id, 'instanceId');
  checkIds(ctx, 'instance', [value], (x) => ctx.state.instances[x] !== undefined && isVisible(ctx, ctx.state.instances[x]!));
  return ctx.state.instances[value]!;
}

export const instanceViewOperations = {
  DescribeInstances(input: DescribeInstancesCommandInput, ctx: Ec2Ctx): Out<DescribeInstancesCommandOutput> {
    let instances = Object.values(ctx.state.instances).filter((i) => isVisible(ctx, i));
    if (input.InstanceIds !== undefined && input.InstanceIds.length > 0) {
      const ids = input.InstanceIds;
      checkIds(ctx, 'instance', ids, (id) => instances.some((i) => i.id === id));
      instances = instances.filter((i) => ids.includes(i.id));
    }
    const matched = applyFilters(ctx, instances, input.Filters, instanceFilters(ctx), (i) => i.id);
    const page = ec2Page(ctx, matched, (i) => `${String(i.launchedAt).padStart(15, '0')}/${i.id}`, input);
    const reservations = new Map<string, Reservation>();
    for (const i of page.items) {
      let r = reservations.get(i.reservationId);
      if (!r) {
        r = { ReservationId: i.reservationId, OwnerId: ctx.accountId, Groups: [], Instances: [] };
        reservations.set(i.reservationId, r);
      }
      r.Instances!.push(renderInstance(ctx, i));
    }
    return { Reservations: [...reservations.values()], NextToken: page.NextToken };
  },

  ModifyInstanceAttribute(input: ModifyInstanceAttributeCommandInput, ctx: Ec2Ctx): Out<ModifyInstanceAttributeCommandOutput> {
    const inst = visibleInstance(ctx, input.InstanceId);
    if (stateAt(inst, ctx.now) === 'terminated' || stateAt(inst, ctx.now) === 'shutting-down') {
      ctx.fail('IncorrectInstanceState', `The instance '${inst.id}' is not in a state from which it can be modified.`);
    }
    const legacy = input.Attribute !== undefined ? { [input.Attribute]: input.Value } : {};
    const sourceDest = input.SourceDestCheck?.Value ?? (legacy['sourceDestCheck'] !== undefined ? legacy['sourceDestCheck'] === 'true' : undefined);
    const disableTermination = input.DisableApiTermination?.Value ?? (legacy['disableApiTermination'] !== undefined ? legacy['disableApiTermination'] === 'true' : undefined);
    if (input.Groups !== undefined) {
      checkIds(ctx, 'security-group', input.Groups, (id) => ctx.state.securityGroups[id] !== undefined);
      const foreign = input.Groups.find((id) => ctx.state.securityGroups[id]!.vpcId !== inst.vpcId);
      if (foreign) ctx.fail('InvalidGroup.NotFound', `The security group '${foreign}' does not exist in VPC '${inst.vpcId}'`);
    }
    if (input.InstanceType !== undefined || input.UserData !== undefined || legacy['instanceType'] !== undefined || legacy['userData'] !== undefined) {
      ctx.fail('IncorrectInstanceState', `The instance '${inst.id}' is not in the 'stopped' state.`);
    }
    if (sourceDest === undefined && disableTermination === undefined && input.Groups === undefined) {
      ctx.fail('InvalidParameterCombination', 'blogctl sandbox: ModifyInstanceAttribute supports SourceDestCheck, DisableApiTermination and Groups');
    }
    if (sourceDest !== undefined) inst.sourceDestCheck = sourceDest;
    if (disableTermination !== undefined) inst.disableApiTermination = disableTermination;
    if (input.Groups !== undefined) inst.securityGroupIds = [...new Set(input.Groups)];
    return {};
  },

  DescribeInstanceAttribute(input: DescribeInstanceAttributeCommandInput, ctx: Ec2Ctx): Out<DescribeInstanceAttributeCommandOutput> {
    const inst = visibleInstance(ctx, input.InstanceId);
    const base = { InstanceId: inst.id };
    switch (input.Attribute) {
      case 'sourceDestCheck':
        return { ...base, SourceDestCheck: { Value: inst.sourceDestCheck } };
      case 'disableApiTermination':
        return { ...base, DisableApiTermination: { Value: inst.disableApiTermination } };
      case 'instanceType':
        return { ...base, InstanceType: { Value: inst.instanceType } };
      case 'userData':
        return { ...base, UserData: inst.userData !== null ? { Value: inst.userData } : {} };
      case 'groupSet':
        return { ...base, Groups: inst.securityGroupIds.map((id) => ({ GroupId: id, GroupName: ctx.state.securityGroups[id]?.name })) };
      default:
        return ctx.fail('InvalidParameterValue', `Value (${String(input.Attribute)}) for parameter attribute is invalid. blogctl sandbox does not simulate it.`);
    }
  },
} satisfies OperationTable<Ec2State>;
