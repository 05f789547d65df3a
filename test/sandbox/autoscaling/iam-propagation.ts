/** Auto Scaling and IAM's eventual consistency: a launch template naming a just-made instance profile. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AutoScalingClient, CreateAutoScalingGroupCommand } from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateCommand, DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { CreateInstanceProfileCommand, IAMClient } from '@aws-sdk/client-iam';
import { createIamSimulator } from '../../../src/sandbox/iam/index.ts';
import { SIMULATORS } from '../../../src/sandbox/services.ts';
import { harness, rejection } from '../harness.ts';
import { network } from '../network-fixture.ts';

describe('autoscaling and IAM propagation', () => {
  it('refuses a group whose launch template names an instance profile not yet known, then accepts it', async () => {
    const h = harness({ services: SIMULATORS.map((s) => (s.name === 'iam' ? createIamSimulator({ propagationMs: 5_000 }) : s)) });
    const net = await network(h.ec2);
    const image = (await h.ec2.send(new DescribeImagesCommand({ Owners: ['099720109477'] }))).Images![0]!.ImageId!;
    const profile = (await h.clients.get(IAMClient).send(new CreateInstanceProfileCommand({ InstanceProfileName: 'app' }))).InstanceProfile!;
    const lt = (await h.ec2.send(new CreateLaunchTemplateCommand({
      LaunchTemplateName: 'app', LaunchTemplateData: { ImageId: image, InstanceType: 't3.micro', IamInstanceProfile: { Arn: profile.Arn } },
    }))).LaunchTemplate!.LaunchTemplateId!;
    const create = () => h.clients.get(AutoScalingClient).send(new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: 'app', LaunchTemplate: { LaunchTemplateId: lt }, MinSize: 1, MaxSize: 1, VPCZoneIdentifier: net.privateA,
    }));
    const err = await rejection(create());
    assert.equal(err.name, 'ValidationError');
    assert.equal(err.message, `You must use a valid fully-formed launch template. Value (${profile.Arn}) for parameter iamInstanceProfile.arn is invalid. Invalid IAM Instance Profile ARN`);
    h.clock.advance(5_000);
    await create();
  });
});
