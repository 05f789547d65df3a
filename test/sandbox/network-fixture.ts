/**
 * A VPC as the blog stack builds it, through the real EC2Client: two public and two
 * private subnets in two zones, an internet gateway, and security groups. Used by the
 * RDS, ELBv2 and Auto Scaling suites, whose resources live in EC2's networking.
 */
import {
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';

export interface Network {
  readonly vpcId: string;
  readonly publicA: string;
  readonly publicB: string;
  readonly privateA: string;
  readonly privateB: string;
  /** A third subnet in zone a (same zone as publicA/privateA). */
  readonly extraA: string;
  readonly sgId: string;
  readonly otherSgId: string;
}

export async function network(ec2: EC2Client, options: { internetGateway?: boolean; cidr?: string } = {}): Promise<Network> {
  const cidr = options.cidr ?? '10.0.0.0/16';
  const prefix = cidr.split('.').slice(0, 2).join('.');
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc!.VpcId!;
  const subnet = async (third: number, az: string) =>
    (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `${prefix}.${third}.0/24`, AvailabilityZone: az }))).Subnet!.SubnetId!;
  const publicA = await subnet(10, 'us-east-1a');
  const publicB = await subnet(20, 'us-east-1b');
  const privateA = await subnet(11, 'us-east-1a');
  const privateB = await subnet(21, 'us-east-1b');
  const extraA = await subnet(12, 'us-east-1a');
  if (options.internetGateway ?? true) {
    const igw = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
    await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcId }));
  }
  const sg = async (name: string) => (await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: name, Description: name }))).GroupId!;
  return { vpcId, publicA, publicB, privateA, privateB, extraA, sgId: await sg('app'), otherSgId: await sg('other') };
}
