/**
 * ec2.ami (lookup): the newest AMI matching owners, a name pattern and an architecture.
 * Observed, never created: one DescribeImages per distinct query of the run (the blog's
 * two users of ${ubuntuAmi} share it). Nothing found is a plan error naming the pattern.
 */
import { DescribeImagesCommand, EC2Client, type Filter, type Image } from '@aws-sdk/client-ec2';
import type { DesiredOf, Observation, ResourceAdapter } from '../../reconciler/types.ts';
import { amiProperties } from './schema.ts';
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
