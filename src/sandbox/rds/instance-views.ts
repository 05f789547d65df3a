/**
 * DB instances as RDS shows them (DescribeDBInstances and every call returning a
 * DBInstance): status from the clock, Endpoint only once the instance has been available,
 * PendingModifiedValues, the managed master secret, Marker paging and Filters.
 */
import type {
  DBInstance,
  DescribeDBInstancesCommandInput,
  DescribeDBInstancesCommandOutput,
  PendingModifiedValues,
} from '@aws-sdk/client-rds';
import { hashHex } from '../ids.ts';
import type { OperationTable } from '../service.ts';
import { rdsFail } from './errors.ts';
import { hasBeenCreated, settle, statusOf } from './lifecycle.ts';
import { applyRdsFilters, rdsPage, tagList } from './query.ts';
import { renderSubnetGroup } from './subnet-groups.ts';
import type { DbInstanceRec, Deferrable, RdsCtx, RdsState } from './state.ts';

/** Route 53 zones of RDS endpoints, per region. */
const ENDPOINT_ZONES: Readonly<Record<string, string>> = {
  'us-east-1': 'Z2R2ITUGPM61AM',
  'us-east-2': 'Z2XHWR1WZ565X2',
  'us-west-1': 'Z10WI91S59XXQN',
  'us-west-2': 'Z1PVIF0B656C1W',
  'eu-west-1': 'Z29XKXDKYMONMX',
  'eu-central-1': 'Z1RLNUO7B9Q6NB',
};

/** The per-account, per-region part of every endpoint: <id>.<this>.<region>.rds.amazonaws.com */
export function endpointSuffix(accountId: string, region: string): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const h = hashHex('rds-endpoint', accountId, region);
  let out = '';
  for (let i = 0; out.length < 12; i += 2) out += alphabet[Number.parseInt(h.slice(i, i + 2), 16) % alphabet.length];
  return `${out}.${region}.rds.amazonaws.com`;
}

function pendingValues(values: Partial<Deferrable>): PendingModifiedValues {
  return {
    DBInstanceClass: values.instanceClass,
    AllocatedStorage: values.allocatedStorage,
    StorageType: values.storageType,
    Iops: values.iops ?? undefined,
    StorageThroughput: values.storageThroughput ?? undefined,
    EngineVersion: values.engineVersion,
    MultiAZ: values.multiAz,
    CACertificateIdentifier: values.caCertificateIdentifier,
  };
}

