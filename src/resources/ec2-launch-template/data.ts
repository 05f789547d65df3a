/**
 * A launch template version's data, both ways: from the spec to the RequestLaunchTemplateData
 * a version is made of (user data base64-encoded, instance tags on the instances and their
 * volumes), and from a described version back to the spec's fields; and the comparison
 * of the two, field by field.
 */
import type { RequestLaunchTemplateData, ResponseLaunchTemplateData, _InstanceType } from '@aws-sdk/client-ec2';
import type { DesiredOf, FieldChange } from '../../reconciler/types.ts';
import { fromEc2Tags } from '../ec2/tags.ts';
import {
  decodeUserData, diffBlockDevices, diffMetadataOptions, encodeUserData, fromMetadataOptions, optional, toBlockDeviceMappings, toMetadataOptions,
  type BlockDeviceSpec, type MetadataOptionsSpec,
} from '../ec2/instance-data.ts';
import { diffFields, diffIdSet } from '../normalize/compare.ts';
import type { launchTemplateProperties } from './schema.ts';

export type Desired = DesiredOf<typeof launchTemplateProperties>;

/** What one version holds, as the spec names it. */
export interface VersionData {
  readonly versionDescription: string | undefined;
  readonly imageId: string | undefined;
  readonly instanceType: string | undefined;
  readonly securityGroupIds: string[];
  readonly iamInstanceProfileArn: string | undefined;
  readonly userData: string | undefined;
  readonly metadataOptions: MetadataOptionsSpec;
  readonly keyName: string | undefined;
  readonly blockDeviceMappings: BlockDeviceSpec[];
  readonly monitoring: boolean;
  readonly creditSpecification: string | undefined;
  readonly instanceTags: Record<string, string>;
}

export function toLaunchTemplateData(d: Desired): RequestLaunchTemplateData {
  const tags = Object.entries(d.instanceTags ?? {}).map(([Key, Value]) => ({ Key, Value }));
  return {
    ImageId: d.imageId,
    InstanceType: d.instanceType as _InstanceType,
    SecurityGroupIds: d.securityGroupIds,
    MetadataOptions: toMetadataOptions(d.metadataOptions),
    Monitoring: { Enabled: d.monitoring },
    ...(optional(d.iamInstanceProfileArn) !== undefined && { IamInstanceProfile: { Arn: d.iamInstanceProfileArn } }),
    ...(optional(d.userData) !== undefined && { UserData: encodeUserData(d.userData!) }),
    ...(optional(d.keyName) !== undefined && { KeyName: d.keyName }),
    ...(d.blockDeviceMappings.length > 0 && { BlockDeviceMappings: toBlockDeviceMappings(d.blockDeviceMappings) }),
    ...(d.creditSpecification !== undefined && { CreditSpecification: { CpuCredits: d.creditSpecification } }),
    ...(tags.length > 0 && { TagSpecifications: [{ ResourceType: 'instance', Tags: tags }, { ResourceType: 'volume', Tags: tags }] }),
  };
}

export function fromLaunchTemplateData(data: ResponseLaunchTemplateData | undefined, versionDescription: string | undefined): VersionData {
  const d = data ?? {};
  return {
    versionDescription,
    imageId: d.ImageId,
    instanceType: d.InstanceType,
    securityGroupIds: [...(d.SecurityGroupIds ?? [])].sort(),
    iamInstanceProfileArn: d.IamInstanceProfile?.Arn,
    userData: decodeUserData(d.UserData),
    metadataOptions: fromMetadataOptions(d.MetadataOptions),
    keyName: d.KeyName,
    blockDeviceMappings: (d.BlockDeviceMappings ?? []).map((b) => ({
      deviceName: b.DeviceName!,
      ebs: {
        volumeSize: b.Ebs?.VolumeSize, volumeType: b.Ebs?.VolumeType ?? 'gp2', iops: b.Ebs?.Iops,
        encrypted: b.Ebs?.Encrypted ?? false, deleteOnTermination: b.Ebs?.DeleteOnTermination ?? true,
      },
    })),
    monitoring: d.Monitoring?.Enabled ?? false,
    creditSpecification: d.CreditSpecification?.CpuCredits,
    instanceTags: fromEc2Tags(d.TagSpecifications?.find((t) => t.ResourceType === 'instance')?.Tags),
  };
}

/** The spec's data as a version would hold it (for a state made without reading it back). */
export const versionOf = (d: Desired): VersionData => ({
  versionDescription: d.versionDescription,
  imageId: d.imageId,
  instanceType: d.instanceType,
  securityGroupIds: [...d.securityGroupIds].sort(),
  iamInstanceProfileArn: optional(d.iamInstanceProfileArn),
  userData: optional(d.userData),
  metadataOptions: d.metadataOptions,
  keyName: optional(d.keyName),
  blockDeviceMappings: d.blockDeviceMappings,
  monitoring: d.monitoring,
  creditSpecification: d.creditSpecification,
  instanceTags: { ...(d.instanceTags ?? {}) },
});

/** Every difference in what a version holds (a change makes a new version). */
export function diffVersion(d: Desired, v: VersionData): FieldChange[] {
  const want = versionOf(d);
  const keys = [...new Set([...Object.keys(want.instanceTags), ...Object.keys(v.instanceTags)])].sort();
  return [
    ...diffFields(want, v, ['imageId', 'instanceType']),
    ...diffIdSet('securityGroupIds', want.securityGroupIds, v.securityGroupIds),
    ...(['iamInstanceProfileArn', 'userData', 'keyName'] as const).filter((k) => want[k] !== v[k]).map((k) => ({ path: k, from: v[k], to: want[k] })),
    ...diffMetadataOptions(want.metadataOptions, v.metadataOptions),
    ...diffBlockDevices(want.blockDeviceMappings, v.blockDeviceMappings),
    ...diffFields(want, v, ['monitoring', 'creditSpecification', 'versionDescription']),
    ...keys.filter((k) => want.instanceTags[k] !== v.instanceTags[k]).map((k) => ({ path: `instanceTags.${k}`, from: v.instanceTags[k], to: want.instanceTags[k] })),
  ];
}
