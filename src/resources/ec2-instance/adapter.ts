/**
 * ec2.instance's adapter (the NAT instance). What cannot change on a running instance
 * (image, type, subnet, key, user data, profile, volumes) replaces it, new one first: it
 * is launched and running before the route table moves its route to it, and the old one
 * is terminated last, so the private subnets lose their way out for as short as can be.
 * Security groups, source/dest check, metadata options, monitoring and CPU credits
 * change in place.
 */
import {
  EC2Client, ModifyInstanceAttributeCommand, ModifyInstanceCreditSpecificationCommand, ModifyInstanceMetadataOptionsCommand, MonitorInstancesCommand,
  RunInstancesCommand, TerminateInstancesCommand, UnmonitorInstancesCommand, type _InstanceType,
} from '@aws-sdk/client-ec2';
import type { AdapterContext, DesiredOf, Observation, ResourceAdapter } from '../../reconciler/types.ts';
import { isNotFound } from '../aws-errors.ts';
import { instanceTypeProblems } from '../ec2/instance-types.ts';
import {
  diffBlockDevices, diffMetadataOptions, encodeUserData, optional, toBlockDeviceMappings, toMetadataOptions,
} from '../ec2/instance-data.ts';
import { markCreated, stackFilter, syncEc2Tags, tagged, tagSpecifications } from '../ec2/tags.ts';
import { whileIamPropagates } from '../iam-propagation.ts';
import { diffFields, diffIdSet } from '../normalize/compare.ts';
import { diffTags } from '../normalize/tags.ts';
import { describeInstances, readInstances, type ObservedInstance } from './read.ts';
import type { instanceProperties } from './schema.ts';

type Desired = DesiredOf<typeof instanceProperties>;

const TIMEOUTS = { create: 10 * 60_000, update: 10 * 60_000, delete: 20 * 60_000, ready: 10 * 60_000 };

/** Optional strings where '' and absent both mean none. */
const noneable = (d: Desired, o: ObservedInstance) =>
  (['keyName', 'userData', 'iamInstanceProfileArn'] as const)
    .filter((k) => optional(d[k]) !== o[k])
    .map((k) => ({ path: k, from: o[k], to: optional(d[k]) }));

/** Launches it tagged "creating" (retrying while IAM propagates its profile); returns its id. */
async function launch(id: string, d: Desired, ctx: AdapterContext): Promise<string> {
  const ec2 = ctx.clients.get(EC2Client);
  const input = {
    ImageId: d.imageId,
    InstanceType: d.instanceType as _InstanceType,
    MinCount: 1,
    MaxCount: 1,
    SubnetId: d.subnetId,
    SecurityGroupIds: d.securityGroupIds,
    MetadataOptions: toMetadataOptions(d.metadataOptions),
    Monitoring: { Enabled: d.monitoring },
    ...(optional(d.userData) !== undefined && { UserData: encodeUserData(d.userData!) }),
    ...(optional(d.keyName) !== undefined && { KeyName: d.keyName }),
    ...(optional(d.iamInstanceProfileArn) !== undefined && { IamInstanceProfile: { Arn: d.iamInstanceProfileArn } }),
    ...(d.blockDeviceMappings.length > 0 && { BlockDeviceMappings: toBlockDeviceMappings(d.blockDeviceMappings) }),
    ...(d.creditSpecification !== undefined && { CreditSpecification: { CpuCredits: d.creditSpecification } }),
    // No ClientToken: EC2 answers a repeated token with the first instance even once it is
    // terminated (destroy, then reconcile the same spec). A crashed launch is found by its tags.
    TagSpecifications: [
      ...tagSpecifications('instance', d.tags, ctx.identityTags(id, 'creating')),
      ...(d.tags && Object.keys(d.tags).length > 0 ? tagSpecifications('volume', d.tags, {}) : []),
    ],
  };
  const out = await whileIamPropagates(ctx, () => ec2.send(new RunInstancesCommand(input)));
  return out.Instances![0]!.InstanceId!;
}

