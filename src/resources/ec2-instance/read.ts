/**
 * Reading instances: DescribeInstances gives most of what the spec says; user data takes
 * one DescribeInstanceAttribute per instance, the volumes' size, type and encryption one
 * DescribeVolumes for all of them, and CPU credits one DescribeInstanceCreditSpecifications
 * (only when a spec sets them).
 */
import {
  DescribeInstanceAttributeCommand, DescribeInstanceCreditSpecificationsCommand, DescribeVolumesCommand, EC2Client, paginateDescribeInstances,
  type Filter, type Instance, type Volume,
} from '@aws-sdk/client-ec2';
import { fromEc2Tags } from '../ec2/tags.ts';
import { decodeUserData, fromMetadataOptions, type BlockDeviceSpec, type MetadataOptionsSpec } from '../ec2/instance-data.ts';

export interface ObservedInstance {
  readonly instanceId: string;
  readonly arn: string;
  /** pending, running, stopping, stopped, shutting-down. */
  readonly state: string;
  readonly imageId: string;
  readonly instanceType: string;
  readonly subnetId: string;
  readonly vpcId: string;
  readonly availabilityZone: string;
  readonly privateIpAddress: string;
  readonly publicIpAddress: string | undefined;
  readonly primaryNetworkInterfaceId: string;
  readonly securityGroupIds: string[];
  readonly sourceDestCheck: boolean;
  readonly userData: string | undefined;
  readonly metadataOptions: MetadataOptionsSpec;
  readonly iamInstanceProfileArn: string | undefined;
  readonly keyName: string | undefined;
  readonly blockDeviceMappings: BlockDeviceSpec[];
  readonly monitoring: boolean;
  /** Burstable types' CPU credits, read only when a spec sets them. */
  readonly creditSpecification: string | undefined;
  readonly tags: Record<string, string>;
}

/** Instances of the stack still there for us: not terminated (shutting-down ones are filtered by the caller). */
export async function describeInstances(ec2: EC2Client, filters: Filter[]): Promise<{ instance: Instance; owner: string }[]> {
  const all = [...filters, { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped', 'shutting-down'] }];
  const out: { instance: Instance; owner: string }[] = [];
  for await (const page of paginateDescribeInstances({ client: ec2 }, { Filters: all }))
    for (const r of page.Reservations ?? []) for (const i of r.Instances ?? []) out.push({ instance: i, owner: r.OwnerId ?? '' });
  return out;
}

async function volumesOf(ec2: EC2Client, instances: readonly Instance[]): Promise<Map<string, Volume>> {
  const ids = instances.flatMap((i) => (i.BlockDeviceMappings ?? []).map((b) => b.Ebs?.VolumeId).filter((v): v is string => !!v));
  if (ids.length === 0) return new Map();
  const out = await ec2.send(new DescribeVolumesCommand({ VolumeIds: ids }));
  return new Map((out.Volumes ?? []).map((v) => [v.VolumeId!, v]));
}

async function creditsOf(ec2: EC2Client, instances: readonly Instance[]): Promise<Map<string, string>> {
  const burstable = instances.filter((i) => /^t\d/.test(i.InstanceType ?? '')).map((i) => i.InstanceId!);
  if (burstable.length === 0) return new Map();
  const out = await ec2.send(new DescribeInstanceCreditSpecificationsCommand({ InstanceIds: burstable }));
  return new Map((out.InstanceCreditSpecifications ?? []).map((c) => [c.InstanceId!, c.CpuCredits!]));
}

export interface ReadOptions {
  readonly region: string;
  /** Read CPU credits (a spec sets them). */
  readonly credits: boolean;
  /** User data already known (an instance just launched with it): no attribute call. */
  readonly userData?: ReadonlyMap<string, string | undefined>;
}

/** The full state of each instance, in the order given. */
export async function readInstances(ec2: EC2Client, found: readonly { instance: Instance; owner: string }[], o: ReadOptions): Promise<ObservedInstance[]> {
  const instances = found.map((f) => f.instance);
  const [volumes, credits, userData] = await Promise.all([
    volumesOf(ec2, instances),
    o.credits ? creditsOf(ec2, instances) : Promise.resolve(new Map<string, string>()),
    Promise.all(instances.map(async (i) => {
      if (o.userData?.has(i.InstanceId!)) return o.userData.get(i.InstanceId!);
      const attr = await ec2.send(new DescribeInstanceAttributeCommand({ InstanceId: i.InstanceId!, Attribute: 'userData' }));
      return decodeUserData(attr.UserData?.Value);
    })),
  ]);
  return found.map(({ instance: i, owner }, n) => ({
    instanceId: i.InstanceId!,
    arn: `arn:aws:ec2:${o.region}:${owner}:instance/${i.InstanceId!}`,
    state: i.State?.Name ?? 'pending',
    imageId: i.ImageId!,
    instanceType: i.InstanceType!,
    subnetId: i.SubnetId ?? '',
    vpcId: i.VpcId ?? '',
    availabilityZone: i.Placement?.AvailabilityZone ?? '',
    privateIpAddress: i.PrivateIpAddress ?? '',
    publicIpAddress: i.PublicIpAddress,
    primaryNetworkInterfaceId: (i.NetworkInterfaces ?? []).find((e) => e.Attachment?.DeviceIndex === 0)?.NetworkInterfaceId ?? '',
    securityGroupIds: (i.SecurityGroups ?? []).map((g) => g.GroupId!).sort(),
    sourceDestCheck: i.SourceDestCheck ?? true,
    userData: userData[n],
    metadataOptions: fromMetadataOptions(i.MetadataOptions),
    iamInstanceProfileArn: i.IamInstanceProfile?.Arn,
    keyName: i.KeyName,
    blockDeviceMappings: (i.BlockDeviceMappings ?? []).map((b) => {
      const v = b.Ebs?.VolumeId ? volumes.get(b.Ebs.VolumeId) : undefined;
      return {
        deviceName: b.DeviceName!,
        ebs: { volumeSize: v?.Size, volumeType: v?.VolumeType ?? 'gp2', iops: v?.Iops, encrypted: v?.Encrypted ?? false, deleteOnTermination: b.Ebs?.DeleteOnTermination ?? true },
      };
    }),
    monitoring: i.Monitoring?.State === 'enabled' || i.Monitoring?.State === 'pending',
    creditSpecification: credits.get(i.InstanceId!),
    tags: fromEc2Tags(i.Tags),
  }));
}
