/**
 * Instances: RunInstances (optionally from a launch template), TerminateInstances, and the
 * lifecycle derived from the clock: pending -> running after `ec2.instance.launch`,
 * shutting-down -> terminated after `ec2.instance.terminate`, then gone from
 * DescribeInstances an hour later, as in AWS.
 */
import type {
  InstanceNetworkInterfaceSpecification,
  RunInstancesCommandInput,
  RunInstancesCommandOutput,
  TerminateInstancesCommandInput,
  TerminateInstancesCommandOutput,
} from '@aws-sdk/client-ec2';
import { hashHex } from '../ids.ts';
import { instanceProfileVisibility } from '../iam/propagation.ts';
import type { IamState } from '../iam/state.ts';
import type { OperationTable } from '../service.ts';
import { addressAt, parseCidr, size } from './cidr.ts';
import { findImage } from './images.ts';
import { metadataOptionsFrom } from './instance-settings.ts';
import { defaultCpuCredits, isOffered } from './instance-types.ts';
import { isVisible, renderInstance, STATE_CODES, stateAt } from './instance-views.ts';
import { templateOf, versionOf } from './launch-templates.ts';
import { tagsFromSpecifications } from './query.ts';
import { checkIds, type Ec2Ctx, find, requireParam } from './resources.ts';
import { type Ec2State, type InstanceRec, isLive, type SubnetRec } from './state.ts';
import { attachVolumes, plannedVolumes } from './volumes.ts';

type Out<T> = Omit<T, '$metadata'>;

/** RunInstances input merged over the launch template version it names. */
function effectiveInput(ctx: Ec2Ctx, input: RunInstancesCommandInput): { merged: RunInstancesCommandInput; template: InstanceRec['launchTemplate'] } {
  if (!input.LaunchTemplate) return { merged: input, template: null };
  const t = templateOf(ctx, input.LaunchTemplate);
  const v = versionOf(ctx, t, input.LaunchTemplate.Version);
  const data = structuredClone(v.data) as unknown as RunInstancesCommandInput;
  const defined = Object.fromEntries(Object.entries(input).filter(([, x]) => x !== undefined));
  const specs = [...(data.TagSpecifications ?? []), ...(input.TagSpecifications ?? [])];
  return { merged: { ...data, ...defined, TagSpecifications: specs } as RunInstancesCommandInput, template: { id: t.id, version: String(v.number) } };
}

function subnetFor(ctx: Ec2Ctx, input: RunInstancesCommandInput, nic: InstanceNetworkInterfaceSpecification | undefined): SubnetRec {
  const id = nic?.SubnetId ?? input.SubnetId;
  if (id !== undefined) return find(ctx, 'subnet', id, 'subnetId');
  const defaultVpc = ctx.state.defaultVpcId;
  const subnet = Object.values(ctx.state.subnets).find((s) => s.vpcId === defaultVpc && s.defaultForAz);
  if (!subnet) ctx.fail('VPCIdNotSpecified', 'No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC.');
  return subnet;
}

function groupsFor(ctx: Ec2Ctx, input: RunInstancesCommandInput, nic: InstanceNetworkInterfaceSpecification | undefined, subnet: SubnetRec): string[] {
  const ids = [...(nic?.Groups ?? input.SecurityGroupIds ?? [])];
  for (const name of input.SecurityGroups ?? []) {
    const g = Object.values(ctx.state.securityGroups).find((x) => x.vpcId === subnet.vpcId && x.name === name);
    if (!g) ctx.fail('InvalidGroup.NotFound', `The security group '${name}' does not exist in VPC '${subnet.vpcId}'`);
    ids.push(g.id);
  }
  if (ids.length === 0) return [ctx.state.vpcs[subnet.vpcId]!.defaultSecurityGroupId];
  checkIds(ctx, 'security-group', ids, (id) => ctx.state.securityGroups[id] !== undefined);
  for (const id of ids) {
    if (ctx.state.securityGroups[id]!.vpcId !== subnet.vpcId) {
      ctx.fail('InvalidParameter', `Security group ${id} and subnet ${subnet.id} belong to different networks.`);
    }
  }
  return [...new Set(ids)];
}

function publicIpFor(id: string): string {
  const h = hashHex('public-ip', id);
  return `54.${Number.parseInt(h.slice(0, 2), 16)}.${Number.parseInt(h.slice(2, 4), 16)}.${1 + (Number.parseInt(h.slice(4, 6), 16) % 254)}`;
}

/** The instance profile a launch names must exist in IAM and be known to EC2 (IAM's eventual consistency). */
function checkProfile(ctx: Ec2Ctx, profile: RunInstancesCommandInput['IamInstanceProfile']): void {
  if (!profile || (profile.Arn === undefined && profile.Name === undefined)) return;
  const seen = instanceProfileVisibility(ctx.serviceState<IamState>('iam'), { arn: profile.Arn, name: profile.Name }, ctx.now);
  if (seen === 'ready') return;
  const [field, value] = profile.Arn !== undefined ? ['arn', profile.Arn] : ['name', profile.Name];
  ctx.fail('InvalidParameterValue', `Value (${value}) for parameter iamInstanceProfile.${field} is invalid. Invalid IAM Instance Profile ${field === 'arn' ? 'ARN' : 'name'}`);
}

