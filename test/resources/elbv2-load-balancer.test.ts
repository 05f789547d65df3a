/**
 * elbv2.load-balancer on the sandbox, beyond the shared contract: provisioning -> active
 * readiness, a delete AWS finishes later ('deleting', confirmed by observe), replacements
 * that name their field (delete-first when the name stays), an untagged load balancer of
 * our name as an adoption candidate, and observe costing the same few calls however many
 * load balancers the stack or the account has (DescribeTags takes 20 ARNs a call).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreateLoadBalancerCommand, DescribeTagsCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { TAG } from '../../src/reconciler/types.ts';
import { loadBalancerAdapter as lb } from '../../src/resources/elbv2-load-balancer/index.ts';
import { only, sandboxContext, type TestContext } from './contract.ts';
import { albDesired, makeAlbNetwork } from './dnscert-fixtures.ts';

const elbCalls = (ctx: TestContext, op?: string) => ctx.counter.count('elasticloadbalancingv2', op);

async function world() {
  const ctx = sandboxContext();
  const net = await makeAlbNetwork(ctx);
  return { ctx, net, desired: albDesired(ctx, net) };
}

describe('elbv2.load-balancer', () => {
  it('is pending while provisioning and ready once active; its attributes are set at create', async () => {
    const { ctx, desired } = await world();
    const made = await lb.create('alb', desired, ctx);
    assert.equal(made.state, 'provisioning');
    assert.equal(lb.readiness!(made), 'pending');
    assert.equal(made.dropInvalidHeaderFields, true);
    ctx.h.clock.advance(2_000);
    const seen = only(await lb.observe([{ id: 'alb', desired }], ctx), 'alb')!.state;
    assert.equal(lb.readiness!(seen), 'ready');
    assert.equal(seen.dropInvalidHeaderFields, true, 'read back from DescribeLoadBalancerAttributes');
    assert.match(lb.outputs(seen).dnsName!, /\.us-east-1\.elb\.amazonaws\.com$/);
    assert.equal(lb.outputs(seen).canonicalHostedZoneId, 'Z35SXDOTRQ7X7K');
    assert.match(lb.outputs(seen).arnSuffix!, /^app\/t\d+-\d+-alb\/[0-9a-f]{16}$/);
  });

  it('answers a delete with "deleting": the engine confirms it by observe', async () => {
    const { ctx, desired } = await world();
    const made = await lb.create('alb', desired, ctx);
    assert.equal(await lb.delete(made, ctx), 'deleting');
    assert.equal(only(await lb.observe([{ id: 'alb', last: made }], ctx), 'alb'), undefined);
    assert.equal(await lb.delete(made, ctx), 'deleting', 'deleting one already gone succeeds');
  });

  it('plans a replacement naming the field; the same name must go first, a new name need not', () => {
    const seen = { ...albDesired({ stack: 's' } as TestContext, { vpcId: 'vpc-1', subnetIds: ['subnet-a', 'subnet-b'], sgA: 'sg-a', sgB: 'sg-b' }), arn: 'arn', vpcId: 'vpc-1', dnsName: 'd', canonicalHostedZoneId: 'z', state: 'active', tags: { Name: 'contract' } };
    const internal = lb.diff({ ...seen, scheme: 'internal' }, seen);
    assert.deepEqual(internal, [{ path: 'scheme', from: 'internet-facing', to: 'internal', deleteBeforeReplace: true }]);
    const renamed = lb.diff({ ...seen, name: 's-alb2', scheme: 'internal' }, seen).map((c) => [c.path, c.deleteBeforeReplace ?? false]);
    assert.deepEqual(renamed, [['name', false], ['scheme', false]]);
    assert.deepEqual(lb.replaceOn, ['name', 'type', 'scheme']);
  });

  it('finds an untagged load balancer with its name as an adoption candidate; adopting it tags it', async () => {
    const { ctx, net, desired } = await world();
    const elb = ctx.clients.get(ElasticLoadBalancingV2Client);
    await elb.send(new CreateLoadBalancerCommand({ Name: desired.name, Subnets: desired.subnetIds, SecurityGroups: [net.sgA] }));
    const candidate = only(await lb.observe([{ id: 'alb', desired }], ctx), 'alb')!;
    assert.equal(candidate.tags[TAG.stack], undefined, 'no blogctl:stack: taken only with --adopt');
    const changes = lb.diff(desired, candidate.state);
    assert.deepEqual(changes.map((c) => c.path), ['dropInvalidHeaderFields', 'tags.Name']);
    await lb.update('alb', desired, candidate.state, changes, ctx);
    const adopted = only(await lb.observe([], ctx), 'alb')!;
    assert.equal(adopted.tags[TAG.stack], ctx.stack, 'found by tag once adopted');
    assert.deepEqual(lb.diff(desired, adopted.state), []);
  });

  it('blogctl:deps as the engine writes it (ids joined with +) is a tag ELBv2 takes; a comma is refused, as AWS does', async () => {
    const { ctx, desired } = await world();
    const deps = { ...ctx, identityTags: (id: string, phase?: 'creating') => ({ ...ctx.identityTags(id, phase), [TAG.deps]: 'albSg+publicSubnetA' }) };
    const made = await lb.create('alb', desired, deps);
    const aws = await ctx.clients.get(ElasticLoadBalancingV2Client).send(new DescribeTagsCommand({ ResourceArns: [made.arn] }));
    assert.equal(aws.TagDescriptions![0]!.Tags!.find((t) => t.Key === TAG.deps)?.Value, 'albSg+publicSubnetA');
    assert.equal(only(await lb.observe([], deps), 'alb')!.tags[TAG.deps], 'albSg+publicSubnetA');
    const commas = { ...ctx, identityTags: (id: string, phase?: 'creating') => ({ ...ctx.identityTags(id, phase), [TAG.deps]: 'albSg,publicSubnetA' }) };
    await assert.rejects(lb.create('alb2', { ...desired, name: `${ctx.stack}-alb2` }, commas), /ValidationError|InvalidParameter|tag/i);
  });

  it('observes with a constant number of calls: DescribeTags batches 20 ARNs', async () => {
    const { ctx, net, desired } = await world();
    const elb = ctx.clients.get(ElasticLoadBalancingV2Client);
    for (let i = 0; i < 25; i++) await elb.send(new CreateLoadBalancerCommand({ Name: `other-${i}`, Subnets: net.subnetIds }));
    for (let i = 0; i < 3; i++) await lb.create(`alb${i}`, { ...desired, name: `${ctx.stack}-alb${i}` }, ctx);
    const before = { all: elbCalls(ctx), list: elbCalls(ctx, 'DescribeLoadBalancers'), tags: elbCalls(ctx, 'DescribeTags') };
    const found = await lb.observe([{ id: 'alb0', desired: { ...desired, name: `${ctx.stack}-alb0` } }], ctx);
    assert.deepEqual(found.map((o) => o.id).sort(), ['alb0', 'alb1', 'alb2'], 'every load balancer of the stack, asked for or not');
    assert.equal(elbCalls(ctx, 'DescribeLoadBalancers') - before.list, 1);
    assert.equal(elbCalls(ctx, 'DescribeTags') - before.tags, 2, '28 load balancers: two batches of at most 20');
    assert.equal(elbCalls(ctx) - before.all, 1 + 2 + 3, 'plus the attributes of the stack\'s three');
  });
});
