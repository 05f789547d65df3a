/**
 * rds.db-instance: created with a master password RDS generates and keeps in Secrets
 * Manager (only the secret's ARN is ever read, as `masterUserSecretArn`), waited on until
 * `available` with progress. Changes RDS holds for the maintenance window are pending,
 * not planned again (modify.ts compares with the instance as it will be) and shown as
 * plan notes. A delete honours deletion protection and takes a named final snapshot
 * unless the instance records skipFinalSnapshot; it answers 'deleting' and the engine's
 * observe confirms it is gone.
 */
import { CreateDBInstanceCommand, DeleteDBInstanceCommand, DescribeDBInstancesCommand, ModifyDBInstanceCommand, RemoveTagsFromResourceCommand } from '@aws-sdk/client-rds';
import { KNOWN_AFTER_APPLY, TAG, type AdapterContext, type DesiredOf, type DesiredProblem, type Observation, type ObservedNote, type ResourceAdapter } from '../../reconciler/types.ts';
import { isNotFound, unlessGone } from '../aws-errors.ts';
import { tagList } from '../normalize/tags.ts';
import { rds, syncRdsTags } from '../rds/tags.ts';
import { diffInstance, IMMUTABLE, modifyInput } from './modify.ts';
import { describeAll, fromAws, ON_DELETE_TAG, onDeleteTag, type ObservedDbInstance } from './read.ts';
import type { dbInstanceProperties } from './schema.ts';
import { engineVersionFindings } from './versions.ts';

type Desired = DesiredOf<typeof dbInstanceProperties>;

const TIMEOUTS = { create: 60 * 60_000, update: 80 * 60_000, delete: 60 * 60_000, ready: 60 * 60_000 } as const;

async function readOne(ctx: AdapterContext, identifier: string): Promise<ObservedDbInstance | undefined> {
  const i = (await unlessGone(rds(ctx).send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: identifier }))))?.DBInstances?.[0];
  return i && fromAws(i);
}

/** Waits until RDS reports the instance `available` (it refuses modifications before). */
async function untilAvailable(ctx: AdapterContext, identifier: string, what: string, timeoutMs: number): Promise<ObservedDbInstance> {
  return ctx.waitFor(async () => {
    const i = await readOne(ctx, identifier);
    if (!i) throw new Error(`DB instance ${identifier} disappeared while ${what}`);
    if (/^(failed|incompatible-|storage-full|inaccessible)/.test(i.status)) throw new Error(`DB instance ${identifier} is ${i.status}`);
    return i.status === 'available' ? i : undefined;
  }, { what, timeoutMs });
}

/** The identity tags plus what a delete does (the blogctl:on-delete tag, when not the defaults). */
const tagsFor = (d: Desired, identity: Readonly<Record<string, string>>): Record<string, string> => {
  const onDelete = onDeleteTag(d);
  return { ...identity, ...(onDelete && { [ON_DELETE_TAG]: onDelete }) };
};

/** `<id>-final-20261130-145300`: the final snapshot's name, from the engine's clock. */
const snapshotName = (identifier: string, now: number): string =>
  `${identifier}-final-${new Date(now).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}`;

function pendingNotes(o: ObservedDbInstance): ObservedNote[] {
  return Object.entries(o.pending).map(([field, value]) => ({
    path: field, severity: 'note' as const,
    message: `${field} ${String(value)} is pending: RDS applies it in the next maintenance window (${o.preferredMaintenanceWindow}; now ${String(o[field as keyof ObservedDbInstance])}). Set applyImmediately: true to apply it at once`,
  }));
}

