/**
 * The kinds' schemas: every kind is registered; good properties pass with AWS's
 * defaults filled in; bad ones fail with a message that says what to do. Cross-resource
 * checks run through the loader on small specs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SpecError } from '../../src/reconciler/errors.ts';
import { specJsonSchema } from '../../src/reconciler/spec/json-schema.ts';
import { loadSpec, loadSpecFile } from '../../src/reconciler/spec/load.ts';
import { KINDS, Ref, Template } from '../../src/reconciler/types.ts';
import { dbInstanceProperties } from '../../src/resources/rds-db-instance/index.ts';
import { listenerProperties } from '../../src/resources/elbv2-listener/index.ts';
import { kindCatalog } from '../../src/resources/registry.ts';
import { roleProperties } from '../../src/resources/iam-role/index.ts';
import { routeTableProperties } from '../../src/resources/ec2-route-table/index.ts';
import { securityGroupProperties } from '../../src/resources/ec2-security-group/index.ts';
import { targetGroupProperties } from '../../src/resources/elbv2-target-group/index.ts';

const pos = { file: 't.yaml', line: 1, col: 1 };
const ref = (target: string, attr?: string) => new Ref(target, attr, pos);

/** The messages of a failed parse, as "path: message". */
function messages(schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown): string[] {
  const r = schema.safeParse(value);
  assert.equal(r.success, false, 'expected the properties to be rejected');
  return r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

/** Loads a small spec and returns its problems (none when it is valid). */
function problems(resources: string): string[] {
  const text = `apiVersion: blogctl/v1\nstack: t\nresources:\n${resources}`;
  try {
    loadSpec(text, 't.yaml', { catalog: kindCatalog, env: {} });
    return [];
  } catch (err) {
    if (!(err instanceof SpecError)) throw err;
    return err.problems.map((p) => `${p.pos.line}: ${p.message}`);
  }
}

const NETWORK = `  vpc: { kind: ec2.vpc, properties: { cidrBlock: 10.0.0.0/16 } }
  a: { kind: ec2.subnet, properties: { vpcId: "\${vpc}", cidrBlock: 10.0.1.0/24, availabilityZone: us-east-1a } }
  b: { kind: ec2.subnet, properties: { vpcId: "\${vpc}", cidrBlock: 10.0.2.0/24, availabilityZone: us-east-1b } }
`;

describe('the kind catalog', () => {
  it('has every kind, under its own name, with its default output declared', () => {
    assert.deepEqual(Object.keys(kindCatalog).sort(), [...KINDS].sort());
    for (const [name, k] of Object.entries(kindCatalog)) {
      assert.equal(k.kind, name);
      assert.ok(k.defaultOutput in k.outputs, `${name}: defaultOutput ${k.defaultOutput} is not an output`);
    }
    const lookups = Object.values(kindCatalog).filter((k) => 'lookup' in k && k.lookup).map((k) => k.kind);
    assert.deepEqual(lookups.sort(), ['ec2.ami', 'route53.hosted-zone']);
  });

  it('waits for readiness only where AWS makes a value usable late', () => {
    assert.equal(kindCatalog['acm.certificate'].outputs.arn, 'ready');
    assert.equal(kindCatalog['acm.certificate'].outputs.validationRecordName, 'exists');
    assert.equal(kindCatalog['rds.db-instance'].outputs.endpoint, 'ready');
    assert.equal(kindCatalog['rds.db-instance'].outputs.masterUserSecretArn, 'exists');
    assert.equal(kindCatalog['cloudfront.distribution'].outputs.domainName, 'exists');
  });

  it('exports a JSON Schema for every kind', () => {
    const schema = JSON.stringify(specJsonSchema(kindCatalog));
    for (const kind of KINDS) assert.ok(schema.includes(`"const":"${kind}"`), kind);
  });
});

describe('ec2.security-group', () => {
  const base = { vpcId: ref('vpc'), groupName: 'web', description: 'web servers' };

  it('accepts rules from a CIDR or a group, and defaults egress to all traffic', () => {
    const sg = securityGroupProperties.parse({
      ...base,
      ingress: [
        { fromPort: 80, toPort: 80, sourceSecurityGroupId: ref('albSg') },
        { protocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '203.0.113.7/32' },
      ],
    });
    assert.equal(sg.ingress[0]?.protocol, 'tcp');
    assert.deepEqual(sg.egress, [{ protocol: '-1', cidrIpv4: '0.0.0.0/0' }]);
  });

  it('rejects a backwards range, two peers, ports on protocol -1', () => {
    assert.deepEqual(messages(securityGroupProperties, { ...base, ingress: [{ fromPort: 443, toPort: 80, cidrIpv4: '0.0.0.0/0' }] }), [
      'ingress.0.toPort: the port range is backwards: fromPort 443 > toPort 80',
    ]);
    assert.match(messages(securityGroupProperties, { ...base, ingress: [{ fromPort: 80, toPort: 80, cidrIpv4: '0.0.0.0/0', sourceSecurityGroupId: 'sg-1' }] })[0]!, /one peer.*write two rules/);
    assert.match(messages(securityGroupProperties, { ...base, egress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrIpv4: '0.0.0.0/0' }] })[0]!, /leave fromPort and toPort out/);
  });
});

