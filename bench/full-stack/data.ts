/**
 * The data of blog.spec.yaml: the DB subnet group and the RDS MySQL instance (a version
 * RDS still offers, a password RDS manages in Secrets Manager), the media bucket
 * (versioned, encrypted, private, ACLs off; its policy names the distribution, so it is
 * put later by `putMediaPolicy`), the public failover website bucket, and the DynamoDB
 * table of upload events (on demand, point-in-time recovery).
 */
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, UpdateContinuousBackupsCommand } from '@aws-sdk/client-dynamodb';
import { CreateDBInstanceCommand, CreateDBSubnetGroupCommand, DescribeDBEngineVersionsCommand, DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutBucketWebsiteCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { HOST, type Stack, STACK } from './context.ts';

const WANTED_MYSQL = '8.0.28';

/** The spec's MySQL version if RDS still offers it, else the newest offered 8.0 minor, else RDS's default. */
export async function mysqlVersion(rds: RDSClient): Promise<string> {
  const offered = (await rds.send(new DescribeDBEngineVersionsCommand({ Engine: 'mysql' }))).DBEngineVersions ?? [];
  const versions = offered.map((v) => v.EngineVersion!).filter((v) => v !== undefined);
  if (versions.includes(WANTED_MYSQL)) return WANTED_MYSQL;
  const minor = (v: string) => Number(v.split('.')[2]);
  const eight = versions.filter((v) => v.startsWith('8.0.')).sort((a, b) => minor(b) - minor(a))[0];
  if (eight !== undefined) return eight;
  const fallback = (await rds.send(new DescribeDBEngineVersionsCommand({ Engine: 'mysql', DefaultOnly: true }))).DBEngineVersions?.[0]?.EngineVersion;
  if (fallback === undefined) throw new Error('full stack: RDS offers no MySQL version');
  return fallback;
}

export async function buildDatabase(s: Stack): Promise<void> {
  const rds = s.clients.get(RDSClient);
  const groupName = `${STACK}-db-subnets`;
  await rds.send(
    new CreateDBSubnetGroupCommand({
      DBSubnetGroupName: groupName, DBSubnetGroupDescription: 'BlogDjango database - the two private subnets',
      SubnetIds: [s.out('privateSubnetA'), s.out('privateSubnetB')], Tags: s.tags('dbSubnetGroup', groupName),
    }),
  );
  s.made('dbSubnetGroup', groupName);
  const out = await rds.send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: `${STACK}-db`, Engine: 'mysql', EngineVersion: await mysqlVersion(rds), DBInstanceClass: 'db.t3.micro',
      AllocatedStorage: 20, MaxAllocatedStorage: 40, StorageType: 'gp3', StorageEncrypted: true,
      DBName: 'database1', MasterUsername: 'admin', ManageMasterUserPassword: true,
      DBSubnetGroupName: groupName, VpcSecurityGroupIds: [s.out('dbSg')], Port: 3306, PubliclyAccessible: false, MultiAZ: false,
      BackupRetentionPeriod: 7, PreferredBackupWindow: '03:00-04:00', PreferredMaintenanceWindow: 'mon:05:00-mon:06:00',
      EnableCloudwatchLogsExports: ['audit', 'error'], AutoMinorVersionUpgrade: false, DeletionProtection: true, CopyTagsToSnapshot: true,
      Tags: s.tags('db', `${STACK}-db`),
    }),
  );
  const db = out.DBInstance!;
  const secretArn = db.MasterUserSecret?.SecretArn;
  if (secretArn === undefined) throw new Error('full stack: RDS made no master user secret');
  s.made('db', db.DBInstanceIdentifier!, { arn: db.DBInstanceArn!, dbName: 'database1', port: '3306', masterUserSecretArn: secretArn });
}

/** The DynamoDB table; point-in-time recovery once it is ACTIVE. */
export async function buildTable(s: Stack): Promise<void> {
  const ddb = s.clients.get(DynamoDBClient);
  const TableName = `${STACK}-s3-objects`;
  const out = await ddb.send(
    new CreateTableCommand({
      TableName, AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST', DeletionProtectionEnabled: true, Tags: s.tags('objectTable', TableName),
    }),
  );
  s.made('objectTable', TableName, { arn: out.TableDescription!.TableArn! });
  await s.until('the table ACTIVE', async () => ((await ddb.send(new DescribeTableCommand({ TableName }))).Table?.TableStatus === 'ACTIVE' ? true : undefined));
  await ddb.send(new UpdateContinuousBackupsCommand({ TableName, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }));
}

/** A bucket with its tags, encryption (AES256 for both), public access block and ownership controls. */
async function bucket(s: Stack, id: string, Bucket: string, name: string, publicPolicy: boolean): Promise<void> {
  const s3 = s.clients.get(S3Client);
  await s3.send(new CreateBucketCommand({ Bucket }));
  await s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: s.tags(id, name) } }));
  await s3.send(new PutBucketEncryptionCommand({ Bucket, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } }));
  await s3.send(
    new PutPublicAccessBlockCommand({
      Bucket,
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: !publicPolicy, RestrictPublicBuckets: !publicPolicy },
    }),
  );
  await s3.send(new PutBucketOwnershipControlsCommand({ Bucket, OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } }));
  s.made(id, Bucket, {
    arn: `arn:aws:s3:::${Bucket}`,
    regionalDomainName: `${Bucket}.s3.${s.region}.amazonaws.com`,
    websiteEndpoint: `${Bucket}.s3-website-${s.region}.amazonaws.com`,
    websiteDomain: `s3-website-${s.region}.amazonaws.com`,
  });
}

export async function buildBuckets(s: Stack): Promise<void> {
  const s3 = s.clients.get(S3Client);
  const media = `${STACK}-media-${s.accountId}-${s.region}`;
  await bucket(s, 'media', media, `${STACK}-media`, false);
  await s3.send(new PutBucketVersioningCommand({ Bucket: media, VersioningConfiguration: { Status: 'Enabled' } }));
  await bucket(s, 'failoverBucket', HOST, `${STACK}-failover`, true);
  await s3.send(new PutBucketWebsiteCommand({ Bucket: HOST, WebsiteConfiguration: { IndexDocument: { Suffix: 'index.html' } } }));
  await s3.send(new PutBucketPolicyCommand({ Bucket: HOST, Policy: s.policy('failoverBucket', 'policy') }));
}

/** The media bucket's policy: CloudFront (this distribution only) reads static/ and media/; no plain HTTP. */
export async function putMediaPolicy(s: Stack): Promise<void> {
  await s.clients.get(S3Client).send(new PutBucketPolicyCommand({ Bucket: s.out('media'), Policy: s.policy('media', 'policy') }));
}

/** Advances the clock until the database is available, and records its endpoint. */
export async function waitForDatabase(s: Stack): Promise<void> {
  const rds = s.clients.get(RDSClient);
  const db = await s.until('the database available', async () => {
    const i = (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: s.out('db') }))).DBInstances?.[0];
    return i?.DBInstanceStatus === 'available' && i.Endpoint?.Address !== undefined ? i : undefined;
  });
  s.found('db.endpoint', db.Endpoint!.Address!);
}
