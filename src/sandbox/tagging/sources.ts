/**
 * Where the Resource Groups Tagging API finds tagged resources: one reader per service
 * whose resources blogctl discovers this way (S3 buckets, Lambda functions, DynamoDB
 * tables, CloudFront distributions, ACM certificates, RDS resources: DescribeDBSubnetGroups
 * carries no tags). As in AWS, IAM roles and Auto Scaling groups are not listed; EC2 and
 * ELBv2 list by tag with their own calls.
 */
import type { AcmState } from '../acm/state.ts';
import type { CloudFrontState } from '../cloudfront/state.ts';
import type { DynamoDbState } from '../dynamodb/state.ts';
import type { LambdaState } from '../lambda/state.ts';
import type { RdsState } from '../rds/state.ts';
import type { S3State } from '../s3/state.ts';

export interface TaggedResource {
  readonly arn: string;
  /** Where GetResources answers for it: its region, or us-east-1 for global services. */
  readonly region: string;
  readonly tags: Readonly<Record<string, string>>;
}

export interface TagSource {
  /** The service's state name in the account. */
  readonly service: string;
  list(state: never): TaggedResource[];
}

const regionOfArn = (arn: string): string => arn.split(':')[3] ?? '';

export const TAG_SOURCES: readonly TagSource[] = [
  {
    service: 's3',
    list: (s: S3State) =>
      Object.values(s.buckets).filter((b) => b.tags !== null).map((b) => ({ arn: `arn:aws:s3:::${b.name}`, region: b.region, tags: b.tags! })),
  },
  {
    service: 'lambda',
    list: (s: LambdaState) => Object.values(s.functions).map((f) => ({ arn: f.arn, region: f.region, tags: f.tags })),
  },
  {
    service: 'dynamodb',
    list: (s: DynamoDbState) =>
      Object.entries(s.tables).filter(([, t]) => t.deletedAt === null).map(([arn, t]) => ({ arn, region: t.region, tags: t.tags })),
  },
  {
    // CloudFront is global: GetResources lists its distributions in us-east-1.
    service: 'cloudfront',
    list: (s: CloudFrontState) =>
      Object.values(s.distributions).map((d) => ({ arn: d.arn, region: 'us-east-1', tags: s.tags[d.arn] ?? {} })),
  },
  {
    // DB instances, subnet groups and snapshots: RDS keeps their tags by ARN (gone with them).
    service: 'rds',
    list: (s: RdsState) => Object.entries(s.tags).map(([arn, tags]) => ({ arn, region: regionOfArn(arn), tags })),
  },
  {
    service: 'acm',
    list: (s: AcmState) => Object.values(s.certificates).map((c) => ({ arn: c.arn, region: regionOfArn(c.arn), tags: s.tags[c.arn] ?? {} })),
  },
];
