/**
 * The EC2 indexes (subnets by VPC in address order, groups by VPC and name): kept by every
 * create and delete, undone with a failed call, built for an account saved without them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteSecurityGroupCommand,
  DeleteSubnetCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import type { Ec2State } from '../../../src/sandbox/ec2/state.ts';
import type { Sandbox } from '../../../src/sandbox/sandbox.ts';
import { harness, rejection } from '../harness.ts';

const ec2State = async (sandbox: Sandbox) => (await sandbox.snapshot()).services['ec2'] as Ec2State;

/** The indexes as they would be built from the records. */
function rebuilt(state: Ec2State) {
  const base = (cidr: string) => cidr.split('/')[0]!.split('.').reduce((n, o) => n * 256 + Number(o), 0);
  const subnetsByVpc: Record<string, string[]> = {};
  for (const s of Object.values(state.subnets)) (subnetsByVpc[s.vpcId] ??= []).push(s.id);
  for (const ids of Object.values(subnetsByVpc)) ids.sort((a, b) => base(state.subnets[a]!.cidr) - base(state.subnets[b]!.cidr));
  const groupsByVpc: Record<string, Record<string, string>> = {};
  for (const g of Object.values(state.securityGroups)) (groupsByVpc[g.vpcId] ??= {})[g.name] = g.id;
  return { subnetsByVpc, groupsByVpc };
}

async function vpc(ec2: EC2Client, cidr: string): Promise<string> {
  return (await ec2.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc!.VpcId!;
}

describe('ec2 indexes', () => {
  it('stay equal to the records through creates, deletes and failed calls', async () => {
    const { ec2, sandbox } = harness({ rateLimits: false });
    const a = await vpc(ec2, '10.1.0.0/16');
    const b = await vpc(ec2, '10.2.0.0/16');
    const subnets: string[] = [];
    for (const third of [9, 3, 7, 1, 5]) {
      subnets.push((await ec2.send(new CreateSubnetCommand({ VpcId: a, CidrBlock: `10.1.${third}.0/24` }))).Subnet!.SubnetId!);
    }
    const inB = (await ec2.send(new CreateSubnetCommand({ VpcId: b, CidrBlock: '10.2.0.0/20' }))).Subnet!.SubnetId!;
    for (const cidr of ['10.1.5.128/25', '10.1.0.0/20', '10.1.8.0/22', '10.1.3.0/24']) {
      const err = await rejection(ec2.send(new CreateSubnetCommand({ VpcId: a, CidrBlock: cidr })));
      assert.equal(err.name, 'InvalidSubnet.Conflict', cidr);
    }
    assert.ok(await ec2.send(new CreateSubnetCommand({ VpcId: a, CidrBlock: '10.1.4.0/24' })), 'between two neighbours');
    const web = (await ec2.send(new CreateSecurityGroupCommand({ VpcId: a, GroupName: 'web', Description: 'd' }))).GroupId!;
    const webB = (await ec2.send(new CreateSecurityGroupCommand({ VpcId: b, GroupName: 'web', Description: 'd' }))).GroupId!;
    assert.equal((await rejection(ec2.send(new CreateSecurityGroupCommand({ VpcId: a, GroupName: 'web', Description: 'd' })))).name, 'InvalidGroup.Duplicate');
    await ec2.send(new DeleteSubnetCommand({ SubnetId: subnets[2]! }));
    await ec2.send(new DeleteSubnetCommand({ SubnetId: inB }));
    await ec2.send(new DeleteSecurityGroupCommand({ GroupId: web }));
    await ec2.send(new CreateSecurityGroupCommand({ VpcId: a, GroupName: 'web', Description: 'again' }));
    await ec2.send(new DeleteSecurityGroupCommand({ GroupId: webB }));
    await ec2.send(new CreateSecurityGroupCommand({ VpcId: b, GroupName: 'app', Description: 'd' }));
    // A handler that throws after changing the state: its index changes go with it.
    sandbox.register({
      name: 'breaker', clientName: 'BreakerClient', initialState: () => ({}),
      operations: {
        Break(_input: object, ctx): object {
          const ec2 = ctx.serviceState<Ec2State>('ec2');
          ec2.lookups!.subnetsByVpc[a]!.splice(0, 2);
          delete ec2.lookups!.groupsByVpc[b];
          return ctx.fail('Broken', 'after changing the indexes');
        },
      },
      errors: { throttling: { code: 'Throttling', status: 400 }, serverError: { code: 'InternalFailure', status: 500 }, toException: (e) => e },
    });
    await assert.rejects(sandbox.call('BreakerClient', 'Break', {}), /after changing the indexes/);
    const state = await ec2State(sandbox);
    assert.deepEqual(state.lookups, rebuilt(state));
    assert.deepEqual(state.lookups!.subnetsByVpc[a]!.map((id) => state.subnets[id]!.cidr), ['10.1.1.0/24', '10.1.3.0/24', '10.1.4.0/24', '10.1.5.0/24', '10.1.9.0/24']);
  });

  it('are built for an account saved before they existed, by the first create', async () => {
    const { ec2, sandbox } = harness({ rateLimits: false });
    const a = await vpc(ec2, '10.1.0.0/16');
    await ec2.send(new CreateSubnetCommand({ VpcId: a, CidrBlock: '10.1.2.0/24' }));
    await ec2.send(new CreateSecurityGroupCommand({ VpcId: a, GroupName: 'db', Description: 'd' }));
    await sandbox.transact((account) => {
      delete (account.services['ec2'] as Ec2State).lookups;
    });
    assert.equal((await rejection(ec2.send(new CreateSubnetCommand({ VpcId: a, CidrBlock: '10.1.2.128/25' })))).name, 'InvalidSubnet.Conflict');
    assert.equal((await rejection(ec2.send(new CreateSecurityGroupCommand({ VpcId: a, GroupName: 'db', Description: 'd' })))).name, 'InvalidGroup.Duplicate');
    await ec2.send(new CreateSubnetCommand({ VpcId: a, CidrBlock: '10.1.1.0/24' }));
    const state = await ec2State(sandbox);
    assert.deepEqual(state.lookups, rebuilt(state));
  });
});
