/** What the ELBv2 suites share: clients, the blog's network, an ALB, a target group, an issued certificate. */
import { ACMClient, RequestCertificateCommand } from '@aws-sdk/client-acm';
import {
  CreateLoadBalancerCommand,
  type CreateLoadBalancerCommandInput,
  CreateTargetGroupCommand,
  type CreateTargetGroupCommandInput,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { Route53Client } from '@aws-sdk/client-route-53';
import { publishValidation } from '../acm/setup.ts';
import { harness } from '../harness.ts';
import { network, type Network } from '../network-fixture.ts';

export async function elbHarness(options: { internetGateway?: boolean } = {}) {
  const h = harness();
  const net: Network = await network(h.ec2, options);
  return { ...h, net, elb: h.clients.get(ElasticLoadBalancingV2Client), acm: h.clients.get(ACMClient), r53: h.clients.get(Route53Client) };
}

type H = Awaited<ReturnType<typeof elbHarness>>;

export function albInput(net: Network, overrides: Partial<CreateLoadBalancerCommandInput> = {}): CreateLoadBalancerCommandInput {
  return {
    Name: 'blog-alb', Subnets: [net.publicA, net.publicB], SecurityGroups: [net.sgId], Scheme: 'internet-facing', Type: 'application',
    Tags: [{ Key: 'blogctl:id', Value: 'alb' }], ...overrides,
  };
}

export function tgInput(net: Network, overrides: Partial<CreateTargetGroupCommandInput> = {}): CreateTargetGroupCommandInput {
  return { Name: 'blog-tg', Protocol: 'HTTP', Port: 80, VpcId: net.vpcId, TargetType: 'instance', ...overrides };
}

export async function alb(h: H, overrides: Partial<CreateLoadBalancerCommandInput> = {}): Promise<string> {
  return (await h.elb.send(new CreateLoadBalancerCommand(albInput(h.net, overrides)))).LoadBalancers![0]!.LoadBalancerArn!;
}

export async function targetGroup(h: H, overrides: Partial<CreateTargetGroupCommandInput> = {}): Promise<string> {
  return (await h.elb.send(new CreateTargetGroupCommand(tgInput(h.net, overrides)))).TargetGroups![0]!.TargetGroupArn!;
}

/** A certificate for www.example.com, validated through Route 53 and ISSUED. */
export async function issuedCertificate(h: H): Promise<string> {
  const arn = (await h.acm.send(new RequestCertificateCommand({ DomainName: 'www.example.com', ValidationMethod: 'DNS' }))).CertificateArn!;
  h.clock.advance(500);
  await publishValidation(h.acm, h.r53, arn);
  h.clock.advance(3_000);
  return arn;
}
