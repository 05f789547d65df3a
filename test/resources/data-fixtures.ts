/**
 * Contract fixtures of the data and event kinds (DynamoDB, S3, Lambda, RDS), shared by the
 * sandbox and the moto runs. Names carry the context's stack, so runs sharing one account
 * (moto) never collide; parents are made through their own adapters where they have one.
 */
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import type { DesiredOf } from '../../src/reconciler/types.ts';
import type { tableProperties } from '../../src/resources/dynamodb-table/index.ts';
import { functionAdapter, type functionProperties } from '../../src/resources/lambda-function/index.ts';
import { permissionAdapter, type permissionProperties } from '../../src/resources/lambda-permission/index.ts';
import { bucketAdapter, type bucketProperties } from '../../src/resources/s3-bucket/index.ts';
import type { bucketNotificationProperties } from '../../src/resources/s3-bucket-notification/index.ts';
import type { dbInstanceProperties } from '../../src/resources/rds-db-instance/index.ts';
import { dbSubnetGroupAdapter, type dbSubnetGroupProperties } from '../../src/resources/rds-db-subnet-group/index.ts';
import { securityGroupAdapter } from '../../src/resources/ec2-security-group/index.ts';
import { makeSubnet, makeVpc } from './network-fixtures.ts';
import type { Fixture, TestContext } from './contract.ts';

type TableDesired = DesiredOf<typeof tableProperties>;

export async function tableFixture(ctx: TestContext): Promise<Fixture<TableDesired>> {
  const desired: TableDesired = {
    tableName: `${ctx.stack}-objects`,
    attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
    keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
    billingMode: 'PAY_PER_REQUEST',
    pointInTimeRecovery: true,
    deletionProtectionEnabled: false,
    sse: { type: 'AWS_OWNED' },
    tags: { Name: 'contract' },
  };
  return {
    desired,
    changedInPlace: {
      desired: { ...desired, billingMode: 'PROVISIONED', provisionedThroughput: { readCapacityUnits: 5, writeCapacityUnits: 5 }, pointInTimeRecovery: false, tags: { Name: 'renamed', Team: 'blog' } },
      paths: ['billingMode', 'provisionedThroughput', 'pointInTimeRecovery', 'tags.Name', 'tags.Team'],
    },
    changedReplace: {
      desired: {
        ...desired,
        attributeDefinitions: [...desired.attributeDefinitions, { attributeName: 'sk', attributeType: 'N' }],
        keySchema: [...desired.keySchema, { attributeName: 'sk', keyType: 'RANGE' }],
      },
      paths: ['keySchema'],
    },
  };
}

/** An IAM role Lambda may assume (made through the SDK: iam.role is another adapter's kind). */
export async function makeLambdaRole(ctx: TestContext, name = `${ctx.stack}-fn-role`): Promise<string> {
  const iam = ctx.clients.get(IAMClient);
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
  const out = await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: JSON.stringify(trust) }));
  return out.Role!.Arn!;
}

type FunctionDesired = DesiredOf<typeof functionProperties>;

/** The repo's S3-event handler (src/lambda), as blog.spec.yaml deploys it. */
export function functionDesired(ctx: TestContext, role: string, extra: Partial<FunctionDesired> = {}): FunctionDesired {
  return {
    functionName: `${ctx.stack}-s3-events`, description: 'contract', runtime: 'nodejs22.x', handler: 'handler.handler', role,
    code: { path: 'src/lambda' }, memorySize: 128, timeout: 30, architectures: ['x86_64'], environment: { TABLE_NAME: 'objects' },
    logRetentionInDays: 30, tags: { Name: 'contract' }, ...extra,
  };
}

export async function functionFixture(ctx: TestContext): Promise<Fixture<FunctionDesired>> {
  const desired = functionDesired(ctx, await makeLambdaRole(ctx));
  return {
    desired,
    changedInPlace: {
      desired: { ...desired, memorySize: 256, timeout: 10, environment: { TABLE_NAME: 'other' }, logRetentionInDays: 14, tags: { Name: 'renamed', Team: 'blog' } },
      paths: ['memorySize', 'timeout', 'environment', 'logRetentionInDays', 'tags.Name', 'tags.Team'],
    },
    changedReplace: { desired: { ...desired, functionName: `${ctx.stack}-renamed` }, paths: ['functionName'] },
  };
}

type PermissionDesired = DesiredOf<typeof permissionProperties>;

/** The account of the sandbox and of moto alike. */
export const ACCOUNT = '123456789012';

