/** rds.db-subnet-group: the private subnets a database may live in. */
import { z } from 'zod';
import type { KindSchema, SpecProblem } from '../../reconciler/types.ts';
import { checkOneVpc, checkZoneSpread, literal } from '../cross-checks.ts';
import { idRefs, str, tags } from '../fields.ts';

export const dbSubnetGroupProperties = z
  .object({
    /** Lowercase: RDS stores the name in lowercase. */
    dbSubnetGroupName: str(),
    dbSubnetGroupDescription: z.string().min(1, { error: 'RDS requires a description' }),
    subnetIds: idRefs().min(2, { error: 'a DB subnet group needs subnets in at least two availability zones' }),
    tags: tags(),
  })
  .strict();

export type DbSubnetGroupProperties = z.infer<typeof dbSubnetGroupProperties>;

export const dbSubnetGroupKind = {
  kind: 'rds.db-subnet-group',
  description: 'A DB subnet group spanning two or more availability zones.',
  schema: dbSubnetGroupProperties,
  outputs: { name: 'exists', arn: 'exists' },
  defaultOutput: 'name',
  check(self, ctx) {
    const problems: SpecProblem[] = [...checkOneVpc(self, ctx, ['subnetIds']), ...checkZoneSpread(self, ctx, 'subnetIds', 2, 'a DB subnet group')];
    const name = literal(self.properties.dbSubnetGroupName);
    if (name !== undefined && (!/^[a-z0-9 ._-]{1,255}$/.test(name) || name === 'default'))
      problems.push({
        pos: ctx.posOf(self, 'dbSubnetGroupName'),
        message: `"${name}" is not a DB subnet group name: lowercase letters, digits, spaces and ._- (and not "default")`,
      });
    return problems;
  },
} satisfies KindSchema<'rds.db-subnet-group'>;
