/**
 * ec2.ami (lookup): the newest AMI matching owners, a name pattern and an architecture.
 * Observed, never created: one DescribeImages per distinct query of the run (the blog's
 * two users of ${ubuntuAmi} share it). Nothing found is a plan error naming the pattern.
 */
import { DescribeImagesCommand, EC2Client, type Filter, type Image } from '@aws-sdk/client-ec2';
import { z } from 'zod';
import type { DesiredOf, KindSchema, Observation, ResourceAdapter } from '../reconciler/types.ts';
import { oneOf, str } from './fields.ts';

const OWNER = /^(\d{12}|self|amazon|aws-marketplace|aws-backup-vault)$/;

export const amiProperties = z
  .object({
    /** Account ids (Canonical is 099720109477) or amazon, self, aws-marketplace. */
    owners: z
      .array(z.string().regex(OWNER, { error: 'an owner is a 12-digit account id, or self, amazon, aws-marketplace' }))
      .min(1, { error: 'name at least one owner: a name pattern alone matches anyone\'s images' }),
    /** The DescribeImages `name` filter; `*` and `?` are wildcards. */
    namePattern: str(),
    architecture: oneOf(['x86_64', 'arm64', 'i386', 'x86_64_mac', 'arm64_mac']).default('x86_64'),
    virtualizationType: oneOf(['hvm', 'paravirtual']).default('hvm'),
    rootDeviceType: oneOf(['ebs', 'instance-store']).default('ebs'),
  })
  .strict();

export type AmiProperties = z.infer<typeof amiProperties>;

export const amiKind = {
  kind: 'ec2.ami',
  description: 'Looks up the newest AMI matching owners, a name pattern and an architecture (never created).',
  schema: amiProperties,
  outputs: { id: 'exists', name: 'exists', creationDate: 'exists', rootDeviceName: 'exists' },
  defaultOutput: 'id',
  lookup: true,
  check(self, ctx) {
    const pattern = self.properties.namePattern;
    const arch = self.properties.architecture;
    if (typeof pattern !== 'string') return [];
    const mismatch =
      (arch === 'x86_64' && /-arm64-/.test(pattern)) || (arch === 'arm64' && /-amd64-/.test(pattern))
        ? `namePattern names ${arch === 'x86_64' ? 'arm64' : 'amd64'} images but architecture is ${String(arch)}: nothing would match`
        : undefined;
    return mismatch ? [{ pos: ctx.posOf(self, 'architecture'), message: mismatch }] : [];
  },
} satisfies KindSchema<'ec2.ami'>;

type Desired = DesiredOf<typeof amiProperties>;

export interface ObservedAmi {
  readonly imageId: string;
  readonly name: string;
  readonly creationDate: string;
  readonly rootDeviceName: string;
  readonly architecture: string;
  readonly ownerId: string;
  readonly arn: string;
}

const filters = (d: Desired): Filter[] => [
  { Name: 'name', Values: [d.namePattern] },
  { Name: 'architecture', Values: [d.architecture] },
  { Name: 'virtualization-type', Values: [d.virtualizationType] },
  { Name: 'root-device-type', Values: [d.rootDeviceType] },
  { Name: 'state', Values: ['available'] },
];

/** The newest image: the latest CreationDate (ISO 8601, so string order), then the greatest name. */
export function newest(images: readonly Image[]): Image | undefined {
  const key = (i: Image) => `${i.CreationDate ?? ''}\u0000${i.Name ?? ''}`;
  return [...images].sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0))[0];
}

const lookupOnly = (what: string) => async (): Promise<never> => {
  throw new Error(`ec2.ami is a lookup: blogctl never ${what}s images`);
};

export const amiAdapter: ResourceAdapter<'ec2.ami', Desired, ObservedAmi> = {
  kind: 'ec2.ami',
  replaceOn: [],
  replaceOrder: 'create-before-delete',

  async observe(requests, ctx) {
    const ec2 = ctx.clients.get(EC2Client);
    const queries = new Map<string, Promise<Image | undefined>>();
    const found: Observation<ObservedAmi>[] = [];
    await Promise.all(requests.map(async (r) => {
      if (!r.desired) return;
      const d = r.desired;
      const key = JSON.stringify([d.owners, filters(d)]);
      let query = queries.get(key);
      if (!query) {
        // Without MaxResults, DescribeImages answers every match at once: one call per query.
        query = ec2.send(new DescribeImagesCommand({ Owners: d.owners, Filters: filters(d) })).then((out) => newest(out.Images ?? []));
        queries.set(key, query);
      }
      const image = await query;
      if (!image) return;
      const state = {
        imageId: image.ImageId!, name: image.Name ?? '', creationDate: image.CreationDate ?? '', rootDeviceName: image.RootDeviceName ?? '',
        architecture: image.Architecture ?? d.architecture, ownerId: image.OwnerId ?? '', arn: `arn:aws:ec2:${ctx.region}::image/${image.ImageId!}`,
      };
      found.push({ id: r.id, state, tags: {} });
    }));
    return found;
  },

  diff: () => [],
  create: lookupOnly('create'),
  update: lookupOnly('update'),
  delete: lookupOnly('delete'),

  describeLookup: (d) =>
    `no ${d.architecture} ${d.virtualizationType}/${d.rootDeviceType} image named "${d.namePattern}" owned by ${d.owners.join(', ')}`,

  outputs: (o) => ({ id: o.imageId, arn: o.arn, name: o.name, creationDate: o.creationDate, rootDeviceName: o.rootDeviceName }),
};