/** A function of the stack (logical id `fn`), made through its adapter; returns its name and ARN. */
export async function makeFunction(ctx: TestContext, id = 'fn'): Promise<{ name: string; arn: string }> {
  const made = await functionAdapter.create(id, functionDesired(ctx, await makeLambdaRole(ctx)), ctx);
  return { name: made.functionName, arn: made.arn };
}

export async function permissionFixture(ctx: TestContext): Promise<Fixture<PermissionDesired>> {
  const fn = await makeFunction(ctx);
  const desired: PermissionDesired = {
    functionName: fn.name, action: 'lambda:InvokeFunction', principal: 's3.amazonaws.com', sourceArn: `arn:aws:s3:::${ctx.stack}-media`, sourceAccount: ACCOUNT,
  };
  return { desired, changedReplace: { desired: { ...desired, sourceArn: `arn:aws:s3:::${ctx.stack}-other` }, paths: ['sourceArn'] } };
}

type BucketDesired = DesiredOf<typeof bucketProperties>;

/** A private, versioned bucket with a TLS-only policy. */
export function bucketDesired(name: string, extra: Partial<BucketDesired> = {}): BucketDesired {
  return {
    bucketName: name, versioning: 'Enabled', encryption: { sseAlgorithm: 'AES256', bucketKeyEnabled: false },
    publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
    ownershipControls: 'BucketOwnerEnforced',
    policy: {
      Version: '2012-10-17',
      Statement: [{ Sid: 'TLS', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
    },
    forceDestroy: false, tags: { Name: 'contract' }, ...extra,
  };
}

export async function bucketFixture(ctx: TestContext): Promise<Fixture<BucketDesired>> {
  const name = `${ctx.stack}-media`;
  const desired = bucketDesired(name);
  const publicRead = { Sid: 'PublicRead', Effect: 'Allow' as const, Principal: '*' as const, Action: 's3:GetObject', Resource: `arn:aws:s3:::${name}/*` };
  return {
    desired,
    changedInPlace: {
      desired: {
        ...desired, versioning: 'Suspended', website: { indexDocument: 'index.html' }, forceDestroy: true,
        publicAccessBlock: { ...desired.publicAccessBlock, blockPublicPolicy: false, restrictPublicBuckets: false },
        policy: { ...desired.policy!, Statement: [...desired.policy!.Statement, publicRead] },
        tags: { Name: 'renamed', Team: 'blog' },
      },
      paths: ['versioning', 'publicAccessBlock.blockPublicPolicy', 'publicAccessBlock.restrictPublicBuckets', 'website', 'policy.Statement[PublicRead]', 'forceDestroy', 'tags.Name', 'tags.Team'],
    },
    changedReplace: { desired: { ...desired, bucketName: `${ctx.stack}-other` }, paths: ['bucketName'] },
  };
}

type NotificationDesired = DesiredOf<typeof bucketNotificationProperties>;

/** A bucket, a function and the permission that lets S3 invoke it, each through its adapter. */
export async function makeEventParents(ctx: TestContext): Promise<{ bucket: string; fn: { name: string; arn: string } }> {
  const bucket = (await bucketAdapter.create('media', bucketDesired(`${ctx.stack}-media`), ctx)).bucketName;
  const fn = await makeFunction(ctx);
  await permissionAdapter.create('s3Invoke', {
    functionName: fn.name, action: 'lambda:InvokeFunction', principal: 's3.amazonaws.com', sourceArn: `arn:aws:s3:::${bucket}`, sourceAccount: ACCOUNT,
  }, ctx);
  return { bucket, fn };
}

export async function notificationFixture(ctx: TestContext): Promise<Fixture<NotificationDesired>> {
  const { bucket, fn } = await makeEventParents(ctx);
  const objects = { id: 'media-objects', lambdaFunctionArn: fn.arn, events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'] as NotificationDesired['lambdaFunctionConfigurations'][number]['events'], filter: { prefix: 'media/' } };
  const desired: NotificationDesired = { bucket, lambdaFunctionConfigurations: [objects], eventBridgeEnabled: false };
  return {
    desired,
    changedInPlace: {
      desired: {
        ...desired,
        lambdaFunctionConfigurations: [{ ...objects, events: ['s3:ObjectCreated:*'] }, { id: 'removals', lambdaFunctionArn: fn.arn, events: ['s3:ObjectRemoved:*'], filter: { prefix: 'media/' } }],
      },
      paths: ['lambdaFunctionConfigurations[media-objects]', 'lambdaFunctionConfigurations[removals]'],
    },
    // Found on the stack's old bucket (tag discovery of the stack's buckets), so the move is a replacement.
    changedReplace: { desired: { ...desired, bucket: `${ctx.stack}-other` }, paths: ['bucket'] },
  };
}

type SubnetGroupDesired = DesiredOf<typeof dbSubnetGroupProperties>;
type DbDesired = DesiredOf<typeof dbInstanceProperties>;

/** A VPC with private subnets in three zones (logical ids vpc, subnetA/B/C). */
export async function makeDbNetwork(ctx: TestContext): Promise<{ vpcId: string; subnets: [string, string, string] }> {
  const vpcId = await makeVpc(ctx, 'vpc', '10.40.0.0/16');
  const subnets = await Promise.all([
    makeSubnet(ctx, 'subnetA', vpcId, '10.40.11.0/24', 'us-east-1a'),
    makeSubnet(ctx, 'subnetB', vpcId, '10.40.21.0/24', 'us-east-1b'),
    makeSubnet(ctx, 'subnetC', vpcId, '10.40.31.0/24', 'us-east-1c'),
  ]);
  return { vpcId, subnets: subnets as [string, string, string] };
}

export async function subnetGroupFixture(ctx: TestContext): Promise<Fixture<SubnetGroupDesired>> {
  const { subnets: [a, b, c] } = await makeDbNetwork(ctx);
  const desired: SubnetGroupDesired = { dbSubnetGroupName: `${ctx.stack}-db-subnets`, dbSubnetGroupDescription: 'the private subnets', subnetIds: [a, b], tags: { Name: 'contract' } };
  return {
    desired,
    changedInPlace: { desired: { ...desired, dbSubnetGroupDescription: 'three zones', subnetIds: [a, b, c], tags: {} }, paths: ['dbSubnetGroupDescription', `subnetIds[${c}]`, 'tags.Name'] },
    changedReplace: { desired: { ...desired, dbSubnetGroupName: `${ctx.stack}-other` }, paths: ['dbSubnetGroupName'] },
  };
}

/** A current MySQL 8.4 with RDS's managed password, as blog.spec.yaml's db. */
export function dbDesired(ctx: TestContext, group: string, sg: string, extra: Partial<DbDesired> = {}): DbDesired {
  return {
    dbInstanceIdentifier: `${ctx.stack}-db`, engine: 'mysql', engineVersion: '8.4.7', dbInstanceClass: 'db.t3.micro', allocatedStorage: 20, maxAllocatedStorage: 40,
    storageType: 'gp3', storageEncrypted: true, dbName: 'database1', masterUsername: 'admin', manageMasterUserPassword: true, dbSubnetGroupName: group,
    vpcSecurityGroupIds: [sg], port: 3306, publiclyAccessible: false, multiAz: false, backupRetentionPeriod: 7, preferredBackupWindow: '03:00-04:00',
    preferredMaintenanceWindow: 'mon:05:00-mon:06:00', enableCloudwatchLogsExports: ['error'], deletionProtection: false, autoMinorVersionUpgrade: false,
    copyTagsToSnapshot: true, skipFinalSnapshot: true, deleteAutomatedBackups: true, applyImmediately: false, tags: { Name: 'contract' }, ...extra,
  };
}

/** The parents of a database: its network, subnet group and security group, each through its adapter. */
export async function makeDbParents(ctx: TestContext): Promise<{ group: string; sg: string; vpcId: string }> {
  const { vpcId, subnets: [a, b] } = await makeDbNetwork(ctx);
  const [group, sg] = await Promise.all([
    dbSubnetGroupAdapter.create('dbSubnetGroup', { dbSubnetGroupName: `${ctx.stack}-db-subnets`, dbSubnetGroupDescription: 'db', subnetIds: [a, b] }, ctx),
    securityGroupAdapter.create('dbSg', { vpcId, groupName: 'db', description: 'db', ingress: [], egress: [] }, ctx),
  ]);
  return { group: group.dbSubnetGroupName, sg: sg.groupId, vpcId };
}

export async function dbFixture(ctx: TestContext): Promise<Fixture<DbDesired>> {
  const { group, sg } = await makeDbParents(ctx);
  const desired = dbDesired(ctx, group, sg);
  return {
    desired,
    changedInPlace: {
      desired: { ...desired, backupRetentionPeriod: 3, enableCloudwatchLogsExports: ['audit', 'error'], copyTagsToSnapshot: false, skipFinalSnapshot: false, tags: { Name: 'renamed' } },
      paths: ['backupRetentionPeriod', 'enableCloudwatchLogsExports', 'copyTagsToSnapshot', 'skipFinalSnapshot', 'tags.Name'],
    },
    changedReplace: { desired: { ...desired, dbName: 'other' }, paths: ['dbName'] },
  };
}
