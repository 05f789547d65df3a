/**
 * ModifyDBInstance. Class, storage, engine version, Multi-AZ and CA changes wait for the
 * next maintenance window (PendingModifiedValues) unless ApplyImmediately; then the
 * instance is 'modifying' for a while and the new values hold afterwards. Other settings
 * (backups, windows, protection, security groups, log exports, ...) apply at once.
 */
import type { ModifyDBInstanceCommandInput, ModifyDBInstanceCommandOutput } from '@aws-sdk/client-rds';
import { createManagedSecret, deleteManagedSecret, rotateManagedSecret, type SecretsState } from '../secretsmanager/secrets.ts';
import type { OperationTable } from '../service.ts';
import { checkUpgrade, resolveVersion } from './engine-versions.ts';
import { rdsFail } from './errors.ts';
import {
  checkInstanceClass, checkLogExports, checkMaxStorage, checkRetention, checkSecurityGroups, checkStorage, checkWindows,
  nextWindowStart,
} from './instance-rules.ts';
import { instanceOf, renderInstance } from './instance-views.ts';
import { effective, settle, startModifying, statusOf } from './lifecycle.ts';
import type { DbInstanceRec, Deferrable, RdsCtx, RdsState } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;

/** The deferrable changes asked for, checked against the instance as it will be. */
function deferrableChanges(ctx: RdsCtx, input: ModifyDBInstanceCommandInput, i: DbInstanceRec): Partial<Deferrable> {
  const cur = effective(i);
  const out: Partial<Deferrable> = {};
  if (input.EngineVersion !== undefined) {
    const version = resolveVersion(ctx, i.engine, input.EngineVersion);
    if (version !== cur.engineVersion) {
      checkUpgrade(ctx, i.engine, cur.engineVersion, version, input.AllowMajorVersionUpgrade === true);
      out.engineVersion = version;
    }
  }
  if (input.DBInstanceClass !== undefined && input.DBInstanceClass !== cur.instanceClass) {
    checkInstanceClass(ctx, input.DBInstanceClass, i.engine, out.engineVersion ?? cur.engineVersion);
    out.instanceClass = input.DBInstanceClass;
  }
  const storageAsked = input.AllocatedStorage !== undefined || input.StorageType !== undefined || input.Iops !== undefined || input.StorageThroughput !== undefined;
  if (storageAsked) {
    const size = input.AllocatedStorage ?? cur.allocatedStorage;
    const type = input.StorageType ?? cur.storageType;
    if (size < cur.allocatedStorage) rdsFail(ctx, 'InvalidParameterValue', 'Invalid storage size: you cannot decrease the allocated storage of a DB instance.');
    if (size > cur.allocatedStorage && size < Math.ceil(cur.allocatedStorage * 1.1)) {
      rdsFail(ctx, 'InvalidParameterCombination', 'The new allocated storage size must be at least 10% greater than the current allocated storage size.');
    }
    const { iops, throughput } = checkStorage(ctx, i.engine, type, size, input.Iops, input.StorageThroughput);
    if (size !== cur.allocatedStorage) out.allocatedStorage = size;
    if (type !== cur.storageType) out.storageType = type;
    if (iops !== cur.iops) out.iops = iops;
    if (throughput !== cur.storageThroughput) out.storageThroughput = throughput;
  }
  if (input.MultiAZ !== undefined && input.MultiAZ !== cur.multiAz) out.multiAz = input.MultiAZ;
  if (input.CACertificateIdentifier !== undefined && input.CACertificateIdentifier !== cur.caCertificateIdentifier) {
    out.caCertificateIdentifier = input.CACertificateIdentifier;
  }
  return out;
}

/** Settings that take effect at once; returns whether the instance goes through 'modifying' for them. */
function applyImmediateSettings(ctx: RdsCtx, input: ModifyDBInstanceCommandInput, i: DbInstanceRec): boolean {
  let modifying = false;
  const backup = input.PreferredBackupWindow ?? i.backupWindow;
  const maintenance = (input.PreferredMaintenanceWindow ?? i.maintenanceWindow).toLowerCase();
  if (input.PreferredBackupWindow !== undefined || input.PreferredMaintenanceWindow !== undefined) checkWindows(ctx, backup, maintenance);
  if (input.BackupRetentionPeriod !== undefined) checkRetention(ctx, input.BackupRetentionPeriod);
  const max = input.MaxAllocatedStorage;
  if (max !== undefined) checkMaxStorage(ctx, max, effective(i).allocatedStorage);
  const logs = input.CloudwatchLogsExportConfiguration;
  const newLogs = logs ? [...new Set([...i.logExports, ...(logs.EnableLogTypes ?? [])])].filter((l) => !(logs.DisableLogTypes ?? []).includes(l)) : i.logExports;
  if (logs) checkLogExports(ctx, i.engine, i.engineVersion, logs.EnableLogTypes ?? []);
  const sgs = input.VpcSecurityGroupIds?.length ? checkSecurityGroups(ctx, input.VpcSecurityGroupIds, i.vpcId) : i.vpcSecurityGroupIds;
  if (input.DBPortNumber !== undefined && (input.DBPortNumber < 1150 || input.DBPortNumber > 65535)) {
    rdsFail(ctx, 'InvalidParameterValue', `Invalid port ${input.DBPortNumber}: must be between 1150 and 65535.`);
  }

  i.backupWindow = backup;
  i.maintenanceWindow = maintenance;
  if (input.BackupRetentionPeriod !== undefined && input.BackupRetentionPeriod !== i.backupRetentionPeriod) {
    i.backupRetentionPeriod = input.BackupRetentionPeriod;
    modifying = true;
  }
  if (max !== undefined) i.maxAllocatedStorage = max === 0 ? null : max;
  if (newLogs.join() !== i.logExports.join()) {
    i.logExports = newLogs;
    modifying = true;
  }
  if (sgs.join() !== i.vpcSecurityGroupIds.join()) {
    i.vpcSecurityGroupIds = sgs;
    modifying = true;
  }
  if (input.PubliclyAccessible !== undefined && input.PubliclyAccessible !== i.publiclyAccessible) {
    i.publiclyAccessible = input.PubliclyAccessible;
    modifying = true;
  }
  if (input.DBPortNumber !== undefined && input.DBPortNumber !== i.port) {
    i.port = input.DBPortNumber;
    modifying = true;
  }
  if (input.DeletionProtection !== undefined) i.deletionProtection = input.DeletionProtection;
  if (input.AutoMinorVersionUpgrade !== undefined) i.autoMinorVersionUpgrade = input.AutoMinorVersionUpgrade;
  if (input.CopyTagsToSnapshot !== undefined) i.copyTagsToSnapshot = input.CopyTagsToSnapshot;
  return modifying;
}

