/**
 * drift --unmanaged finders against canned answers: what real AWS (or an emulator) says
 * that the sandbox cannot be made to say. Instances an Auto Scaling group launched carry
 * its aws:autoscaling:groupName tag (nobody may write aws: tags, so no tamper makes
 * one); an emulator that ignores ListBuckets' Prefix/BucketRegion answers every bucket.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DescribeInstancesCommand, type Filter } from '@aws-sdk/client-ec2';
import { GetBucketTaggingCommand, ListBucketsCommand } from '@aws-sdk/client-s3';
import type { ClientProvider } from '../../src/reconciler/types.ts';
import { unmanagedFinders } from '../../src/resources/unmanaged/index.ts';

const scope = { stack: 'blog', vpcIds: ['vpc-1'] };

/** A provider whose clients answer `answer(command)`; every command is recorded. */
function fake(answer: (cmd: object) => unknown, region = 'us-east-1') {
  const sent: object[] = [];
  const client = { config: { region: async () => region }, send: async (cmd: object) => (sent.push(cmd), answer(cmd)) };
  const clients: ClientProvider = { get: () => client as never };
  return { clients, sent };
}

test('ec2.instance: one launched by an Auto Scaling group is the group\'s (explained, not listed); one started by hand is listed; only live states are asked for', async () => {
  const { clients, sent } = fake((cmd) => {
    assert.ok(cmd instanceof DescribeInstancesCommand);
    return { Reservations: [{ Instances: [
      { InstanceId: 'i-asg', VpcId: 'vpc-1', Tags: [{ Key: 'aws:autoscaling:groupName', Value: 'blog-app' }, { Key: 'Name', Value: 'blog-app' }] },
      { InstanceId: 'i-hand', VpcId: 'vpc-1', Tags: [] },
      { InstanceId: 'i-ours', VpcId: 'vpc-1', Tags: [{ Key: 'blogctl:stack', Value: 'blog' }] },
    ] }] };
  });
  const r = await unmanagedFinders['ec2.instance']!(scope, clients);
  assert.deepEqual(r.found.map((f) => [f.physicalId, f.why]), [['i-hand', 'in the stack\'s VPC vpc-1']]);
  assert.deepEqual(r.ignored, [{ kind: 'ec2.instance', physicalId: 'i-asg', reason: 'launched by the Auto Scaling group blog-app: the group is what is managed' }]);
  const filters = sent.map((c) => (c as DescribeInstancesCommand).input.Filters as Filter[]);
  assert.equal(filters.length, 2, 'by name and by VPC');
  for (const f of filters) assert.deepEqual(f.find((x) => x.Name === 'instance-state-name')?.Values, ['pending', 'running', 'stopping', 'stopped']);
});

test('s3.bucket: an emulator that ignores Prefix and BucketRegion still yields only this region\'s <stack>- buckets, and only those are read for tags', async () => {
  const { clients, sent } = fake((cmd) => {
    if (cmd instanceof ListBucketsCommand) {
      return { Buckets: [
        { Name: 'blog-stray', BucketRegion: 'us-east-1' }, { Name: 'blog-west', BucketRegion: 'eu-west-1' },
        { Name: 'other', BucketRegion: 'us-east-1' }, { Name: 'blog-ours', BucketRegion: 'us-east-1' }, { Name: 'blog-untagged' },
      ] };
    }
    assert.ok(cmd instanceof GetBucketTaggingCommand);
    const bucket = cmd.input.Bucket;
    if (bucket === 'blog-ours') return { TagSet: [{ Key: 'blogctl:stack', Value: 'blog' }] };
    if (bucket === 'blog-stray') return { TagSet: [{ Key: 'blogctl:stack', Value: 'staging' }] };
    throw Object.assign(new Error('The TagSet does not exist'), { name: 'NoSuchTagSet' });
  });
  const r = await unmanagedFinders['s3.bucket']!(scope, clients);
  assert.deepEqual(r.found.map((f) => f.physicalId), ['blog-untagged']);
  assert.deepEqual(r.ignored.map((i) => [i.physicalId, i.reason]), [['blog-stray', 'managed by blogctl stack "staging"']]);
  const list = sent.find((c) => c instanceof ListBucketsCommand) as ListBucketsCommand;
  assert.deepEqual([list.input.Prefix, list.input.BucketRegion], ['blog-', 'us-east-1']);
  assert.deepEqual(sent.filter((c) => c instanceof GetBucketTaggingCommand).map((c) => (c as GetBucketTaggingCommand).input.Bucket), ['blog-ours', 'blog-stray', 'blog-untagged']);
});
