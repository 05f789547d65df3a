/**
 * The diff of a DB instance and the ModifyDBInstance that carries it out. The diff
 * compares the spec with the instance as it will be once RDS applies what it holds for
 * the maintenance window, and leaves alone what storage autoscaling grew.
 */
import type { ModifyDBInstanceCommandInput } from '@aws-sdk/client-rds';
import type { DesiredOf, FieldChange } from '../../reconciler/types.ts';
import { diffFields, diffIdSet } from '../normalize/compare.ts';
import { diffTags } from '../normalize/tags.ts';
import { effective, type ObservedDbInstance } from './read.ts';
import type { dbInstanceProperties } from './schema.ts';

type Desired = DesiredOf<typeof dbInstanceProperties>;

/** Fields that cannot change in place: a change replaces the instance. */
export const IMMUTABLE = ['dbInstanceIdentifier', 'engine', 'storageEncrypted', 'kmsKeyId', 'dbName', 'masterUsername', 'dbSubnetGroupName'] as const;

const MUTABLE = [
  'engineVersion', 'dbInstanceClass', 'storageType', 'manageMasterUserPassword', 'masterUserSecretKmsKeyId', 'port', 'publiclyAccessible', 'multiAz',
  'backupRetentionPeriod', 'preferredBackupWindow', 'deletionProtection', 'autoMinorVersionUpgrade', 'copyTagsToSnapshot', 'caCertificateIdentifier',
] as const;

/** What a delete does, recorded on the instance as a tag. */
const ON_DELETE = ['skipFinalSnapshot', 'deleteAutomatedBackups'] as const;

export function diffInstance(d: Desired, o: ObservedDbInstance): FieldChange[] {
  const e = effective(o);
  const sameId = d.dbInstanceIdentifier.toLowerCase() === o.dbInstanceIdentifier;
  const grown = d.maxAllocatedStorage !== undefined && e.allocatedStorage > d.allocatedStorage && e.allocatedStorage <= d.maxAllocatedStorage;
  const logs = [...d.enableCloudwatchLogsExports].sort();
  const want = { ...d, dbInstanceIdentifier: d.dbInstanceIdentifier.toLowerCase(), preferredMaintenanceWindow: d.preferredMaintenanceWindow?.toLowerCase() };
  return [
    ...diffFields(want, e, [...IMMUTABLE]).map((c) => ({ ...c, deleteBeforeReplace: sameId })),
    ...diffFields(want, e, [...MUTABLE, 'preferredMaintenanceWindow']),
    ...(d.allocatedStorage !== e.allocatedStorage && !grown ? [{ path: 'allocatedStorage', from: e.allocatedStorage, to: d.allocatedStorage }] : []),
    ...(d.maxAllocatedStorage !== e.maxAllocatedStorage ? [{ path: 'maxAllocatedStorage', from: e.maxAllocatedStorage, to: d.maxAllocatedStorage }] : []),
    ...diffIdSet('vpcSecurityGroupIds', d.vpcSecurityGroupIds, e.vpcSecurityGroupIds),
    ...(logs.join() !== e.enableCloudwatchLogsExports.join() ? [{ path: 'enableCloudwatchLogsExports', from: e.enableCloudwatchLogsExports, to: logs }] : []),
    ...diffFields(d, e, [...ON_DELETE]),
    ...diffTags(d.tags, o.tags),
  ];
}

const major = (engine: string, v: string): string => v.split('.').slice(0, engine === 'postgres' ? 1 : 2).join('.');

/** The ModifyDBInstance input for `changes`, or undefined when none of them is one (tags, what a delete does). */
export function modifyInput(d: Desired, o: ObservedDbInstance, changes: readonly FieldChange[]): ModifyDBInstanceCommandInput | undefined {
  const at = (p: string) => changes.some((c) => c.path === p || c.path.startsWith(`${p}[`));
  const e = effective(o);
  const input: ModifyDBInstanceCommandInput = {
    DBInstanceIdentifier: o.dbInstanceIdentifier,
    ...(at('engineVersion') && { EngineVersion: d.engineVersion, AllowMajorVersionUpgrade: major(d.engine, d.engineVersion) !== major(o.engine, e.engineVersion) }),
    ...(at('dbInstanceClass') && { DBInstanceClass: d.dbInstanceClass }),
    ...(at('allocatedStorage') && { AllocatedStorage: d.allocatedStorage }),
    ...(at('maxAllocatedStorage') && { MaxAllocatedStorage: d.maxAllocatedStorage ?? 0 }),
    ...(at('storageType') && { StorageType: d.storageType }),
    ...(at('vpcSecurityGroupIds') && { VpcSecurityGroupIds: d.vpcSecurityGroupIds }),
    ...(at('port') && { DBPortNumber: d.port }),
    ...(at('publiclyAccessible') && { PubliclyAccessible: d.publiclyAccessible }),
    ...(at('multiAz') && { MultiAZ: d.multiAz }),
    ...(at('backupRetentionPeriod') && { BackupRetentionPeriod: d.backupRetentionPeriod }),
    ...(at('preferredBackupWindow') && { PreferredBackupWindow: d.preferredBackupWindow }),
    ...(at('preferredMaintenanceWindow') && { PreferredMaintenanceWindow: d.preferredMaintenanceWindow }),
    ...(at('deletionProtection') && { DeletionProtection: d.deletionProtection }),
    ...(at('autoMinorVersionUpgrade') && { AutoMinorVersionUpgrade: d.autoMinorVersionUpgrade }),
    ...(at('copyTagsToSnapshot') && { CopyTagsToSnapshot: d.copyTagsToSnapshot }),
    ...(at('caCertificateIdentifier') && { CACertificateIdentifier: d.caCertificateIdentifier }),
    ...((at('manageMasterUserPassword') || at('masterUserSecretKmsKeyId')) && { ManageMasterUserPassword: true, MasterUserSecretKmsKeyId: d.masterUserSecretKmsKeyId }),
  };
  if (at('enableCloudwatchLogsExports')) {
    const enable = d.enableCloudwatchLogsExports.filter((l) => !o.enableCloudwatchLogsExports.includes(l));
    const disable = o.enableCloudwatchLogsExports.filter((l) => !d.enableCloudwatchLogsExports.includes(l));
    input.CloudwatchLogsExportConfiguration = { EnableLogTypes: enable, DisableLogTypes: disable };
  }
  if (Object.keys(input).length === 1) return undefined;
  return { ...input, ApplyImmediately: d.applyImmediately };
}
