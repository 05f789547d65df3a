/**
 * CreateDBInstance and DeleteDBInstance. Creating checks the engine version against what
 * RDS offers, the subnet group and security groups against the simulated EC2 account,
 * and creates the Secrets Manager secret of a managed master password. Deleting needs a
 * final snapshot or SkipFinalSnapshot, refuses a protected instance, and takes the
 * instance (and its managed secret) away once 'deleting' is over.
 */
import type {
  CreateDBInstanceCommandInput,
  CreateDBInstanceCommandOutput,
  DeleteDBInstanceCommandInput,
  DeleteDBInstanceCommandOutput,
} from '@aws-sdk/client-rds';
import type { Ec2State } from '../ec2/state.ts';
import { awsManagedKeyArn, createManagedSecret, deleteManagedSecret, type SecretsState } from '../secretsmanager/secrets.ts';
import type { OperationTable } from '../service.ts';
import { parameterGroupFamily, resolveVersion } from './engine-versions.ts';
import { rdsFail, required } from './errors.ts';
import {
  checkIdentifier, checkInstanceClass, checkLogExports, checkMaxStorage, checkRetention, checkSecurityGroups,
  checkStorage, checkWindows, defaultSecurityGroup, defaultWindows,
} from './instance-rules.ts';
import { instanceOf, renderInstance } from './instance-views.ts';
import { settle, statusOf } from './lifecycle.ts';
import { addTags } from './query.ts';
import type { DbInstanceRec, RdsCtx, RdsState, SubnetGroupRec } from './state.ts';
import { subnetGroupOf } from './subnet-groups.ts';

type Out<T> = Omit<T, '$metadata'>;

const DEFAULT_PORTS: Readonly<Record<string, number>> = { mysql: 3306, mariadb: 3306, postgres: 5432 };

/** No DBSubnetGroupName: the 'default' group of the default VPC, made on first use. */
function defaultSubnetGroup(ctx: RdsCtx): SubnetGroupRec {
  const existing = ctx.state.subnetGroups['default'];
  if (existing) return existing;
  const ec2 = ctx.serviceState<Ec2State>('ec2');
  const vpcId = ec2.defaultVpcId;
  if (vpcId === null || !ec2.vpcs[vpcId]) rdsFail(ctx, 'InvalidVPCNetworkStateFault', 'No default VPC for this account. Specify a DB subnet group.');
  const subnets = Object.values(ec2.subnets).filter((s) => s.vpcId === vpcId).map((s) => ({ id: s.id, az: s.az }));
  const g: SubnetGroupRec = { name: 'default', description: 'default', vpcId, subnets, arn: ctx.arn('subgrp:default') };
  ctx.state.subnetGroups['default'] = g;
  return g;
}

function hasInternetGateway(ctx: RdsCtx, vpcId: string): boolean {
  return Object.values(ctx.serviceState<Ec2State>('ec2').internetGateways).some((g) => g.attachedVpcId === vpcId);
}

