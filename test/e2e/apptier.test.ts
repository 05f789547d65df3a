/**
 * End to end through the CLI on a file-backed sandbox, with the application tier of
 * blog.spec.yaml (apptier-slice.ts): create -> no changes -> a new release changes the
 * user data -> the plan shows the text diff, the template's new version and the instance
 * refresh -> apply -> no changes. Then the same under the realistic profile scaled down,
 * and the plan-time errors: an AMI pattern that matches nothing, an instance type the
 * region does not offer.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { main, type Io } from '../../src/index.ts';
import { APPTIER_IDS, writeAppTierSpec, withNewUserData } from './apptier-slice.ts';

const root = mkdtempSync(join(tmpdir(), 'blogctl-apptier-e2e-'));

function cli(sandboxFile: string) {
  return async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
    const out: string[] = [];
    const err: string[] = [];
    const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), color: false };
    const code = await main([...argv, '--sandbox-file', sandboxFile], io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
}

type Run = ReturnType<typeof cli>;
type Account = { services: Record<string, any> };
const account = async (run: Run): Promise<Account> => JSON.parse((await run('sandbox', 'show', '--output', 'json')).out) as Account;
const outcomes = (text: string) => (JSON.parse(text) as { outcomes: { id: string; status: string; reason: string | null }[] }).outcomes;

/** The slice's VPC first, then its target group (another engineer's kind) made directly in the sandbox. */
async function prepare(run: Run, dir: string): Promise<string> {
  const bootstrap = writeAppTierSpec('arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/none/0', undefined, dir);
  assert.equal((await run('reconcile', '--once', '-f', bootstrap, '--target', 'vpc')).code, 0);
  const vpcs = (await account(run)).services.ec2.vpcs as Record<string, { isDefault: boolean }>;
  const vpcId = Object.keys(vpcs).find((id) => !vpcs[id]!.isDefault);
  const made = await run('sandbox', 'tamper', 'elbv2', 'CreateTargetGroup', JSON.stringify({ Name: 'blog-tg', Protocol: 'HTTP', Port: 80, VpcId: vpcId }));
  assert.equal(made.code, 0, made.err);
  return (JSON.parse(made.out.slice(made.out.indexOf('{'))) as { TargetGroups: { TargetGroupArn: string }[] }).TargetGroups[0]!.TargetGroupArn;
}

/** Create, no changes, new user data (plan shows it), apply, no changes. */
async function releaseCycle(run: Run, dir: string): Promise<{ account: Account; reconcileErr: string }> {
  const tg = await prepare(run, dir);
  const spec = writeAppTierSpec(tg, undefined, mkdtempSync(join(dir, 'v1-')));
  const created = await run('reconcile', '--once', '-f', spec, '--output', 'json');
  assert.equal(created.code, 0, created.err);
  const made = outcomes(created.out).filter((o) => o.status === 'created').map((o) => o.id);
  assert.deepEqual(made.sort(), APPTIER_IDS.filter((id) => id !== 'vpc' && id !== 'ubuntuAmi').sort());
  const quiet = await run('plan', '-f', spec);
  assert.equal(quiet.code, 0, quiet.out + quiet.err);
  assert.match(quiet.out, /No changes: AWS matches the spec\./);

  const release = writeAppTierSpec(tg, (doc) => withNewUserData(doc, '--workers 3', '--workers 4'), mkdtempSync(join(dir, 'v2-')));
  const plan = await run('plan', '-f', release);
  assert.equal(plan.code, 2, plan.out + plan.err);
  assert.match(plan.out, /~ appLaunchTemplate +ec2\.launch-template +\(2 fields differ; spec not applied yet\)\n {6}~ userData: \(text diff\)\n {10}@@ /);
  assert.match(plan.out, /^ {10}- ExecStart=.*--workers 3 .*\n {10}\+ ExecStart=.*--workers 4 /m);
  assert.match(plan.out, /~ appAsg +autoscaling\.group +\(2 fields differ; spec not applied yet\)\n {6}~ launchTemplate\.version: "1" -> "2"\n {6}~ instances: "2 on launch template version 1" -> "instance refresh to version 2 \(minHealthyPercentage 50\)"/);
  assert.doesNotMatch(plan.out, /IyEvYmluL2Jhc2g|lines>/, 'user data as a text diff, never base64 nor a line count');
  assert.match(plan.out, /Plan: 0 to create, 2 to update, 0 to replace, 0 to delete; 19 unchanged\./);

  const applied = await run('reconcile', '--once', '-f', release, '--output', 'json');
  assert.equal(applied.code, 0, applied.err);
  assert.deepEqual(outcomes(applied.out).filter((o) => o.status !== 'unchanged').map((o) => [o.id, o.status]), [['appLaunchTemplate', 'updated'], ['appAsg', 'updated']]);
  const after = await run('plan', '-f', release);
  assert.equal(after.code, 0, after.out);
  assert.match(after.out, /No changes/);
  return { account: await account(run), reconcileErr: applied.err };
}

