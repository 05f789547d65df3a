/**
 * Contract fixtures of the application tier's kinds (VPC endpoint, NAT instance, IAM,
 * launch template, Auto Scaling), shared by the sandbox and the moto runs. Parents are
 * made through their own adapters (other logical ids of the same stack) or, for kinds
 * another engineer owns (the target group), through the SDK.
 */
import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateTargetGroupCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreatePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import type { DesiredOf } from '../../src/reconciler/types.ts';
import { autoScalingGroupAdapter, type autoScalingGroupProperties } from '../../src/resources/autoscaling-group/index.ts';
import { scalingPolicyAdapter, type scalingPolicyProperties } from '../../src/resources/autoscaling-policy/index.ts';
import { instanceAdapter, type instanceProperties } from '../../src/resources/ec2-instance/index.ts';
import { launchTemplateAdapter, type launchTemplateProperties } from '../../src/resources/ec2-launch-template/index.ts';
import { routeTableAdapter } from '../../src/resources/ec2-route-table/index.ts';
import { securityGroupAdapter } from '../../src/resources/ec2-security-group/index.ts';
import { vpcEndpointAdapter, type vpcEndpointProperties } from '../../src/resources/ec2-vpc-endpoint/index.ts';
import { instanceProfileAdapter, type instanceProfileProperties } from '../../src/resources/iam-instance-profile/index.ts';
import { roleAdapter, type roleProperties } from '../../src/resources/iam-role/index.ts';
import type { ContractOptions, Fixture, TestContext } from './contract.ts';
import { makeSubnet, makeVpc } from './network-fixtures.ts';

type Endpoint = DesiredOf<typeof vpcEndpointProperties>;
type Instance = DesiredOf<typeof instanceProperties>;
type Role = DesiredOf<typeof roleProperties>;
type Profile = DesiredOf<typeof instanceProfileProperties>;
type LaunchTemplate = DesiredOf<typeof launchTemplateProperties>;
type Group = DesiredOf<typeof autoScalingGroupProperties>;
type Policy = DesiredOf<typeof scalingPolicyProperties>;

export const EC2_TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const mediaPolicy = (actions: string[]) => ({
  Version: '2012-10-17',
  Statement: [{ Sid: 'ReadMedia', Effect: 'Allow', Action: actions, Resource: 'arn:aws:s3:::media/*' }],
});

/** The newest Ubuntu 22.04 image the account shows (the sandbox's catalogue, moto's default AMIs). */
export async function ubuntuImage(ctx: TestContext): Promise<{ imageId: string; rootDeviceName: string }> {
  const out = await ctx.clients.get(EC2Client).send(new DescribeImagesCommand({ Owners: ['099720109477'], Filters: [{ Name: 'architecture', Values: ['x86_64'] }] }));
  const image = (out.Images ?? []).sort((a, b) => (b.CreationDate ?? '').localeCompare(a.CreationDate ?? ''))[0];
  if (!image) throw new Error('no Canonical image to launch from');
  return { imageId: image.ImageId!, rootDeviceName: image.RootDeviceName ?? '/dev/sda1' };
}

export const makeSg = async (ctx: TestContext, id: string, vpcId: string, name = id): Promise<string> =>
  (await securityGroupAdapter.create(id, { vpcId, groupName: `${ctx.stack}-${name}`, description: name, ingress: [], egress: [{ protocol: '-1', cidrIpv4: '0.0.0.0/0' }] }, ctx)).groupId;

export async function vpcEndpointFixture(ctx: TestContext): Promise<Fixture<Endpoint>> {
  const vpcId = await makeVpc(ctx, 'vpc');
  const [a, b] = await Promise.all(['rtA', 'rtB'].map(async (id) => (await routeTableAdapter.create(id, { vpcId, routes: [], subnetIds: [] }, ctx)).routeTableId));
  const desired: Endpoint = {
    vpcId, serviceName: 'com.amazonaws.us-east-1.s3', vpcEndpointType: 'Gateway', routeTableIds: [a!], subnetIds: [], securityGroupIds: [], tags: { Name: 'contract' },
  };
  const policy = { Version: '2012-10-17' as const, Statement: [{ Sid: 'MediaOnly', Effect: 'Allow' as const, Principal: '*' as const, Action: 's3:GetObject', Resource: 'arn:aws:s3:::media/*' }] };
  return {
    desired,
    changedInPlace: {
      desired: { ...desired, routeTableIds: [b!], policy, tags: { Name: 'moved' } },
      paths: [`routeTableIds[${a}]`, `routeTableIds[${b}]`, 'policy.Version', 'policy.Statement[MediaOnly]', 'policy.Statement[#1]', 'tags.Name'],
    },
    changedReplace: { desired: { ...desired, serviceName: 'com.amazonaws.us-east-1.dynamodb' }, paths: ['serviceName'] },
  };
}

