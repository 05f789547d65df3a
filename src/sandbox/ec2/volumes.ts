/**
 * EBS volumes of instances: RunInstances makes one per device of the AMI's block device
 * mapping, overridden (size, type, IOPS, encryption, delete on termination) by the
 * request's BlockDeviceMappings, plus one per extra device it names. A volume is in-use
 * while its instance lives; once the instance is terminated it is gone if it was to be
 * deleted on termination, else available. DescribeVolumes lists them.
 */
import type { BlockDeviceMapping, DescribeVolumesCommandInput, DescribeVolumesCommandOutput, Volume } from '@aws-sdk/client-ec2';
import type { OperationTable } from '../service.ts';
import { renderImage, findImage } from './images.ts';
import { stateAt } from './instance-views.ts';
import { applyFilters, date, ec2Page, tagList } from './query.ts';
import { checkIds, type Ec2Ctx } from './resources.ts';
import type { Ec2State, InstanceRec, VolumeRec } from './state.ts';

const GP3_BASELINE = { iops: 3000, throughput: 125 };

/** The AMI's mappings with the request's merged over them by device name. */
function mergedMappings(ctx: Ec2Ctx, imageId: string, requested: readonly BlockDeviceMapping[]): BlockDeviceMapping[] {
  const image = findImage(ctx.region, imageId);
  const base = image ? (renderImage(ctx.region, image).BlockDeviceMappings ?? []) : [];
  const out = base.map((m) => structuredClone(m));
  for (const r of requested) {
    if (r.NoDevice !== undefined) {
      const i = out.findIndex((m) => m.DeviceName === r.DeviceName);
      if (i >= 0) out.splice(i, 1);
      continue;
    }
    const existing = out.find((m) => m.DeviceName === r.DeviceName);
    const ebs = Object.fromEntries(Object.entries(r.Ebs ?? {}).filter(([, v]) => v !== undefined));
    if (existing) existing.Ebs = { ...existing.Ebs, ...ebs };
    else out.push({ DeviceName: r.DeviceName, Ebs: { DeleteOnTermination: true, VolumeType: 'gp2', ...ebs } });
  }
  return out;
}

/** A volume a launch will make: its record's settings and whether it goes with the instance. */
export type PlannedVolume = Omit<VolumeRec, 'id' | 'instanceId' | 'az' | 'createdAt'> & { readonly deleteOnTermination: boolean };

/** Checks a launch's block devices and returns the volumes to make (no mutation). */
export function plannedVolumes(ctx: Ec2Ctx, imageId: string, requested: readonly BlockDeviceMapping[] | undefined): PlannedVolume[] {
  return mergedMappings(ctx, imageId, requested ?? []).map((m) => {
    const ebs = m.Ebs ?? {};
    const snapshotSize = ebs.SnapshotId !== undefined ? 8 : 0;
    const size = ebs.VolumeSize ?? snapshotSize;
    if (size < 1) ctx.fail('InvalidBlockDeviceMapping', `The device '${m.DeviceName}' needs a volume size (no snapshot to take it from).`);
    if (size < snapshotSize) ctx.fail('InvalidBlockDeviceMapping', `Volume of size ${size}GB is smaller than snapshot '${ebs.SnapshotId}', expect size >= ${snapshotSize}GB`);
    const type = ebs.VolumeType ?? 'gp2';
    if ((type === 'io1' || type === 'io2') && ebs.Iops === undefined) ctx.fail('InvalidParameterCombination', `The parameter iops must be specified for ${type} volumes.`);
    return {
      size, type, encrypted: ebs.Encrypted ?? false, snapshotId: ebs.SnapshotId ?? null, device: m.DeviceName!,
      iops: ebs.Iops ?? (type === 'gp3' ? GP3_BASELINE.iops : null),
      throughput: ebs.Throughput ?? (type === 'gp3' ? GP3_BASELINE.throughput : null),
      deleteOnTermination: ebs.DeleteOnTermination ?? true,
    };
  });
}

