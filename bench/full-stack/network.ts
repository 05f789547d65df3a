/**
 * The network of blog.spec.yaml through the real EC2Client: the VPC, four subnets, the
 * internet gateway, the security groups, the NAT instance (a plain Ubuntu image, source/
 * destination check off), the two route tables with their routes and associations, and the
 * S3 gateway endpoint of the private route table.
 */
import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DescribeImagesCommand,
  EC2Client,
  type IpPermission,
  ModifyInstanceAttributeCommand,
  ModifySubnetAttributeCommand,
  ModifyVpcAttributeCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { type Stack, STACK, userData } from './context.ts';

const CIDR = '90.90.0.0/16';
const CANONICAL = '099720109477';
const AMI_PATTERN = 'ubuntu/images/hvm-ssd/ubuntu-focal-20.04-amd64-server-*';

async function subnets(s: Stack, ec2: EC2Client): Promise<void> {
  const rows = [
    ['publicSubnetA', '90.90.10.0/24', 'a', 'public-a'],
    ['publicSubnetB', '90.90.20.0/24', 'b', 'public-b'],
    ['privateSubnetA', '90.90.11.0/24', 'a', 'private-a'],
    ['privateSubnetB', '90.90.21.0/24', 'b', 'private-b'],
  ] as const;
  for (const [id, cidr, zone, name] of rows) {
    const out = await ec2.send(
      new CreateSubnetCommand({
        VpcId: s.out('vpc'), CidrBlock: cidr, AvailabilityZone: `${s.region}${zone}`, TagSpecifications: s.tagSpec('subnet', id, `${STACK}-${name}`),
      }),
    );
    const subnetId = s.made(id, out.Subnet!.SubnetId!);
    if (id.startsWith('public')) await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: subnetId, MapPublicIpOnLaunch: { Value: true } }));
  }
}

/** A route table with its default route and its two subnets. */
async function routeTable(s: Stack, ec2: EC2Client, id: string, name: string, target: { GatewayId: string } | { InstanceId: string }, subnetIds: string[]): Promise<void> {
  const out = await ec2.send(new CreateRouteTableCommand({ VpcId: s.out('vpc'), TagSpecifications: s.tagSpec('route-table', id, `${STACK}-${name}`) }));
  const rt = s.made(id, out.RouteTable!.RouteTableId!);
  await ec2.send(new CreateRouteCommand({ RouteTableId: rt, DestinationCidrBlock: '0.0.0.0/0', ...target }));
  for (const SubnetId of subnetIds) await ec2.send(new AssociateRouteTableCommand({ RouteTableId: rt, SubnetId }));
}

const tcp = (port: number, from: { cidr: string } | { group: string }, Description: string): IpPermission => ({
  IpProtocol: 'tcp',
  FromPort: port,
  ToPort: port,
  ...('cidr' in from ? { IpRanges: [{ CidrIp: from.cidr, Description }] } : { UserIdGroupPairs: [{ GroupId: from.group, Description }] }),
});

async function securityGroup(s: Stack, ec2: EC2Client, id: string, name: string, description: string, rules: () => IpPermission[]): Promise<void> {
  const out = await ec2.send(
    new CreateSecurityGroupCommand({ VpcId: s.out('vpc'), GroupName: `${STACK}-${name}`, Description: description, TagSpecifications: s.tagSpec('security-group', id, `${STACK}-${name}`) }),
  );
  const groupId = s.made(id, out.GroupId!);
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: rules() }));
}

async function securityGroups(s: Stack, ec2: EC2Client): Promise<void> {
  // adminCidr is empty in the spec: no SSH rules.
  await securityGroup(s, ec2, 'albSg', 'alb-sg', 'ALB - HTTP and HTTPS from anywhere', () => [
    tcp(80, { cidr: '0.0.0.0/0' }, 'HTTP (redirected to HTTPS)'),
    tcp(443, { cidr: '0.0.0.0/0' }, 'HTTPS'),
  ]);
  await securityGroup(s, ec2, 'natSg', 'nat-sg', 'NAT instance - HTTP and HTTPS from the VPC only', () => [
    tcp(80, { cidr: CIDR }, 'HTTP from the VPC'),
    tcp(443, { cidr: CIDR }, 'HTTPS from the VPC'),
  ]);
  await securityGroup(s, ec2, 'ec2Sg', 'ec2-sg', 'App servers - HTTP from the ALB only', () => [tcp(80, { group: s.out('albSg') }, 'HTTP from the ALB')]);
  await securityGroup(s, ec2, 'dbSg', 'rds-sg', 'RDS - MySQL from the app servers only', () => [tcp(3306, { group: s.out('ec2Sg') }, 'MySQL from the app servers')]);
}

