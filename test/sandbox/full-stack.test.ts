/**
 * The whole blog.spec.yaml deployment built in one in-memory sandbox (bench/full-stack.ts),
 * and what only holds across services: the certificate ACM issued from the Route 53
 * record is used by the ALB and CloudFront, the distribution deploys as the clock moves,
 * RDS serves an endpoint and keeps the password in Secrets Manager, the ALB is active,
 * and an upload under media/ in the media bucket runs the Lambda function.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ACMClient, DescribeCertificateCommand } from '@aws-sdk/client-acm';
import { CloudFrontClient, GetDistributionCommand } from '@aws-sdk/client-cloudfront';
import { DescribeInstanceAttributeCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { ListResourceRecordSetsCommand, Route53Client } from '@aws-sdk/client-route-53';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { buildFullStack, type FullStack } from '../../bench/full-stack.ts';
import { AwsClients } from '../../src/aws/clients.ts';
import { createLambdaSimulator, type LambdaState } from '../../src/sandbox/lambda/index.ts';
import { createSandbox, ManualClock, type Sandbox, SIMULATORS } from '../../src/sandbox/index.ts';

describe('the full blog stack in one sandbox', () => {
  const clock = new ManualClock(Date.UTC(2025, 0, 1));
  const seen: unknown[] = [];
  const services = SIMULATORS.map((sim) =>
    sim.name === 'lambda' ? createLambdaSimulator({ moduleRoot: null, handlers: { 'blog-s3-events': (event) => (seen.push(event), { ok: true }) } }) : sim,
  );
  const sandbox: Sandbox = createSandbox({ clock, services });
  const clients = new AwsClients({ sandbox });
  let stack: FullStack;
  let deployingAfterBuild: string | undefined;

  before(async () => {
    stack = await buildFullStack(sandbox, { settle: false });
    const cf = clients.get(CloudFrontClient);
    deployingAfterBuild = (await cf.send(new GetDistributionCommand({ Id: stack.outputs['cdn'] }))).Distribution?.Status;
    clock.advance(60_000);
  });

  it('creates every resource of the spec but the two lookups, tagged', async () => {
    assert.equal(stack.created.length, 39);
    assert.equal(new Set(stack.created).size, 39);
    const vpcs = await clients.get(EC2Client).send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:blogctl:id', Values: ['vpc'] }, { Name: 'tag:blogctl:stack', Values: ['blog'] }] }));
    assert.deepEqual(vpcs.Vpcs?.map((v) => v.VpcId), [stack.outputs['vpc']]);
    const nat = await clients.get(EC2Client).send(new DescribeInstanceAttributeCommand({ InstanceId: stack.outputs['natInstance'], Attribute: 'sourceDestCheck' }));
    assert.equal(nat.SourceDestCheck?.Value, false);
  });

  it('has an ISSUED certificate, used by the ALB and the distribution', async () => {
    const cert = (await clients.get(ACMClient).send(new DescribeCertificateCommand({ CertificateArn: stack.outputs['cert'] }))).Certificate!;
    assert.equal(cert.Status, 'ISSUED');
    assert.deepEqual(cert.InUseBy, [stack.outputs['alb'], stack.outputs['cdn.arn']].sort());
  });

  it('has a distribution that deploys as the clock advances', async () => {
    assert.equal(deployingAfterBuild, 'InProgress');
    const d = (await clients.get(CloudFrontClient).send(new GetDistributionCommand({ Id: stack.outputs['cdn'] }))).Distribution!;
    assert.equal(d.Status, 'Deployed');
    assert.deepEqual(d.DistributionConfig?.Aliases?.Items, ['www.example.com']);
  });

  it('has the database available, with an endpoint and its password in Secrets Manager', async () => {
    const db = (await clients.get(RDSClient).send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'blog-db' }))).DBInstances![0]!;
    assert.equal(db.DBInstanceStatus, 'available');
    assert.equal(db.Endpoint?.Address, stack.outputs['db.endpoint']);
    assert.equal(db.Endpoint?.Port, 3306);
    const secret = await clients.get(SecretsManagerClient).send(new GetSecretValueCommand({ SecretId: db.MasterUserSecret!.SecretArn! }));
    assert.equal((JSON.parse(secret.SecretString!) as { username: string }).username, 'admin');
  });

  it('has the ALB active', async () => {
    const lb = (await clients.get(ElasticLoadBalancingV2Client).send(new DescribeLoadBalancersCommand({ Names: ['blog-alb'] }))).LoadBalancers![0]!;
    assert.equal(lb.State?.Code, 'active');
    assert.equal(lb.DNSName, stack.outputs['alb.dnsName']);
  });

  it('publishes www as a failover pair: CloudFront first, the failover bucket second', async () => {
    const records = await clients.get(Route53Client).send(new ListResourceRecordSetsCommand({ HostedZoneId: stack.outputs['zone'], StartRecordName: 'www.example.com', StartRecordType: 'A' }));
    const www = (records.ResourceRecordSets ?? []).filter((r) => r.Name === 'www.example.com.' && r.Type === 'A');
    assert.deepEqual(www.map((r) => [r.Failover, r.AliasTarget?.DNSName]).sort(), [
      ['PRIMARY', `${stack.outputs['cdn.domainName']}.`],
      ['SECONDARY', 's3-website-us-east-1.amazonaws.com.'],
    ]);
  });

  it('runs the Lambda function for an upload under media/ (and not for static/)', async () => {
    const s3 = clients.get(S3Client);
    const Bucket = stack.outputs['media']!;
    await s3.send(new PutObjectCommand({ Bucket, Key: 'static/site.css', Body: 'body {}' }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'media/cat.jpg', Body: 'jpeg', ContentType: 'image/jpeg' }));
    assert.deepEqual(sandbox.effectErrors, []);
    const invocations = ((await sandbox.snapshot()).services['lambda'] as LambdaState).invocations;
    assert.equal(invocations.length, 1);
    const [run] = invocations;
    assert.equal(run?.source, 's3');
    assert.equal(run?.functionArn, stack.outputs['s3EventsFunction.arn']);
    assert.equal(run?.status, 'succeeded');
    const event = JSON.parse(run!.event) as { Records: { s3: { bucket: { name: string }; object: { key: string } } }[] };
    assert.deepEqual(event.Records.map((r) => [r.s3.bucket.name, r.s3.object.key]), [[Bucket, 'media/cat.jpg']]);
    assert.equal(seen.length, 1);
  });
});