test('the application tier: create, no changes, a new release rolled out by an instance refresh, no changes', async () => {
  const dir = mkdtempSync(join(root, 'quick-'));
  const { account: a, reconcileErr } = await releaseCycle(cli(join(dir, 'sandbox.json')), dir);
  assert.match(reconcileErr, /appAsg \(autoscaling\.group\): instance refresh started/);
  assert.match(reconcileErr, /instance refresh Successful 100%/);

  const ec2 = a.services.ec2;
  const idOf = (logical: string) => Object.keys(ec2.tags).find((id) => ec2.tags[id]['blogctl:id'] === logical)!;
  const nat = ec2.instances[idOf('natInstance')];
  assert.equal(nat.sourceDestCheck, false);
  assert.equal(nat.metadataOptions.httpTokens, 'required');
  const rootVolume = ec2.volumes[nat.blockDevices[0].volumeId];
  assert.deepEqual([rootVolume.device, rootVolume.type, rootVolume.encrypted, rootVolume.size], ['/dev/sda1', 'gp3', true, 8]);
  const natScript = Buffer.from(nat.userData, 'base64').toString();
  assert.match(natScript, /iptables -t nat -A POSTROUTING -s 90\.90\.0\.0\/16 -o "\$\{IFACE\}" -j MASQUERADE/, 'references rendered, $${} kept for the shell');
  const privateRt = ec2.routeTables[idOf('privateRouteTable')];
  assert.equal(privateRt.routes.find((r: { destination: string }) => r.destination === '0.0.0.0/0').target.InstanceId, nat.id);
  assert.ok(privateRt.routes.some((r: { destinationKind: string; target: { GatewayId?: string } }) => r.destinationKind === 'prefix-list' && r.target.GatewayId === idOf('s3Endpoint')));

  const lt = ec2.launchTemplates[idOf('appLaunchTemplate')];
  assert.deepEqual([lt.versions.length, lt.defaultVersion, lt.latestVersion], [2, 2, 2]);
  const appScript = Buffer.from(lt.versions[1].data.UserData, 'base64').toString();
  assert.match(appScript, /DB_HOST=blog-db\.c0ffee\.us-east-1\.rds\.amazonaws\.com\n.*\nDB_SECRET_ARN=arn:aws:secretsmanager:/);
  assert.match(appScript, /AWS_S3_REGION_NAME=us-east-1/);
  assert.match(lt.versions[1].data.IamInstanceProfile.Arn, /:instance-profile\/blogctl\/blog\/blog-app-ec2$/);

  const group = a.services.autoscaling.groups['blog-app-asg'];
  assert.ok(group.instances.filter((i: { goneAt: number | null }) => i.goneAt === null).every((i: { launchTemplate: { version: string } }) => i.launchTemplate.version === '2'));
  assert.ok(Object.values(a.services.autoscaling.policies).some((p: any) => p.name === 'blog-cpu70' && p.targetTracking.TargetValue === 70));
  assert.equal(a.services.iam.roles['blog-app-ec2'].path, '/blogctl/blog/');
});

