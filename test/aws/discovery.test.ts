/**
 * Tag discovery through the real Resource Groups Tagging API client, answered by the
 * sandbox: one paginated call finds the stack's buckets, functions, tables,
 * distributions and certificates, and nothing of other stacks or other types.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CreateBucketCommand, PutBucketTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateDBSubnetGroupCommand, DeleteDBSubnetGroupCommand, RDSClient } from '@aws-sdk/client-rds';
import { AwsClients } from '../../src/aws/clients.ts';
import { tagDiscovery } from '../../src/aws/discovery.ts';
import { createSandbox } from '../../src/sandbox/services.ts';
import { typeMatches } from '../../src/sandbox/tagging/index.ts';

const stackTags = (stack: string, id: string) => [{ Key: 'blogctl:stack', Value: stack }, { Key: 'blogctl:id', Value: id }];

test('GetResources: the stack\'s resources of the asked types, paginated, in one logical call', async () => {
  const clients = new AwsClients({ sandbox: createSandbox({ rateLimits: false }) });
  const s3 = clients.get(S3Client);
  for (let i = 0; i < 130; i++) {
    const Bucket = `b-${String(i).padStart(3, '0')}`;
    await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: stackTags(i < 120 ? 'blog' : 'other', Bucket) } }));
  }
  await s3.send(new CreateBucketCommand({ Bucket: 'untagged' }));
  await clients.get(DynamoDBClient).send(new CreateTableCommand({
    TableName: 'objects', BillingMode: 'PAY_PER_REQUEST', Tags: stackTags('blog', 'objectTable'),
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  }));
  const before = clients.counter.total;
  const found = await tagDiscovery(clients)('blog', [{ service: 's3' }, { service: 'dynamodb', resourceType: 'table' }]);
  assert.equal(found.length, 121);
  assert.equal(clients.counter.count('resourcegroupstaggingapi', 'GetResources'), 2, '121 resources: two pages of 100');
  assert.equal(clients.counter.total - before, 2);
  assert.ok(found.some((f) => f.arn === 'arn:aws:s3:::b-000' && f.tags['blogctl:id'] === 'b-000'));
  assert.ok(found.some((f) => /^arn:aws:dynamodb:us-east-1:\d{12}:table\/objects$/.test(f.arn)));
  const onlyTables = await tagDiscovery(clients)('blog', [{ service: 'dynamodb', resourceType: 'table' }]);
  assert.deepEqual(onlyTables.map((f) => f.tags['blogctl:id']), ['objectTable']);
});

test('resource type filters: service, or service:type', () => {
  assert.equal(typeMatches('arn:aws:lambda:us-east-1:123456789012:function:f', 'lambda:function'), true);
  assert.equal(typeMatches('arn:aws:lambda:us-east-1:123456789012:function:f', 'lambda:layer'), false);
  assert.equal(typeMatches('arn:aws:cloudfront::123456789012:distribution/E1', 'cloudfront:distribution'), true);
  assert.equal(typeMatches('arn:aws:s3:::b', 's3'), true);
});

test('GetResources finds RDS subnet groups by their tags (DescribeDBSubnetGroups carries none)', async () => {
  const sandbox = createSandbox({ rateLimits: false });
  const clients = new AwsClients({ sandbox });
  const ec2 = clients.get(EC2Client);
  const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
  const subnets = await Promise.all(['a', 'b'].map(async (z, i) => (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `10.0.${i}.0/24`, AvailabilityZone: `us-east-1${z}` }))).Subnet!.SubnetId!));
  const rds = clients.get(RDSClient);
  await rds.send(new CreateDBSubnetGroupCommand({ DBSubnetGroupName: 'blog-db', DBSubnetGroupDescription: 'db', SubnetIds: subnets, Tags: stackTags('blog', 'dbSubnetGroup') }));
  const found = await tagDiscovery(clients)('blog', [{ service: 'rds', resourceType: 'subgrp' }]);
  assert.deepEqual(found.map((f) => [f.arn.replace(/\d{12}/, 'ACCOUNT'), f.tags['blogctl:id']]), [['arn:aws:rds:us-east-1:ACCOUNT:subgrp:blog-db', 'dbSubnetGroup']]);
  await rds.send(new DeleteDBSubnetGroupCommand({ DBSubnetGroupName: 'blog-db' }));
  assert.deepEqual(await tagDiscovery(clients)('blog', [{ service: 'rds', resourceType: 'subgrp' }]), []);
});
