/**
 * DB instances through the real RDSClient: the offered engine versions, the lifecycle on
 * the manual clock, the managed master secret (read through the real SecretsManagerClient),
 * tags, Marker paging and filters, and the checks against the simulated EC2 network.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AddTagsToResourceCommand,
  CreateDBInstanceCommand,
  DBInstanceAlreadyExistsFault,
  DBInstanceNotFoundFault,
  DescribeDBInstancesCommand,
  InvalidVPCNetworkStateFault,
  ListTagsForResourceCommand,
  paginateDescribeDBInstances,
  RDSServiceException,
  RemoveTagsFromResourceCommand,
} from '@aws-sdk/client-rds';
import { DescribeSecretCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { rejection } from '../harness.ts';
import { network } from '../network-fixture.ts';
import { blogDb, rdsHarness } from './setup.ts';

describe('rds instances', () => {
  it('refuses a retired engine version with the message RDS gives', async () => {
    const { rds, net } = await rdsHarness();
    const e = await rejection(rds.send(new CreateDBInstanceCommand(blogDb(net, { EngineVersion: '8.0.28' }))));
    assert.ok(e instanceof RDSServiceException);
    assert.equal(e.name, 'InvalidParameterCombination');
    assert.equal(e.message, 'Cannot find version 8.0.28 for mysql');
    assert.equal(e.$metadata?.httpStatusCode, 400);
    const major = await rds.send(new CreateDBInstanceCommand(blogDb(net, { EngineVersion: '8.0' })));
    assert.match(major.DBInstance!.EngineVersion!, /^8\.0\.4\d$/);
  });

  it('goes creating -> backing-up -> available on the clock; the endpoint appears once available', async () => {
    const { rds, net, clock } = await rdsHarness();
    const created = (await rds.send(new CreateDBInstanceCommand(blogDb(net)))).DBInstance!;
    assert.equal(created.DBInstanceStatus, 'creating');
    assert.equal(created.Endpoint, undefined);
    assert.equal(created.InstanceCreateTime, undefined);
    assert.equal(created.DBInstanceArn, 'arn:aws:rds:us-east-1:123456789012:db:blog-db');
    assert.match(created.DbiResourceId!, /^db-[A-Z0-9]{26}$/);
    assert.equal(created.DBSubnetGroup!.VpcId, net.vpcId);
    assert.deepEqual(created.VpcSecurityGroups, [{ VpcSecurityGroupId: net.sgId, Status: 'active' }]);
    assert.deepEqual(created.EnabledCloudwatchLogsExports, ['audit', 'error']);
    assert.equal(created.MaxAllocatedStorage, 40);
    assert.equal(created.StorageEncrypted, true);
    assert.match(created.KmsKeyId!, /^arn:aws:kms:us-east-1:123456789012:key\/[0-9a-f-]{36}$/);
    assert.equal(created.Iops, 3000);
    assert.equal(created.StorageThroughput, 125);
    assert.equal(created.PreferredMaintenanceWindow, 'mon:05:00-mon:06:00');
    assert.equal(created.DBParameterGroups![0]!.DBParameterGroupName, 'default.mysql8.0');
    assert.equal(created.OptionGroupMemberships![0]!.OptionGroupName, 'default:mysql-8-0');
    assert.ok(['us-east-1a', 'us-east-1b'].includes(created.AvailabilityZone!));
    const status = async () => (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'blog-db' }))).DBInstances![0]!;
    clock.advance(2_999);
    assert.equal((await status()).DBInstanceStatus, 'creating');
    clock.advance(1);
    const backingUp = await status();
    assert.equal(backingUp.DBInstanceStatus, 'backing-up');
    assert.equal(backingUp.Endpoint, undefined);
    clock.advance(1_000);
    const available = await status();
    assert.equal(available.DBInstanceStatus, 'available');
    assert.match(available.Endpoint!.Address!, /^blog-db\.[a-z0-9]{12}\.us-east-1\.rds\.amazonaws\.com$/);
    assert.equal(available.Endpoint!.Port, 3306);
    assert.equal(available.Endpoint!.HostedZoneId, 'Z2R2ITUGPM61AM');
    assert.ok(available.InstanceCreateTime instanceof Date);
  });

  it('skips backing-up when automated backups are off, and picks windows when none are given', async () => {
    const { rds, net, clock } = await rdsHarness();
    const db = (await rds.send(new CreateDBInstanceCommand(blogDb(net, { BackupRetentionPeriod: 0, PreferredBackupWindow: undefined, PreferredMaintenanceWindow: undefined })))).DBInstance!;
    assert.match(db.PreferredBackupWindow!, /^\d\d:[03]0-\d\d:[03]0$/);
    assert.match(db.PreferredMaintenanceWindow!, /^(mon|tue|wed|thu|fri|sat|sun):\d\d:[03]0-\1:\d\d:[03]0$/);
    clock.advance(3_000);
    const d = (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'blog-db' }))).DBInstances![0]!;
    assert.equal(d.DBInstanceStatus, 'available');
  });

  it('keeps the generated master password in a Secrets Manager secret', async () => {
    const { rds, secrets, net, clock } = await rdsHarness();
    const db = (await rds.send(new CreateDBInstanceCommand(blogDb(net)))).DBInstance!;
    const secret = db.MasterUserSecret!;
    assert.match(secret.SecretArn!, /^arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-[0-9a-f-]{36}-[A-Za-z0-9]{6}$/);
    assert.equal(secret.SecretStatus, 'creating');
    assert.match(secret.KmsKeyId!, /^arn:aws:kms:us-east-1:123456789012:key\//);
    clock.advance(10_000);
    const later = (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'blog-db' }))).DBInstances![0]!;
    assert.equal(later.MasterUserSecret!.SecretStatus, 'active');
    const value = await secrets.send(new GetSecretValueCommand({ SecretId: secret.SecretArn }));
    const parsed = JSON.parse(value.SecretString!) as { username: string; password: string };
    assert.equal(parsed.username, 'admin');
    assert.ok(parsed.password.length >= 20 && !/[/@" ]/.test(parsed.password));
    assert.deepEqual(value.VersionStages, ['AWSCURRENT']);
    const described = await secrets.send(new DescribeSecretCommand({ SecretId: secret.SecretArn }));
    assert.equal(described.OwningService, 'rds');
    assert.ok(described.Tags!.some((t) => t.Key === 'aws:rds:primaryDBInstanceArn' && t.Value === db.DBInstanceArn));
    const both = await rejection(rds.send(new CreateDBInstanceCommand(blogDb(net, { DBInstanceIdentifier: 'other', MasterUserPassword: 'secret-123' }))));
    assert.equal(both.name, 'InvalidParameterCombination');
    const neither = await rejection(rds.send(new CreateDBInstanceCommand(blogDb(net, { DBInstanceIdentifier: 'other', ManageMasterUserPassword: undefined }))));
    assert.equal(neither.name, 'InvalidParameterValue');
  });

  it('tags at create and with the tag API; unknown instances are DBInstanceNotFound (404)', async () => {
    const { rds, net } = await rdsHarness();
    const arn = (await rds.send(new CreateDBInstanceCommand(blogDb(net)))).DBInstance!.DBInstanceArn!;
    await rds.send(new AddTagsToResourceCommand({ ResourceName: arn, Tags: [{ Key: 'blogctl:spec', Value: 'abc' }, { Key: 'Name', Value: 'renamed' }] }));
    await rds.send(new RemoveTagsFromResourceCommand({ ResourceName: arn, TagKeys: ['blogctl:id'] }));
    const tags = (await rds.send(new ListTagsForResourceCommand({ ResourceName: arn }))).TagList!;
    assert.deepEqual(Object.fromEntries(tags.map((t) => [t.Key, t.Value])), { Name: 'renamed', 'blogctl:spec': 'abc' });
    const d = (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'blog-db' }))).DBInstances![0]!;
    assert.equal(d.TagList!.length, 2);
    const missing = await rejection(rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'nope' })));
    assert.ok(missing instanceof DBInstanceNotFoundFault);
    assert.equal(missing.$metadata?.httpStatusCode, 404);
    assert.equal((missing as unknown as { Code: string }).Code, 'DBInstanceNotFound');
    assert.equal(missing.message, 'DBInstance nope not found.');
    const missingTags = await rejection(rds.send(new ListTagsForResourceCommand({ ResourceName: 'arn:aws:rds:us-east-1:123456789012:db:nope' })));
    assert.ok(missingTags instanceof DBInstanceNotFoundFault);
    assert.ok((await rejection(rds.send(new CreateDBInstanceCommand(blogDb(net))))) instanceof DBInstanceAlreadyExistsFault);
  });

  it('checks security groups, public access and windows against the network', async () => {
    const { rds, net, ec2 } = await rdsHarness({ internetGateway: false });
    const noSg = await rejection(rds.send(new CreateDBInstanceCommand(blogDb(net, { VpcSecurityGroupIds: ['sg-0123456789abcdef0'] }))));
    assert.equal(noSg.name, 'InvalidParameterValue');
    const other = await network(ec2, { cidr: '10.1.0.0/16' });
    const otherVpc = await rejection(rds.send(new CreateDBInstanceCommand(blogDb(net, { VpcSecurityGroupIds: [other.sgId] }))));
    assert.equal(otherVpc.name, 'InvalidParameterCombination');
    assert.match(otherVpc.message, /different VPCs/);
    const open = await rejection(rds.send(new CreateDBInstanceCommand(blogDb(net, { PubliclyAccessible: true }))));
    assert.ok(open instanceof InvalidVPCNetworkStateFault);
    const overlap = await rejection(rds.send(new CreateDBInstanceCommand(blogDb(net, { PreferredBackupWindow: '04:30-05:30', PreferredMaintenanceWindow: 'tue:05:00-tue:06:00' }))));
    assert.equal(overlap.name, 'InvalidParameterValue');
    assert.match(overlap.message, /must not overlap/);
    const logs = await rejection(rds.send(new CreateDBInstanceCommand(blogDb(net, { EnableCloudwatchLogsExports: ['postgresql'] }))));
    assert.equal(logs.name, 'InvalidParameterCombination');
    const cls = await rejection(rds.send(new CreateDBInstanceCommand(blogDb(net, { DBInstanceClass: 'db.m5.micro' }))));
    assert.equal(cls.name, 'InvalidParameterCombination');
    const storage = await rejection(rds.send(new CreateDBInstanceCommand(blogDb(net, { MaxAllocatedStorage: 20 }))));
    assert.equal(storage.name, 'InvalidParameterCombination');
    const d = await rds.send(new DescribeDBInstancesCommand({}));
    assert.deepEqual(d.DBInstances, [], 'failed creates leave nothing behind');
  });

  it('pages with Marker and filters by db-instance-id and engine', async () => {
    const { rds, net } = await rdsHarness();
    for (let i = 0; i < 22; i++) {
      await rds.send(new CreateDBInstanceCommand(blogDb(net, { DBInstanceIdentifier: `db-${String(i).padStart(2, '0')}` })));
    }
    const sizes: number[] = [];
    for await (const page of paginateDescribeDBInstances({ client: rds, pageSize: 20 }, {})) sizes.push(page.DBInstances!.length);
    assert.deepEqual(sizes, [20, 2]);
    const byId = await rds.send(new DescribeDBInstancesCommand({ Filters: [{ Name: 'db-instance-id', Values: ['db-03', 'arn:aws:rds:us-east-1:123456789012:db:db-07'] }] }));
    assert.deepEqual(byId.DBInstances!.map((d) => d.DBInstanceIdentifier), ['db-03', 'db-07']);
    const none = await rds.send(new DescribeDBInstancesCommand({ Filters: [{ Name: 'engine', Values: ['postgres'] }] }));
    assert.deepEqual(none.DBInstances, []);
    const bad = await rejection(rds.send(new DescribeDBInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: ['x'] }] })));
    assert.equal(bad.name, 'InvalidParameterValue');
  });
});

describe('rds faults', () => {
  it('throttles with Throttling, which the SDK retries', async () => {
    const { rds, sandbox } = await rdsHarness();
    sandbox.faults.inject({ service: 'rds', operation: 'DescribeDBInstances', fault: 'throttle', times: 2 });
    const out = await rds.send(new DescribeDBInstancesCommand({}));
    assert.equal(out.$metadata.attempts, 3);
    sandbox.faults.inject({ service: 'rds', operation: 'DescribeDBInstances', fault: 'throttle', times: 3 });
    const e = await rejection(rds.send(new DescribeDBInstancesCommand({})));
    assert.equal(e.name, 'Throttling');
  });
});