/** The newest Canonical image matching the spec's pattern (the ubuntuAmi lookup; not a created resource). */
export async function ubuntuImage(ec2: EC2Client): Promise<{ imageId: string; rootDeviceName: string }> {
  const out = await ec2.send(
    new DescribeImagesCommand({ Owners: [CANONICAL], Filters: [{ Name: 'name', Values: [AMI_PATTERN] }, { Name: 'architecture', Values: ['x86_64'] }] }),
  );
  const newest = [...(out.Images ?? [])].sort((a, b) => (b.CreationDate ?? '').localeCompare(a.CreationDate ?? ''))[0];
  if (newest === undefined) throw new Error(`full stack: no image matches ${AMI_PATTERN}`);
  return { imageId: newest.ImageId!, rootDeviceName: newest.RootDeviceName ?? '/dev/sda1' };
}

async function natInstance(s: Stack, ec2: EC2Client): Promise<void> {
  const ami = await ubuntuImage(ec2);
  s.found('ubuntuAmi', ami.imageId, { rootDeviceName: ami.rootDeviceName });
  const out = await ec2.send(
    new RunInstancesCommand({
      ImageId: ami.imageId,
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      SubnetId: s.out('publicSubnetA'),
      SecurityGroupIds: [s.out('natSg')],
      MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1 },
      BlockDeviceMappings: [{ DeviceName: ami.rootDeviceName, Ebs: { VolumeSize: 8, VolumeType: 'gp3', Encrypted: true } }],
      UserData: userData(s.specValue('natInstance', 'userData') as string),
      TagSpecifications: s.tagSpec('instance', 'natInstance', `${STACK}-nat`),
    }),
  );
  const instanceId = s.made('natInstance', out.Instances![0]!.InstanceId!);
  await ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: instanceId, SourceDestCheck: { Value: false } }));
}

export async function buildNetwork(s: Stack): Promise<void> {
  const ec2 = s.clients.get(EC2Client);
  const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: CIDR, TagSpecifications: s.tagSpec('vpc', 'vpc', `${STACK}-vpc`) }));
  const vpcId = s.made('vpc', vpc.Vpc!.VpcId!, { cidrBlock: CIDR });
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsSupport: { Value: true } }));
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
  await subnets(s, ec2);
  const igw = await ec2.send(new CreateInternetGatewayCommand({ TagSpecifications: s.tagSpec('internet-gateway', 'igw', `${STACK}-igw`) }));
  const igwId = s.made('igw', igw.InternetGateway!.InternetGatewayId!);
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));
  await routeTable(s, ec2, 'publicRouteTable', 'public-rt', { GatewayId: igwId }, [s.out('publicSubnetA'), s.out('publicSubnetB')]);
  await securityGroups(s, ec2);
  await natInstance(s, ec2);
  await routeTable(s, ec2, 'privateRouteTable', 'private-rt', { InstanceId: s.out('natInstance') }, [s.out('privateSubnetA'), s.out('privateSubnetB')]);
  const endpoint = await ec2.send(
    new CreateVpcEndpointCommand({
      VpcId: vpcId,
      ServiceName: `com.amazonaws.${s.region}.s3`,
      VpcEndpointType: 'Gateway',
      RouteTableIds: [s.out('privateRouteTable')],
      TagSpecifications: s.tagSpec('vpc-endpoint', 's3Endpoint', `${STACK}-s3-endpoint`),
    }),
  );
  s.made('s3Endpoint', endpoint.VpcEndpoint!.VpcEndpointId!);
}