export const instanceOperations = {
  RunInstances(raw: RunInstancesCommandInput, ctx: Ec2Ctx): Out<RunInstancesCommandOutput> {
    if (raw.ClientToken) {
      const same = Object.values(ctx.state.instances).filter((i) => i.clientToken === raw.ClientToken);
      if (same.length > 0) {
        return { ReservationId: same[0]!.reservationId, OwnerId: ctx.accountId, Groups: [], Instances: same.map((i) => renderInstance(ctx, i)) };
      }
    }
    const { merged: input, template } = effectiveInput(ctx, raw);
    const min = requireParam(ctx, raw.MinCount, 'MinCount');
    const max = requireParam(ctx, raw.MaxCount, 'MaxCount');
    if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max < min) {
      ctx.fail('InvalidParameterValue', `Invalid value for MinCount (${min}) / MaxCount (${max}): need 1 <= MinCount <= MaxCount.`);
    }
    const imageId = requireParam(ctx, input.ImageId, 'ImageId');
    checkIds(ctx, 'image', [imageId], (id) => findImage(ctx.region, id) !== undefined);
    const instanceType = input.InstanceType ?? 'm1.small';
    if (!isOffered(instanceType)) ctx.fail('InvalidParameterValue', `Invalid value '${instanceType}' for InstanceType.`);
    checkProfile(ctx, input.IamInstanceProfile);
    const metadataOptions = metadataOptionsFrom(ctx, input.MetadataOptions);
    const volumes = plannedVolumes(ctx, imageId, input.BlockDeviceMappings);
    const volumeTags = tagsFromSpecifications(ctx, input.TagSpecifications, 'volume', ['instance', 'network-interface']);
    const credits = input.CreditSpecification?.CpuCredits ?? defaultCpuCredits(instanceType);
    const nic = input.NetworkInterfaces?.find((n) => (n.DeviceIndex ?? 0) === 0);
    const subnet = subnetFor(ctx, input, nic);
    const groups = groupsFor(ctx, input, nic, subnet);
    const tags = tagsFromSpecifications(ctx, input.TagSpecifications, 'instance', ['volume', 'network-interface']);
    const free = size(parseCidr(subnet.cidr)!) - 5 - Object.values(ctx.state.instances).filter((i) => i.subnetId === subnet.id && isLive(i, ctx.now)).length;
    if (free < min) ctx.fail('InsufficientFreeAddressesInSubnet', `There are not enough free addresses in subnet '${subnet.id}' to satisfy the requested number of instances.`);
    const count = Math.min(max, free);
    const publicIp = nic?.AssociatePublicIpAddress ?? subnet.mapPublicIpOnLaunch;
    const profile = input.IamInstanceProfile;
    const profileArn = profile?.Arn ?? (profile?.Name !== undefined ? `arn:aws:iam::${ctx.accountId}:instance-profile/${profile.Name}` : null);
    const reservationId = ctx.ids.next('r');
    const launched: InstanceRec[] = [];
    for (let n = 0; n < count; n++) {
      const id = ctx.ids.next('i');
      subnet.used += 1;
      const inst: InstanceRec = {
        id, reservationId, imageId, instanceType, subnetId: subnet.id, vpcId: subnet.vpcId, az: subnet.az,
        privateIp: addressAt(parseCidr(subnet.cidr)!, 4 + ((subnet.used - 1) % (size(parseCidr(subnet.cidr)!) - 5))),
        publicIp: publicIp ? publicIpFor(id) : null,
        networkInterfaceId: ctx.ids.next('eni'),
        securityGroupIds: groups,
        sourceDestCheck: true,
        disableApiTermination: input.DisableApiTermination ?? false,
        keyName: input.KeyName ?? null,
        userData: input.UserData ?? null,
        iamInstanceProfileArn: profileArn,
        launchTemplate: template,
        clientToken: raw.ClientToken ?? null,
        amiLaunchIndex: n,
        launchedAt: ctx.now,
        runningAt: ctx.now + ctx.durations.of('ec2.instance.launch'),
        terminateRequestedAt: null,
        terminatedAt: null,
        metadataOptions,
        monitoring: input.Monitoring?.Enabled ?? false,
        cpuCredits: credits,
      };
      ctx.state.instances[id] = inst;
      attachVolumes(ctx, inst, volumes, volumeTags);
      const auto: Record<string, string> = template ? { 'aws:ec2launchtemplate:id': template.id, 'aws:ec2launchtemplate:version': template.version } : {};
      const all = { ...auto, ...tags };
      if (Object.keys(all).length > 0) ctx.state.tags[id] = all;
      launched.push(inst);
    }
    return { ReservationId: reservationId, OwnerId: ctx.accountId, Groups: [], Instances: launched.map((i) => renderInstance(ctx, i)) };
  },

  TerminateInstances(input: TerminateInstancesCommandInput, ctx: Ec2Ctx): Out<TerminateInstancesCommandOutput> {
    const ids = requireParam(ctx, input.InstanceIds, 'InstanceId');
    checkIds(ctx, 'instance', ids, (id) => ctx.state.instances[id] !== undefined && isVisible(ctx, ctx.state.instances[id]!));
    const instances = [...new Set(ids)].map((id) => ctx.state.instances[id]!);
    const locked = instances.find((i) => i.disableApiTermination);
    if (locked) {
      ctx.fail('OperationNotPermitted', `The instance '${locked.id}' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again.`);
    }
    return {
      TerminatingInstances: instances.map((i) => {
        const previous = stateAt(i, ctx.now);
        if (i.terminatedAt === null) {
          i.terminateRequestedAt = ctx.now;
          i.terminatedAt = ctx.now + ctx.durations.of('ec2.instance.terminate');
        }
        const current = stateAt(i, ctx.now);
        return {
          InstanceId: i.id,
          PreviousState: { Code: STATE_CODES[previous], Name: previous },
          CurrentState: { Code: STATE_CODES[current], Name: current },
        };
      }),
    };
  },
} satisfies OperationTable<Ec2State>;
