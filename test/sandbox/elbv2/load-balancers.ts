/**
 * Load balancers through the real ElasticLoadBalancingV2Client: subnets and security groups
 * checked against the simulated EC2 account, provisioning -> active on the clock, DNS
 * names, idempotent creation, attributes, paging and tags.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AddTagsCommand,
  CreateLoadBalancerCommand,
  DeleteLoadBalancerCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DuplicateLoadBalancerNameException,
  ElasticLoadBalancingV2ServiceException,
  InvalidConfigurationRequestException,
  InvalidSecurityGroupException,
  InvalidSubnetException,
  LoadBalancerNotFoundException,
  ModifyLoadBalancerAttributesCommand,
  OperationNotPermittedException,
  paginateDescribeLoadBalancers,
  RemoveTagsCommand,
  SetIpAddressTypeCommand,
  SetSecurityGroupsCommand,
  SetSubnetsCommand,
  SubnetNotFoundException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { rejection } from '../harness.ts';
import { alb, albInput, elbHarness } from './setup.ts';

describe('elbv2 load balancers', () => {
  it('creates an ALB that provisions, then turns active on the clock', async () => {
    const h = await elbHarness();
    const created = (await h.elb.send(new CreateLoadBalancerCommand(albInput(h.net)))).LoadBalancers![0]!;
    assert.match(created.LoadBalancerArn!, /^arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer\/app\/blog-alb\/[0-9a-f]{16}$/);
    assert.match(created.DNSName!, /^blog-alb-\d{10}\.us-east-1\.elb\.amazonaws\.com$/);
    assert.equal(created.CanonicalHostedZoneId, 'Z35SXDOTRQ7X7K');
    assert.equal(created.State!.Code, 'provisioning');
    assert.equal(created.VpcId, h.net.vpcId);
    assert.deepEqual(created.AvailabilityZones!.map((z) => [z.ZoneName, z.SubnetId]), [['us-east-1a', h.net.publicA], ['us-east-1b', h.net.publicB]]);
    assert.deepEqual(created.SecurityGroups, [h.net.sgId]);
    assert.equal(created.Scheme, 'internet-facing');
    assert.equal(created.Type, 'application');
    assert.equal(created.IpAddressType, 'ipv4');
    h.clock.advance(2_000);
    const described = (await h.elb.send(new DescribeLoadBalancersCommand({ Names: ['blog-alb'] }))).LoadBalancers![0]!;
    assert.equal(described.State!.Code, 'active');
    const internal = (await h.elb.send(new CreateLoadBalancerCommand(albInput(h.net, { Name: 'inner', Scheme: 'internal', Subnets: [h.net.privateA, h.net.privateB] })))).LoadBalancers![0]!;
    assert.match(internal.DNSName!, /^internal-inner-\d{10}\.us-east-1\.elb\.amazonaws\.com$/);
  });

  it('is idempotent for the same settings, DuplicateLoadBalancerName otherwise', async () => {
    const h = await elbHarness();
    const a = await alb(h);
    assert.equal(await alb(h), a);
    const dup = await rejection(h.elb.send(new CreateLoadBalancerCommand(albInput(h.net, { Scheme: 'internal' }))));
    assert.ok(dup instanceof DuplicateLoadBalancerNameException);
    assert.equal((dup as unknown as { Code: string }).Code, 'DuplicateLoadBalancerName');
    assert.equal(dup.$metadata?.httpStatusCode, 400);
  });

  it('checks subnets, zones, security groups and the internet gateway', async () => {
    const h = await elbHarness();
    const missing = await rejection(alb(h, { Subnets: [h.net.publicA, 'subnet-0123456789abcdef0'] }));
    assert.ok(missing instanceof SubnetNotFoundException);
    const oneZone = await rejection(alb(h, { Subnets: [h.net.publicA] }));
    assert.ok(oneZone instanceof InvalidConfigurationRequestException);
    const sameZone = await rejection(alb(h, { Subnets: [h.net.publicA, h.net.extraA, h.net.publicB] }));
    assert.ok(sameZone instanceof InvalidConfigurationRequestException);
    const badSg = await rejection(alb(h, { SecurityGroups: ['sg-0123456789abcdef0'] }));
    assert.ok(badSg instanceof InvalidSecurityGroupException);
    const name = await rejection(alb(h, { Name: 'internal-x' }));
    assert.ok(name instanceof ElasticLoadBalancingV2ServiceException);
    assert.equal(name.name, 'ValidationError');
    const closed = await elbHarness({ internetGateway: false });
    const noIgw = await rejection(alb(closed));
    assert.ok(noIgw instanceof InvalidSubnetException);
    assert.match(noIgw.message, /has no internet gateway/);
    await alb(closed, { Scheme: 'internal' });
  });

  it('describes by ARN or name with LoadBalancerNotFound, and pages with Marker', async () => {
    const h = await elbHarness();
    const arns: string[] = [];
    for (let i = 0; i < 5; i++) arns.push(await alb(h, { Name: `lb-${i}` }));
    const pages: number[] = [];
    for await (const page of paginateDescribeLoadBalancers({ client: h.elb }, { PageSize: 2 })) pages.push(page.LoadBalancers!.length);
    assert.deepEqual(pages, [2, 2, 1]);
    const byArn = await h.elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [arns[3]!] }));
    assert.equal(byArn.LoadBalancers![0]!.LoadBalancerName, 'lb-3');
    const notFound = await rejection(h.elb.send(new DescribeLoadBalancersCommand({ Names: ['lb-1', 'nope'] })));
    assert.ok(notFound instanceof LoadBalancerNotFoundException);
    const bad = await rejection(h.elb.send(new DescribeLoadBalancersCommand({ PageSize: 401 })));
    assert.equal(bad.name, 'ValidationError');
  });

  it('keeps attributes with AWS defaults; deletion protection blocks deleting; delete is idempotent', async () => {
    const h = await elbHarness();
    const arn = await alb(h);
    const attrs = Object.fromEntries((await h.elb.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn }))).Attributes!.map((a) => [a.Key, a.Value]));
    assert.equal(attrs['idle_timeout.timeout_seconds'], '60');
    assert.equal(attrs['routing.http.drop_invalid_header_fields.enabled'], 'false');
    assert.equal(attrs['routing.http2.enabled'], 'true');
    assert.equal(attrs['deletion_protection.enabled'], 'false');
    const out = await h.elb.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: arn, Attributes: [
      { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' }, { Key: 'deletion_protection.enabled', Value: 'true' },
    ] }));
    assert.ok(out.Attributes!.some((a) => a.Key === 'routing.http.drop_invalid_header_fields.enabled' && a.Value === 'true'));
    assert.equal((await rejection(h.elb.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: arn, Attributes: [{ Key: 'idle_timeout.timeout_seconds', Value: '5000' }] })))).name, 'ValidationError');
    assert.equal((await rejection(h.elb.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: arn, Attributes: [{ Key: 'nope', Value: '1' }] })))).name, 'ValidationError');
    assert.ok((await rejection(h.elb.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: arn })))) instanceof OperationNotPermittedException);
    await h.elb.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: arn, Attributes: [{ Key: 'deletion_protection.enabled', Value: 'false' }] }));
    await h.elb.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: arn }));
    await h.elb.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: arn }));
    assert.ok((await rejection(h.elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [arn] })))) instanceof LoadBalancerNotFoundException);
  });

  it('changes security groups and subnets', async () => {
    const h = await elbHarness();
    const arn = await alb(h);
    const sgs = await h.elb.send(new SetSecurityGroupsCommand({ LoadBalancerArn: arn, SecurityGroups: [h.net.otherSgId] }));
    assert.deepEqual(sgs.SecurityGroupIds, [h.net.otherSgId]);
    const subnets = await h.elb.send(new SetSubnetsCommand({ LoadBalancerArn: arn, Subnets: [h.net.extraA, h.net.publicB] }));
    assert.deepEqual(subnets.AvailabilityZones!.map((z) => z.SubnetId), [h.net.extraA, h.net.publicB]);
    const lb = (await h.elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [arn] }))).LoadBalancers![0]!;
    assert.deepEqual(lb.SecurityGroups, [h.net.otherSgId]);
  });

  it('refuses tag keys and values outside ELBv2\'s characters (a comma)', async () => {
    const h = await elbHarness();
    const arn = await alb(h);
    const bad = await rejection(h.elb.send(new AddTagsCommand({ ResourceArns: [arn], Tags: [{ Key: 'deps', Value: 'a,b' }] })));
    assert.equal(bad.name, 'ValidationError');
    await h.elb.send(new AddTagsCommand({ ResourceArns: [arn], Tags: [{ Key: 'deps', Value: 'a+b c:d/e=f@g_h.i-j' }] }));
  });

  it('changes the IP address type of an internet-facing ALB, and refuses an unknown one', async () => {
    const h = await elbHarness();
    const arn = await alb(h);
    assert.equal((await h.elb.send(new SetIpAddressTypeCommand({ LoadBalancerArn: arn, IpAddressType: 'dualstack' }))).IpAddressType, 'dualstack');
    assert.equal((await h.elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [arn] }))).LoadBalancers![0]!.IpAddressType, 'dualstack');
    const bad = await rejection(h.elb.send(new SetIpAddressTypeCommand({ LoadBalancerArn: arn, IpAddressType: 'ipv6' as never })));
    assert.equal(bad.name, 'ValidationError');
  });

  it('tags at create and with AddTags/RemoveTags/DescribeTags (20 ARNs at most)', async () => {
    const h = await elbHarness();
    const arn = await alb(h);
    await h.elb.send(new AddTagsCommand({ ResourceArns: [arn], Tags: [{ Key: 'blogctl:spec', Value: 'h1' }] }));
    await h.elb.send(new RemoveTagsCommand({ ResourceArns: [arn], TagKeys: ['blogctl:id'] }));
    const tags = (await h.elb.send(new DescribeTagsCommand({ ResourceArns: [arn] }))).TagDescriptions!;
    assert.deepEqual(tags, [{ ResourceArn: arn, Tags: [{ Key: 'blogctl:spec', Value: 'h1' }] }]);
    const tooMany = await rejection(h.elb.send(new DescribeTagsCommand({ ResourceArns: Array.from({ length: 21 }, () => arn) })));
    assert.equal(tooMany.name, 'ValidationError');
    const dup = await rejection(h.elb.send(new AddTagsCommand({ ResourceArns: [arn], Tags: [{ Key: 'a', Value: '1' }, { Key: 'a', Value: '2' }] })));
    assert.equal(dup.name, 'DuplicateTagKeysException');
  });
});

describe('elbv2 faults', () => {
  it('throttles with Throttling, which the SDK retries', async () => {
    const h = await elbHarness();
    h.sandbox.faults.inject({ service: 'elbv2', fault: 'throttle', times: 2 });
    const out = await h.elb.send(new DescribeLoadBalancersCommand({}));
    assert.equal(out.$metadata.attempts, 3);
  });
});
