/** What the RDS suites share: a harness with the RDS and Secrets Manager clients and a DB subnet group. */
import { CreateDBSubnetGroupCommand, type CreateDBInstanceCommandInput, RDSClient } from '@aws-sdk/client-rds';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { harness } from '../harness.ts';
import { network, type Network } from '../network-fixture.ts';

export async function rdsHarness(options: { internetGateway?: boolean; file?: string } = {}) {
  const h = harness(options.file === undefined ? {} : { file: options.file, fsync: false });
  const rds = h.clients.get(RDSClient);
  const secrets = h.clients.get(SecretsManagerClient);
  const net: Network = await network(h.ec2, options);
  await rds.send(new CreateDBSubnetGroupCommand({
    DBSubnetGroupName: 'Blog-DB-Subnets',
    DBSubnetGroupDescription: 'the two private subnets',
    SubnetIds: [net.privateA, net.privateB],
  }));
  return { ...h, rds, secrets, net };
}

/** The blog's database, as blog.spec.yaml declares it. */
export function blogDb(net: Network, overrides: Partial<CreateDBInstanceCommandInput> = {}): CreateDBInstanceCommandInput {
  return {
    DBInstanceIdentifier: 'blog-db',
    Engine: 'mysql',
    EngineVersion: '8.0.40',
    DBInstanceClass: 'db.t3.micro',
    AllocatedStorage: 20,
    MaxAllocatedStorage: 40,
    StorageType: 'gp3',
    StorageEncrypted: true,
    DBName: 'database1',
    MasterUsername: 'admin',
    ManageMasterUserPassword: true,
    DBSubnetGroupName: 'blog-db-subnets',
    VpcSecurityGroupIds: [net.sgId],
    Port: 3306,
    PubliclyAccessible: false,
    MultiAZ: false,
    BackupRetentionPeriod: 7,
    PreferredBackupWindow: '03:00-04:00',
    PreferredMaintenanceWindow: 'mon:05:00-mon:06:00',
    EnableCloudwatchLogsExports: ['audit', 'error'],
    AutoMinorVersionUpgrade: false,
    DeletionProtection: false,
    CopyTagsToSnapshot: true,
    Tags: [{ Key: 'blogctl:id', Value: 'db' }, { Key: 'Name', Value: 'blog-db' }],
    ...overrides,
  };
}
