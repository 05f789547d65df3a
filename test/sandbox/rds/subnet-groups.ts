/** DB subnet groups through the real RDSClient, on subnets of the simulated EC2 account. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateDBInstanceCommand,
  CreateDBSubnetGroupCommand,
  DBSubnetGroupAlreadyExistsFault,
  DBSubnetGroupDoesNotCoverEnoughAZs,
  DBSubnetGroupNotFoundFault,
  DeleteDBInstanceCommand,
  DeleteDBSubnetGroupCommand,
  DescribeDBSubnetGroupsCommand,
  InvalidDBSubnetGroupStateFault,
  InvalidSubnet,
  ListTagsForResourceCommand,
  ModifyDBSubnetGroupCommand,
  paginateDescribeDBSubnetGroups,
  RDSServiceException,
} from '@aws-sdk/client-rds';
import { rejection } from '../harness.ts';
import { blogDb, rdsHarness } from './setup.ts';

describe('rds subnet groups', () => {
  it('creates a group on EC2 subnets in two zones, named in lowercase, with tags', async () => {
    const { rds, net } = await rdsHarness();
    const out = await rds.send(new CreateDBSubnetGroupCommand({
      DBSubnetGroupName: 'App-Subnets', DBSubnetGroupDescription: 'app', SubnetIds: [net.publicA, net.publicB],
      Tags: [{ Key: 'blogctl:id', Value: 'dbSubnetGroup' }],
    }));
    const g = out.DBSubnetGroup!;
    assert.equal(g.DBSubnetGroupName, 'app-subnets');
    assert.equal(g.VpcId, net.vpcId);
    assert.equal(g.SubnetGroupStatus, 'Complete');
    assert.equal(g.DBSubnetGroupArn, 'arn:aws:rds:us-east-1:123456789012:subgrp:app-subnets');
    assert.deepEqual(g.Subnets!.map((s) => [s.SubnetIdentifier, s.SubnetAvailabilityZone!.Name, s.SubnetStatus]), [
      [net.publicA, 'us-east-1a', 'Active'],
      [net.publicB, 'us-east-1b', 'Active'],
    ]);
    const tags = await rds.send(new ListTagsForResourceCommand({ ResourceName: g.DBSubnetGroupArn }));
    assert.deepEqual(tags.TagList, [{ Key: 'blogctl:id', Value: 'dbSubnetGroup' }]);
    const described = await rds.send(new DescribeDBSubnetGroupsCommand({ DBSubnetGroupName: 'APP-subnets' }));
    assert.equal(described.DBSubnetGroups![0]!.DBSubnetGroupName, 'app-subnets');
  });

  it('refuses subnets in one zone, unknown subnets and duplicate names with RDS faults', async () => {
    const { rds, net } = await rdsHarness();
    const oneZone = await rejection(rds.send(new CreateDBSubnetGroupCommand({ DBSubnetGroupName: 'x', DBSubnetGroupDescription: 'x', SubnetIds: [net.publicA, net.extraA] })));
    assert.ok(oneZone instanceof DBSubnetGroupDoesNotCoverEnoughAZs);
    assert.equal((oneZone as unknown as { Code: string }).Code, 'DBSubnetGroupDoesNotCoverEnoughAZs');
    const unknown = await rejection(rds.send(new CreateDBSubnetGroupCommand({ DBSubnetGroupName: 'x', DBSubnetGroupDescription: 'x', SubnetIds: [net.publicA, 'subnet-0123456789abcdef0'] })));
    assert.ok(unknown instanceof InvalidSubnet);
    const dup = await rejection(rds.send(new CreateDBSubnetGroupCommand({ DBSubnetGroupName: 'blog-db-subnets', DBSubnetGroupDescription: 'x', SubnetIds: [net.publicA, net.publicB] })));
    assert.ok(dup instanceof DBSubnetGroupAlreadyExistsFault);
    assert.equal((dup as unknown as { Code: string }).Code, 'DBSubnetGroupAlreadyExists');
    const missing = await rejection(rds.send(new DescribeDBSubnetGroupsCommand({ DBSubnetGroupName: 'nope' })));
    assert.ok(missing instanceof DBSubnetGroupNotFoundFault);
    assert.equal(missing.$metadata?.httpStatusCode, 404);
    const blank = await rejection(rds.send(new CreateDBSubnetGroupCommand({ DBSubnetGroupName: 'y', DBSubnetGroupDescription: '', SubnetIds: [net.publicA, net.publicB] })));
    assert.ok(blank instanceof RDSServiceException);
    assert.equal(blank.name, 'InvalidParameterValue');
  });

  it('modifies subnets and description; refuses to delete a group an instance uses', async () => {
    const { rds, net, clock } = await rdsHarness();
    const mod = await rds.send(new ModifyDBSubnetGroupCommand({ DBSubnetGroupName: 'blog-db-subnets', DBSubnetGroupDescription: 'public now', SubnetIds: [net.publicA, net.publicB, net.extraA] }));
    assert.equal(mod.DBSubnetGroup!.DBSubnetGroupDescription, 'public now');
    assert.equal(mod.DBSubnetGroup!.Subnets!.length, 3);
    await rds.send(new CreateDBInstanceCommand(blogDb(net)));
    const inUse = await rejection(rds.send(new DeleteDBSubnetGroupCommand({ DBSubnetGroupName: 'blog-db-subnets' })));
    assert.ok(inUse instanceof InvalidDBSubnetGroupStateFault);
    await rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'blog-db', SkipFinalSnapshot: true }));
    const stillDeleting = await rejection(rds.send(new DeleteDBSubnetGroupCommand({ DBSubnetGroupName: 'blog-db-subnets' })));
    assert.ok(stillDeleting instanceof InvalidDBSubnetGroupStateFault);
    clock.advance(60_000);
    await rds.send(new DeleteDBSubnetGroupCommand({ DBSubnetGroupName: 'blog-db-subnets' }));
    assert.ok((await rejection(rds.send(new DescribeDBSubnetGroupsCommand({ DBSubnetGroupName: 'blog-db-subnets' })))) instanceof DBSubnetGroupNotFoundFault);
    assert.ok((await rejection(rds.send(new DeleteDBSubnetGroupCommand({ DBSubnetGroupName: 'blog-db-subnets' })))) instanceof DBSubnetGroupNotFoundFault);
  });

  it('pages with Marker through the SDK paginator (MaxRecords 20..100)', async () => {
    const { rds, net } = await rdsHarness();
    for (let i = 0; i < 24; i++) {
      await rds.send(new CreateDBSubnetGroupCommand({ DBSubnetGroupName: `g-${String(i).padStart(2, '0')}`, DBSubnetGroupDescription: 'x', SubnetIds: [net.publicA, net.publicB] }));
    }
    const pages: number[] = [];
    const names: string[] = [];
    for await (const page of paginateDescribeDBSubnetGroups({ client: rds, pageSize: 20 }, {})) {
      pages.push(page.DBSubnetGroups!.length);
      names.push(...page.DBSubnetGroups!.map((g) => g.DBSubnetGroupName!));
    }
    assert.deepEqual(pages, [20, 5]);
    assert.equal(new Set(names).size, 25);
    const bad = await rejection(rds.send(new DescribeDBSubnetGroupsCommand({ MaxRecords: 5 })));
    assert.equal(bad.name, 'InvalidParameterValue');
  });
});
