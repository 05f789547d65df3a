/**
 * From an AWS SDK v3 operation to the IAM actions it needs: the client package's IAM
 * prefix and the operation's name, except where IAM names the action differently (S3's
 * ListObjectsV2 is s3:ListBucket, CloudFront's CreateDistributionWithTags needs two).
 * Extend EXCEPTIONS when an adapter calls such an operation; the iam-policy test says so.
 */

/** `@aws-sdk/client-<package>` -> IAM service prefix. */
export const IAM_PREFIX: Readonly<Record<string, string>> = {
  'client-acm': 'acm',
  'client-auto-scaling': 'autoscaling',
  'client-cloudfront': 'cloudfront',
  'client-cloudwatch-logs': 'logs',
  'client-dynamodb': 'dynamodb',
  'client-ec2': 'ec2',
  'client-elastic-load-balancing-v2': 'elasticloadbalancing',
  'client-iam': 'iam',
  'client-lambda': 'lambda',
  'client-rds': 'rds',
  'client-resource-groups-tagging-api': 'tag',
  'client-route-53': 'route53',
  'client-s3': 's3',
  'client-secrets-manager': 'secretsmanager',
  'client-sts': 'sts',
};

/** `prefix:Operation` whose IAM action is not `prefix:Operation`. */
export const EXCEPTIONS: Readonly<Record<string, readonly string[]>> = {
  's3:HeadBucket': ['s3:ListBucket'],
  's3:ListBuckets': ['s3:ListAllMyBuckets'],
  's3:HeadObject': ['s3:GetObject'],
  's3:ListObjectsV2': ['s3:ListBucket'],
  's3:ListObjectVersions': ['s3:ListBucketVersions'],
  's3:DeleteObjects': ['s3:DeleteObject'],
  's3:GetBucketEncryption': ['s3:GetEncryptionConfiguration'],
  's3:PutBucketEncryption': ['s3:PutEncryptionConfiguration'],
  's3:GetPublicAccessBlock': ['s3:GetBucketPublicAccessBlock'],
  's3:PutPublicAccessBlock': ['s3:PutBucketPublicAccessBlock'],
  's3:DeletePublicAccessBlock': ['s3:PutBucketPublicAccessBlock'],
  's3:GetBucketNotificationConfiguration': ['s3:GetBucketNotification'],
  's3:PutBucketNotificationConfiguration': ['s3:PutBucketNotification'],
  's3:GetBucketLifecycleConfiguration': ['s3:GetLifecycleConfiguration'],
  's3:PutBucketLifecycleConfiguration': ['s3:PutLifecycleConfiguration'],
  's3:DeleteBucketLifecycle': ['s3:PutLifecycleConfiguration'],
  's3:DeleteBucketOwnershipControls': ['s3:PutBucketOwnershipControls'],
  'cloudfront:CreateDistributionWithTags': ['cloudfront:CreateDistribution', 'cloudfront:TagResource'],
};

/** The IAM actions one SDK operation needs. */
export function iamActionsFor(sdkPackage: string, operation: string): string[] {
  const prefix = IAM_PREFIX[sdkPackage];
  if (!prefix) throw new Error(`no IAM prefix for @aws-sdk/${sdkPackage}: add it to IAM_PREFIX in src/resources/iam/sdk-operations.ts`);
  const key = `${prefix}:${operation}`;
  return [...(EXCEPTIONS[key] ?? [key])];
}
