/**
 * ModifyDBInstance (applied now or in the maintenance window, modifying -> available),
 * DeleteDBInstance (final snapshot rules, deletion protection, deleting -> gone, the managed
 * secret removed with it) and DescribeDBEngineVersions.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateDBInstanceCommand,
  DBInstanceNotFoundFault,
  DBSnapshotAlreadyExistsFault,
  DeleteDBInstanceCommand,
  DescribeDBEngineVersionsCommand,
  DescribeDBInstancesCommand,
  InvalidDBInstanceStateFault,
  ModifyDBInstanceCommand,
  paginateDescribeDBEngineVersions,
  type RDSClient,
} from '@aws-sdk/client-rds';
import { GetSecretValueCommand, ResourceNotFoundException } from '@aws-sdk/client-secrets-manager';
import { rejection } from '../harness.ts';
import { blogDb, rdsHarness } from './setup.ts';

async function describeDb(rds: RDSClient, id = 'blog-db') {
  return (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }))).DBInstances![0]!;
}

async function availableDb(overrides = {}) {
  const h = await rdsHarness();
  await h.rds.send(new CreateDBInstanceCommand(blogDb(h.net, overrides)));
  h.clock.advance(10_000);
  assert.equal((await describeDb(h.rds)).DBInstanceStatus, 'available');
  return h;
}

describe('rds modify', () => {
  it('refuses changes while the instance is being created', async () => {
    const { rds, net } = await rdsHarness();
    await rds.send(new CreateDBInstanceCommand(blogDb(net)));
    const e = await rejection(rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'blog-db', DeletionProtection: true })));
    assert.ok(e instanceof InvalidDBInstanceStateFault);
    assert.equal((e as unknown as { Code: string }).Code, 'InvalidDBInstanceState');
  });

  it('applies a class change immediately: modifying with PendingModifiedValues, then available', async () => {
    const { rds, clock } = await availableDb();
    const out = (await rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'blog-db', DBInstanceClass: 'db.t3.small', ApplyImmediately: true }))).DBInstance!;
    assert.equal(out.DBInstanceStatus, 'modifying');
    assert.equal(out.DBInstanceClass, 'db.t3.micro');
    assert.deepEqual(out.PendingModifiedValues, { DBInstanceClass: 'db.t3.small' });
    assert.ok(out.Endpoint, 'the endpoint stays while modifying');
    clock.advance(2_000);
    const done = await describeDb(rds);
    assert.equal(done.DBInstanceStatus, 'available');
    assert.equal(done.DBInstanceClass, 'db.t3.small');
    assert.deepEqual(done.PendingModifiedValues, {});
  });

  it('holds deferred changes until the maintenance window without ApplyImmediately', async () => {
    // The clock starts Wednesday 2025-01-01; the window is mon:05:00-mon:06:00.
    const { rds, clock } = await availableDb();
    const out = (await rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'blog-db', AllocatedStorage: 30, DeletionProtection: true }))).DBInstance!;
    assert.equal(out.DBInstanceStatus, 'available');
    assert.equal(out.DeletionProtection, true, 'protection applies at once');
    assert.equal(out.AllocatedStorage, 20);
    assert.deepEqual(out.PendingModifiedValues, { AllocatedStorage: 30 });
    clock.set(Date.UTC(2025, 0, 6, 4, 59));
    assert.equal((await describeDb(rds)).AllocatedStorage, 20);
    clock.set(Date.UTC(2025, 0, 6, 5, 0, 1));
    const inWindow = await describeDb(rds);
    assert.equal(inWindow.DBInstanceStatus, 'modifying');
    clock.advance(2_000);
    const applied = await describeDb(rds);
    assert.equal(applied.DBInstanceStatus, 'available');
    assert.equal(applied.AllocatedStorage, 30);
    assert.deepEqual(applied.PendingModifiedValues, {});
  });

  it('applies backups, security groups and log exports at once, through modifying', async () => {
    const { rds, clock, net } = await availableDb();
    const out = (await rds.send(new ModifyDBInstanceCommand({
      DBInstanceIdentifier: 'blog-db', BackupRetentionPeriod: 14, VpcSecurityGroupIds: [net.otherSgId],
      CloudwatchLogsExportConfiguration: { EnableLogTypes: ['slowquery'], DisableLogTypes: ['audit'] },
    }))).DBInstance!;
    assert.equal(out.DBInstanceStatus, 'modifying');
    assert.equal(out.BackupRetentionPeriod, 14);
    assert.deepEqual(out.VpcSecurityGroups!.map((g) => g.VpcSecurityGroupId), [net.otherSgId]);
    assert.deepEqual(out.EnabledCloudwatchLogsExports, ['error', 'slowquery']);
    clock.advance(2_000);
    assert.equal((await describeDb(rds)).DBInstanceStatus, 'available');
  });

  it('checks engine upgrades: no downgrades, majors only when allowed', async () => {
    const { rds, clock } = await availableDb();
    const down = await rejection(rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'blog-db', EngineVersion: '8.0.39', ApplyImmediately: true })));
    assert.equal(down.name, 'InvalidParameterCombination');
    const major = await rejection(rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'blog-db', EngineVersion: '8.4.6', ApplyImmediately: true })));
    assert.match(major.message, /AllowMajorVersionUpgrade/);
    const gone = await rejection(rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'blog-db', EngineVersion: '8.0.28', ApplyImmediately: true })));
    assert.equal(gone.message, 'Cannot find version 8.0.28 for mysql');
    await rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'blog-db', EngineVersion: '8.4.6', AllowMajorVersionUpgrade: true, ApplyImmediately: true }));
    clock.advance(2_000);
    assert.equal((await describeDb(rds)).EngineVersion, '8.4.6');
  });

  it('rotates the managed secret to a new version', async () => {
    const { rds, secrets } = await availableDb();
    const arn = (await describeDb(rds)).MasterUserSecret!.SecretArn!;
    const before = await secrets.send(new GetSecretValueCommand({ SecretId: arn }));
    await rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'blog-db', RotateMasterUserPassword: true, ApplyImmediately: true }));
    const after = await secrets.send(new GetSecretValueCommand({ SecretId: arn }));
    assert.notEqual(after.VersionId, before.VersionId);
    assert.notEqual(after.SecretString, before.SecretString);
  });
});

describe('rds delete', () => {
  it('needs SkipFinalSnapshot or a final snapshot, and refuses a protected instance', async () => {
    const { rds } = await availableDb({ DeletionProtection: true });
    const none = await rejection(rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'blog-db' })));
    assert.equal(none.name, 'InvalidParameterCombination');
    assert.match(none.message, /FinalDBSnapshotIdentifier is required/);
    const protectedDb = await rejection(rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'blog-db', SkipFinalSnapshot: true })));
    assert.equal(protectedDb.name, 'InvalidParameterCombination');
    assert.equal(protectedDb.message, 'Cannot delete protected DB Instance, please disable deletion protection and try again.');
    assert.equal((await describeDb(rds)).DBInstanceStatus, 'available');
  });

  it('goes deleting -> gone, taking its managed secret with it', async () => {
    const { rds, secrets, clock } = await availableDb();
    const arn = (await describeDb(rds)).MasterUserSecret!.SecretArn!;
    const out = (await rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'blog-db', SkipFinalSnapshot: true }))).DBInstance!;
    assert.equal(out.DBInstanceStatus, 'deleting');
    const again = await rejection(rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'blog-db', SkipFinalSnapshot: true })));
    assert.ok(again instanceof InvalidDBInstanceStateFault);
    clock.advance(2_000);
    assert.ok((await rejection(describeDb(rds))) instanceof DBInstanceNotFoundFault);
    assert.ok((await rejection(secrets.send(new GetSecretValueCommand({ SecretId: arn })))) instanceof ResourceNotFoundException);
    assert.ok((await rejection(rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'blog-db', SkipFinalSnapshot: true })))) instanceof DBInstanceNotFoundFault);
  });

  it('takes a final snapshot whose name must be new', async () => {
    const { rds, net, clock } = await availableDb();
    await rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'blog-db', FinalDBSnapshotIdentifier: 'blog-db-final' }));
    clock.advance(2_000);
    await rds.send(new CreateDBInstanceCommand(blogDb(net)));
    const creating = await rejection(rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'blog-db', FinalDBSnapshotIdentifier: 'other' })));
    assert.ok(creating instanceof InvalidDBInstanceStateFault);
    clock.advance(10_000);
    const dup = await rejection(rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'blog-db', FinalDBSnapshotIdentifier: 'blog-db-final' })));
    assert.ok(dup instanceof DBSnapshotAlreadyExistsFault);
  });
});

describe('rds engine versions', () => {
  it('offers 8.0.3x/8.0.4x and 8.4 for MySQL; 8.0.28 only as deprecated with IncludeAll', async () => {
    const { rds } = await rdsHarness();
    const mysql = (await rds.send(new DescribeDBEngineVersionsCommand({ Engine: 'mysql' }))).DBEngineVersions!;
    const versions = mysql.map((v) => v.EngineVersion!);
    assert.ok(versions.includes('8.0.40') && versions.includes('8.4.6'));
    assert.ok(!versions.includes('8.0.28'));
    assert.ok(mysql.every((v) => v.Status === 'available' && v.Engine === 'mysql'));
    const v840 = mysql.find((v) => v.EngineVersion === '8.0.40')!;
    assert.equal(v840.DBParameterGroupFamily, 'mysql8.0');
    assert.ok(v840.ValidUpgradeTarget!.some((t) => t.EngineVersion === '8.4.6' && t.IsMajorVersionUpgrade === true));
    assert.ok(v840.ExportableLogTypes!.includes('audit'));
    const all = (await rds.send(new DescribeDBEngineVersionsCommand({ Engine: 'mysql', EngineVersion: '8.0.28', IncludeAll: true }))).DBEngineVersions!;
    assert.deepEqual(all.map((v) => [v.EngineVersion, v.Status]), [['8.0.28', 'deprecated']]);
    const exact = (await rds.send(new DescribeDBEngineVersionsCommand({ Engine: 'mysql', EngineVersion: '8.0.28' }))).DBEngineVersions!;
    assert.deepEqual(exact, []);
    const major = (await rds.send(new DescribeDBEngineVersionsCommand({ Engine: 'mysql', EngineVersion: '8.0' }))).DBEngineVersions!;
    assert.ok(major.length > 3 && major.every((v) => v.EngineVersion!.startsWith('8.0.')));
    const def = (await rds.send(new DescribeDBEngineVersionsCommand({ Engine: 'mysql', DefaultOnly: true }))).DBEngineVersions!;
    assert.equal(def.length, 1);
  });

  it('pages with MaxRecords and Marker', async () => {
    const { rds } = await rdsHarness();
    const sizes: number[] = [];
    for await (const page of paginateDescribeDBEngineVersions({ client: rds, pageSize: 20 }, { IncludeAll: true })) sizes.push(page.DBEngineVersions!.length);
    assert.equal(sizes[0], 20);
    assert.ok(sizes.length >= 2);
    const bad = await rejection(rds.send(new DescribeDBEngineVersionsCommand({ MaxRecords: 101 })));
    assert.equal(bad.name, 'InvalidParameterValue');
  });
});