export const instanceAdapter: ResourceAdapter<'ec2.instance', Desired, ObservedInstance> = {
  kind: 'ec2.instance',
  replaceOn: ['imageId', 'instanceType', 'subnetId', 'keyName', 'userData', 'iamInstanceProfileArn', 'blockDeviceMappings'],
  // A NAT instance has no name to clash: the new one runs (and takes the route) before the old one goes.
  replaceOrder: 'create-before-delete',
  timeouts: TIMEOUTS,

  async observe(requests, ctx) {
    const ec2 = ctx.clients.get(EC2Client);
    // A terminating instance counts only while its delete is being confirmed (else a replaced one looks like a duplicate).
    const confirming = new Set(requests.map((r) => r.last?.instanceId).filter(Boolean));
    const found = (await describeInstances(ec2, stackFilter(ctx.stack)))
      .filter((f) => f.instance.State?.Name !== 'shutting-down' || confirming.has(f.instance.InstanceId));
    const credits = requests.some((r) => r.desired?.creditSpecification !== undefined);
    const states = await readInstances(ec2, found, { region: ctx.region, credits });
    return states.map(tagged).filter((o): o is Observation<ObservedInstance> => o !== undefined);
  },

  diff: (desired, observed, explain) => [
    ...diffFields(desired, observed, ['imageId', 'instanceType', 'subnetId']),
    ...noneable(desired, observed),
    ...diffBlockDevices(desired.blockDeviceMappings, observed.blockDeviceMappings),
    ...diffIdSet('securityGroupIds', desired.securityGroupIds, observed.securityGroupIds),
    ...diffFields(desired, observed, ['sourceDestCheck', 'monitoring', 'creditSpecification']),
    ...diffMetadataOptions(desired.metadataOptions, observed.metadataOptions),
    ...diffTags(desired.tags, observed.tags, explain),
  ],

  async create(id, desired, ctx) {
    const ec2 = ctx.clients.get(EC2Client);
    const instanceId = await launch(id, desired, ctx);
    // A failure from here on leaves an instance tagged "creating": the next reconcile finds it and finishes.
    if (!desired.sourceDestCheck) await ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: instanceId, SourceDestCheck: { Value: false } }));
    // Dependents (the route to a NAT instance) get it only once it runs.
    const running = await ctx.waitFor(async () => {
      const [f] = await describeInstances(ec2, [{ Name: 'instance-id', Values: [instanceId] }]);
      if (f?.instance.State?.Name === 'running') return f;
      if (!f || f.instance.State?.Name !== 'pending') throw new Error(`instance ${instanceId} is ${f?.instance.State?.Name ?? 'gone'} instead of running: ${f?.instance.StateReason?.Message ?? 'no reason given'}`);
      return undefined;
    }, { what: 'creating', timeoutMs: TIMEOUTS.create });
    const identity = ctx.identityTags(id);
    await markCreated(ec2, instanceId, identity);
    const [state] = await readInstances(ec2, [running], { region: ctx.region, credits: desired.creditSpecification !== undefined, userData: new Map([[instanceId, optional(desired.userData)]]) });
    return { ...state!, sourceDestCheck: desired.sourceDestCheck, tags: { ...state!.tags, ...identity } };
  },

  async update(id, desired, observed, changes, ctx) {
    const ec2 = ctx.clients.get(EC2Client);
    const InstanceId = observed.instanceId;
    const changed = (prefix: string) => changes.some((c) => c.path === prefix || c.path.startsWith(`${prefix}.`) || c.path.startsWith(`${prefix}[`));
    if (changed('securityGroupIds')) await ec2.send(new ModifyInstanceAttributeCommand({ InstanceId, Groups: desired.securityGroupIds }));
    if (changed('sourceDestCheck')) await ec2.send(new ModifyInstanceAttributeCommand({ InstanceId, SourceDestCheck: { Value: desired.sourceDestCheck } }));
    if (changed('metadataOptions')) await ec2.send(new ModifyInstanceMetadataOptionsCommand({ InstanceId, ...toMetadataOptions(desired.metadataOptions) }));
    if (changed('monitoring')) await ec2.send(desired.monitoring ? new MonitorInstancesCommand({ InstanceIds: [InstanceId] }) : new UnmonitorInstancesCommand({ InstanceIds: [InstanceId] }));
    if (changed('creditSpecification') && desired.creditSpecification !== undefined) {
      const out = await ec2.send(new ModifyInstanceCreditSpecificationCommand({ InstanceCreditSpecifications: [{ InstanceId, CpuCredits: desired.creditSpecification }] }));
      const failed = out.UnsuccessfulInstanceCreditSpecifications?.[0];
      if (failed) throw Object.assign(new Error(failed.Error?.Message ?? 'credit specification refused'), { name: failed.Error?.Code ?? 'Unsuccessful' });
    }
    const identity = ctx.identityTags(id);
    await syncEc2Tags(ec2, InstanceId, desired.tags, observed.tags, identity);
    return {
      ...observed,
      securityGroupIds: [...desired.securityGroupIds].sort(),
      sourceDestCheck: desired.sourceDestCheck,
      metadataOptions: desired.metadataOptions,
      monitoring: desired.monitoring,
      creditSpecification: desired.creditSpecification ?? observed.creditSpecification,
      tags: { ...(desired.tags ?? {}), ...identity },
    };
  },

  async delete(observed, ctx) {
    try {
      await ctx.clients.get(EC2Client).send(new TerminateInstancesCommand({ InstanceIds: [observed.instanceId] }));
    } catch (err) {
      if (isNotFound(err)) return 'deleted';
      throw err;
    }
    // Shutting down takes a while; what it used (security groups, subnet) waits until it is terminated.
    return 'deleting';
  },

  readiness: (o) => (o.state === 'running' ? 'ready' : o.state === 'pending' ? 'pending' : 'failed'),

  preflight: (requests, ctx) => instanceTypeProblems(requests, ctx),

  outputs: (o) => ({
    id: o.instanceId, arn: o.arn, privateIpAddress: o.privateIpAddress, primaryNetworkInterfaceId: o.primaryNetworkInterfaceId,
    publicIpAddress: o.publicIpAddress ?? '', availabilityZone: o.availabilityZone,
  }),
};
