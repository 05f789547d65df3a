/**
 * What the NAT instance's adapter reads and changes: its volumes (from the AMI's mapping
 * and the launch's overrides), metadata options, monitoring, CPU credits, and the
 * instance types the region offers; and IAM's eventual consistency as EC2 sees it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DescribeImagesCommand, DescribeInstanceCreditSpecificationsCommand, DescribeInstancesCommand, DescribeInstanceTypeOfferingsCommand,
  DescribeVolumesCommand, type EC2Client, ModifyInstanceCreditSpecificationCommand, ModifyInstanceMetadataOptionsCommand, MonitorInstancesCommand,
  RunInstancesCommand, TerminateInstancesCommand, type _InstanceType,
} from '@aws-sdk/client-ec2';
import { AddRoleToInstanceProfileCommand, CreateInstanceProfileCommand, CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { createIamSimulator } from '../../../src/sandbox/iam/index.ts';
import { SIMULATORS } from '../../../src/sandbox/services.ts';
import { harness, rejection } from '../harness.ts';
import { network } from '../network-fixture.ts';
import { EC2_TRUST } from '../iam/fixtures.ts';

async function launchSetup(ec2: EC2Client) {
  const net = await network(ec2);
  const images = await ec2.send(new DescribeImagesCommand({ Owners: ['099720109477'], Filters: [{ Name: 'name', Values: ['ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*'] }] }));
  const image = images.Images![0]!;
  return { net, imageId: image.ImageId!, root: image.RootDeviceName! };
}

const describe1 = async (ec2: EC2Client, id: string) => (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations![0]!.Instances![0]!;

describe('ec2 instance settings', () => {
  it('makes the AMI\'s root volume with the launch\'s size, type and encryption, and deletes it with the instance', async () => {
    const { ec2, clock } = harness();
    const { net, imageId, root } = await launchSetup(ec2);
    assert.equal(root, '/dev/sda1');
    const run = await ec2.send(new RunInstancesCommand({
      ImageId: imageId, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, SubnetId: net.publicA,
      BlockDeviceMappings: [
        { DeviceName: root, Ebs: { VolumeSize: 12, VolumeType: 'gp3', Encrypted: true } },
        { DeviceName: '/dev/sdf', Ebs: { VolumeSize: 20, DeleteOnTermination: false } },
      ],
      TagSpecifications: [{ ResourceType: 'volume', Tags: [{ Key: 'Name', Value: 'nat-disk' }] }],
    }));
    const id = run.Instances![0]!.InstanceId!;
    const inst = await describe1(ec2, id);
    assert.deepEqual(inst.BlockDeviceMappings!.map((b) => [b.DeviceName, b.Ebs!.DeleteOnTermination]), [[root, true], ['/dev/sdf', false]]);
    const vols = (await ec2.send(new DescribeVolumesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [id] }] }))).Volumes!;
    const rootVol = vols.find((v) => v.Attachments![0]!.Device === root)!;
    assert.deepEqual([rootVol.Size, rootVol.VolumeType, rootVol.Encrypted, rootVol.Iops, rootVol.State], [12, 'gp3', true, 3000, 'in-use']);
    assert.deepEqual(rootVol.Tags, [{ Key: 'Name', Value: 'nat-disk' }]);
    const extra = vols.find((v) => v.Attachments![0]!.Device === '/dev/sdf')!;
    assert.deepEqual([extra.Size, extra.VolumeType, extra.Encrypted], [20, 'gp2', false]);

    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    clock.advance(5_000);
    const left = (await ec2.send(new DescribeVolumesCommand({ VolumeIds: [extra.VolumeId!] }))).Volumes!;
    assert.deepEqual(left.map((v) => [v.State, v.Attachments!.length]), [['available', 0]]);
    const err = await rejection(ec2.send(new DescribeVolumesCommand({ VolumeIds: [rootVol.VolumeId!] })));
    assert.equal(err.name, 'InvalidVolume.NotFound');
    assert.equal((await rejection(ec2.send(new RunInstancesCommand({
      ImageId: imageId, MinCount: 1, MaxCount: 1, SubnetId: net.publicA, InstanceType: 't3.micro', BlockDeviceMappings: [{ DeviceName: root, Ebs: { VolumeSize: 4 } }],
    })))).name, 'InvalidBlockDeviceMapping', 'smaller than the AMI\'s snapshot');
  });

  it('keeps the launch\'s metadata options, monitoring and CPU credits, and changes them on a running instance', async () => {
    const { ec2 } = harness();
    const { net, imageId } = await launchSetup(ec2);
    const run = await ec2.send(new RunInstancesCommand({
      ImageId: imageId, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, SubnetId: net.publicA,
      MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1 },
    }));
    const id = run.Instances![0]!.InstanceId!;
    let inst = await describe1(ec2, id);
    assert.deepEqual([inst.MetadataOptions!.HttpTokens, inst.MetadataOptions!.HttpPutResponseHopLimit, inst.Monitoring!.State], ['required', 1, 'disabled']);
    await ec2.send(new ModifyInstanceMetadataOptionsCommand({ InstanceId: id, HttpPutResponseHopLimit: 2 }));
    await ec2.send(new MonitorInstancesCommand({ InstanceIds: [id] }));
    inst = await describe1(ec2, id);
    assert.deepEqual([inst.MetadataOptions!.HttpTokens, inst.MetadataOptions!.HttpPutResponseHopLimit, inst.Monitoring!.State], ['required', 2, 'enabled']);

    const credits = async () => (await ec2.send(new DescribeInstanceCreditSpecificationsCommand({ InstanceIds: [id] }))).InstanceCreditSpecifications![0]!.CpuCredits;
    assert.equal(await credits(), 'unlimited', 't3 launches unlimited');
    const out = await ec2.send(new ModifyInstanceCreditSpecificationCommand({ InstanceCreditSpecifications: [{ InstanceId: id, CpuCredits: 'standard' }] }));
    assert.deepEqual(out.SuccessfulInstanceCreditSpecifications, [{ InstanceId: id }]);
    assert.equal(await credits(), 'standard');
  });

  it('offers the current families in every region and refuses to launch a type it does not offer', async () => {
    const { ec2 } = harness();
    const offered = async (types: string[]) =>
      (await ec2.send(new DescribeInstanceTypeOfferingsCommand({ LocationType: 'region', Filters: [{ Name: 'instance-type', Values: types }] })))
        .InstanceTypeOfferings!.map((o) => [o.InstanceType, o.Location]);
    assert.deepEqual(await offered(['t3.micro', 't3.mega', 'x9.large']), [['t3.micro', 'us-east-1']]);
    const { net, imageId } = await launchSetup(ec2);
    const err = await rejection(ec2.send(new RunInstancesCommand({ ImageId: imageId, InstanceType: 't3.mega' as _InstanceType, MinCount: 1, MaxCount: 1, SubnetId: net.publicA })));
    assert.equal(err.name, 'InvalidParameterValue');
    assert.match(err.message, /Invalid value 't3\.mega' for InstanceType/);
  });

  it('refuses an instance profile IAM made less than its propagation delay ago (off by default), and an unknown one always', async () => {
    const services = SIMULATORS.map((s) => (s.name === 'iam' ? createIamSimulator({ propagationMs: 8_000 }) : s));
    const { ec2, clients, clock } = harness({ services });
    const { net, imageId } = await launchSetup(ec2);
    const iam = clients.get(IAMClient);
    await iam.send(new CreateRoleCommand({ RoleName: 'nat', AssumeRolePolicyDocument: EC2_TRUST }));
    const profile = (await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'nat' }))).InstanceProfile!;
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'nat', RoleName: 'nat' }));
    const launch = (Arn: string) => ec2.send(new RunInstancesCommand({ ImageId: imageId, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, SubnetId: net.publicA, IamInstanceProfile: { Arn } }));
    const early = await rejection(launch(profile.Arn!));
    assert.equal(early.name, 'InvalidParameterValue');
    assert.equal(early.message, `Value (${profile.Arn}) for parameter iamInstanceProfile.arn is invalid. Invalid IAM Instance Profile ARN`);
    clock.advance(8_000);
    const ok = await launch(profile.Arn!);
    assert.equal((await describe1(ec2, ok.Instances![0]!.InstanceId!)).IamInstanceProfile!.Arn, profile.Arn);
    assert.equal((await rejection(launch('arn:aws:iam::123456789012:instance-profile/nope'))).name, 'InvalidParameterValue');

    const plain = harness();
    const p2 = (await plain.clients.get(IAMClient).send(new CreateInstanceProfileCommand({ InstanceProfileName: 'nat' }))).InstanceProfile!;
    const s2 = await launchSetup(plain.ec2);
    const at = await plain.ec2.send(new RunInstancesCommand({ ImageId: s2.imageId, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, SubnetId: s2.net.publicA, IamInstanceProfile: { Arn: p2.Arn } }));
    assert.equal(at.Instances!.length, 1, 'without the option a new profile is usable at once');
  });
});