/** ManageMasterUserPassword on/off, RotateMasterUserPassword, MasterUserPassword. */
function applyPasswordSettings(ctx: RdsCtx, input: ModifyDBInstanceCommandInput, i: DbInstanceRec): boolean {
  const secrets = () => ctx.serviceState<SecretsState>('secretsmanager');
  if (input.RotateMasterUserPassword === true) {
    if (i.secretArn === null) rdsFail(ctx, 'InvalidParameterCombination', 'You can specify RotateMasterUserPassword only when ManageMasterUserPassword is turned on for the DB instance.');
    if (input.ApplyImmediately !== true) rdsFail(ctx, 'InvalidParameterCombination', 'You must specify ApplyImmediately when rotating the master user password.');
    rotateManagedSecret(secrets(), i.secretArn, ctx.ids);
    return true;
  }
  if (input.ManageMasterUserPassword === true && i.secretArn === null) {
    if (input.MasterUserPassword !== undefined) rdsFail(ctx, 'InvalidParameterCombination', "You can't specify MasterUserPassword when ManageMasterUserPassword is turned on.");
    const s = createManagedSecret({ state: secrets(), ids: ctx.ids, accountId: ctx.accountId, region: ctx.region, now: ctx.now, instanceArn: i.arn, username: i.masterUsername, kmsKeyId: input.MasterUserSecretKmsKeyId });
    i.secretArn = s.arn;
    i.secretKmsKeyId = s.kmsKeyId;
    return true;
  }
  if (input.ManageMasterUserPassword === false && i.secretArn !== null) {
    if (input.MasterUserPassword === undefined) rdsFail(ctx, 'InvalidParameterCombination', 'You must specify MasterUserPassword when you turn off ManageMasterUserPassword.');
    deleteManagedSecret(secrets(), i.secretArn, ctx.now);
    i.secretArn = null;
    i.secretKmsKeyId = null;
    return true;
  }
  if (input.MasterUserPassword !== undefined && i.secretArn !== null) {
    rdsFail(ctx, 'InvalidParameterCombination', "You can't specify MasterUserPassword for a DB instance whose master user password is managed in Secrets Manager.");
  }
  return input.MasterUserPassword !== undefined;
}

export const modifyOperations = {
  ModifyDBInstance(input: ModifyDBInstanceCommandInput, ctx: RdsCtx): Out<ModifyDBInstanceCommandOutput> {
    settle(ctx);
    const i = instanceOf(ctx, input.DBInstanceIdentifier);
    const status = statusOf(i, ctx.now);
    if (status !== 'available') rdsFail(ctx, 'InvalidDBInstanceState', `Database instance is not in available state.`);
    if (input.NewDBInstanceIdentifier !== undefined || input.DBSubnetGroupName !== undefined) {
      rdsFail(ctx, 'InvalidParameterCombination', 'blogctl sandbox: renaming an instance or moving it to another DB subnet group is not simulated.');
    }
    const deferred = deferrableChanges(ctx, input, i);
    let modifying = applyImmediateSettings(ctx, input, i);
    modifying = applyPasswordSettings(ctx, input, i) || modifying;
    const hasDeferred = Object.keys(deferred).length > 0;
    if (hasDeferred && input.ApplyImmediately === true) {
      startModifying(ctx, i, { ...i.pending?.values, ...deferred });
      i.pending = null;
    } else {
      if (hasDeferred) i.pending = { applyAt: nextWindowStart(i.maintenanceWindow, ctx.now), values: { ...i.pending?.values, ...deferred } };
      if (modifying) startModifying(ctx, i, {});
    }
    return { DBInstance: renderInstance(ctx, i) };
  },
} satisfies OperationTable<RdsState>;
