/** What the Auto Scaling suites share: clients, the blog's network, a launch template, a target group. */
import { AutoScalingClient, type CreateAutoScalingGroupCommandInput } from '@aws-sdk/client-auto-scaling';
import { type _InstanceType, CreateLaunchTemplateCommand, CreateLaunchTemplateVersionCommand, DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { CreateTargetGroupCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { harness } from '../harness.ts';
import { network } from '../network-fixture.ts';

export async function asgHarness() {
  const h = harness();
  const net = await network(h.ec2);
  const image = (await h.ec2.send(new DescribeImagesCommand({ Owners: ['099720109477'] }))).Images![0]!.ImageId!;
  const lt = (await h.ec2.send(new CreateLaunchTemplateCommand({
    LaunchTemplateName: 'blog-app', LaunchTemplateData: { ImageId: image, InstanceType: 't3.micro', SecurityGroupIds: [net.sgId] },
  }))).LaunchTemplate!.LaunchTemplateId!;
  const elb = h.clients.get(ElasticLoadBalancingV2Client);
  const tg = (await elb.send(new CreateTargetGroupCommand({ Name: 'blog-tg', Protocol: 'HTTP', Port: 80, VpcId: net.vpcId }))).TargetGroups![0]!.TargetGroupArn!;
  const newVersion = async (instanceType: string) =>
    (await h.ec2.send(new CreateLaunchTemplateVersionCommand({ LaunchTemplateId: lt, SourceVersion: '1', LaunchTemplateData: { InstanceType: instanceType as _InstanceType } }))).LaunchTemplateVersion!.VersionNumber!;
  return { ...h, net, lt, tg, elb, asg: h.clients.get(AutoScalingClient), newVersion };
}

type H = Awaited<ReturnType<typeof asgHarness>>;

/** The blog's app group, as blog.spec.yaml declares it. */
export function appGroup(h: H, overrides: Partial<CreateAutoScalingGroupCommandInput> = {}): CreateAutoScalingGroupCommandInput {
  return {
    AutoScalingGroupName: 'blog-app-asg',
    LaunchTemplate: { LaunchTemplateId: h.lt, Version: '$Latest' },
    MinSize: 2, MaxSize: 4, DesiredCapacity: 2,
    VPCZoneIdentifier: `${h.net.privateA},${h.net.privateB}`,
    TargetGroupARNs: [h.tg],
    HealthCheckType: 'ELB', HealthCheckGracePeriod: 300,
    Tags: [{ Key: 'Name', Value: 'blog-app-asg', PropagateAtLaunch: false }, { Key: 'blogctl:id', Value: 'appAsg', PropagateAtLaunch: true }],
    ...overrides,
  };
}