export const dbInstanceAdapter: ResourceAdapter<'rds.db-instance', Desired, ObservedDbInstance> = {
  kind: 'rds.db-instance',
  replaceOn: [...IMMUTABLE],
  replaceOrder: 'create-before-delete',
  timeouts: TIMEOUTS,

  async observe(requests, ctx) {
    const all = await describeAll(ctx);
    const withNotes = (o: Observation<ObservedDbInstance>): Observation<ObservedDbInstance> => {
      const notes = pendingNotes(o.state);
      return notes.length > 0 ? { ...o, notes } : o;
    };
    const found: Observation<ObservedDbInstance>[] = all.filter((i) => i.tags[TAG.stack] === ctx.stack && i.tags[TAG.id]).map((i) => withNotes({ id: i.tags[TAG.id]!, state: i, tags: i.tags }));
    for (const r of requests) {
      if (found.some((f) => f.id === r.id)) continue;
      const name = (r.desired?.dbInstanceIdentifier ?? r.last?.dbInstanceIdentifier)?.toLowerCase();
      const other = all.find((i) => i.dbInstanceIdentifier === name && i.tags[TAG.stack] !== ctx.stack);
      if (other) found.push(withNotes({ id: r.id, state: other, tags: other.tags }));
    }
    return found;
  },

  diff: diffInstance,

  async preflight(requests, ctx) {
    const found = await Promise.all(requests.map(async (r): Promise<DesiredProblem[]> => {
      const d = r.desired;
      if (!d || d.engineVersion.includes(KNOWN_AFTER_APPLY)) return [];
      return (await engineVersionFindings(ctx, d.engine, d.engineVersion, r.last?.engineVersion)).map((f) => ({ ...f, id: r.id }));
    }));
    return found.flat();
  },

  async create(id, desired, ctx) {
    await rds(ctx).send(new CreateDBInstanceCommand({
      DBInstanceIdentifier: desired.dbInstanceIdentifier, Engine: desired.engine, EngineVersion: desired.engineVersion, DBInstanceClass: desired.dbInstanceClass,
      AllocatedStorage: desired.allocatedStorage, MaxAllocatedStorage: desired.maxAllocatedStorage, StorageType: desired.storageType,
      StorageEncrypted: desired.storageEncrypted, KmsKeyId: desired.kmsKeyId, DBName: desired.dbName, MasterUsername: desired.masterUsername,
      ManageMasterUserPassword: true, MasterUserSecretKmsKeyId: desired.masterUserSecretKmsKeyId,
      DBSubnetGroupName: desired.dbSubnetGroupName, VpcSecurityGroupIds: desired.vpcSecurityGroupIds, Port: desired.port,
      PubliclyAccessible: desired.publiclyAccessible, MultiAZ: desired.multiAz, BackupRetentionPeriod: desired.backupRetentionPeriod,
      PreferredBackupWindow: desired.preferredBackupWindow, PreferredMaintenanceWindow: desired.preferredMaintenanceWindow,
      EnableCloudwatchLogsExports: desired.enableCloudwatchLogsExports.length > 0 ? desired.enableCloudwatchLogsExports : undefined,
      DeletionProtection: desired.deletionProtection, AutoMinorVersionUpgrade: desired.autoMinorVersionUpgrade, CopyTagsToSnapshot: desired.copyTagsToSnapshot,
      CACertificateIdentifier: desired.caCertificateIdentifier,
      Tags: tagList({ ...(desired.tags ?? {}), ...tagsFor(desired, ctx.identityTags(id)) }),
    }));
    return untilAvailable(ctx, desired.dbInstanceIdentifier, 'creating', TIMEOUTS.create);
  },

  async update(id, desired, observed, changes, ctx) {
    const input = modifyInput(desired, observed, changes);
    if (input) {
      await untilAvailable(ctx, observed.dbInstanceIdentifier, 'waiting to modify', TIMEOUTS.update);
      await rds(ctx).send(new ModifyDBInstanceCommand(input));
    }
    await syncRdsTags(ctx, observed.arn, desired.tags, observed.tags, tagsFor(desired, ctx.identityTags(id)));
    if (observed.tags[ON_DELETE_TAG] !== undefined && onDeleteTag(desired) === '')
      await rds(ctx).send(new RemoveTagsFromResourceCommand({ ResourceName: observed.arn, TagKeys: [ON_DELETE_TAG] }));
    const now = await readOne(ctx, observed.dbInstanceIdentifier);
    if (!now) throw new Error(`DB instance ${observed.dbInstanceIdentifier} vanished while it was being modified`);
    return now;
  },

  async delete(observed, ctx) {
    if (observed.status === 'deleting') return 'deleting';
    if (observed.deletionProtection)
      throw new Error(`DB instance ${observed.dbInstanceIdentifier} has deletion protection on: set deletionProtection: false and reconcile before deleting it`);
    let snapshot: string | undefined;
    if (!observed.skipFinalSnapshot) {
      // A final snapshot needs an instance that is not being created.
      if (observed.status === 'creating' || observed.status === 'backing-up') await untilAvailable(ctx, observed.dbInstanceIdentifier, 'waiting to take the final snapshot', TIMEOUTS.create);
      snapshot = snapshotName(observed.dbInstanceIdentifier, ctx.clock.now());
      ctx.log.info({ snapshot }, 'deleting with a final snapshot');
    }
    try {
      await rds(ctx).send(new DeleteDBInstanceCommand({
        DBInstanceIdentifier: observed.dbInstanceIdentifier, SkipFinalSnapshot: snapshot === undefined, FinalDBSnapshotIdentifier: snapshot,
        DeleteAutomatedBackups: observed.deleteAutomatedBackups,
      }));
    } catch (err) {
      if (isNotFound(err)) return 'deleted';
      if ((err as { name?: string; message?: string }).name === 'InvalidDBInstanceState' && /already being deleted/.test((err as Error).message)) return 'deleting';
      throw err;
    }
    return 'deleting';
  },

  outputs: (o) => ({
    id: o.dbInstanceIdentifier, arn: o.arn, resourceId: o.resourceId, masterUsername: o.masterUsername,
    ...(o.dbName !== undefined && { dbName: o.dbName }),
    ...(o.masterUserSecretArn !== undefined && { masterUserSecretArn: o.masterUserSecretArn }),
    ...(o.endpoint && { endpoint: o.endpoint.address, port: String(o.endpoint.port) }),
  }),

  readiness: (o) => (o.status === 'available' ? 'ready' : /^(failed|incompatible-|storage-full|inaccessible)/.test(o.status) ? 'failed' : 'pending'),
};
