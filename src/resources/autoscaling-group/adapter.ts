/**
 * autoscaling.group's adapter. Settings change in place (UpdateAutoScalingGroup, target
 * groups attached and detached); only the name forces a replacement. The desired
 * capacity is sent only when the spec's change asks for it, so `ignoreChanges:
 * [desiredCapacity]` leaves target tracking in charge. With `instanceRefresh`, instances
 * running another launch template version than the spec's are a difference
 * (`instances`), and the update replaces them by an instance refresh.
 */
import {
  AttachLoadBalancerTargetGroupsCommand, AutoScalingClient, CreateAutoScalingGroupCommand, CreateOrUpdateTagsCommand, DeleteAutoScalingGroupCommand,
  DeleteTagsCommand, DetachLoadBalancerTargetGroupsCommand, UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { TAG, type DesiredOf, type FieldChange, type Observation, type ResourceAdapter } from '../../reconciler/types.ts';
import { whileIamPropagates } from '../iam-propagation.ts';
import { diffFields, diffIdSet } from '../normalize/compare.ts';
import { diffTags,  syncTags } from '../normalize/tags.ts';
import { describeGroups, serving, stackGroups, type ObservedGroup } from './read.ts';
import { refreshInstances } from './refresh.ts';
import type { autoScalingGroupProperties } from './schema.ts';

type Desired = DesiredOf<typeof autoScalingGroupProperties>;

const TIMEOUTS = { create: 15 * 60_000, update: 60 * 60_000, delete: 20 * 60_000, ready: 15 * 60_000 };

const groupTags = (name: string, tags: Readonly<Record<string, string>>) =>
  Object.entries(tags).map(([Key, Value]) => ({ ResourceId: name, ResourceType: 'auto-scaling-group', Key, Value, PropagateAtLaunch: false }));

/** Instances not on the spec's template version, when a refresh would replace them. */
function outdated(desired: Desired, observed: ObservedGroup): FieldChange[] {
  const { launchTemplateId, version } = desired.launchTemplate;
  if (!desired.instanceRefresh || !/^\d+$/.test(version)) return [];
  const old = serving(observed).filter((i) => i.launchTemplateId !== launchTemplateId || i.version !== version);
  if (old.length === 0) return [];
  const versions = [...new Set(old.map((i) => i.version ?? '?'))].sort().join(', ');
  return [{
    path: 'instances',
    from: `${old.length} on launch template version ${versions}`,
    to: `instance refresh to version ${version} (minHealthyPercentage ${desired.instanceRefresh.minHealthyPercentage})`,
  }];
}

const changedIn = (changes: readonly FieldChange[], ...paths: string[]) =>
  changes.some((c) => paths.some((p) => c.path === p || c.path.startsWith(`${p}.`) || c.path.startsWith(`${p}[`)));

const notFound = (err: unknown): boolean => (err as Error).name === 'ValidationError' && /not found/i.test((err as Error).message);

export const autoScalingGroupAdapter: ResourceAdapter<'autoscaling.group', Desired, ObservedGroup> = {
  kind: 'autoscaling.group',
  replaceOn: ['autoScalingGroupName'],
  // A new name: the new group runs before the old one is deleted.
  replaceOrder: 'create-before-delete',
  timeouts: TIMEOUTS,

  async observe(requests, ctx) {
    const asg = ctx.clients.get(AutoScalingClient);
    const confirming = new Set(requests.map((r) => r.last?.autoScalingGroupName).filter(Boolean));
    const groups = (await stackGroups(asg, ctx.stack)).filter((g) => !g.deleting || confirming.has(g.autoScalingGroupName));
    const found: Observation<ObservedGroup>[] = [];
    for (const g of groups) {
      const id = g.tags[TAG.id];
      if (id) found.push({ id, state: g, tags: g.tags });
    }
    // Requested groups not found by tag, by name (adoption candidates), in one call.
    const missing = requests.filter((r) => r.desired && !found.some((f) => f.id === r.id));
    const names = [...new Set(missing.map((r) => r.desired!.autoScalingGroupName))].filter((n) => !groups.some((g) => g.autoScalingGroupName === n));
    if (names.length > 0)
      for (const g of await describeGroups(asg, { AutoScalingGroupNames: names }))
        if (!g.deleting) found.push({ id: missing.find((r) => r.desired!.autoScalingGroupName === g.autoScalingGroupName)!.id, state: g, tags: g.tags });
    return found;
  },

  diff: (desired, observed, explain) => [
    ...diffFields(desired, observed, ['autoScalingGroupName']),
    ...(['launchTemplateId', 'version'] as const)
      .filter((k) => desired.launchTemplate[k] !== observed.launchTemplate[k])
      .map((k) => ({ path: `launchTemplate.${k}`, from: observed.launchTemplate[k], to: desired.launchTemplate[k] })),
    ...diffFields(desired, observed, ['minSize', 'maxSize', 'desiredCapacity', 'healthCheckType', 'healthCheckGracePeriod', 'defaultCooldown', 'terminationPolicies', 'capacityRebalance']),
    ...diffIdSet('subnetIds', desired.subnetIds, observed.subnetIds),
    ...diffIdSet('targetGroupArns', desired.targetGroupArns, observed.targetGroupArns),
    ...outdated(desired, observed),
    ...diffTags(desired.tags, observed.tags, explain),
  ],

  async create(id, desired, ctx) {
    const asg = ctx.clients.get(AutoScalingClient);
    const name = desired.autoScalingGroupName;
    // One call, the final identity tags at once; IAM may not have propagated the template's profile yet.
    await whileIamPropagates(ctx, () => asg.send(new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: name,
      LaunchTemplate: { LaunchTemplateId: desired.launchTemplate.launchTemplateId, Version: desired.launchTemplate.version },
      MinSize: desired.minSize,
      MaxSize: desired.maxSize,
      ...(desired.desiredCapacity !== undefined && { DesiredCapacity: desired.desiredCapacity }),
      VPCZoneIdentifier: desired.subnetIds.join(','),
      TargetGroupARNs: desired.targetGroupArns,
      HealthCheckType: desired.healthCheckType,
      HealthCheckGracePeriod: desired.healthCheckGracePeriod,
      DefaultCooldown: desired.defaultCooldown,
      TerminationPolicies: desired.terminationPolicies,
      CapacityRebalance: desired.capacityRebalance,
      Tags: groupTags(name, { ...(desired.tags ?? {}), ...ctx.identityTags(id) }),
    })));
    const [made] = await describeGroups(asg, { AutoScalingGroupNames: [name] });
    return made!;
  },

  async update(id, desired, observed, changes, ctx) {
    const asg = ctx.clients.get(AutoScalingClient);
    const name = observed.autoScalingGroupName;
    const settings = ['launchTemplate', 'minSize', 'maxSize', 'desiredCapacity', 'subnetIds', 'healthCheckType', 'healthCheckGracePeriod', 'defaultCooldown', 'terminationPolicies', 'capacityRebalance'];
    if (changedIn(changes, ...settings))
      await whileIamPropagates(ctx, () => asg.send(new UpdateAutoScalingGroupCommand({
        AutoScalingGroupName: name,
        LaunchTemplate: { LaunchTemplateId: desired.launchTemplate.launchTemplateId, Version: desired.launchTemplate.version },
        MinSize: desired.minSize,
        MaxSize: desired.maxSize,
        // Only when the spec's change asks for it: ignoreChanges [desiredCapacity] keeps scaling policies in charge.
        ...(changedIn(changes, 'desiredCapacity') && desired.desiredCapacity !== undefined && { DesiredCapacity: desired.desiredCapacity }),
        ...(changedIn(changes, 'subnetIds') && { VPCZoneIdentifier: desired.subnetIds.join(',') }),
        HealthCheckType: desired.healthCheckType,
        HealthCheckGracePeriod: desired.healthCheckGracePeriod,
        DefaultCooldown: desired.defaultCooldown,
        TerminationPolicies: desired.terminationPolicies,
        CapacityRebalance: desired.capacityRebalance,
      })));
    const attach = desired.targetGroupArns.filter((a) => !observed.targetGroupArns.includes(a));
    const detach = observed.targetGroupArns.filter((a) => !desired.targetGroupArns.includes(a));
    if (attach.length > 0) await asg.send(new AttachLoadBalancerTargetGroupsCommand({ AutoScalingGroupName: name, TargetGroupARNs: attach }));
    if (detach.length > 0) await asg.send(new DetachLoadBalancerTargetGroupsCommand({ AutoScalingGroupName: name, TargetGroupARNs: detach }));
    const identity = ctx.identityTags(id);
    await syncTags(desired.tags, observed.tags, identity, {
      add: (set) => asg.send(new CreateOrUpdateTagsCommand({ Tags: groupTags(name, set) })),
      remove: (remove) => asg.send(new DeleteTagsCommand({ Tags: remove.map((Key) => ({ ResourceId: name, ResourceType: 'auto-scaling-group', Key })) })),
    });
    if (desired.instanceRefresh && changedIn(changes, 'launchTemplate', 'instances'))
      await refreshInstances(asg, name, desired.instanceRefresh, ctx, TIMEOUTS.update);
    const [now] = await describeGroups(asg, { AutoScalingGroupNames: [name] });
    return now!;
  },

  async delete(observed, ctx) {
    try {
      // Force: its instances are terminated with it. AWS answers at once and deletes for minutes.
      await ctx.clients.get(AutoScalingClient).send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: observed.autoScalingGroupName, ForceDelete: true }));
    } catch (err) {
      if (notFound(err)) return 'deleted';
      throw err;
    }
    return 'deleting';
  },

  readiness: (o) => (o.instances.filter((i) => i.lifecycleState === 'InService').length >= o.minSize ? 'ready' : 'pending'),

  outputs: (o) => ({ id: o.autoScalingGroupName, name: o.autoScalingGroupName, arn: o.arn }),
};
