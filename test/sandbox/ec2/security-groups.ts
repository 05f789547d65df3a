/**
 * EC2 security groups and their rules through the real EC2Client.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  type CreateSecurityGroupCommandInput,
  CreateVpcCommand,
  DeleteSecurityGroupCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  type EC2Client,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  UpdateSecurityGroupRuleDescriptionsEgressCommand,
  UpdateSecurityGroupRuleDescriptionsIngressCommand,
} from '@aws-sdk/client-ec2';
import { harness, rejection, tag } from '../harness.ts';

async function group(ec2: EC2Client, VpcId: string, GroupName: string) {
  return (await ec2.send(new CreateSecurityGroupCommand({
    VpcId, GroupName, Description: `${GroupName} group`,
    TagSpecifications: [{ ResourceType: 'security-group', Tags: [tag('blogctl:id', GroupName)] }],
  }))).GroupId!;
}

async function setup(ec2: EC2Client) {
  const VpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
  return { VpcId, web: await group(ec2, VpcId, 'web'), db: await group(ec2, VpcId, 'db') };
}

const https = { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'world' }] };

describe('ec2 security groups', () => {
  it('creates a group with the default egress rule and finds it by name and tag', async () => {
    const { ec2 } = harness();
    const { VpcId, web } = await setup(ec2);
    assert.match(web, /^sg-0[0-9a-f]{16}$/);
    const found = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['web'] }, { Name: 'vpc-id', Values: [VpcId] }] }));
    const sg = found.SecurityGroups![0]!;
    assert.equal(sg.GroupId, web);
    assert.equal(sg.Description, 'web group');
    assert.deepEqual(sg.IpPermissions, []);
    assert.deepEqual(sg.IpPermissionsEgress, [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }]);
    assert.deepEqual(sg.Tags, [tag('blogctl:id', 'web')]);
    const byTag = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'tag-key', Values: ['blogctl:id'] }] }));
    assert.equal(byTag.SecurityGroups?.length, 2);
    const dup = await rejection(ec2.send(new CreateSecurityGroupCommand({ VpcId, GroupName: 'web', Description: 'again' })));
    assert.equal(dup.name, 'InvalidGroup.Duplicate');
    assert.equal((await rejection(ec2.send(new CreateSecurityGroupCommand({ VpcId, GroupName: 'sg-web', Description: 'x' })))).name, 'InvalidParameterValue');
    assert.equal((await rejection(ec2.send(new CreateSecurityGroupCommand({ VpcId, GroupName: 'x' } as CreateSecurityGroupCommandInput)))).name, 'MissingParameter');
  });

  it('authorizes rules, groups them as IpPermissions, and refuses duplicates', async () => {
    const { ec2 } = harness();
    const { web, db } = await setup(ec2);
    const added = await ec2.send(new AuthorizeSecurityGroupIngressCommand({
      GroupId: web,
      IpPermissions: [https, { IpProtocol: '6', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [{ CidrIpv6: '::/0' }] }],
      TagSpecifications: [{ ResourceType: 'security-group-rule', Tags: [tag('purpose', 'public')] }],
    }));
    assert.equal(added.Return, true);
    assert.equal(added.SecurityGroupRules?.length, 3, 'one rule per peer');
    assert.match(added.SecurityGroupRules![0]!.SecurityGroupRuleId!, /^sgr-0[0-9a-f]{16}$/);
    assert.equal(added.SecurityGroupRules![1]!.IpProtocol, 'tcp', "'6' is normalised to tcp");
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: db, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: web }] }] }));

    const sg = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [web] }))).SecurityGroups![0]!;
    assert.deepEqual(sg.IpPermissions, [
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'world' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] },
      { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [{ CidrIpv6: '::/0' }], PrefixListIds: [], UserIdGroupPairs: [] },
    ]);
    const dbSg = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [db] }))).SecurityGroups![0]!;
    assert.deepEqual(dbSg.IpPermissions?.[0]?.UserIdGroupPairs, [{ GroupId: web, UserId: '123456789012' }]);
    const referencing = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'ip-permission.group-id', Values: [web] }] }));
    assert.deepEqual(referencing.SecurityGroups?.map((g) => g.GroupId), [db]);

    const dup = await rejection(ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: web, IpPermissions: [{ ...https, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'other text' }] }] })));
    assert.equal(dup.name, 'InvalidPermission.Duplicate');
    assert.match(dup.message, /peer: 0\.0\.0\.0\/0, TCP, from port: 443, to port: 443, ALLOW/);
    const egressDup = await rejection(ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: web, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] })));
    assert.equal(egressDup.name, 'InvalidPermission.Duplicate', 'the default egress rule is there');

    const rules = await ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [web] }] }));
    assert.equal(rules.SecurityGroupRules?.length, 4);
    const tagged = await ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'tag:purpose', Values: ['public'] }] }));
    assert.equal(tagged.SecurityGroupRules?.length, 3);
    const egress = rules.SecurityGroupRules!.find((r) => r.IsEgress)!;
    assert.deepEqual([egress.IpProtocol, egress.FromPort, egress.ToPort, egress.CidrIpv4], ['-1', -1, -1, '0.0.0.0/0']);
  });

  it('validates protocols, ports, peers and referenced groups', async () => {
    const { ec2 } = harness();
    const { web } = await setup(ec2);
    const cases: [object, string][] = [
      [{ IpProtocol: 'tcp', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }, 'InvalidParameterValue'],
      [{ IpProtocol: 'tcp', FromPort: 90, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }, 'InvalidParameterValue'],
      [{ IpProtocol: 'bogus', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }, 'InvalidParameterValue'],
      [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.1/16' }] }, 'InvalidParameterValue'],
      [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22 }, 'InvalidParameterValue'],
      [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, UserIdGroupPairs: [{ GroupId: 'sg-0123456789abcdef0' }] }, 'InvalidGroup.NotFound'],
    ];
    for (const [perm, code] of cases) {
      assert.equal((await rejection(ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: web, IpPermissions: [perm] })))).name, code, JSON.stringify(perm));
    }
    assert.equal((await rejection(ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: 'sg-0123456789abcdef0', IpPermissions: [https] })))).name, 'InvalidGroup.NotFound');
    const sg = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [web] }))).SecurityGroups![0]!;
    assert.deepEqual(sg.IpPermissions, [], 'failed requests added nothing');
  });

  it('revokes by permission or rule id; a missing rule is InvalidPermission.NotFound', async () => {
    const { ec2 } = harness();
    const { web } = await setup(ec2);
    const added = await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: web, IpPermissions: [https, { IpProtocol: 'icmp', FromPort: 8, ToPort: -1, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }] }));
    const revoked = await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: web, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    assert.equal(revoked.Return, true);
    assert.deepEqual(revoked.RevokedSecurityGroupRules?.map((r) => r.SecurityGroupRuleId), [added.SecurityGroupRules![0]!.SecurityGroupRuleId]);
    const missing = await rejection(ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: web, IpPermissions: [https] })));
    assert.equal(missing.name, 'InvalidPermission.NotFound');
    const icmpId = added.SecurityGroupRules![1]!.SecurityGroupRuleId!;
    await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: web, SecurityGroupRuleIds: [icmpId] }));
    const gone = await rejection(ec2.send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [icmpId] })));
    assert.equal(gone.name, 'InvalidSecurityGroupRuleId.NotFound');
    await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: web, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    const sg = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [web] }))).SecurityGroups![0]!;
    assert.deepEqual([sg.IpPermissions, sg.IpPermissionsEgress], [[], []]);
  });

  it('refuses to delete a group another group references', async () => {
    const { ec2 } = harness();
    const { web, db } = await setup(ec2);
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: db, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: web }] }] }));
    const err = await rejection(ec2.send(new DeleteSecurityGroupCommand({ GroupId: web })));
    assert.equal(err.name, 'DependencyViolation');
    assert.equal(err.message, `resource ${web} has a dependent object`);
    await ec2.send(new DeleteSecurityGroupCommand({ GroupId: db }));
    const deleted = await ec2.send(new DeleteSecurityGroupCommand({ GroupId: web }));
    assert.equal(deleted.GroupId, web);
    assert.equal((await rejection(ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [web] })))).name, 'InvalidGroup.NotFound');
    assert.equal((await rejection(ec2.send(new DeleteSecurityGroupCommand({ GroupId: web })))).name, 'InvalidGroup.NotFound');
  });

  it('uses the default VPC when none is given, and names there', async () => {
    const { ec2 } = harness();
    const created = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'legacy', Description: 'd' }));
    const byName = await ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['legacy'] }));
    assert.equal(byName.SecurityGroups?.[0]?.GroupId, created.GroupId);
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupName: 'legacy', CidrIp: '1.2.3.4/32', IpProtocol: 'tcp', FromPort: 22, ToPort: 22 }));
    // In the default VPC a rule that does not exist is reported, not an error.
    const revoked = await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupName: 'legacy', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 23, ToPort: 23, IpRanges: [{ CidrIp: '1.2.3.4/32' }] }] }));
    assert.equal(revoked.UnknownIpPermissions?.[0]?.FromPort, 23);
    assert.equal((await rejection(ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['nope'] })))).name, 'InvalidGroup.NotFound');
  });

  it('updates rule descriptions in place, by permission or by rule id; no description removes it', async () => {
    const { ec2 } = harness();
    const { web } = await setup(ec2);
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: web, IpPermissions: [https] }));
    const rules = async (egress: boolean) =>
      (await ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [web] }] }))).SecurityGroupRules!.filter((r) => r.IsEgress === egress);
    const [before] = await rules(false);
    await ec2.send(new UpdateSecurityGroupRuleDescriptionsIngressCommand({ GroupId: web, IpPermissions: [{ ...https, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'anyone' }] }] }));
    assert.deepEqual((await rules(false)).map((r) => [r.SecurityGroupRuleId, r.Description]), [[before!.SecurityGroupRuleId, 'anyone']]);
    await ec2.send(new UpdateSecurityGroupRuleDescriptionsIngressCommand({ GroupId: web, IpPermissions: [{ ...https, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    assert.equal((await rules(false))[0]!.Description, undefined);
    const [out] = await rules(true);
    await ec2.send(new UpdateSecurityGroupRuleDescriptionsEgressCommand({ GroupId: web, SecurityGroupRuleDescriptions: [{ SecurityGroupRuleId: out!.SecurityGroupRuleId, Description: 'all out' }] }));
    assert.equal((await rules(true))[0]!.Description, 'all out');
    const missing = { ...https, FromPort: 80, ToPort: 80 };
    assert.equal((await rejection(ec2.send(new UpdateSecurityGroupRuleDescriptionsIngressCommand({ GroupId: web, IpPermissions: [missing] })))).name, 'InvalidPermission.NotFound');
  });
});
