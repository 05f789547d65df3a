/**
 * What an instance and a launch template share: user data (plain text in the spec,
 * base64 on the wire), instance metadata options and EBS block devices, each turned
 * into the SDK's shape and compared field by field.
 */
import type { FieldChange } from '../../reconciler/types.ts';

export interface MetadataOptionsSpec {
  readonly httpTokens: string;
  readonly httpEndpoint: string;
  readonly httpPutResponseHopLimit: number;
  readonly instanceMetadataTags: string;
}

export interface EbsSpec {
  readonly volumeSize?: number | undefined;
  readonly volumeType: string;
  readonly iops?: number | undefined;
  readonly encrypted: boolean;
  readonly deleteOnTermination: boolean;
}

export interface BlockDeviceSpec {
  readonly deviceName: string;
  readonly ebs: EbsSpec;
}

/** AWS's defaults for what a launch leaves out. */
export const DEFAULT_METADATA_OPTIONS: MetadataOptionsSpec = { httpTokens: 'optional', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1, instanceMetadataTags: 'disabled' };

export const encodeUserData = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
export const decodeUserData = (b64: string | undefined): string | undefined => (b64 === undefined || b64 === '' ? undefined : Buffer.from(b64, 'base64').toString('utf8'));

/** The SDK's MetadataOptions (instances and launch templates take the same members). */
export const toMetadataOptions = (m: MetadataOptionsSpec) => ({
  HttpTokens: m.httpTokens as 'optional' | 'required',
  HttpEndpoint: m.httpEndpoint as 'enabled' | 'disabled',
  HttpPutResponseHopLimit: m.httpPutResponseHopLimit,
  InstanceMetadataTags: m.instanceMetadataTags as 'enabled' | 'disabled',
});

interface AwsMetadataOptions {
  readonly HttpTokens?: string | undefined;
  readonly HttpEndpoint?: string | undefined;
  readonly HttpPutResponseHopLimit?: number | undefined;
  readonly InstanceMetadataTags?: string | undefined;
}

export const fromMetadataOptions = (m: AwsMetadataOptions | undefined): MetadataOptionsSpec => ({
  httpTokens: m?.HttpTokens ?? DEFAULT_METADATA_OPTIONS.httpTokens,
  httpEndpoint: m?.HttpEndpoint ?? DEFAULT_METADATA_OPTIONS.httpEndpoint,
  httpPutResponseHopLimit: m?.HttpPutResponseHopLimit ?? DEFAULT_METADATA_OPTIONS.httpPutResponseHopLimit,
  instanceMetadataTags: m?.InstanceMetadataTags ?? DEFAULT_METADATA_OPTIONS.instanceMetadataTags,
});

/** The SDK's BlockDeviceMappings for a launch (unset sizes and IOPS come from the AMI or AWS). */
export const toBlockDeviceMappings = (devices: readonly BlockDeviceSpec[]) =>
  devices.map((d) => ({
    DeviceName: d.deviceName,
    Ebs: {
      VolumeType: d.ebs.volumeType as 'gp3',
      Encrypted: d.ebs.encrypted,
      DeleteOnTermination: d.ebs.deleteOnTermination,
      ...(d.ebs.volumeSize !== undefined && { VolumeSize: d.ebs.volumeSize }),
      ...(d.ebs.iops !== undefined && { Iops: d.ebs.iops }),
    },
  }));

/** One change per metadata option that differs: `metadataOptions.httpTokens`. */
export function diffMetadataOptions(desired: MetadataOptionsSpec, observed: MetadataOptionsSpec): FieldChange[] {
  return (Object.keys(DEFAULT_METADATA_OPTIONS) as (keyof MetadataOptionsSpec)[])
    .filter((k) => desired[k] !== observed[k])
    .map((k) => ({ path: `metadataOptions.${k}`, from: observed[k], to: desired[k] }));
}

/**
 * The devices the spec names, compared by device name (`blockDeviceMappings[/dev/sda1].ebs.encrypted`);
 * devices only the AMI maps are left alone, as are a size or IOPS the spec leaves to AWS.
 */
export function diffBlockDevices(desired: readonly BlockDeviceSpec[], observed: readonly BlockDeviceSpec[]): FieldChange[] {
  const have = new Map(observed.map((d) => [d.deviceName, d]));
  return desired.flatMap((d): FieldChange[] => {
    const o = have.get(d.deviceName);
    const at = `blockDeviceMappings[${d.deviceName}]`;
    if (!o) return [{ path: at, from: undefined, to: d.ebs }];
    return (['volumeSize', 'volumeType', 'iops', 'encrypted', 'deleteOnTermination'] as const)
      .filter((k) => d.ebs[k] !== undefined && d.ebs[k] !== o.ebs[k])
      .map((k) => ({ path: `${at}.ebs.${k}`, from: o.ebs[k], to: d.ebs[k] }));
  });
}

/** A string that may be empty in the spec for "none" ('' and undefined are the same). */
export const optional = (v: string | undefined): string | undefined => (v === '' ? undefined : v);
