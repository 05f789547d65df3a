/**
 * The sandbox's own cost per call on a big account: an account holding 1,000 and 5,000
 * resources (4 VPCs, /26 subnets, security groups with a rule naming another group, each
 * with blogctl's three tags), made through the SDK, then per call: a read
 * (DescribeSecurityGroups of one id), a write (CreateTags on one group; also eight at
 * once, the CLI's default concurrency) and a create that checks its siblings
 * (CreateSubnet), in memory and on a file (fsync on, as the CLI writes it).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, CreateSubnetCommand, CreateTagsCommand, CreateVpcCommand, DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { AwsClients } from '../../src/aws/clients.ts';
import { createSandbox, ManualClock, type Sandbox } from '../../src/sandbox/index.ts';
import { serializeAccountState } from '../../src/sandbox/state.ts';
import type { BenchSection, Recorder } from '../results.ts';

const VPCS = 4;
const tags = (id: string) => [{ ResourceType: 'security-group' as const, Tags: [{ Key: 'blogctl:stack', Value: 'bench' }, { Key: 'blogctl:id', Value: id }, { Key: 'blogctl:spec', Value: 'a1b2c3d4e5f6a7b8' }] }];

/** The i-th /26 of a /16 (1,024 of them). */
const subnetCidr = (vpc: number, i: number) => `10.${vpc}.${Math.floor(i / 4)}.${(i % 4) * 64}/26`;

interface Account {
  readonly ec2: EC2Client;
  readonly vpcIds: string[];
  readonly groupIds: string[];
  /** Subnets made so far per VPC (the next CreateSubnet takes the next /26). */
  readonly subnetsPerVpc: number[];
}

async function populate(sandbox: Sandbox, resources: number): Promise<Account> {
  const ec2 = new AwsClients({ sandbox }).get(EC2Client);
  const vpcIds: string[] = [];
  for (let v = 0; v < VPCS; v++) {
    const out = await ec2.send(new CreateVpcCommand({ CidrBlock: `10.${v}.0.0/16`, TagSpecifications: [{ ...tags(`vpc${v}`)[0]!, ResourceType: 'vpc' }] }));
    vpcIds.push(out.Vpc!.VpcId!);
  }
  const subnets = Math.floor((resources - VPCS) * 0.4);
  const subnetsPerVpc = vpcIds.map(() => 0);
  for (let i = 0; i < subnets; i++) {
    const v = i % VPCS;
    const n = subnetsPerVpc[v]!++;
    await ec2.send(new CreateSubnetCommand({ VpcId: vpcIds[v], CidrBlock: subnetCidr(v, n), TagSpecifications: [{ ...tags(`subnet${i}`)[0]!, ResourceType: 'subnet' }] }));
  }
  const groupIds: string[] = [];
  for (let i = 0; i < resources - VPCS - subnets; i++) {
    const out = await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpcIds[i % VPCS], GroupName: `g${i}`, Description: 'bench', TagSpecifications: tags(`g${i}`) }));
    const previous = groupIds[groupIds.length - VPCS];
    groupIds.push(out.GroupId!);
    if (previous === undefined) continue;
    // Like the blog's groups: a rule that lets the group before it (same VPC) in.
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: out.GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: previous, Description: 'from the previous tier' }] }] }));
  }
  return { ec2, vpcIds, groupIds, subnetsPerVpc };
}

/** Mean ms per call of `fn`, run until `maxRuns` or about `budgetMs`. */
async function perCall(fn: (i: number) => Promise<unknown>, maxRuns: number, budgetMs = 3000): Promise<number> {
  await fn(0);
  const started = performance.now();
  let runs = 0;
  while (runs < maxRuns && performance.now() - started < budgetMs) await fn(++runs);
  return (performance.now() - started) / runs;
}

async function measure(account: Account, label: string, key: string, record: Recorder): Promise<void> {
  const { ec2, groupIds, vpcIds, subnetsPerVpc } = account;
  const one = groupIds[groupIds.length >> 1]!;
  const readMs = await perCall(() => ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [one] })), 2000);
  const writeMs = await perCall((i) => ec2.send(new CreateTagsCommand({ Resources: [one], Tags: [{ Key: 'round', Value: String(i) }] })), 1000);
  const createMs = await perCall(() => {
    const n = subnetsPerVpc[0]!++;
    return ec2.send(new CreateSubnetCommand({ VpcId: vpcIds[0], CidrBlock: subnetCidr(0, n), TagSpecifications: [{ ...tags(`extra${n}`)[0]!, ResourceType: 'subnet' }] }));
  }, 100);
  // Eight writes in flight at once (the CLI's default concurrency): wall time per call.
  const parallel = 8;
  const rounds = Math.max(5, Math.min(100, Math.round(400 / Math.max(writeMs, 0.5) / parallel)));
  const started = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async (_, lane) => {
      for (let i = 0; i < rounds; i++) await ec2.send(new CreateTagsCommand({ Resources: [groupIds[lane]!], Tags: [{ Key: 'lane', Value: String(i) }] }));
    }),
  );
  const concurrentWriteMs = (performance.now() - started) / (parallel * rounds);
  console.log(`  ${label}: read ${readMs.toFixed(3)} ms, write ${writeMs.toFixed(3)} ms (${concurrentWriteMs.toFixed(3)} ms with ${parallel} in flight), CreateSubnet ${createMs.toFixed(3)} ms per call`);
  record(`${key}.readMs`, readMs);
  record(`${key}.writeMs`, writeMs);
  record(`${key}.concurrentWriteMs`, concurrentWriteMs);
  record(`${key}.createSubnetMs`, createMs);
}

export const sandboxSection: BenchSection = {
  name: 'sandbox',
  async run(dir, record) {
    for (const resources of [1000, 5000]) {
      const memory = createSandbox({ rateLimits: false, clock: new ManualClock() });
      const started = performance.now();
      const account = await populate(memory, resources);
      const populateMs = performance.now() - started;
      const text = serializeAccountState(await memory.snapshot());
      console.log(`${resources} resources made through the SDK in ${(populateMs / 1000).toFixed(1)} s; account file ${(text.length / 1024 / 1024).toFixed(2)} MiB`);
      record(`sandbox.${resources}.populateMs`, populateMs);
      record(`sandbox.${resources}.fileMiB`, text.length / 1024 / 1024);
      const file = join(dir, `sandbox-${resources}.json`);
      writeFileSync(file, text);
      await measure(account, 'in memory', `sandbox.${resources}`, record);
      const onFile = createSandbox({ file, rateLimits: false });
      const fileEc2 = new AwsClients({ sandbox: onFile }).get(EC2Client);
      await measure({ ...account, ec2: fileEc2, subnetsPerVpc: [...account.subnetsPerVpc] }, 'file-backed', `sandbox.${resources}.file`, record);
    }
  },
};
