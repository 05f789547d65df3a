/**
 * ec2.security-group on the sandbox: the shared contract, then what is particular to
 * groups: AWS's default egress rule, rules as AWS rewrites them, descriptions updated in
 * place, batched observe, adoption candidates, and a delete AWS refuses.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, DescribeSecurityGroupRulesCommand } from '@aws-sdk/client-ec2';
import { KNOWN_AFTER_APPLY, TAG } from '../../src/reconciler/types.ts';
import { securityGroupAdapter as sg } from '../../src/resources/ec2-security-group/index.ts';
import { rejection } from '../sandbox/harness.ts';
import { contractSuite, only, sandboxContext } from './contract.ts';
import { makeVpc, NETWORK_CONTRACTS, type SgDesired, type SgRule as Rule } from './network-fixtures.ts';

contractSuite('ec2.security-group on the sandbox', { ...NETWORK_CONTRACTS['ec2.security-group'], makeContext: sandboxContext });

const ALL_OUT: Rule[] = [{ protocol: '-1', cidrIpv4: '0.0.0.0/0' }];
const web = (vpcId: string): SgDesired => ({ vpcId, groupName: 'web', description: 'web servers', ingress: [] as Rule[], egress: ALL_OUT });

async function world() {
  const ctx = sandboxContext();
  const vpcId = await makeVpc(ctx, 'vpc');
  const observe = async (desired = web(vpcId), id = 'web') => only(await sg.observe([{ id, desired }], ctx), id);
  return { ctx, vpcId, observe };
}

describe('ec2.security-group: rules', () => {
  it("keeps AWS's default egress rule when the spec keeps the default, without a call for it", async () => {
    const { ctx, vpcId, observe } = await world();
    await sg.create('web', web(vpcId), ctx);
    assert.equal(ctx.ec2Calls('RevokeSecurityGroupEgress') + ctx.ec2Calls('AuthorizeSecurityGroupEgress'), 0);
    assert.deepEqual((await observe())!.state.egress.map(({ ruleId: _, ...r }) => r), ALL_OUT);
  });

  it('removes the default egress rule when the spec says otherwise; [] means no egress at all', async () => {
    const { ctx, vpcId, observe } = await world();
    const tls: Rule[] = [{ protocol: 'tcp', fromPort: 443, toPort: 443, cidrIpv4: '0.0.0.0/0' }];
    await sg.create('web', { ...web(vpcId), egress: tls }, ctx);
    await sg.create('closed', { ...web(vpcId), groupName: 'closed', egress: [] }, ctx);
    assert.deepEqual((await observe())!.state.egress.map(({ ruleId: _, ...r }) => r), tls);
    assert.deepEqual((await observe(undefined, 'closed'))!.state.egress, []);
  });

  it('reads what AWS rewrote (one permission, two ranges, protocol 6) as the two spec rules', async () => {
    const { ctx, vpcId, observe } = await world();
    const made = await sg.create('web', web(vpcId), ctx);
    const IpPermissions = [{ IpProtocol: '6', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '10.0.0.0/8' }, { CidrIp: '192.0.2.0/24', Description: 'docs' }] }];
    await ctx.h.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: made.groupId, IpPermissions }));
    const ingress: Rule[] = [
      { protocol: 'tcp', fromPort: 80, toPort: 80, cidrIpv4: '192.0.2.0/24', description: 'docs' },
      { protocol: 'tcp', fromPort: 80, toPort: 80, cidrIpv4: '10.0.0.0/8' },
    ];
    assert.deepEqual(sg.diff({ ...web(vpcId), ingress }, (await observe())!.state), []);
  });

  it('reports a rule added outside the spec, and update revokes it', async () => {
    const { ctx, vpcId, observe } = await world();
    const made = await sg.create('web', web(vpcId), ctx);
    await ctx.h.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: made.groupId, IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' }));
    const seen = (await observe())!.state;
    const changes = sg.diff(web(vpcId), seen);
    assert.deepEqual(changes, [{ path: 'ingress[tcp:22 0.0.0.0/0]', from: { protocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '0.0.0.0/0' }, to: undefined }]);
    await sg.update('web', web(vpcId), seen, changes, ctx);
    assert.deepEqual(sg.diff(web(vpcId), (await observe())!.state), []);
  });

  it('changes a description in place: same rule id, no revoke or authorize; a removed description is removed', async () => {
    const { ctx, vpcId, observe } = await world();
    const rule: Rule = { protocol: 'tcp', fromPort: 443, toPort: 443, cidrIpv4: '0.0.0.0/0', description: 'HTTPS' };
    await sg.create('web', { ...web(vpcId), ingress: [rule] }, ctx);
    const before = (await observe())!.state;
    const ruleId = before.ingress[0]!.ruleId;
    for (const description of ['HTTPS from anywhere', undefined]) {
      const desired = { ...web(vpcId), ingress: [{ ...rule, description }] };
      const seen = (await observe(desired))!.state;
      const calls = [ctx.ec2Calls('RevokeSecurityGroupIngress'), ctx.ec2Calls('AuthorizeSecurityGroupIngress')];
      await sg.update('web', desired, seen, sg.diff(desired, seen), ctx);
      assert.deepEqual([ctx.ec2Calls('RevokeSecurityGroupIngress'), ctx.ec2Calls('AuthorizeSecurityGroupIngress')], calls);
      const after = (await observe(desired))!.state;
      assert.equal(after.ingress[0]!.ruleId, ruleId);
      assert.equal(after.ingress[0]!.description, description);
    }
    assert.equal(ctx.ec2Calls('UpdateSecurityGroupRuleDescriptionsIngress'), 2);
  });
});

describe('ec2.security-group: observe, adoption, delete', () => {
  it('reads every group of the stack, rules included, in one DescribeSecurityGroups', async () => {
    const { ctx, vpcId } = await world();
    const names = ['a', 'b', 'c'];
    for (const n of names) await sg.create(n, { ...web(vpcId), groupName: n, ingress: [{ protocol: 'tcp', fromPort: 80, toPort: 80, cidrIpv4: '0.0.0.0/0' }] }, ctx);
    const before = [ctx.ec2Calls('DescribeSecurityGroups'), ctx.ec2Calls('DescribeSecurityGroupRules')];
    const found = await sg.observe(names.map((n) => ({ id: n, desired: { ...web(vpcId), groupName: n } })), ctx);
    assert.deepEqual(found.map((o) => o.id).sort(), names);
    assert.deepEqual([ctx.ec2Calls('DescribeSecurityGroups') - before[0]!, ctx.ec2Calls('DescribeSecurityGroupRules') - before[1]!], [1, 0]);
    assert.ok([...found.values()].every((o) => o.state.ingress.length === 1 && o.state.egress.length === 1));
  });

  it('returns an untagged group with the desired name in the desired VPC, without blogctl tags, for --adopt', async () => {
    const { ctx, vpcId, observe } = await world();
    const { GroupId } = await ctx.h.ec2.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: 'web', Description: 'web servers' }));
    const found = await observe();
    assert.equal(found?.state.groupId, GroupId);
    assert.equal(found?.tags?.[TAG.stack], undefined);
    assert.equal(await observe({ ...web(vpcId), groupName: 'other' }), undefined);
    assert.equal(await observe({ ...web(KNOWN_AFTER_APPLY) }), undefined, 'a VPC not known yet: no candidate');
    // Adopting (update) writes the identity tags: from then on it is found by tag, in one call.
    await sg.update('web', web(vpcId), found!.state, sg.diff(web(vpcId), found!.state), ctx);
    const calls = ctx.ec2Calls('DescribeSecurityGroups');
    assert.equal((await observe())?.tags?.[TAG.stack], ctx.stack);
    assert.equal(ctx.ec2Calls('DescribeSecurityGroups') - calls, 1);
  });

  it('fails a delete AWS refuses while another group references it: one attempt, the group stays', async () => {
    const { ctx, vpcId, observe } = await world();
    const target = await sg.create('web', web(vpcId), ctx);
    await sg.create('db', { ...web(vpcId), groupName: 'db', ingress: [{ protocol: 'tcp', fromPort: 3306, toPort: 3306, sourceSecurityGroupId: target.groupId }] }, ctx);
    const err = await rejection(sg.delete(target, ctx));
    assert.equal(err.name, 'DependencyViolation');
    assert.equal(err.$metadata?.attempts, 1);
    assert.equal(ctx.ec2Calls('DeleteSecurityGroup'), 1);
    assert.ok(await observe());
    const rules = await ctx.h.ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [target.groupId] }] }));
    assert.equal(rules.SecurityGroupRules?.length, 1, 'its rules untouched');
  });

  it('replaces delete-before-create: a group name is unique in its VPC', () => {
    assert.equal(sg.replaceOrder, 'delete-before-create');
    assert.deepEqual([...sg.replaceOn].sort(), ['description', 'groupName', 'vpcId']);
  });
});
