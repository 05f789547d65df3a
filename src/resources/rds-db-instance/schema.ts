/**
 * rds.db-instance: the blog's MySQL database. There is no password field: RDS generates
 * the master password and keeps it in Secrets Manager (manageMasterUserPassword), and
 * the app reads it at boot from `${db.masterUserSecretArn}` through its instance role.
 */
import { z } from 'zod';
import type { KindSchema } from '../../reconciler/types.ts';
import { checkOneVpc, list, target, vpcOf } from '../cross-checks.ts';
import { arn, idRef, idRefs, int, oneOf, port, str, tags } from '../fields.ts';
import { checkDbInstance } from './rules.ts';

export const dbInstanceProperties = z
  .object({
    dbInstanceIdentifier: str(),
    engine: oneOf(['mysql', 'mariadb', 'postgres']),
    /** The full version, e.g. 8.0.28; checked against what RDS offers when planning. */
    engineVersion: z.string(),
    dbInstanceClass: z.string().regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, { error: 'an RDS instance class looks like db.t3.micro' }),
    allocatedStorage: int(20, 65536),
    /** Storage autoscaling ceiling in GiB; absent means no autoscaling. */
    maxAllocatedStorage: int(21, 65536).optional(),
    storageType: oneOf(['gp3', 'gp2', 'io1', 'io2', 'standard']).default('gp3'),
    storageEncrypted: z.boolean().default(false),
    kmsKeyId: arn().optional(),
    /** The database created with the instance (Django's DATABASES NAME). */
    dbName: z.string().optional(),
    masterUsername: z.string().min(1, { error: 'masterUsername must not be empty' }),
    /** Always true: the password lives in an RDS-managed Secrets Manager secret, never in the spec. */
    manageMasterUserPassword: z
      .boolean()
      .default(true)
      .refine((v) => v, {
        error: 'blogctl never handles database passwords: manageMasterUserPassword is always true (RDS keeps the password in Secrets Manager)',
      }),
    masterUserSecretKmsKeyId: arn().optional(),
    dbSubnetGroupName: idRef(),
    vpcSecurityGroupIds: idRefs().min(1, { error: 'give the database its own security group' }),
    /** AWS's default is the engine's (3306 for MySQL). */
    port: port().optional(),
    publiclyAccessible: z.boolean().default(false),
    multiAz: z.boolean().default(false),
    /** Days of automated backups; 0 turns them off. */
    backupRetentionPeriod: int(0, 35).default(1),
    /** hh:mm-hh:mm UTC, at least 30 minutes. */
    preferredBackupWindow: z.string().optional(),
    /** ddd:hh:mm-ddd:hh:mm UTC, at least 30 minutes, not overlapping the backup window. */
    preferredMaintenanceWindow: z.string().optional(),
    enableCloudwatchLogsExports: z.array(z.string()).default([]),
    deletionProtection: z.boolean().default(false),
    autoMinorVersionUpgrade: z.boolean().default(true),
    copyTagsToSnapshot: z.boolean().default(false),
    caCertificateIdentifier: z.string().optional(),
    /** On delete: false takes a final snapshot first (named after the instance and the time). */
    skipFinalSnapshot: z.boolean().default(false),
    deleteAutomatedBackups: z.boolean().default(true),
    /** Apply modifications now instead of in the next maintenance window. */
    applyImmediately: z.boolean().default(false),
    tags: tags(),
  })
  .strict();

export type DbInstanceProperties = z.infer<typeof dbInstanceProperties>;

export const dbInstanceKind = {
  kind: 'rds.db-instance',
  description: 'An RDS DB instance whose master password RDS manages in Secrets Manager.',
  schema: dbInstanceProperties,
  outputs: {
    id: 'exists',
    arn: 'exists',
    resourceId: 'exists',
    masterUserSecretArn: 'exists',
    dbName: 'exists',
    masterUsername: 'exists',
    endpoint: 'ready',
    port: 'ready',
  },
  defaultOutput: 'id',
  check(self, ctx) {
    const group = target(self.properties.dbSubnetGroupName, ctx, 'rds.db-subnet-group');
    const firstSubnet = group && target(list(group.properties.subnetIds)[0], ctx, 'ec2.subnet');
    const vpc = firstSubnet && vpcOf(firstSubnet, ctx);
    return [...checkDbInstance(self, ctx), ...checkOneVpc(self, ctx, ['vpcSecurityGroupIds'], vpc)];
  },
} satisfies KindSchema<'rds.db-instance'>;
