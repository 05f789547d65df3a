/**
 * Simulators are loaded when their service is first called (or first needed by another
 * service's call): a run that talks only to EC2 loads neither the CloudFront simulator
 * nor the CloudFront SDK client it imports. This file imports no SDK client but EC2's.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { harness, rejection } from './harness.ts';

/** SDK clients load as CommonJS (their package's main), so they show in the require cache. */
const cache = createRequire(import.meta.url).cache;
const loaded = (pkg: string) => Object.keys(cache).some((k) => k.includes(`/node_modules/${pkg}/`));

const OTHER_CLIENTS = ['CloudFrontClient', 'RDSClient', 'S3Client', 'LambdaClient', 'IAMClient', 'Route53Client', 'ACMClient', 'DynamoDBClient'];
const OTHER_PACKAGES = ['client-cloudfront', 'client-rds', 'client-s3', 'client-lambda', 'client-iam', 'client-route-53', 'client-acm', 'client-dynamodb'];

describe('lazy simulators', () => {
  it('an EC2-only run loads the EC2 simulator and no other, nor their SDK clients', async () => {
    const { ec2, sandbox } = harness();
    assert.equal(sandbox.simulatorFor('EC2Client'), undefined, 'nothing is loaded before a call');
    const out = await ec2.send(new DescribeVpcsCommand({}));
    assert.equal(out.Vpcs?.length, 1);
    assert.equal(sandbox.simulatorFor('EC2Client')?.name, 'ec2');
    for (const client of OTHER_CLIENTS) assert.equal(sandbox.simulatorFor(client), undefined, client);
    assert.equal(loaded('@aws-sdk/client-ec2'), true);
    for (const pkg of OTHER_PACKAGES) assert.equal(loaded(`@aws-sdk/${pkg}`), false, pkg);
  });

  it('a call that needs another service\'s state loads that simulator, then runs', async () => {
    const { sandbox } = harness();
    const err = await rejection(
      sandbox.call('RDSClient', 'CreateDBSubnetGroup', { DBSubnetGroupName: 'db', DBSubnetGroupDescription: 'd', SubnetIds: ['subnet-0123456789abcdef0'] }),
    );
    assert.equal((err as unknown as { code: string }).code, 'InvalidSubnet', err.message);
    assert.equal(sandbox.simulatorFor('EC2Client')?.name, 'ec2', 'RDS read EC2 state, so EC2 was loaded');
    assert.equal(sandbox.simulatorFor('CloudFrontClient'), undefined);
    assert.equal(loaded('@aws-sdk/client-cloudfront'), false);
  });
});
