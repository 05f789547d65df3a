/**
 * A DB instance as observe reports it, from DescribeDBInstances (one paginated call for
 * every instance: RDS cannot filter by tag, but the answer carries each one's tags).
 * Values RDS holds for the maintenance window (PendingModifiedValues) are kept apart in
 * `pending`: the diff compares the spec with what the instance will be once they apply,
 * so a held change is shown as pending, never planned again.
 */
import { paginateDescribeDBInstances, type DBInstance } from '@aws-sdk/client-rds';
import type { AdapterContext, DesiredOf } from '../../reconciler/types.ts';
import { tagRecord } from '../normalize/tags.ts';
import { rds } from '../rds/tags.ts';
import type { dbInstanceProperties } from './schema.ts';

type Desired = DesiredOf<typeof dbInstanceProperties>;

/** The tag that records what a delete does (the spec is not there once the instance left it). */
export const ON_DELETE_TAG = 'blogctl:on-delete';

/** Settings RDS may hold for the maintenance window. */
export const DEFERRABLE = ['engineVersion', 'dbInstanceClass', 'allocatedStorage', 'storageType', 'multiAz', 'caCertificateIdentifier'] as const;
export type Deferrable = (typeof DEFERRABLE)[number];

export interface ObservedDbInstance {
  readonly dbInstanceIdentifier: string;
  readonly arn: string;
  readonly resourceId: string;
  /** creating, backing-up, available, modifying, deleting... */
  readonly status: string;
  readonly engine: string;
  readonly engineVersion: string;
  readonly dbInstanceClass: string;
  readonly allocatedStorage: number;
  readonly maxAllocatedStorage?: number;
  readonly storageType: string;
  readonly storageEncrypted: boolean;
  readonly kmsKeyId?: string;
  readonly dbName?: string;
  readonly masterUsername: string;
  readonly manageMasterUserPassword: boolean;
  /** The Secrets Manager secret RDS keeps the password in: its ARN only, never its value. */
  readonly masterUserSecretArn?: string;
  readonly masterUserSecretKmsKeyId?: string;
  readonly dbSubnetGroupName: string;
  readonly vpcSecurityGroupIds: string[];
  readonly port: number;
  readonly publiclyAccessible: boolean;
  readonly multiAz: boolean;
  readonly backupRetentionPeriod: number;
  readonly preferredBackupWindow: string;
  readonly preferredMaintenanceWindow: string;
  readonly enableCloudwatchLogsExports: string[];
  readonly deletionProtection: boolean;
  readonly autoMinorVersionUpgrade: boolean;
  readonly copyTagsToSnapshot: boolean;
  readonly caCertificateIdentifier: string;
  /** From the blogctl:on-delete tag. */
  readonly skipFinalSnapshot: boolean;
  readonly deleteAutomatedBackups: boolean;
  readonly endpoint?: { readonly address: string; readonly port: number };
  /** What RDS holds for the next maintenance window. */
  readonly pending: Partial<Pick<Desired, Deferrable>>;
  readonly tags: Record<string, string>;
}

function pendingOf(i: DBInstance): ObservedDbInstance['pending'] {
  const p = i.PendingModifiedValues ?? {};
  return {
    ...(p.EngineVersion !== undefined && { engineVersion: p.EngineVersion }),
    ...(p.DBInstanceClass !== undefined && { dbInstanceClass: p.DBInstanceClass }),
    ...(p.AllocatedStorage !== undefined && { allocatedStorage: p.AllocatedStorage }),
    ...(p.StorageType !== undefined && { storageType: p.StorageType as Desired['storageType'] }),
    ...(p.MultiAZ !== undefined && { multiAz: p.MultiAZ }),
    ...(p.CACertificateIdentifier !== undefined && { caCertificateIdentifier: p.CACertificateIdentifier }),
  };
}

export function fromAws(i: DBInstance): ObservedDbInstance {
  const tags = tagRecord(i.TagList);
  const onDelete = (tags[ON_DELETE_TAG] ?? '').split(',');
  return {
    dbInstanceIdentifier: i.DBInstanceIdentifier!, arn: i.DBInstanceArn!, resourceId: i.DbiResourceId ?? '', status: i.DBInstanceStatus ?? 'available',
    engine: i.Engine ?? '', engineVersion: i.EngineVersion ?? '', dbInstanceClass: i.DBInstanceClass ?? '', allocatedStorage: i.AllocatedStorage ?? 0,
    ...(i.MaxAllocatedStorage !== undefined && { maxAllocatedStorage: i.MaxAllocatedStorage }),
    storageType: i.StorageType ?? 'gp2', storageEncrypted: i.StorageEncrypted ?? false, ...(i.KmsKeyId && { kmsKeyId: i.KmsKeyId }),
    ...(i.DBName && { dbName: i.DBName }), masterUsername: i.MasterUsername ?? '',
    manageMasterUserPassword: i.MasterUserSecret?.SecretArn !== undefined,
    ...(i.MasterUserSecret?.SecretArn && { masterUserSecretArn: i.MasterUserSecret.SecretArn }),
    ...(i.MasterUserSecret?.KmsKeyId && { masterUserSecretKmsKeyId: i.MasterUserSecret.KmsKeyId }),
    dbSubnetGroupName: i.DBSubnetGroup?.DBSubnetGroupName ?? '',
    vpcSecurityGroupIds: (i.VpcSecurityGroups ?? []).map((g) => g.VpcSecurityGroupId!).sort(),
    port: i.Endpoint?.Port ?? i.DbInstancePort ?? 0, publiclyAccessible: i.PubliclyAccessible ?? false, multiAz: i.MultiAZ ?? false,
    backupRetentionPeriod: i.BackupRetentionPeriod ?? 0, preferredBackupWindow: i.PreferredBackupWindow ?? '',
    preferredMaintenanceWindow: (i.PreferredMaintenanceWindow ?? '').toLowerCase(),
    enableCloudwatchLogsExports: [...(i.EnabledCloudwatchLogsExports ?? [])].sort(),
    deletionProtection: i.DeletionProtection ?? false, autoMinorVersionUpgrade: i.AutoMinorVersionUpgrade ?? true,
    copyTagsToSnapshot: i.CopyTagsToSnapshot ?? false, caCertificateIdentifier: i.CACertificateIdentifier ?? '',
    skipFinalSnapshot: onDelete.includes('skip-final-snapshot'), deleteAutomatedBackups: !onDelete.includes('keep-automated-backups'),
    ...(i.Endpoint?.Address && { endpoint: { address: i.Endpoint.Address, port: i.Endpoint.Port ?? 0 } }),
    pending: pendingOf(i), tags,
  };
}

/** The blogctl:on-delete value of a spec ('' when both are the defaults: a final snapshot, automated backups deleted). */
export const onDeleteTag = (d: Pick<Desired, 'skipFinalSnapshot' | 'deleteAutomatedBackups'>): string =>
  [d.skipFinalSnapshot && 'skip-final-snapshot', !d.deleteAutomatedBackups && 'keep-automated-backups'].filter(Boolean).join(',');

/** Every DB instance of the account and region (paginated). */
export async function describeAll(ctx: AdapterContext): Promise<ObservedDbInstance[]> {
  const out: ObservedDbInstance[] = [];
  for await (const page of paginateDescribeDBInstances({ client: rds(ctx) }, {})) for (const i of page.DBInstances ?? []) out.push(fromAws(i));
  return out;
}

/** The instance as it will be once RDS applies what it holds pending. */
export const effective = (o: ObservedDbInstance): ObservedDbInstance => ({ ...o, ...o.pending });
