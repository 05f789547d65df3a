/**
 * EC2 tags (CreateTags/DeleteTags/DescribeTags), filters with wildcards, and pagination
 * through the SDK's own paginators.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DeleteTagsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeTagsCommand,
  DescribeVpcsCommand,
  type EC2Client,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  paginateDescribeTags,
  paginateDescribeVpcs,
} from '@aws-sdk/client-ec2';
import { harness, rejection, tag } from '../harness.ts';

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const p of pages) out.push(p);
  return out;
}

async function vpcWithSubnets(ec2: EC2Client, n: number) {
  const VpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = await ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: `10.0.${i}.0/24`, TagSpecifications: [{ ResourceType: 'subnet', Tags: [tag('index', String(i)), tag('Name', `subnet-${i % 2 ? 'odd' : 'even'}-${i}`)] }] }));
    ids.push(s.Subnet!.SubnetId!);
  }
  return { VpcId, ids };
}

describe('ec2 tags', () => {
  it('creates, describes and deletes tags on any resource', async () => {
    const { ec2 } = harness();
    const { VpcId, ids } = await vpcWithSubnets(ec2, 1);
    await ec2.send(new CreateTagsCommand({ Resources: [VpcId, ids[0]!], Tags: [tag('env', 'prod'), tag('team', 'blog')] }));
    const all = await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'key', Values: ['env', 'team'] }] }));
    assert.deepEqual(all.Tags?.map((t) => `${t.ResourceType}:${t.Key}=${t.Value}`).sort(), ['subnet:env=prod', 'subnet:team=blog', 'vpc:env=prod', 'vpc:team=blog']);
    const vpcOnly = await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-type', Values: ['vpc'] }, { Name: 'key', Values: ['env'] }] }));
    assert.deepEqual(vpcOnly.Tags, [{ Key: 'env', Value: 'prod', ResourceId: VpcId, ResourceType: 'vpc' }]);

    await ec2.send(new DeleteTagsCommand({ Resources: [VpcId], Tags: [{ Key: 'env', Value: 'staging' }] }));
    assert.equal((await ec2.send(new DescribeVpcsCommand({ VpcIds: [VpcId] }))).Vpcs?.[0]?.Tags?.length, 2, 'a different value is not deleted');
    await ec2.send(new DeleteTagsCommand({ Resources: [VpcId], Tags: [{ Key: 'env' }] }));
    assert.deepEqual((await ec2.send(new DescribeVpcsCommand({ VpcIds: [VpcId] }))).Vpcs?.[0]?.Tags, [tag('team', 'blog')]);
    await ec2.send(new DeleteTagsCommand({ Resources: [VpcId] }));
    assert.equal('Tags' in (await ec2.send(new DescribeVpcsCommand({ VpcIds: [VpcId] }))).Vpcs![0]!, false, 'an untagged resource has no Tags member');
  });

  it('answers the resource own NotFound, and enforces tag rules', async () => {
    const { ec2 } = harness();
    const { VpcId } = await vpcWithSubnets(ec2, 0);
    assert.equal((await rejection(ec2.send(new CreateTagsCommand({ Resources: ['subnet-0123456789abcdef0'], Tags: [tag('a', 'b')] })))).name, 'InvalidSubnetID.NotFound');
    assert.equal((await rejection(ec2.send(new CreateTagsCommand({ Resources: ['sg-0123456789abcdef0'], Tags: [tag('a', 'b')] })))).name, 'InvalidGroup.NotFound');
    assert.equal((await rejection(ec2.send(new CreateTagsCommand({ Resources: ['thing-1'], Tags: [tag('a', 'b')] })))).name, 'InvalidID');
    assert.equal((await rejection(ec2.send(new CreateTagsCommand({ Resources: [VpcId], Tags: [tag('aws:cloudformation', 'x')] })))).name, 'InvalidParameterValue');
    const fifty = Array.from({ length: 50 }, (_, i) => tag(`k${i}`, 'v'));
    await ec2.send(new CreateTagsCommand({ Resources: [VpcId], Tags: fifty }));
    assert.equal((await rejection(ec2.send(new CreateTagsCommand({ Resources: [VpcId], Tags: [tag('one-more', 'v')] })))).name, 'TagLimitExceeded');
  });

  it('filters with wildcards, ORing values and ANDing filters', async () => {
    const { ec2 } = harness();
    const { VpcId, ids } = await vpcWithSubnets(ec2, 6);
    const names = async (Filters: { Name: string; Values: string[] }[]) =>
      (await ec2.send(new DescribeSubnetsCommand({ Filters }))).Subnets!.map((s) => s.SubnetId).sort();
    assert.deepEqual(await names([{ Name: 'tag:Name', Values: ['subnet-odd-*'] }]), [ids[1], ids[3], ids[5]].sort());
    assert.deepEqual(await names([{ Name: 'tag:index', Values: ['1', '2'] }]), [ids[1], ids[2]].sort());
    assert.deepEqual(await names([{ Name: 'tag:Name', Values: ['subnet-?ven-4'] }, { Name: 'vpc-id', Values: [VpcId] }]), [ids[4]]);
    assert.deepEqual(await names([{ Name: 'tag:Name', Values: ['subnet-odd-*'] }, { Name: 'tag:index', Values: ['2'] }]), []);
    assert.deepEqual(await names([{ Name: 'cidr-block', Values: ['10.0.3.0/24'] }]), [ids[3]]);
    assert.deepEqual(await names([{ Name: 'tag-value', Values: ['subnet-even-0'] }]), [ids[0]]);
  });
});

describe('ec2 pagination', () => {
  it('pages through subnets with the SDK paginator', async () => {
    const { ec2 } = harness();
    const { VpcId, ids } = await vpcWithSubnets(ec2, 12);
    const pages = await collect(paginateDescribeSubnets({ client: ec2, pageSize: 5 }, { Filters: [{ Name: 'vpc-id', Values: [VpcId] }] }));
    assert.deepEqual(pages.map((p) => p.Subnets?.length), [5, 5, 2]);
    assert.deepEqual(pages.flatMap((p) => p.Subnets!.map((s) => s.SubnetId)).sort(), [...ids].sort());
    assert.equal(pages[2]!.NextToken, undefined);
  });

  it('pages security groups, tags and VPCs too', async () => {
    const { ec2 } = harness();
    for (let i = 0; i < 7; i++) await ec2.send(new CreateSecurityGroupCommand({ GroupName: `g${i}`, Description: 'd', TagSpecifications: [{ ResourceType: 'security-group', Tags: [tag('n', String(i))] }] }));
    const groups = await collect(paginateDescribeSecurityGroups({ client: ec2, pageSize: 5 }, {}));
    assert.deepEqual(groups.map((p) => p.SecurityGroups?.length), [5, 3], '7 created + the default VPC default group');
    const tags = await collect(paginateDescribeTags({ client: ec2, pageSize: 5 }, { Filters: [{ Name: 'key', Values: ['n'] }] }));
    assert.deepEqual(tags.map((p) => p.Tags?.length), [5, 2]);
    const vpcs = await collect(paginateDescribeVpcs({ client: ec2, pageSize: 5 }, {}));
    assert.deepEqual(vpcs.map((p) => p.Vpcs?.length), [1]);
  });

  it('rejects page sizes outside the range and foreign tokens', async () => {
    const { ec2 } = harness();
    const small = await rejection(ec2.send(new DescribeSecurityGroupsCommand({ MaxResults: 4 })));
    assert.equal(small.name, 'InvalidParameterValue');
    assert.match(small.message, /between 5 and 1000/);
    assert.equal((await rejection(ec2.send(new DescribeVpcsCommand({ MaxResults: 5, NextToken: 'not-a-token' })))).name, 'InvalidPaginationToken');
  });
});
