/**
 * ec2.internet-gateway on the sandbox: the shared contract (whose in-place change moves
 * the gateway to another VPC), then re-attachment, a create interrupted after the
 * gateway exists, and deletes of attached and already detached gateways.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DescribeInternetGatewaysCommand, DetachInternetGatewayCommand } from '@aws-sdk/client-ec2';
import { internetGatewayAdapter as igw } from '../../src/resources/ec2-internet-gateway/index.ts';
import { rejection } from '../sandbox/harness.ts';
import { contractSuite, only, sandboxContext } from './contract.ts';
import { makeIgw, makeVpc, NETWORK_CONTRACTS } from './network-fixtures.ts';

contractSuite('ec2.internet-gateway on the sandbox', { ...NETWORK_CONTRACTS['ec2.internet-gateway'], makeContext: sandboxContext });

async function world() {
  const ctx = sandboxContext();
  const [a, b] = [await makeVpc(ctx, 'vpcA', '10.20.0.0/16'), await makeVpc(ctx, 'vpcB', '10.30.0.0/16')];
  const observe = async (vpcId = a) => only(await igw.observe([{ id: 'igw', desired: { vpcId } }], ctx), 'igw')?.state;
  const gatewaysOf = async (vpcId: string) =>
    (await ctx.h.ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] }))).InternetGateways!.map(
      (g) => g.InternetGatewayId,
    );
  return { ctx, a, b, observe, gatewaysOf };
}

describe('ec2.internet-gateway', () => {
  it('moves to another VPC in place: detach, then attach the same gateway', async () => {
    const { ctx, a, b, observe, gatewaysOf } = await world();
    const made = await igw.create('igw', { vpcId: a }, ctx);
    const seen = (await observe(b))!;
    const changes = igw.diff({ vpcId: b }, seen);
    assert.deepEqual(changes, [{ path: 'vpcId', from: a, to: b }]);
    assert.deepEqual(igw.replaceOn, []);
    await igw.update('igw', { vpcId: b }, seen, changes, ctx);
    assert.deepEqual([await gatewaysOf(a), await gatewaysOf(b)], [[], [made.internetGatewayId]]);
    assert.deepEqual([ctx.ec2Calls('DetachInternetGateway'), ctx.ec2Calls('AttachInternetGateway'), ctx.ec2Calls('CreateInternetGateway')], [1, 2, 1]);
  });

  it('a create that failed to attach leaves a tagged gateway: the next run finds it detached and attaches it', async () => {
    const { ctx, a, observe, gatewaysOf } = await world();
    const squatter = await makeIgw(ctx, 'squatter', a);
    assert.equal((await rejection(igw.create('igw', { vpcId: a }, ctx))).name, 'Resource.AlreadyAssociated');
    const seen = (await observe())!;
    assert.equal(seen.vpcId, undefined);
    assert.deepEqual(igw.diff({ vpcId: a }, seen).map((c) => c.path), ['vpcId']);
    await ctx.h.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: squatter, VpcId: a }));
    await igw.update('igw', { vpcId: a }, seen, igw.diff({ vpcId: a }, seen), ctx);
    assert.deepEqual(await gatewaysOf(a), [seen.internetGatewayId]);
    assert.equal(ctx.ec2Calls('CreateInternetGateway'), 2, 'the squatter and ours, no duplicate');
  });

  it('deletes an attached gateway (detach first), and one someone already detached', async () => {
    const { ctx, a, b, observe } = await world();
    await igw.create('igw', { vpcId: a }, ctx);
    await igw.delete((await observe())!, ctx);
    assert.equal(await observe(), undefined);
    await igw.create('igw', { vpcId: b }, ctx);
    const stale = (await observe(b))!;
    await ctx.h.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: stale.internetGatewayId, VpcId: b }));
    await igw.delete(stale, ctx);
    assert.equal(await observe(b), undefined);
  });
});
