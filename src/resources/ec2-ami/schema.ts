/**
 * ec2.ami (lookup): the newest AMI matching owners, a name pattern and an architecture.
 * Observed, never created: one DescribeImages per distinct query of the run (the blog's
 * two users of ${ubuntuAmi} share it). Nothing found is a plan error naming the pattern.
 */
import { z } from 'zod';
import type { KindSchema } from '../../reconciler/types.ts';
import { oneOf, str } from '../fields.ts';

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
