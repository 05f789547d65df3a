/**
 * DescribeImages over a small public catalogue: Canonical's Ubuntu images (owner
 * 099720109477) and one Amazon Linux 2023 image, with region-specific ids, so the AMI
 * lookup ("newest ubuntu-jammy-22.04-amd64-server-*") behaves as in AWS.
 */
import type { DescribeImagesCommandInput, DescribeImagesCommandOutput, Image } from '@aws-sdk/client-ec2';
import { hashHex } from '../ids.ts';
import type { OperationTable } from '../service.ts';
import { applyFilters, ec2Page } from './query.ts';
import { checkIds, type Ec2Ctx } from './resources.ts';
import type { Ec2State } from './state.ts';

export const CANONICAL_OWNER = '099720109477';
export const AMAZON_OWNER = '137112412989';

interface CatalogueEntry {
  readonly name: string;
  readonly owner: string;
  readonly alias?: string;
  readonly arch: 'x86_64' | 'arm64';
  readonly created: string;
  readonly description: string;
  readonly volumeType: 'gp2' | 'gp3';
}

const ubuntu = (series: string, version: string, arch: 'amd64' | 'arm64', build: string, disk = 'hvm-ssd'): CatalogueEntry => ({
  name: `ubuntu/images/${disk}/ubuntu-${series}-${version}-${arch}-server-${build}`,
  owner: CANONICAL_OWNER,
  arch: arch === 'amd64' ? 'x86_64' : 'arm64',
  created: `${build.slice(0, 4)}-${build.slice(4, 6)}-${build.slice(6, 8)}T05:10:00.000Z`,
  description: `Canonical, Ubuntu, ${version} LTS, ${arch} ${series} image build on ${build.slice(0, 4)}-${build.slice(4, 6)}-${build.slice(6, 8)}`,
  volumeType: disk === 'hvm-ssd-gp3' ? 'gp3' : 'gp2',
});

export const CATALOGUE: readonly CatalogueEntry[] = [
  ubuntu('focal', '20.04', 'amd64', '20240112'),
  ubuntu('focal', '20.04', 'amd64', '20240228'),
  ubuntu('focal', '20.04', 'arm64', '20240228'),
  ubuntu('jammy', '22.04', 'amd64', '20240207'),
  ubuntu('jammy', '22.04', 'amd64', '20240301'),
  ubuntu('jammy', '22.04', 'arm64', '20240301'),
  ubuntu('noble', '24.04', 'amd64', '20240423', 'hvm-ssd-gp3'),
  {
    name: 'al2023-ami-2023.4.20240401.1-kernel-6.1-x86_64',
    owner: AMAZON_OWNER,
    alias: 'amazon',
    arch: 'x86_64',
    created: '2024-04-01T21:02:46.000Z',
    description: 'Amazon Linux 2023 AMI 2023.4.20240401.1 x86_64 HVM kernel-6.1',
    volumeType: 'gp3',
  },
];

export function imageId(region: string, name: string): string {
  return `ami-0${hashHex('ami', region, name).slice(0, 16)}`;
}

/** The catalogue entry with this id in this region. */
export function findImage(region: string, id: string): CatalogueEntry | undefined {
  return CATALOGUE.find((e) => imageId(region, e.name) === id);
}

export function renderImage(region: string, e: CatalogueEntry): Image {
  const id = imageId(region, e.name);
  return {
    ImageId: id,
    Name: e.name,
    Description: e.description,
    OwnerId: e.owner,
    ...(e.alias !== undefined && { ImageOwnerAlias: e.alias }),
    ImageLocation: `${e.alias ?? e.owner}/${e.name}`,
    Architecture: e.arch,
    CreationDate: e.created,
    State: 'available',
    Public: true,
    ImageType: 'machine',
    PlatformDetails: 'Linux/UNIX',
    UsageOperation: 'RunInstances',
    RootDeviceType: 'ebs',
    RootDeviceName: e.owner === CANONICAL_OWNER ? '/dev/sda1' : '/dev/xvda',
    VirtualizationType: 'hvm',
    Hypervisor: 'xen',
    EnaSupport: true,
    SriovNetSupport: 'simple',
    BlockDeviceMappings: [
      {
        DeviceName: e.owner === CANONICAL_OWNER ? '/dev/sda1' : '/dev/xvda',
        Ebs: { DeleteOnTermination: true, SnapshotId: `snap-0${hashHex('snap', region, e.name).slice(0, 16)}`, VolumeSize: 8, VolumeType: e.volumeType, Encrypted: false },
      },
    ],
  };
}

export const imageOperations = {
  DescribeImages(input: DescribeImagesCommandInput, ctx: Ec2Ctx): Omit<DescribeImagesCommandOutput, '$metadata'> {
    let entries = [...CATALOGUE];
    if (input.ImageIds !== undefined && input.ImageIds.length > 0) {
      const ids = input.ImageIds;
      checkIds(ctx, 'image', ids, (id) => findImage(ctx.region, id) !== undefined);
      entries = entries.filter((e) => ids.includes(imageId(ctx.region, e.name)));
    }
    if (input.Owners !== undefined && input.Owners.length > 0) {
      const owners = input.Owners;
      // 'self' is this account: it owns no images in the sandbox.
      entries = entries.filter((e) => owners.includes(e.owner) || (e.alias !== undefined && owners.includes(e.alias)));
    }
    const matched = applyFilters(ctx, entries, input.Filters, {
      name: (e) => e.name,
      'image-id': (e) => imageId(ctx.region, e.name),
      architecture: (e) => e.arch,
      'owner-id': (e) => e.owner,
      'owner-alias': (e) => e.alias,
      state: () => 'available',
      'virtualization-type': () => 'hvm',
      'root-device-type': () => 'ebs',
      'image-type': () => 'machine',
      'is-public': () => true,
      description: (e) => e.description,
      'platform-details': () => 'Linux/UNIX',
      'creation-date': (e) => e.created,
      'block-device-mapping.volume-type': (e) => e.volumeType,
    }, (e) => imageId(ctx.region, e.name));
    const page = ec2Page(ctx, matched, (e) => imageId(ctx.region, e.name), input);
    return { Images: page.items.map((e) => renderImage(ctx.region, e)), NextToken: page.NextToken };
  },
} satisfies OperationTable<Ec2State>;
