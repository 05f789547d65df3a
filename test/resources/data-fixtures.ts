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
      paths: ['versioning', 'publicAccessBlock.blockPublicPolicy', 'publicAccessBlock.restrictPublicBuckets', 'website', 'policy', 'forceDestroy', 'tags.Name', 'tags.Team'],
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
  };
}

/** Natural-key kinds are found through the parent the spec names: for prune, a sibling's request on the same parent. */
export const siblingRequest = <D, O>(_made: O, fx: Fixture<D>) => [{ id: 'sibling', desired: fx.desired }];

/** Why the replace case of s3.bucket-notification is not run (see its test file). */
export const NOTIFICATION_REPLACE_SKIP =
  'a natural-key kind is found through the parent its spec names: a spec naming another bucket cannot see the configuration on the old one';
