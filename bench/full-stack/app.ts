/**
 * The application tier of blog.spec.yaml: the IAM roles (their trust and inline policies
 * taken from the spec) and the app servers' instance profile, the ALB with its target
 * group and two listeners (HTTPS forward, HTTP redirect), the launch template (the spec's
 * user data, rendered) and the Auto Scaling group with its target-tracking policy.
 */
import { AutoScalingClient, CreateAutoScalingGroupCommand, PutScalingPolicyCommand } from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
  ModifyLoadBalancerAttributesCommand,
  ModifyTargetGroupAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { AddRoleToInstanceProfileCommand, CreateInstanceProfileCommand, CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { type Stack, STACK, userData } from './context.ts';

async function role(s: Stack, id: string, name: string, description: string): Promise<void> {
  const out = await s.clients.get(IAMClient).send(
    new CreateRoleCommand({ RoleName: name, Description: description, AssumeRolePolicyDocument: s.policy(id, 'assumeRolePolicy'), Tags: s.tags(id, name) }),
  );
  s.made(id, out.Role!.RoleName!, { arn: out.Role!.Arn! });
}

/** The roles alone: the Lambda function needs its role's ARN before its policies can name the table. */
export async function buildRoles(s: Stack): Promise<void> {
  await role(s, 'appRole', `${STACK}-app-ec2`, 'BlogDjango app servers - the media bucket and the DB secret, nothing else');
  await role(s, 'lambdaRole', `${STACK}-s3-events-lambda`, 'The S3 event Lambda - its table and its own log group');
}

/** The inline policies (they name the media bucket, the DB secret and the table) and the instance profile. */
export async function buildRolePolicies(s: Stack): Promise<void> {
  const iam = s.clients.get(IAMClient);
  for (const id of ['appRole', 'lambdaRole']) {
    const policies = s.specValue(id, 'inlinePolicies') as Record<string, object>;
    for (const [PolicyName, doc] of Object.entries(policies)) {
      await iam.send(new PutRolePolicyCommand({ RoleName: s.out(id), PolicyName, PolicyDocument: JSON.stringify({ Version: '2012-10-17', ...doc }) }));
    }
  }
  const name = `${STACK}-app-ec2`;
  const profile = await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: name, Tags: s.tags('appInstanceProfile') }));
  await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: name, RoleName: s.out('appRole') }));
  s.made('appInstanceProfile', name, { arn: profile.InstanceProfile!.Arn! });
}

export async function buildLoadBalancer(s: Stack): Promise<void> {
  const elb = s.clients.get(ElasticLoadBalancingV2Client);
  const lb = (
    await elb.send(
      new CreateLoadBalancerCommand({
        Name: `${STACK}-alb`, Type: 'application', Scheme: 'internet-facing',
        Subnets: [s.out('publicSubnetA'), s.out('publicSubnetB')], SecurityGroups: [s.out('albSg')], Tags: s.tags('alb', `${STACK}-alb`),
      }),
    )
  ).LoadBalancers![0]!;
  const albArn = s.made('alb', lb.LoadBalancerArn!, { dnsName: lb.DNSName! });
  await elb.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: albArn, Attributes: [{ Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' }] }));
  const tg = (
    await elb.send(
      new CreateTargetGroupCommand({
        Name: `${STACK}-tg`, Protocol: 'HTTP', Port: 80, VpcId: s.out('vpc'), TargetType: 'instance',
        HealthCheckProtocol: 'HTTP', HealthCheckPath: '/', HealthyThresholdCount: 5, UnhealthyThresholdCount: 2,
        HealthCheckTimeoutSeconds: 5, HealthCheckIntervalSeconds: 20, Matcher: { HttpCode: '200' },
        Tags: s.tags('appTargetGroup', `${STACK}-tg`),
      }),
    )
  ).TargetGroups![0]!;
  const tgArn = s.made('appTargetGroup', tg.TargetGroupArn!);
  await elb.send(new ModifyTargetGroupAttributesCommand({ TargetGroupArn: tgArn, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '60' }] }));
  const https = await elb.send(
    new CreateListenerCommand({
      LoadBalancerArn: albArn, Port: 443, Protocol: 'HTTPS', Certificates: [{ CertificateArn: s.out('cert') }],
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }], Tags: s.tags('httpsListener'),
    }),
  );
  s.made('httpsListener', https.Listeners![0]!.ListenerArn!);
  const http = await elb.send(
    new CreateListenerCommand({
      LoadBalancerArn: albArn, Port: 80, Protocol: 'HTTP', Tags: s.tags('httpListener'),
      DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', Host: '#{host}', Path: '/#{path}', Query: '#{query}', StatusCode: 'HTTP_301' } }],
    }),
  );
  s.made('httpListener', http.Listeners![0]!.ListenerArn!);
}

/** The launch template (its user data names the database: call once RDS has an endpoint) and the group. */
export async function buildAppServers(s: Stack): Promise<void> {
  const lt = await s.clients.get(EC2Client).send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: `${STACK}-app`,
      LaunchTemplateData: {
        ImageId: s.out('ubuntuAmi'),
        InstanceType: 't3.micro',
        SecurityGroupIds: [s.out('ec2Sg')],
        IamInstanceProfile: { Arn: s.out('appInstanceProfile.arn') },
        MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1 },
        BlockDeviceMappings: [{ DeviceName: s.out('ubuntuAmi.rootDeviceName'), Ebs: { VolumeSize: 12, VolumeType: 'gp3', Encrypted: true } }],
        UserData: userData(s.specValue('appLaunchTemplate', 'userData') as string),
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: `${STACK}-app` }] }],
      },
      TagSpecifications: s.tagSpec('launch-template', 'appLaunchTemplate'),
    }),
  );
  const template = lt.LaunchTemplate!;
  s.made('appLaunchTemplate', template.LaunchTemplateId!, { latestVersion: String(template.LatestVersionNumber) });
  const asgName = `${STACK}-app-asg`;
  await s.clients.get(AutoScalingClient).send(
    new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: asgName,
      LaunchTemplate: { LaunchTemplateId: s.out('appLaunchTemplate'), Version: s.out('appLaunchTemplate.latestVersion') },
      MinSize: 2,
      MaxSize: 4,
      DesiredCapacity: 2,
      VPCZoneIdentifier: [s.out('privateSubnetA'), s.out('privateSubnetB')].join(','),
      TargetGroupARNs: [s.out('appTargetGroup')],
      HealthCheckType: 'ELB',
      HealthCheckGracePeriod: 300,
      Tags: s.tags('appAsg', asgName).map((t) => ({ ...t, PropagateAtLaunch: false, ResourceId: asgName, ResourceType: 'auto-scaling-group' })),
    }),
  );
  s.made('appAsg', asgName);
  await s.clients.get(AutoScalingClient).send(
    new PutScalingPolicyCommand({
      AutoScalingGroupName: asgName,
      PolicyName: `${STACK}-cpu70`,
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' }, TargetValue: 70 },
    }),
  );
  s.made('cpuPolicy', `${STACK}-cpu70`);
}