describe('ec2.route-table', () => {
  it('needs exactly one target per route', () => {
    const ok = routeTableProperties.parse({ vpcId: ref('vpc'), routes: [{ destinationCidrBlock: '0.0.0.0/0', gatewayId: ref('igw') }] });
    assert.deepEqual(ok.subnetIds, []);
    assert.match(messages(routeTableProperties, { vpcId: 'vpc-1', routes: [{ destinationCidrBlock: '0.0.0.0/0' }] })[0]!, /^routes\.0: a route needs a target/);
    assert.match(messages(routeTableProperties, { vpcId: 'vpc-1', routes: [{ destinationCidrBlock: '0.0.0.0/0', gatewayId: 'igw-1', instanceId: 'i-1' }] })[0]!, /exactly one target, not 2/);
  });
});

describe('rds.db-instance', () => {
  const db = {
    dbInstanceIdentifier: 'blog-db', engine: 'mysql', engineVersion: '8.0.28', dbInstanceClass: 'db.t3.micro', allocatedStorage: 20,
    masterUsername: 'admin', dbSubnetGroupName: ref('dbSubnetGroup'), vpcSecurityGroupIds: [ref('dbSg')],
  };

  it('fills AWS defaults and always lets RDS manage the password', () => {
    const parsed = dbInstanceProperties.parse(db);
    assert.equal(parsed.manageMasterUserPassword, true);
    assert.equal(parsed.publiclyAccessible, false);
    assert.equal(parsed.backupRetentionPeriod, 1);
  });

  it('has no password field, and refuses to unmanage it', () => {
    const r = dbInstanceProperties.safeParse({ ...db, masterUserPassword: 'hunter2' });
    assert.equal(r.success, false);
    assert.deepEqual(r.error!.issues[0]?.code, 'unrecognized_keys');
    assert.match(messages(dbInstanceProperties, { ...db, manageMasterUserPassword: false })[0]!, /never handles database passwords/);
  });

  it('checks the version format and the backup/maintenance windows', () => {
    const spec = (extra: string) =>
      problems(`  db:\n    kind: rds.db-instance\n    properties:\n      dbInstanceIdentifier: blog-db\n      engine: mysql\n      dbInstanceClass: db.t3.micro\n      allocatedStorage: 20\n      masterUsername: admin\n      dbSubnetGroupName: g\n      vpcSecurityGroupIds: [sg-1]\n${extra}`);
    assert.deepEqual(spec('      engineVersion: "8.0.28"\n      preferredBackupWindow: 03:00-04:00\n      preferredMaintenanceWindow: mon:05:00-mon:06:00\n'), []);
    assert.deepEqual(spec('      engineVersion: "8.0"\n'), ['14: "8.0" is not a mysql version (major.minor.patch, e.g. 8.0.28)']);
    assert.deepEqual(spec('      engineVersion: "8.0.28"\n      preferredBackupWindow: 03:00-04:00\n      preferredMaintenanceWindow: tue:03:30-tue:04:30\n'), [
      '16: the maintenance window tue:03:30-tue:04:30 overlaps the daily backup window 03:00-04:00',
    ]);
  });
});

describe('iam.role policies', () => {
  const trust = { Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };

  it('accepts references inside Resource strings', () => {
    const resource = new Template([ref('media', 'arn'), '/*'], pos);
    const role = roleProperties.parse({
      roleName: 'app', assumeRolePolicy: trust,
      inlinePolicies: { media: { Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: resource }] } },
    });
    assert.equal(role.assumeRolePolicy.Version, '2012-10-17');
    assert.equal(role.path, '/');
  });

  it('puts Principal in trust policies only, and wants a Resource in the others', () => {
    assert.match(messages(roleProperties, { roleName: 'app', assumeRolePolicy: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] } })[0]!, /^assumeRolePolicy\.Statement\.0\.Principal: a trust policy names who may assume/);
    const identity = { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject' }] };
    const found = messages(roleProperties, { roleName: 'app', assumeRolePolicy: trust, inlinePolicies: { p: identity } });
    assert.ok(found.some((m) => m.startsWith('inlinePolicies.p.Statement.0.Principal: a role\'s own policy applies to the role')));
    assert.ok(found.some((m) => m.startsWith('inlinePolicies.p.Statement.0.Resource: a statement needs Resource')));
    assert.match(messages(roleProperties, { roleName: 'app', assumeRolePolicy: { ...trust, Statement: [{ ...trust.Statement[0], Action: 'AssumeRole' }] } })[0]!, /"AssumeRole" is not an action/);
  });
});