test('the same release cycle under the realistic profile, scaled down', async () => {
  const saved = process.env.BLOGCTL_SANDBOX_TIME_SCALE;
  process.env.BLOGCTL_SANDBOX_TIME_SCALE = '0.001';
  try {
    const dir = mkdtempSync(join(root, 'realistic-'));
    const run = cli(join(dir, 'sandbox.json'));
    const realistic: Run = (...argv) => run(...argv, '--sandbox-profile', 'realistic');
    await releaseCycle(realistic, dir);
    // Destroy: the NAT instance (a public address) goes before the internet gateway, the
    // group (forced, then gone) before its template and subnets, the policy before its group.
    const spec = writeAppTierSpec('arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/blog-tg/0123456789abcdef', undefined, mkdtempSync(join(dir, 'd-')));
    const destroyed = await realistic('destroy', '-f', spec, '--allow-delete', '--output', 'json');
    assert.equal(destroyed.code, 0, destroyed.out + destroyed.err);
    const order = outcomes(destroyed.out).filter((o) => o.status === 'deleted').map((o) => o.id);
    const before = (a: string, b: string) => assert.ok(order.indexOf(a) < order.indexOf(b), `${a} before ${b}: ${order.join(', ')}`);
    before('natInstance', 'igw');
    before('cpuPolicy', 'appAsg');
    before('appAsg', 'appLaunchTemplate');
    before('appLaunchTemplate', 'appInstanceProfile');
    before('appInstanceProfile', 'appRole');
    assert.equal(order.at(-1), 'vpc');
  } finally {
    if (saved === undefined) delete process.env.BLOGCTL_SANDBOX_TIME_SCALE;
    else process.env.BLOGCTL_SANDBOX_TIME_SCALE = saved;
  }
});

test('an AMI pattern that matches nothing: a plan error naming it; nothing that needs the image is written', async () => {
  const dir = mkdtempSync(join(root, 'ami-'));
  const run = cli(join(dir, 'sandbox.json'));
  const spec = writeAppTierSpec('arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/blog-tg/0123456789abcdef', undefined, dir);
  const param = ['--param', 'amiNamePattern=ubuntu/images/hvm-ssd/ubuntu-nothing-*'];
  const plan = await run('plan', '-f', spec, ...param);
  assert.equal(plan.code, 1);
  assert.match(plan.out, /blocked: lookup ec2\.ami "ubuntuAmi" matched nothing in AWS: no x86_64 hvm\/ebs image named "ubuntu\/images\/hvm-ssd\/ubuntu-nothing-\*" owned by 099720109477; check its properties/);
  // The NAT instance and the launch template need the image; the security group they use does not.
  const r = await run('reconcile', '--once', '-f', spec, ...param, '--target', 'natInstance,appLaunchTemplate', '--output', 'json');
  assert.equal(r.code, 1);
  const by = new Map(outcomes(r.out).map((o) => [o.id, o]));
  for (const id of ['natInstance', 'appLaunchTemplate']) assert.match(by.get(id)?.reason ?? '', /needs ubuntuAmi: ubuntuAmi was skipped|ubuntuAmi is blocked/, id);
  assert.equal(by.get('natSg')?.status, 'created');
  const ec2 = (await account(run)).services.ec2;
  assert.deepEqual([Object.keys(ec2.instances).length, Object.keys(ec2.launchTemplates).length], [0, 0]);
});

test('an instance type the region does not offer: a plan error at its line, nothing written', async () => {
  const dir = mkdtempSync(join(root, 'type-'));
  const run = cli(join(dir, 'sandbox.json'));
  const spec = writeAppTierSpec('arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/blog-tg/0123456789abcdef', undefined, dir);
  const r = await run('reconcile', '--once', '-f', spec, '--param', 'natInstanceType=t3.mega');
  assert.equal(r.code, 1);
  assert.match(r.err, /apptier\.spec\.yaml:\d+:\d+: natInstance: instance type t3\.mega is not offered in us-east-1 \(DescribeInstanceTypeOfferings\); pick one the region offers/);
  assert.match(r.err, /1 problem in the spec; nothing was changed in AWS\./);
  const a = await account(run);
  assert.deepEqual(Object.keys(a.services.ec2.vpcs).filter((id) => !a.services.ec2.vpcs[id].isDefault), [], 'not even the VPC');
});