function checkCredentials(ctx: RdsCtx, input: CreateDBInstanceCommandInput, engine: string): string {
  const user = required(ctx, input.MasterUsername, 'MasterUsername');
  if (!/^[A-Za-z][A-Za-z0-9_]{0,15}$/.test(user)) {
    rdsFail(ctx, 'InvalidParameterValue', 'The parameter MasterUsername is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, and underscores; and must be 1 to 16 characters.');
  }
  if (user.toLowerCase() === 'rdsadmin') rdsFail(ctx, 'InvalidParameterValue', `MasterUsername ${user} cannot be used as it is a reserved word used by the engine`);
  const managed = input.ManageMasterUserPassword === true;
  if (managed && input.MasterUserPassword !== undefined) {
    rdsFail(ctx, 'InvalidParameterCombination', "You can't specify MasterUserPassword when ManageMasterUserPassword is turned on.");
  }
  if (!managed && input.MasterUserSecretKmsKeyId !== undefined) {
    rdsFail(ctx, 'InvalidParameterCombination', 'You can specify MasterUserSecretKmsKeyId only when ManageMasterUserPassword is turned on.');
  }
  if (!managed) {
    const password = required(ctx, input.MasterUserPassword, 'MasterUserPassword');
    if (password.length < 8 || password.length > 41 || /[/@" ]/.test(password)) {
      rdsFail(ctx, 'InvalidParameterValue', `The parameter MasterUserPassword is not a valid password. Only printable ASCII characters besides '/', '@', '"', ' ' may be used, and it must be 8 to 41 characters for ${engine}.`);
    }
  }
  if (input.DBName !== undefined && !/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(input.DBName)) {
    rdsFail(ctx, 'InvalidParameterValue', `The parameter DBName is not a valid identifier. It must begin with a letter and contain only alphanumeric characters.`);
  }
  return user;
}

export const instanceOperations = {
  CreateDBInstance(input: CreateDBInstanceCommandInput, ctx: RdsCtx): Out<CreateDBInstanceCommandOutput> {
    settle(ctx);
    const id = checkIdentifier(ctx, required(ctx, input.DBInstanceIdentifier, 'DBInstanceIdentifier'));
    const instanceClass = required(ctx, input.DBInstanceClass, 'DBInstanceClass');
    const engine = required(ctx, input.Engine, 'Engine');
    const version = resolveVersion(ctx, engine, input.EngineVersion);
    if (ctx.state.instances[id]) rdsFail(ctx, 'DBInstanceAlreadyExists', 'DB instance already exists');
    checkInstanceClass(ctx, instanceClass, engine, version);
    const size = required(ctx, input.AllocatedStorage, 'AllocatedStorage');
    const storageType = input.StorageType ?? (input.Iops !== undefined ? 'io1' : 'gp3');
    const { iops, throughput } = checkStorage(ctx, engine, storageType, size, input.Iops, input.StorageThroughput);
    checkMaxStorage(ctx, input.MaxAllocatedStorage, size);
    if (input.KmsKeyId !== undefined && input.StorageEncrypted !== true) {
      rdsFail(ctx, 'InvalidParameterCombination', 'You must set StorageEncrypted to true when you specify a KmsKeyId.');
    }
    const user = checkCredentials(ctx, input, engine);
    const group = input.DBSubnetGroupName !== undefined ? subnetGroupOf(ctx, input.DBSubnetGroupName) : defaultSubnetGroup(ctx);
    const publiclyAccessible = input.PubliclyAccessible ?? (input.DBSubnetGroupName === undefined || group.name === 'default');
    if (publiclyAccessible && !hasInternetGateway(ctx, group.vpcId)) {
      rdsFail(ctx, 'InvalidVPCNetworkStateFault', 'Cannot create a publicly accessible DBInstance.  The specified VPC has no internet gateway attached.');
    }
    const sgs = input.VpcSecurityGroupIds?.length ? checkSecurityGroups(ctx, input.VpcSecurityGroupIds, group.vpcId) : defaultSecurityGroup(ctx, group.vpcId);
    const retention = input.BackupRetentionPeriod ?? 1;
    checkRetention(ctx, retention);
    const windows = defaultWindows(`${ctx.accountId}/${id}`);
    const backupWindow = input.PreferredBackupWindow ?? windows.backup;
    const maintenanceWindow = (input.PreferredMaintenanceWindow ?? windows.maintenance).toLowerCase();
    checkWindows(ctx, backupWindow, maintenanceWindow);
    const logs = [...new Set(input.EnableCloudwatchLogsExports ?? [])];
    checkLogExports(ctx, engine, version, logs);
    const port = input.Port ?? DEFAULT_PORTS[engine]!;
    if (!Number.isInteger(port) || port < 1150 || port > 65535) rdsFail(ctx, 'InvalidParameterValue', `Invalid port ${port}: must be between 1150 and 65535.`);
    const azs = [...new Set(group.subnets.map((s) => s.az))].sort();
    if (input.AvailabilityZone !== undefined && !azs.includes(input.AvailabilityZone)) {
      rdsFail(ctx, 'InvalidParameterCombination', `No subnets in the DB subnet group are in Availability Zone ${input.AvailabilityZone}.`);
    }
    if (input.MultiAZ === true && input.AvailabilityZone !== undefined) {
      rdsFail(ctx, 'InvalidParameterCombination', 'Requesting a specific availability zone is not valid for Multi-AZ instances.');
    }

    const arn = ctx.arn(`db:${id}`);
    const createdUntil = ctx.now + ctx.durations.of('rds.instance.create');
    const family = parameterGroupFamily(engine, version);
    let secretArn: string | null = null;
    let secretKmsKeyId: string | null = null;
    if (input.ManageMasterUserPassword === true) {
      const secret = createManagedSecret({
        state: ctx.serviceState<SecretsState>('secretsmanager'), ids: ctx.ids, accountId: ctx.accountId, region: ctx.region,
        now: ctx.now, instanceArn: arn, username: user, kmsKeyId: input.MasterUserSecretKmsKeyId,
      });
      secretArn = secret.arn;
      secretKmsKeyId = secret.kmsKeyId;
    }
    const rec: DbInstanceRec = {
      id, arn, resourceId: ctx.ids.upperAlnum('db-', 29), engine, engineVersion: version, licenseModel: engine === 'postgres' ? 'postgresql-license' : 'general-public-license',
      instanceClass, allocatedStorage: size, maxAllocatedStorage: input.MaxAllocatedStorage || null, storageType, iops, storageThroughput: throughput,
      storageEncrypted: input.StorageEncrypted === true,
      kmsKeyId: input.StorageEncrypted === true ? (input.KmsKeyId ?? awsManagedKeyArn(ctx.accountId, ctx.region, 'aws/rds')) : null,
      dbName: input.DBName ?? null, masterUsername: user, secretArn, secretKmsKeyId,
      subnetGroupName: group.name, vpcId: group.vpcId, vpcSecurityGroupIds: sgs, port, publiclyAccessible,
      multiAz: input.MultiAZ === true,
      az: input.AvailabilityZone ?? azs[Number.parseInt(ctx.ids.hex(4), 16) % azs.length]!,
      backupRetentionPeriod: retention, backupWindow, maintenanceWindow, logExports: logs,
      deletionProtection: input.DeletionProtection === true, autoMinorVersionUpgrade: input.AutoMinorVersionUpgrade ?? true,
      copyTagsToSnapshot: input.CopyTagsToSnapshot === true, caCertificateIdentifier: input.CACertificateIdentifier ?? 'rds-ca-rsa2048-g1',
      parameterGroup: input.DBParameterGroupName ?? `default.${family}`,
      optionGroup: input.OptionGroupName ?? `default:${engine}-${family.replace(/^[a-z]+/, '').replace('.', '-')}`,
      createdAt: ctx.now, createdUntil,
      availableAt: createdUntil + (retention > 0 ? ctx.durations.of('rds.instance.backup') : 0),
      modifying: null, pending: null, deleting: null,
    };
    addTags(ctx, arn, input.Tags);
    ctx.state.instances[id] = rec;
    return { DBInstance: renderInstance(ctx, rec) };
  },

  DeleteDBInstance(input: DeleteDBInstanceCommandInput, ctx: RdsCtx): Out<DeleteDBInstanceCommandOutput> {
    settle(ctx);
    const i = instanceOf(ctx, input.DBInstanceIdentifier);
    if (i.deleting) rdsFail(ctx, 'InvalidDBInstanceState', `Instance ${i.id} is already being deleted.`);
    const skip = input.SkipFinalSnapshot === true;
    const snapshotId = input.FinalDBSnapshotIdentifier;
    if (!skip && snapshotId === undefined) {
      rdsFail(ctx, 'InvalidParameterCombination', 'FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.');
    }
    if (skip && snapshotId !== undefined) {
      rdsFail(ctx, 'InvalidParameterCombination', 'Cannot specify both SkipFinalSnapshot and FinalDBSnapshotIdentifier.');
    }
    if (i.deletionProtection) {
      rdsFail(ctx, 'InvalidParameterCombination', 'Cannot delete protected DB Instance, please disable deletion protection and try again.');
    }
    if (snapshotId !== undefined && statusOf(i, ctx.now) === 'creating') {
      rdsFail(ctx, 'InvalidDBInstanceState', 'Instance is currently creating - a final snapshot cannot be taken.');
    }
    if (snapshotId !== undefined) {
      const sid = checkIdentifier(ctx, snapshotId, 'FinalDBSnapshotIdentifier');
      if (ctx.state.snapshots[sid]) rdsFail(ctx, 'DBSnapshotAlreadyExists', `Cannot create the snapshot because a snapshot with the identifier ${sid} already exists.`);
      ctx.state.snapshots[sid] = { id: sid, arn: ctx.arn(`snapshot:${sid}`), instanceId: i.id, createdAt: ctx.now };
    }
    i.deleting = { goneAt: ctx.now + ctx.durations.of('rds.instance.delete') };
    if (i.secretArn) deleteManagedSecret(ctx.serviceState<SecretsState>('secretsmanager'), i.secretArn, i.deleting.goneAt);
    i.modifying = null;
    i.pending = null;
    return { DBInstance: renderInstance(ctx, i) };
  },
} satisfies OperationTable<RdsState>;