export function renderInstance(ctx: RdsCtx, i: DbInstanceRec): DBInstance {
  const status = statusOf(i, ctx.now);
  const created = hasBeenCreated(i, ctx.now);
  const group = ctx.state.subnetGroups[i.subnetGroupName];
  const pending = { ...i.modifying?.values, ...i.pending?.values };
  return {
    DBInstanceIdentifier: i.id,
    DBInstanceClass: i.instanceClass,
    Engine: i.engine,
    DBInstanceStatus: status,
    MasterUsername: i.masterUsername,
    ...(i.dbName !== null && { DBName: i.dbName }),
    ...(created && {
      Endpoint: { Address: `${i.id}.${endpointSuffix(ctx.accountId, ctx.region)}`, Port: i.port, HostedZoneId: ENDPOINT_ZONES[ctx.region] ?? 'Z2R2ITUGPM61AM' },
      InstanceCreateTime: new Date(i.availableAt),
      ...(i.backupRetentionPeriod > 0 && { LatestRestorableTime: new Date(Math.max(i.availableAt, ctx.now - 300_000)) }),
    }),
    AllocatedStorage: i.allocatedStorage,
    PreferredBackupWindow: i.backupWindow,
    BackupRetentionPeriod: i.backupRetentionPeriod,
    DBSecurityGroups: [],
    VpcSecurityGroups: i.vpcSecurityGroupIds.map((id) => ({ VpcSecurityGroupId: id, Status: 'active' })),
    DBParameterGroups: [{ DBParameterGroupName: i.parameterGroup, ParameterApplyStatus: 'in-sync' }],
    AvailabilityZone: i.az,
    ...(i.multiAz && group && { SecondaryAvailabilityZone: group.subnets.map((s) => s.az).find((az) => az !== i.az) }),
    ...(group && { DBSubnetGroup: renderSubnetGroup(ctx, group) }),
    PreferredMaintenanceWindow: i.maintenanceWindow,
    PendingModifiedValues: pendingValues(pending),
    MultiAZ: i.multiAz,
    EngineVersion: i.engineVersion,
    AutoMinorVersionUpgrade: i.autoMinorVersionUpgrade,
    ReadReplicaDBInstanceIdentifiers: [],
    LicenseModel: i.licenseModel,
    ...(i.iops !== null && { Iops: i.iops }),
    ...(i.storageThroughput !== null && { StorageThroughput: i.storageThroughput }),
    OptionGroupMemberships: [{ OptionGroupName: i.optionGroup, Status: 'in-sync' }],
    PubliclyAccessible: i.publiclyAccessible,
    StorageType: i.storageType,
    DbInstancePort: 0,
    StorageEncrypted: i.storageEncrypted,
    ...(i.kmsKeyId !== null && { KmsKeyId: i.kmsKeyId }),
    DbiResourceId: i.resourceId,
    CACertificateIdentifier: i.caCertificateIdentifier,
    DomainMemberships: [],
    CopyTagsToSnapshot: i.copyTagsToSnapshot,
    MonitoringInterval: 0,
    DBInstanceArn: i.arn,
    IAMDatabaseAuthenticationEnabled: false,
    PerformanceInsightsEnabled: false,
    EnabledCloudwatchLogsExports: i.logExports.length > 0 ? [...i.logExports] : undefined,
    DeletionProtection: i.deletionProtection,
    AssociatedRoles: [],
    ...(i.maxAllocatedStorage !== null && { MaxAllocatedStorage: i.maxAllocatedStorage }),
    TagList: tagList(ctx, i.arn),
    CustomerOwnedIpEnabled: false,
    BackupTarget: 'region',
    NetworkType: 'IPV4',
    ...(i.secretArn !== null && {
      MasterUserSecret: { SecretArn: i.secretArn, SecretStatus: status === 'creating' ? 'creating' : 'active', KmsKeyId: i.secretKmsKeyId ?? undefined },
    }),
    CertificateDetails: { CAIdentifier: i.caCertificateIdentifier, ValidTill: new Date(i.createdAt + 395 * 86_400_000) },
    DedicatedLogVolume: false,
    EngineLifecycleSupport: 'open-source-rds-extended-support',
  };
}

/** The instance by identifier (case-insensitive) or ARN, or DBInstanceNotFound. */
export function instanceOf(ctx: RdsCtx, idOrArn: string | undefined): DbInstanceRec {
  if (idOrArn === undefined || idOrArn === '') rdsFail(ctx, 'InvalidParameterValue', 'The parameter DBInstanceIdentifier must be provided and must not be blank.');
  const id = idOrArn.startsWith('arn:') ? idOrArn.slice(idOrArn.lastIndexOf(':') + 1) : idOrArn.toLowerCase();
  const i = ctx.state.instances[id];
  if (!i) rdsFail(ctx, 'DBInstanceNotFound', `DBInstance ${id} not found.`);
  return i;
}

export const instanceViewOperations = {
  DescribeDBInstances(input: DescribeDBInstancesCommandInput, ctx: RdsCtx): Omit<DescribeDBInstancesCommandOutput, '$metadata'> {
    settle(ctx);
    let instances = Object.values(ctx.state.instances);
    if (input.DBInstanceIdentifier !== undefined) instances = [instanceOf(ctx, input.DBInstanceIdentifier)];
    instances = applyRdsFilters(ctx, instances, input.Filters, {
      'db-instance-id': (i) => [i.id, i.arn],
      'dbi-resource-id': (i) => [i.resourceId],
      engine: (i) => [i.engine],
      'db-cluster-id': () => [],
      domain: () => [],
    });
    const page = rdsPage(ctx, instances, (i) => i.id, input);
    return { DBInstances: page.items.map((i) => renderInstance(ctx, i)), Marker: page.Marker };
  },
} satisfies OperationTable<RdsState>;