describe('elbv2 listener and target group', () => {
  it('fills a redirect with AWS\'s #{...} defaults and names the action types', () => {
    const l = listenerProperties.parse({ loadBalancerArn: ref('alb'), port: 80, protocol: 'HTTP', defaultAction: { type: 'redirect', redirectConfig: { protocol: 'HTTPS', port: 443, statusCode: 'HTTP_301' } } });
    assert.deepEqual(l.defaultAction, { type: 'redirect', redirectConfig: { protocol: 'HTTPS', port: 443, host: '#{host}', path: '/#{path}', query: '#{query}', statusCode: 'HTTP_301' } });
    assert.match(messages(listenerProperties, { loadBalancerArn: ref('alb'), port: 80, protocol: 'HTTP', defaultAction: { type: 'forwad' } })[0]!, /forward, redirect, fixed-response/);
  });

  it('defaults the health check like AWS', () => {
    const tg = targetGroupProperties.parse({ name: 'tg', protocol: 'HTTP', port: 80, vpcId: ref('vpc') });
    assert.deepEqual(tg.healthCheck, { enabled: true, protocol: 'HTTP', port: 'traffic-port', path: '/', intervalSeconds: 30, timeoutSeconds: 5, healthyThresholdCount: 5, unhealthyThresholdCount: 2, matcher: '200' });
    assert.match(messages(targetGroupProperties, { name: 'tg', protocol: 'HTTP', port: 80, vpcId: 'vpc-1', healthCheck: { matcher: 'ok' } })[0]!, /HTTP codes like "200"/);
  });
});

describe('cross-resource checks', () => {
  it('autoscaling.group: min <= desired <= max', () => {
    const asg = (min: number, desired: number, max: number) =>
      problems(`${NETWORK}  asg:\n    kind: autoscaling.group\n    properties:\n      autoScalingGroupName: app\n      launchTemplate: { launchTemplateId: lt-1 }\n      minSize: ${min}\n      maxSize: ${max}\n      desiredCapacity: ${desired}\n      subnetIds: ["subnet-1"]\n`);
    assert.deepEqual(asg(2, 2, 4), []);
    assert.deepEqual(asg(2, 5, 4), ['14: desiredCapacity 5 must be between minSize 2 and maxSize 4']);
  });

  it('elbv2.load-balancer: an ALB spans two zones', () => {
    const alb = (second: string) => problems(`${NETWORK}  sg: { kind: ec2.security-group, properties: { vpcId: "\${vpc}", groupName: alb, description: alb } }\n  alb: { kind: elbv2.load-balancer, properties: { name: alb, subnetIds: ["\${a}", "\${${second}}"], securityGroupIds: ["\${sg}"] } }\n`);
    assert.deepEqual(alb('b'), []);
    assert.match(alb('a')[0]!, /at least 2 availability zones; these are all in us-east-1a/);
  });

  it('s3.bucket: valid names, and a public policy needs the public access block lifted', () => {
    assert.match(problems('  b: { kind: s3.bucket, properties: { bucketName: My_Bucket } }\n')[0]!, /not a valid bucket name: only lowercase letters/);
    assert.match(problems('  b: { kind: s3.bucket, properties: { bucketName: "Blog-${aws.accountId}" } }\n')[0]!, /only lowercase letters/);
    const pub = '{ Statement: [{ Effect: Allow, Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::www.example.com/*" }] }';
    assert.match(problems(`  b: { kind: s3.bucket, properties: { bucketName: www.example.com, policy: ${pub} } }\n`)[0]!, /blockPublicPolicy/);
    assert.deepEqual(problems(`  b: { kind: s3.bucket, properties: { bucketName: www.example.com, policy: ${pub}, publicAccessBlock: { blockPublicPolicy: false, restrictPublicBuckets: false } } }\n`), []);
  });

  it('a field that takes an ARN says which output to reference', () => {
    const found = problems(`  role: { kind: iam.role, properties: { roleName: r, assumeRolePolicy: { Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: "sts:AssumeRole" }] } } }\n  fn: { kind: lambda.function, properties: { functionName: f, runtime: nodejs20.x, handler: handler.handler, role: "\${role}", code: { path: src/lambda } } }\n`);
    assert.deepEqual(found, ['5: "role" takes the arn of iam.role "role", but ${role} is its name: write ${role.arn}']);
  });
});

describe('blog.spec.yaml', () => {
  it('validates with its defaults and with admin SSH turned on', () => {
    const spec = loadSpecFile('blog.spec.yaml', { catalog: kindCatalog, env: {} });
    assert.equal(spec.region, 'us-east-1');
    const keys = JSON.stringify(spec.resources).match(/"[A-Za-z]*password[A-Za-z]*":/gi) ?? [];
    assert.deepEqual([...new Set(keys)], ['"manageMasterUserPassword":'], 'no password field anywhere');
    const ssh = loadSpecFile('blog.spec.yaml', { catalog: kindCatalog, env: {}, params: { adminCidr: '203.0.113.7/32' } });
    const natSg = ssh.resources.find((r) => r.id === 'natSg')!;
    assert.equal((natSg.properties.ingress as unknown[]).length, 3);
  });
});
