/**
 * Normalisers say what they suppressed (drift --explain): the security-group rule
 * normaliser and the tag comparison; and aws:* tags, which AWS sets and nobody may
 * change, are never a difference (before: every aws:cloudformation:* tag was drift, and
 * reconcile tried to delete it).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Suppressed } from '../../../src/reconciler/types.ts';
import { diffRules, type Rule } from '../../../src/resources/normalize/security-group-rules.ts';
import { diffTags, tagDelta } from '../../../src/resources/normalize/tags.ts';

const collect = () => {
  const seen: Suppressed[] = [];
  return { seen, sink: (s: Suppressed) => seen.push(s) };
};

test('security-group rules: equal after normalising, each rewrite reported with its reason', () => {
  const desired: Rule[] = [
    { protocol: '-1', fromPort: -1, toPort: -1, cidrIpv4: '10.0.0.0/16' },
    { protocol: 'tcp', fromPort: 443, toPort: 443, cidrIpv6: '2001:DB8::/64', description: '' },
  ];
  const observed = [{ protocol: '-1', cidrIpv4: '10.0.0.0/16', ruleId: 'sgr-1' }, { protocol: 'tcp', fromPort: 443, toPort: 443, cidrIpv6: '2001:db8::/64', ruleId: 'sgr-2' }];
  const { seen, sink } = collect();
  assert.deepEqual(diffRules('ingress', desired, observed, sink), [], 'no difference');
  assert.deepEqual(seen.map((s) => `${s.path}: ${s.reason}`), [
    'ingress[all 10.0.0.0/16].fromPort: AWS keeps no ports for protocol -1: not compared',
    'ingress[all 10.0.0.0/16].toPort: AWS keeps no ports for protocol -1: not compared',
    'ingress[tcp:443 2001:db8::/64].cidrIpv6: IPv6 CIDRs are compared in lower case',
    'ingress[tcp:443 2001:db8::/64].description: an empty description is no description to AWS',
  ]);
  assert.deepEqual([seen[2]!.desired, seen[2]!.observed], ['2001:DB8::/64', '2001:db8::/64']);
  assert.deepEqual(diffRules('ingress', desired, observed), [], 'without a sink: the same answer');
});

test('tags: aws:* tags are AWS\'s, never a change, explained; never removed', () => {
  const observed = { Name: 'web', 'aws:cloudformation:stack-name': 'old', 'blogctl:stack': 'blog' };
  const { seen, sink } = collect();
  assert.deepEqual(diffTags({ Name: 'web' }, observed, sink), []);
  assert.deepEqual(seen, [{ path: 'tags.aws:cloudformation:stack-name', desired: undefined, observed: 'old', reason: 'aws: tags are set by AWS and cannot be changed: not compared' }]);
  assert.deepEqual(tagDelta({ Name: 'web' }, observed, { 'blogctl:stack': 'blog' }).remove, []);
  assert.deepEqual(diffTags({ Name: 'api' }, observed).map((c) => c.path), ['tags.Name'], 'other tags still differ');
});
