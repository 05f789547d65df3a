/**
 * The RDS part of the simulated account: DB subnet groups, DB instances, final snapshots
 * and tags (by ARN, as RDS's tag API takes them). Instance states are timestamps; what a
 * caller sees (creating, backing-up, available, modifying, deleting) is derived from them
 * and `ctx.now` (see lifecycle.ts).
 */
import type { CallContext } from '../service.ts';

export type RdsCtx = CallContext<RdsState>;

export interface SubnetGroupRec {
  name: string;
  description: string;
  vpcId: string;
  subnets: { id: string; az: string }[];
  arn: string;
}

/** The settings ModifyDBInstance may hold back (PendingModifiedValues) until applied. */
export interface Deferrable {
  instanceClass: string;
  allocatedStorage: number;
  storageType: string;
  iops: number | null;
  storageThroughput: number | null;
  engineVersion: string;
  multiAz: boolean;
  caCertificateIdentifier: string;
}

export interface DbInstanceRec extends Deferrable {
  id: string;
  arn: string;
  resourceId: string;
  engine: string;
  licenseModel: string;
  maxAllocatedStorage: number | null;
  storageEncrypted: boolean;
  kmsKeyId: string | null;
  dbName: string | null;
  masterUsername: string;
  /** The RDS-managed Secrets Manager secret (ManageMasterUserPassword). */
  secretArn: string | null;
  secretKmsKeyId: string | null;
  subnetGroupName: string;
  vpcId: string;
  vpcSecurityGroupIds: string[];
  port: number;
  publiclyAccessible: boolean;
  az: string;
  backupRetentionPeriod: number;
  backupWindow: string;
  maintenanceWindow: string;
  logExports: string[];
  deletionProtection: boolean;
  autoMinorVersionUpgrade: boolean;
  copyTagsToSnapshot: boolean;
  parameterGroup: string;
  optionGroup: string;
  createdAt: number;
  /** End of 'creating'; then 'backing-up' until availableAt (equal when backups are off). */
  createdUntil: number;
  availableAt: number;
  /** A modification being applied: status 'modifying' until `until`, then `values` hold. */
  modifying: { until: number; values: Partial<Deferrable> } | null;
  /** Held back until the next maintenance window (ApplyImmediately false). */
  pending: { applyAt: number; values: Partial<Deferrable> } | null;
  /** DeleteDBInstance was called: 'deleting' until goneAt, then the record is removed. */
  deleting: { goneAt: number } | null;
}

export interface DbSnapshotRec {
  id: string;
  arn: string;
  instanceId: string;
  createdAt: number;
}

export interface RdsState {
  subnetGroups: Record<string, SubnetGroupRec>;
  instances: Record<string, DbInstanceRec>;
  snapshots: Record<string, DbSnapshotRec>;
  /** ARN -> tag key -> value */
  tags: Record<string, Record<string, string>>;
}

export function emptyRdsState(): RdsState {
  return { subnetGroups: {}, instances: {}, snapshots: {}, tags: {} };
}
