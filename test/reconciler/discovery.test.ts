/**
 * Prune discovery without listing the account (issue 7): kinds that cannot filter by
 * tag get the stack's ARNs from one tag-discovery call; their adapter reads just those.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { arnMatches, type Discover } from '../../src/reconciler/observe.ts';
import { TAG, type Observation } from '../../src/reconciler/types.ts';
import type { FakeResource } from './fake-cloud.ts';
import { fakeWorld, res, spec } from './fake-engine.ts';

test('ARN types: service and resource type', () => {
  assert.equal(arnMatches('arn:aws:lambda:us-east-1:123456789012:function:blog-s3-events', { service: 'lambda', resourceType: 'function' }), true);
  assert.equal(arnMatches('arn:aws:s3:::blog-media', { service: 's3' }), true);
  assert.equal(arnMatches('arn:aws:ec2:us-east-1:123456789012:vpc/vpc-1', { service: 'ec2', resourceType: 'subnet' }), false);
  assert.equal(arnMatches('arn:aws:dynamodb:us-east-1:123456789012:table/objects', { service: 'dynamodb', resourceType: 'table' }), true);
});

function bucketWorld() {
  let discoveries = 0;
  const reads: string[][] = [];
  let w: ReturnType<typeof fakeWorld>;
  const arnOf = (r: FakeResource) => `arn:aws:s3:::${r.physicalId}`;
  const discover: Discover = async (stack, types) => {
    discoveries += 1;
    assert.deepEqual(types, [{ service: 's3' }]);
    return [...w.cloud.resources.values()].filter((r) => r.tags[TAG.stack] === stack).map((r) => ({ arn: r.kind === 's3.bucket' ? arnOf(r) : `arn:aws:sqs:us-east-1:1:${r.physicalId}`, tags: r.tags }));
  };
  w = fakeWorld({
    identity: 'spec',
    discover,
    overrides: {
      // Like S3: no "list by tag"; it reads only the buckets it is told about (by ARN, or by name).
      's3.bucket': {
        discovery: { service: 's3' },
        observe: async (requests) => {
          reads.push(requests.map((q) => `${q.id}${q.arn ? ' (arn)' : ''}`));
          const found: Observation<FakeResource>[] = [];
          for (const r of w.cloud.resources.values()) {
            const q = requests.find((x) => (x.arn && x.arn === arnOf(r)) || (x.desired && (x.desired as { name?: string }).name === r.props.name));
            if (r.kind === 's3.bucket' && q) found.push({ id: r.tags[TAG.id] ?? q.id, state: structuredClone(r), tags: { ...r.tags } });
          }
          return found;
        },
      },
    },
  });
  return { w, reads, discoveries: () => discoveries };
}

test('a bucket that left the spec is found by one discovery call and pruned; no account-wide listing', async () => {
  const { w, reads, discoveries } = bucketWorld();
  await w.reconcile(spec(res('media', 's3.bucket', { name: 'media' }) + res('logs', 's3.bucket', { name: 'logs' })));
  const before = discoveries();
  const p = await w.plan(spec(res('media', 's3.bucket', { name: 'media' })));
  assert.equal(discoveries() - before, 1, 'one discovery call per plan');
  assert.deepEqual(reads.at(-1), ['media (arn)', 'logs (arn)'], 'the adapter was handed both ARNs');
  assert.equal(p.plan.actions.find((a) => a.id === 'logs')?.type, 'delete');
  const r = await w.reconcile(spec(res('media', 's3.bucket', { name: 'media' })), { allowDelete: true });
  assert.equal(r.by('logs').status, 'deleted');
});

test('--target prunes nothing, so it discovers nothing', async () => {
  const { w, discoveries } = bucketWorld();
  await w.reconcile(spec(res('media', 's3.bucket', { name: 'media' })), { targets: ['media'] });
  assert.equal(discoveries(), 0);
});

test('--target reads only the kinds of the targets and what they depend on', async () => {
  const w = fakeWorld();
  const s = spec(res('vpc', 'ec2.vpc', { cidr: '10.0.0.0/16' }) + res('subnet', 'ec2.subnet', { vpcId: '${vpc}' }) + res('sg', 'ec2.security-group', { name: 'web' }));
  await w.plan(s, { targets: ['subnet'] });
  assert.deepEqual(w.cloud.calls.filter((c) => c.startsWith('observe')).sort(), ['observe ec2.subnet', 'observe ec2.vpc']);
});

test('adapters see what this run\'s tag discovery found (ctx.discovered), so a natural-key kind need not ask again', async () => {
  const { w } = bucketWorld();
  await w.reconcile(spec(res('media', 's3.bucket', { name: 'media' })));
  let seen: readonly string[] | undefined | 'not called';
  seen = 'not called';
  w.adapters.set('s3.bucket-notification', {
    ...w.cloud.adapter('s3.bucket-notification'),
    identifiedBy: 'natural-key',
    observe: async (_q, ctx) => {
      seen = ctx.discovered?.('s3');
      return [];
    },
  });
  await w.plan(spec(res('media', 's3.bucket', { name: 'media' })));
  assert.deepEqual(seen, ['arn:aws:s3:::bucket-1']);
  await w.plan(spec(res('media', 's3.bucket', { name: 'media' })), { targets: ['media'] });
});
