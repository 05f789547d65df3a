/**
 * Bad input about the load balancer, certificates and DNS, caught when the spec loads
 * (file:line:col, nothing sent to AWS): an internet-facing load balancer not ordered after
 * its VPC's internet gateway; a certificate for a domain no hosted zone of the spec holds; a CloudFront
 * alias the certificate does not cover; a record aliasing a distribution for a name that
 * is not among its aliases; a validation record that is not the certificate's CNAME or
 * sits in a zone that does not hold the domain.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SpecError } from '../../src/reconciler/errors.ts';
import { loadSpec } from '../../src/reconciler/spec/load.ts';
import { kindCatalog } from '../../src/resources/registry.ts';

function problems(resources: string): string[] {
  try {
    loadSpec(`apiVersion: blogctl/v1\nstack: t\nresources:\n${resources}`, 't.yaml', { catalog: kindCatalog, env: {} });
    return [];
  } catch (err) {
    if (!(err instanceof SpecError)) throw err;
    return err.problems.map((p) => `${p.pos.line}:${p.pos.col}: ${p.message}`);
  }
}

const ZONE = '  zone: { kind: route53.hosted-zone, properties: { name: example.com } }\n';
const cert = (domain: string, sans = '[]', deps = '[zone]') => `  cert: { kind: acm.certificate, dependsOn: ${deps}, properties: { domainName: ${domain}, subjectAlternativeNames: ${sans} } }\n`;
const validation = (props: string) => `  validation:\n    kind: route53.record\n    properties: { ${props} }\n`;
const CDN = (alias: string) => `  cdn:
    kind: cloudfront.distribution
    properties:
      aliases: [${alias}]
      origins: [{ id: o, domainName: origin.example.net, customOriginConfig: { originProtocolPolicy: https-only } }]
      defaultCacheBehavior: { targetOriginId: o, viewerProtocolPolicy: redirect-to-https, cachePolicyId: 4135ea2d-6df8-44a3-9df3-4b5a84be39ad }
      viewerCertificate: { acmCertificateArn: "\${cert}", sslSupportMethod: sni-only }
`;

describe('certificate and DNS checks', () => {
  it('wants an internet-facing load balancer ordered after its VPC\'s internet gateway', () => {
    const net = `  vpc: { kind: ec2.vpc, properties: { cidrBlock: 10.0.0.0/16 } }
  a: { kind: ec2.subnet, properties: { vpcId: "\${vpc}", cidrBlock: 10.0.1.0/24, availabilityZone: us-east-1a } }
  b: { kind: ec2.subnet, properties: { vpcId: "\${vpc}", cidrBlock: 10.0.2.0/24, availabilityZone: us-east-1b } }
  igw: { kind: ec2.internet-gateway, properties: { vpcId: "\${vpc}" } }
  sg: { kind: ec2.security-group, properties: { vpcId: "\${vpc}", groupName: alb, description: alb } }
`;
    const alb = (meta: string) => `  alb:\n    kind: elbv2.load-balancer\n${meta}    properties: { name: alb, scheme: internet-facing, subnetIds: ["\${a}", "\${b}"], securityGroupIds: ["\${sg}"] }\n`;
    assert.deepEqual(problems(net + alb('')), [
      '11:38: AWS refuses an internet-facing load balancer until its VPC\'s internet gateway is attached: add dependsOn: [igw] (or the public route table)',
    ]);
    assert.deepEqual(problems(net + alb('    dependsOn: [igw]\n')), []);
  });

  it('refuses a certificate for a domain no hosted zone of the spec holds', () => {
    assert.deepEqual(problems(cert('www.example.org', '[]', '[]')), [
      '4:75: no hosted zone for www.example.org: DNS validation writes its CNAME into the domain\'s Route 53 zone, and the spec has none; add a route53.hosted-zone (looked up, never created) holding it',
    ]);
    assert.deepEqual(problems(ZONE + cert('www.example.com', '["*.example.com", api.example.org]')), [
      '5:139: no hosted zone for api.example.org: DNS validation writes its CNAME into the domain\'s Route 53 zone, and the spec has example.com; add a route53.hosted-zone (looked up, never created) holding it',
    ]);
    assert.deepEqual(problems(ZONE + cert('example.com', '["*.example.com"]')), [], 'the apex and a wildcard are in the zone');
  });

  it('wants the certificate to depend on its zone, so a zone the lookup misses stops it too', () => {
    assert.deepEqual(problems(ZONE + cert('www.example.com', '[]', '[]')), [
      '5:75: its DNS validation needs hosted zone "zone": add dependsOn: [zone]',
    ]);
  });

  it('refuses a CloudFront alias the certificate does not cover, and a record aliasing the distribution for another name', () => {
    assert.deepEqual(problems(ZONE + cert('www.example.com') + CDN('shop.example.com')), [
      '9:17: certificate "cert" (www.example.com) does not cover the alias shop.example.com: add it to the certificate\'s subjectAlternativeNames, or fix the alias',
    ]);
    const alias = `  www:\n    kind: route53.record\n    properties: { hostedZoneId: "\${zone}", name: blog.example.com, type: A, aliasTarget: { dnsName: "\${cdn.domainName}", hostedZoneId: Z2FDTNDATAQYW2 } }\n`;
    assert.deepEqual(problems(ZONE + cert('www.example.com') + CDN('www.example.com') + alias), [
      '15:50: distribution "cdn" answers only for its aliases (www.example.com): add blog.example.com to its aliases, or Route 53 refuses the alias',
    ]);
  });

  it('wants the validation record to be the certificate\'s CNAME, in the zone of its domain', () => {
    const ok = 'hostedZoneId: "${zone}", name: "${cert.validationRecordName}", type: CNAME, ttl: 300, records: ["${cert.validationRecordValue}"]';
    assert.deepEqual(problems(ZONE + cert('www.example.com') + validation(ok)), []);
    assert.deepEqual(problems(ZONE + cert('www.example.com') + validation(ok.replace('type: CNAME', 'type: TXT').replace('validationRecordValue', 'domainName'))), [
      '8:88: ACM validates with a CNAME, not TXT',
      '8:112: the validation CNAME points at the certificate\'s value: records: ["${cert.validationRecordValue}"]',
    ]);
    const other = '  other: { kind: route53.hosted-zone, properties: { name: example.net } }\n';
    assert.deepEqual(problems(ZONE + other + cert('www.example.com') + validation(ok.replace('${zone}', '${other}'))), [
      '9:33: certificate "cert" is for www.example.com, which zone example.net does not hold: ACM looks for the CNAME in the domain\'s zone',
    ]);
  });
});
