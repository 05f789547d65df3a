/**
 * Security group rules as a set: the forms AWS hands back compare equal to the spec's,
 * and the delta names exactly what to authorize, revoke and re-describe.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  canonicalProtocol, canonicalRule, DEFAULT_EGRESS, diffRules, ruleDelta, ruleKey, rulesFromIpPermissions, toIpPermission,
} from '../../../src/resources/normalize/security-group-rules.ts';

const https = { protocol: 'tcp', fromPort: 443, toPort: 443, cidrIpv4: '0.0.0.0/0', description: 'HTTPS' };

describe('security group rule normalisation', () => {
  it('names protocols: 6 is tcp, 17 udp, 1 icmp, all and -1 are all traffic', () => {
    assert.deepEqual(['6', 'TCP', 'tcp', '17', '1', 'all', '-1', -1, '50', undefined].map(canonicalProtocol), [
      'tcp', 'tcp', 'tcp', 'udp', 'icmp', '-1', '-1', '-1', '50', '-1',
    ]);
  });

  it('drops ports where the protocol has none, keeps ICMP type/code, drops empty descriptions', () => {
    assert.deepEqual(canonicalRule({ protocol: 'all', fromPort: -1, toPort: -1, cidrIpv4: '0.0.0.0/0', description: '' }), DEFAULT_EGRESS);
    assert.deepEqual(canonicalRule({ protocol: '50', fromPort: -1, toPort: -1, cidrIpv4: '10.0.0.0/8' }), { protocol: '50', cidrIpv4: '10.0.0.0/8' });
    assert.deepEqual(canonicalRule({ protocol: '1', fromPort: 8, toPort: -1, cidrIpv4: '10.0.0.0/8' }), { protocol: 'icmp', fromPort: 8, toPort: -1, cidrIpv4: '10.0.0.0/8' });
    assert.equal(canonicalRule({ protocol: 'tcp', fromPort: 1, toPort: 2, cidrIpv6: '2001:DB8::/32' }).cidrIpv6, '2001:db8::/32');
  });

  it('splits one IpPermission with several peers into one rule per peer', () => {
    const rules = rulesFromIpPermissions([
      {
        IpProtocol: '6', FromPort: 80, ToPort: 80,
        IpRanges: [{ CidrIp: '10.0.0.0/8', Description: 'inside' }, { CidrIp: '192.0.2.0/24' }],
        UserIdGroupPairs: [{ GroupId: 'sg-1', UserId: '123456789012', Description: '' }],
      },
      { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [{ PrefixListId: 'pl-1' }] },
    ]);
    assert.deepEqual(rules, [
      { protocol: 'tcp', fromPort: 80, toPort: 80, cidrIpv4: '10.0.0.0/8', description: 'inside' },
      { protocol: 'tcp', fromPort: 80, toPort: 80, cidrIpv4: '192.0.2.0/24' },
      { protocol: 'tcp', fromPort: 80, toPort: 80, sourceSecurityGroupId: 'sg-1' },
      { protocol: '-1', cidrIpv4: '0.0.0.0/0' },
      { protocol: '-1', prefixListId: 'pl-1' },
    ]);
  });

  it('writes one rule as one IpPermission, with ports only where they mean something', () => {
    assert.deepEqual(toIpPermission(https), { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'HTTPS' }] });
    assert.deepEqual(toIpPermission({ protocol: '-1', sourceSecurityGroupId: 'sg-1' }), { IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-1' }] });
  });

  it('keys a rule by everything but its description, readably', () => {
    assert.equal(ruleKey(https), 'tcp:443 0.0.0.0/0');
    assert.equal(ruleKey({ ...https, description: 'other' }), ruleKey(https));
    assert.equal(ruleKey({ protocol: '6', fromPort: 8000, toPort: 8080, sourceSecurityGroupId: 'sg-1' }), 'tcp:8000-8080 sg-1');
    assert.equal(ruleKey({ protocol: 'all', fromPort: -1, toPort: -1, cidrIpv4: '0.0.0.0/0' }), 'all 0.0.0.0/0');
  });
});

describe('security group rule sets', () => {
  const observed = [
    { protocol: '6', fromPort: 443, toPort: 443, cidrIpv4: '0.0.0.0/0', description: 'old', ruleId: 'sgr-1' },
    { protocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '10.0.0.0/8', ruleId: 'sgr-2' },
  ];

  it('is in sync whatever the order and AWS spelling', () => {
    const desired = [{ protocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '10.0.0.0/8' }, { ...https, description: 'old' }];
    assert.deepEqual(diffRules('ingress', desired, observed), []);
  });

  it('re-describes in place, adds and removes', () => {
    const desired = [https, { protocol: 'tcp', fromPort: 80, toPort: 80, cidrIpv4: '0.0.0.0/0' }];
    const delta = ruleDelta(desired, observed);
    assert.deepEqual(delta.add, [{ protocol: 'tcp', fromPort: 80, toPort: 80, cidrIpv4: '0.0.0.0/0' }]);
    assert.deepEqual(delta.remove.map((r) => r.ruleId), ['sgr-2']);
    assert.deepEqual(delta.describe.map((d) => [d.rule.ruleId, d.description]), [['sgr-1', 'HTTPS']]);
    assert.deepEqual(diffRules('ingress', desired, observed), [
      { path: 'ingress[tcp:22 10.0.0.0/8]', from: { protocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '10.0.0.0/8' }, to: undefined },
      { path: 'ingress[tcp:443 0.0.0.0/0].description', from: 'old', to: 'HTTPS' },
      { path: 'ingress[tcp:80 0.0.0.0/0]', from: undefined, to: { protocol: 'tcp', fromPort: 80, toPort: 80, cidrIpv4: '0.0.0.0/0' } },
    ]);
  });

  it('reports the default egress rule AWS adds when the spec has other egress', () => {
    assert.deepEqual(diffRules('egress', [https], [DEFAULT_EGRESS]).map((c) => c.path), ['egress[all 0.0.0.0/0]', 'egress[tcp:443 0.0.0.0/0]']);
    assert.deepEqual(diffRules('egress', [DEFAULT_EGRESS], [{ protocol: 'all', fromPort: -1, toPort: -1, cidrIpv4: '0.0.0.0/0' }]), []);
  });
});