export async function instanceFixture(ctx: TestContext): Promise<Fixture<Instance>> {
  const vpcId = await makeVpc(ctx, 'vpc');
  const [subnetId, sgA, sgB, image] = await Promise.all([
    makeSubnet(ctx, 'subnet', vpcId, '10.20.1.0/24'), makeSg(ctx, 'natSg', vpcId), makeSg(ctx, 'otherSg', vpcId), ubuntuImage(ctx),
  ]);
  const desired: Instance = {
    imageId: image.imageId, instanceType: 't3.micro', subnetId, securityGroupIds: [sgA], sourceDestCheck: false,
    userData: '#!/bin/bash\necho nat\n', keyName: '',
    metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1, instanceMetadataTags: 'disabled' },
    blockDeviceMappings: [{ deviceName: image.rootDeviceName, ebs: { volumeSize: 10, volumeType: 'gp3', encrypted: true, deleteOnTermination: true } }],
    monitoring: false, tags: { Name: 'contract-nat' },
  };
  return {
    desired,
    changedInPlace: {
      desired: { ...desired, securityGroupIds: [sgB], sourceDestCheck: true, metadataOptions: { ...desired.metadataOptions, httpPutResponseHopLimit: 2 }, tags: { Name: 'nat-2' } },
      paths: [`securityGroupIds[${sgA}]`, `securityGroupIds[${sgB}]`, 'sourceDestCheck', 'metadataOptions.httpPutResponseHopLimit', 'tags.Name'],
    },
    changedReplace: { desired: { ...desired, userData: '#!/bin/bash\necho nat v2\n' }, paths: ['userData'] },
  };
}

export function roleDesired(ctx: TestContext, name = 'app'): Role {
  return {
    roleName: `${ctx.stack}-${name}`, path: '/', description: 'contract role', assumeRolePolicy: EC2_TRUST as Role['assumeRolePolicy'],
    managedPolicyArns: [], inlinePolicies: { media: mediaPolicy(['s3:GetObject']) as Role['assumeRolePolicy'] }, maxSessionDuration: 3600,
    tags: { Name: 'contract' },
  };
}

export async function roleFixture(ctx: TestContext): Promise<Fixture<Role>> {
  const desired = roleDesired(ctx);
  // A customer managed policy: emulators need not load AWS's managed ones (moto does not by default).
  const made = await ctx.clients.get(IAMClient).send(new CreatePolicyCommand({ PolicyName: `${ctx.stack}-read`, PolicyDocument: JSON.stringify(mediaPolicy(['s3:ListBucket'])) }));
  const managed = made.Policy!.Arn!;
  return {
    desired,
    changedInPlace: {
      desired: { ...desired, description: 'contract role, v2', managedPolicyArns: [managed], inlinePolicies: { media: mediaPolicy(['s3:GetObject', 's3:PutObject']) as Role['assumeRolePolicy'] } },
      paths: ['description', 'inlinePolicies.media.Statement[ReadMedia]', `managedPolicyArns[${managed}]`],
    },
    changedReplace: { desired: { ...desired, roleName: `${ctx.stack}-app2` }, paths: ['roleName'] },
  };
}

export async function instanceProfileFixture(ctx: TestContext): Promise<Fixture<Profile>> {
  const [a, b] = await Promise.all([roleAdapter.create('roleA', roleDesired(ctx, 'a'), ctx), roleAdapter.create('roleB', roleDesired(ctx, 'b'), ctx)]);
  const desired: Profile = { instanceProfileName: `${ctx.stack}-app`, path: '/', roleName: a.roleName, tags: { Name: 'contract' } };
  return {
    desired,
    changedInPlace: { desired: { ...desired, roleName: b.roleName, tags: { Name: 'swapped' } }, paths: ['roleName', 'tags.Name'] },
    changedReplace: { desired: { ...desired, instanceProfileName: `${ctx.stack}-app2` }, paths: ['instanceProfileName'] },
  };
}

export async function launchTemplateDesired(ctx: TestContext, vpcId?: string): Promise<LaunchTemplate> {
  const vpc = vpcId ?? (await makeVpc(ctx, 'vpc'));
  const [sg, image] = await Promise.all([makeSg(ctx, 'appSg', vpc), ubuntuImage(ctx)]);
  return {
    launchTemplateName: `${ctx.stack}-app`, imageId: image.imageId, instanceType: 't3.micro', securityGroupIds: [sg],
    userData: '#!/bin/bash\necho DB_HOST=db-1\n', keyName: '',
    metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1, instanceMetadataTags: 'disabled' },
    blockDeviceMappings: [{ deviceName: image.rootDeviceName, ebs: { volumeSize: 12, volumeType: 'gp3', encrypted: true, deleteOnTermination: true } }],
    monitoring: false, instanceTags: { Name: 'contract-app' }, tags: { Name: 'contract' },
  };
}