/** Makes the volumes of a new instance, tagged with the launch's volume tags. */
export function attachVolumes(ctx: Ec2Ctx, inst: InstanceRec, planned: readonly PlannedVolume[], tags: Record<string, string>): void {
  ctx.state.volumes ??= {};
  inst.blockDevices = planned.map(({ deleteOnTermination, ...v }) => {
    const id = ctx.ids.next('vol');
    ctx.state.volumes![id] = { ...v, id, instanceId: inst.id, az: inst.az, createdAt: ctx.now };
    if (Object.keys(tags).length > 0) ctx.state.tags[id] = { ...tags };
    return { device: v.device, volumeId: id, deleteOnTermination };
  });
}

/** 'in-use', 'available' (kept after its instance terminated), or undefined once deleted with it. */
function volumeState(state: Ec2State, v: VolumeRec, now: number): 'in-use' | 'available' | undefined {
  const inst = state.instances[v.instanceId];
  if (!inst || stateAt(inst, now) !== 'terminated') return 'in-use';
  const keep = inst.blockDevices?.find((b) => b.volumeId === v.id)?.deleteOnTermination === false;
  return keep ? 'available' : undefined;
}

function render(ctx: Ec2Ctx, v: VolumeRec): Volume {
  const state = volumeState(ctx.state, v, ctx.now)!;
  const inst = ctx.state.instances[v.instanceId];
  const device = inst?.blockDevices?.find((b) => b.volumeId === v.id);
  return {
    VolumeId: v.id,
    Size: v.size,
    VolumeType: v.type as Volume['VolumeType'],
    ...(v.iops !== null && { Iops: v.iops }),
    ...(v.throughput !== null && { Throughput: v.throughput }),
    Encrypted: v.encrypted,
    ...(v.encrypted && { KmsKeyId: `arn:aws:kms:${ctx.region}:${ctx.accountId}:key/aws/ebs` }),
    AvailabilityZone: v.az,
    ...(v.snapshotId !== null && { SnapshotId: v.snapshotId }),
    CreateTime: date(v.createdAt),
    State: state,
    MultiAttachEnabled: false,
    Attachments: state === 'in-use'
      ? [{ VolumeId: v.id, InstanceId: v.instanceId, Device: v.device, State: 'attached', AttachTime: date(v.createdAt), DeleteOnTermination: device?.deleteOnTermination ?? true }]
      : [],
    Tags: tagList(ctx.state, v.id),
  };
}

export const volumeOperations = {
  DescribeVolumes(input: DescribeVolumesCommandInput, ctx: Ec2Ctx): Omit<DescribeVolumesCommandOutput, '$metadata'> {
    const live = Object.values(ctx.state.volumes ?? {}).filter((v) => volumeState(ctx.state, v, ctx.now) !== undefined);
    let volumes = live;
    if (input.VolumeIds !== undefined && input.VolumeIds.length > 0) {
      const ids = input.VolumeIds;
      checkIds(ctx, 'volume', ids, (id) => live.some((v) => v.id === id));
      volumes = live.filter((v) => ids.includes(v.id));
    }
    const matched = applyFilters(ctx, volumes, input.Filters, {
      'volume-id': (v) => v.id,
      'attachment.instance-id': (v) => (volumeState(ctx.state, v, ctx.now) === 'in-use' ? v.instanceId : null),
      'attachment.device': (v) => v.device,
      'volume-type': (v) => v.type,
      encrypted: (v) => v.encrypted,
      size: (v) => v.size,
      'availability-zone': (v) => v.az,
      status: (v) => volumeState(ctx.state, v, ctx.now),
    }, (v) => v.id);
    const page = ec2Page(ctx, matched, (v) => v.id, input, [5, 500]);
    return { Volumes: page.items.map((v) => render(ctx, v)), NextToken: page.NextToken };
  },
} satisfies OperationTable<Ec2State>;
