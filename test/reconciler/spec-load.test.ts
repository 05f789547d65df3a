import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SpecError } from '../../src/reconciler/errors.ts';
import { paramEnvName } from '../../src/reconciler/spec/params.ts';
import { loadSpec } from '../../src/reconciler/spec/load.ts';
import { readSource } from '../../src/reconciler/spec/source.ts';
import { Ref, Template } from '../../src/reconciler/types.ts';
import { kindCatalog } from '../../src/resources/registry.ts';

const SPEC = `apiVersion: blogctl/v1
stack: blog
region: \${param.region}
params:
  region: { default: us-east-1 }
  cidr: { default: 10.0.0.0/16 }
  public: { default: false }
  owner: { default: "" }
resources:
  vpc:
    kind: ec2.vpc
    protect: true
    ignoreChanges: [tags.Owner]
    properties:
      cidrBlock: \${param.cidr}
      enableDnsHostnames: \${param.public}
      tags:
        Name: blog-\${param.region}
        Shell: "$\${HOME} and \${param.region}"
  subnet:
    kind: ec2.subnet
    if: \${param.public}
    properties:
      vpcId: \${vpc}
      cidrBlock: 10.0.1.0/24
      availabilityZone: \${param.region}a
`;

const load = (params: Record<string, string> = {}, env: Record<string, string> = {}) =>
  loadSpec(SPEC, 'spec.yaml', { catalog: kindCatalog, params, env });

test('params: defaults, typed, substituted before validation', () => {
  const spec = load();
  assert.equal(spec.region, 'us-east-1');
  assert.deepEqual(spec.params, { region: 'us-east-1', cidr: '10.0.0.0/16', public: false, owner: '' });
  const vpc = spec.resources[0]!;
  assert.equal(vpc.properties.cidrBlock, '10.0.0.0/16');
  assert.equal(vpc.properties.enableDnsHostnames, false);
  assert.equal(vpc.protect, true);
  assert.deepEqual(vpc.ignoreChanges, ['tags.Owner']);
});

test('`if:` drops a resource when its param is falsy', () => {
  assert.deepEqual(load().resources.map((r) => r.id), ['vpc']);
  assert.deepEqual(load({ public: 'true' }).resources.map((r) => r.id), ['vpc', 'subnet']);
});

test('--param beats the environment, which beats the default', () => {
  assert.equal(paramEnvName('adminCidr'), 'BLOGCTL_PARAM_ADMIN_CIDR');
  assert.equal(load({}, { BLOGCTL_PARAM_REGION: 'eu-west-1' }).region, 'eu-west-1');
  assert.equal(load({ region: 'eu-north-1' }, { BLOGCTL_PARAM_REGION: 'eu-west-1' }).region, 'eu-north-1');
  assert.equal(load({}, { BLOGCTL_PARAM_PUBLIC: 'yes' }).resources.length, 2);
});

test('references are parsed once into Ref and Template values with positions', () => {
  const spec = load({ public: 'true' });
  const subnet = spec.resources[1]!;
  const vpcId = subnet.properties.vpcId;
  assert.ok(vpcId instanceof Ref);
  assert.deepEqual([vpcId.target, vpcId.attr, vpcId.pos.line, vpcId.pos.col], ['vpc', undefined, 24, 14]);
  assert.equal(subnet.properties.availabilityZone, 'us-east-1a');
  const withTemplate = loadSpec(SPEC.replace('Name: blog', 'Peer: "${subnet.availabilityZone}-x"\n        Name: blog').replace('vpcId: ${vpc}', 'vpcId: vpc-0123'), 's.yaml', {
    catalog: kindCatalog, params: { public: 'true' }, env: {},
  });
  const peer = (withTemplate.resources[0]!.properties.tags as Record<string, unknown>).Peer;
  assert.ok(peer instanceof Template);
  assert.deepEqual(peer.parts.map(String), ['${subnet.availabilityZone}', '-x']);
  assert.deepEqual([peer.refs[0]!.pos.line, peer.refs[0]!.pos.col], [18, 16]);
  const tags = spec.resources[0]!.properties.tags as Record<string, unknown>;
  assert.equal(tags.Name, 'blog-us-east-1');
  assert.equal(tags.Shell, '${HOME} and us-east-1', '$${ is a literal ${');
});

test('a reference to a resource dropped by `if:` is an error at the reference', () => {
  const text = SPEC.replace('Name: blog', 'Peer: "${subnet.availabilityZone}-x"\n        Name: blog');
  assert.throws(() => loadSpec(text, 's.yaml', { catalog: kindCatalog, env: {} }), (err: unknown) => {
    assert.ok(err instanceof SpecError);
    assert.deepEqual(err.problems.map((p) => `${p.pos.line}:${p.pos.col} ${p.message}`), [
      '18:16 reference to "subnet", which its if: leaves out with these params; give "vpc" the same if:',
    ]);
    return true;
  });
});

test('a reference written with an escape is located in its own scalar, not at a later one of the same text', () => {
  const text = `apiVersion: blogctl/v1
stack: blog
resources:
  vpc:
    kind: ec2.vpc
    properties:
      cidrBlock: 10.0.0.0/16
      tags: { A: "\\x24{nope}" }
  vpc2:
    kind: ec2.vpc
    properties:
      cidrBlock: 10.1.0.0/16
      tags: { B: "\${nope}" }
`;
  try {
    loadSpec(text, 'spec.yaml', { catalog: kindCatalog, env: {} });
    assert.fail('loaded');
  } catch (err) {
    assert.ok(err instanceof SpecError);
    assert.deepEqual(err.problems.map((p) => `${p.pos.line}:${p.pos.col}: ${p.message}`), [
      '8:18: reference to unknown resource "nope"',
      '13:19: reference to unknown resource "nope"',
    ]);
  }
});

test('YAML aliases: the last anchor before the alias, even inside a copy; missing and self-containing ones are errors', () => {
  const head = 'apiVersion: blogctl/v1\nstack: blog\nresources:\n  vpc:\n    kind: ec2.vpc\n    properties:\n      cidrBlock: 10.0.0.0/16\n';
  const src = readSource('{ A: &a one, B: &b [*a], C: &a two, D: *a, E: *b }\n', 'x.yaml');
  assert.deepEqual(src.value, { A: 'one', B: ['one'], C: 'two', D: 'two', E: ['one'] });
  const problems = (tags: string) => {
    try {
      loadSpec(`${head}      tags: ${tags}\n`, 'spec.yaml', { catalog: kindCatalog, env: {} });
    } catch (err) {
      if (err instanceof SpecError) return err.problems.map((p) => `${p.pos.line}:${p.pos.col}: ${p.message}`);
    }
    return [];
  };
  assert.deepEqual(problems('{ A: *nope }'), ['8:18: alias *nope names no anchor: write &nope on a value before it']);
  assert.deepEqual(problems('&me { A: [*me] }'), ['8:23: alias *me is inside the value it names; a spec cannot hold a value that contains itself']);
});