export async function launchTemplateFixture(ctx: TestContext): Promise<Fixture<LaunchTemplate>> {
  const desired = await launchTemplateDesired(ctx);
  return {
    desired,
    changedInPlace: { desired: { ...desired, userData: '#!/bin/bash\necho DB_HOST=db-2\n', instanceType: 't3.small' }, paths: ['userData', 'instanceType'] },
    changedReplace: { desired: { ...desired, launchTemplateName: `${ctx.stack}-app2` }, paths: ['launchTemplateName'] },
  };
}

/** A group's parents (network, launch template `lt` at version 1, target group) and the group; the template's desired state too. */
export async function groupAndTemplate(ctx: TestContext): Promise<{ group: Group; template: LaunchTemplate }> {
  const vpcId = await makeVpc(ctx, 'vpc');
  const template = await launchTemplateDesired(ctx, vpcId);
  const [a, b, lt] = await Promise.all([
    makeSubnet(ctx, 'privateA', vpcId, '10.20.11.0/24', 'us-east-1a'),
    makeSubnet(ctx, 'privateB', vpcId, '10.20.21.0/24', 'us-east-1b'),
    launchTemplateAdapter.create('lt', template, ctx),
  ]);
  const tg = await ctx.clients.get(ElasticLoadBalancingV2Client).send(new CreateTargetGroupCommand({ Name: `${ctx.stack}-tg`.slice(0, 32), Protocol: 'HTTP', Port: 80, VpcId: vpcId }));
  const group: Group = {
    autoScalingGroupName: `${ctx.stack}-app-asg`, launchTemplate: { launchTemplateId: lt.launchTemplateId, version: '1' },
    minSize: 1, maxSize: 2, desiredCapacity: 1, subnetIds: [a, b].sort(), targetGroupArns: [tg.TargetGroups![0]!.TargetGroupArn!],
    healthCheckType: 'EC2', healthCheckGracePeriod: 300, defaultCooldown: 300, terminationPolicies: ['Default'], capacityRebalance: false, tags: { Name: 'contract' },
  };
  return { group, template };
}

export const groupDesired = async (ctx: TestContext): Promise<Group> => (await groupAndTemplate(ctx)).group;

export async function groupFixture(ctx: TestContext): Promise<Fixture<Group>> {
  const desired = await groupDesired(ctx);
  return {
    desired,
    changedInPlace: { desired: { ...desired, maxSize: 3, healthCheckGracePeriod: 60, tags: { Name: 'contract', Tier: 'app' } }, paths: ['maxSize', 'healthCheckGracePeriod', 'tags.Tier'] },
    changedReplace: { desired: { ...desired, autoScalingGroupName: `${ctx.stack}-app-asg2` }, paths: ['autoScalingGroupName'] },
  };
}

export async function policyFixture(ctx: TestContext): Promise<Fixture<Policy>> {
  const group = await autoScalingGroupAdapter.create('asg', await groupDesired(ctx), ctx);
  const desired: Policy = {
    autoScalingGroupName: group.autoScalingGroupName, policyName: 'cpu70',
    targetTracking: { predefinedMetricType: 'ASGAverageCPUUtilization', targetValue: 70, disableScaleIn: false }, enabled: true,
  };
  return {
    desired,
    changedInPlace: { desired: { ...desired, targetTracking: { ...desired.targetTracking, targetValue: 50 } }, paths: ['targetTracking.targetValue'] },
    changedReplace: { desired: { ...desired, policyName: 'cpu50' }, paths: ['policyName'] },
  };
}

export type AppTierContract = Pick<ContractOptions<any, any>, 'adapter' | 'setup'>;

export const APPTIER_CONTRACTS: Readonly<Record<string, AppTierContract>> = {
  'ec2.vpc-endpoint': { adapter: vpcEndpointAdapter, setup: vpcEndpointFixture },
  'ec2.instance': { adapter: instanceAdapter, setup: instanceFixture },
  'iam.role': { adapter: roleAdapter, setup: roleFixture },
  'iam.instance-profile': { adapter: instanceProfileAdapter, setup: instanceProfileFixture },
  'ec2.launch-template': { adapter: launchTemplateAdapter, setup: launchTemplateFixture },
  'autoscaling.group': { adapter: autoScalingGroupAdapter, setup: groupFixture },
  'autoscaling.policy': { adapter: scalingPolicyAdapter, setup: policyFixture },
};
