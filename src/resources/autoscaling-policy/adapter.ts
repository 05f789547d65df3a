/**
 * autoscaling.policy's adapter: a target-tracking policy of a group. Scaling policies
 * cannot carry tags, so they are known by their natural key (group, policy name) and
 * their owner record lives on the group, which can: a group tag
 * `blogctl:policy:<policyName>` = `<stack>/<id>/<spec hash>` (external-dns's ownership
 * records). A policy without one is not ours (taken only with --adopt). Policies leave
 * with their group.
 */
import {
  AutoScalingClient, CreateOrUpdateTagsCommand, DeletePolicyCommand, DeleteTagsCommand, paginateDescribePolicies, PutScalingPolicyCommand,
  type ScalingPolicy,
} from '@aws-sdk/client-auto-scaling';
import { createHash } from 'node:crypto';
import { KNOWN_AFTER_APPLY, TAG, type AdapterContext, type DesiredOf, type Observation, type ResourceAdapter } from '../../reconciler/types.ts';
import { stackGroups } from '../autoscaling-group/read.ts';
import { diffFields } from '../normalize/compare.ts';
import type { scalingPolicyProperties } from './schema.ts';

type Desired = DesiredOf<typeof scalingPolicyProperties>;

export interface ObservedPolicy {
  readonly policyArn: string;
  readonly policyName: string;
  readonly autoScalingGroupName: string;
  readonly targetTracking: {
    readonly predefinedMetricType: string;
    readonly resourceLabel: string | undefined;
    readonly targetValue: number;
    readonly disableScaleIn: boolean;
  };
  readonly estimatedInstanceWarmup: number | undefined;
  readonly enabled: boolean;
}

/** The group tag holding a policy's owner record (tag keys stop at 128 characters: long names are hashed). */
export function ownerKey(policyName: string): string {
  const key = `blogctl:policy:${policyName}`;
  return key.length <= 128 ? key : `blogctl:policy:#${createHash('sha256').update(policyName).digest('hex').slice(0, 32)}`;
}

const ownerValue = (tags: Readonly<Record<string, string>>): string => `${tags[TAG.stack]}/${tags[TAG.id]}/${tags[TAG.spec] ?? ''}`;

/** The identity an owner record holds. */
function parseOwner(value: string | undefined): Record<string, string> | undefined {
  const [stack, id, spec] = value?.split('/') ?? [];
  if (!stack || !id) return undefined;
  return { [TAG.stack]: stack, [TAG.id]: id, ...(spec ? { [TAG.spec]: spec } : {}) };
}

const fromAws = (p: ScalingPolicy): ObservedPolicy => {
  const t = p.TargetTrackingConfiguration;
  return {
    policyArn: p.PolicyARN!,
    policyName: p.PolicyName!,
    autoScalingGroupName: p.AutoScalingGroupName!,
    targetTracking: {
      predefinedMetricType: t?.PredefinedMetricSpecification?.PredefinedMetricType ?? '',
      resourceLabel: t?.PredefinedMetricSpecification?.ResourceLabel,
      targetValue: t?.TargetValue ?? 0,
      disableScaleIn: t?.DisableScaleIn ?? false,
    },
    estimatedInstanceWarmup: p.EstimatedInstanceWarmup,
    enabled: p.Enabled ?? true,
  };
};

const known = (v: string | undefined): v is string => typeof v === 'string' && v !== '' && !v.includes(KNOWN_AFTER_APPLY);

async function policiesOf(asg: AutoScalingClient, group: string): Promise<ScalingPolicy[]> {
  const out: ScalingPolicy[] = [];
  try {
    for await (const page of paginateDescribePolicies({ client: asg }, { AutoScalingGroupName: group, PolicyTypes: ['TargetTrackingScaling'] }))
      out.push(...(page.ScalingPolicies ?? []));
  } catch (err) {
    if ((err as Error).name === 'ValidationError' && /not found/i.test((err as Error).message)) return [];
    throw err;
  }
  return out;
}

async function put(asg: AutoScalingClient, d: Desired): Promise<string> {
  const t = d.targetTracking;
  const out = await asg.send(new PutScalingPolicyCommand({
    AutoScalingGroupName: d.autoScalingGroupName,
    PolicyName: d.policyName,
    PolicyType: 'TargetTrackingScaling',
    TargetTrackingConfiguration: {
      PredefinedMetricSpecification: { PredefinedMetricType: t.predefinedMetricType, ...(t.resourceLabel !== undefined && { ResourceLabel: t.resourceLabel }) },
      TargetValue: t.targetValue,
      DisableScaleIn: t.disableScaleIn,
    },
    ...(d.estimatedInstanceWarmup !== undefined && { EstimatedInstanceWarmup: d.estimatedInstanceWarmup }),
    Enabled: d.enabled,
  }));
  if (out.PolicyARN) return out.PolicyARN;
  // AWS answers the ARN; an emulator may not (moto): read it back.
  const [p] = (await policiesOf(asg, d.autoScalingGroupName)).filter((x) => x.PolicyName === d.policyName);
  return p?.PolicyARN ?? '';
}

const writeOwner = (asg: AutoScalingClient, group: string, policyName: string, ctx: AdapterContext, id: string) =>
  asg.send(new CreateOrUpdateTagsCommand({
    Tags: [{ ResourceId: group, ResourceType: 'auto-scaling-group', Key: ownerKey(policyName), Value: ownerValue(ctx.identityTags(id)), PropagateAtLaunch: false }],
  }));

const stateOf = (d: Desired, arn: string): ObservedPolicy => ({
  policyArn: arn, policyName: d.policyName, autoScalingGroupName: d.autoScalingGroupName,
  targetTracking: { ...d.targetTracking, resourceLabel: d.targetTracking.resourceLabel }, estimatedInstanceWarmup: d.estimatedInstanceWarmup, enabled: d.enabled,
});

export const scalingPolicyAdapter: ResourceAdapter<'autoscaling.policy', Desired, ObservedPolicy> = {
  kind: 'autoscaling.policy',
  identifiedBy: 'natural-key',
  replaceOn: ['autoScalingGroupName', 'policyName'],
  // The name is the key within its group: a policy moved to another name or group is made anew first.
  replaceOrder: 'create-before-delete',

  async observe(requests, ctx) {
    const asg = ctx.clients.get(AutoScalingClient);
    const groups = await stackGroups(asg, ctx.stack);
    const owned = groups.filter((g) => Object.keys(g.tags).some((k) => k.startsWith('blogctl:policy:')));
    const names = new Set([...owned.map((g) => g.autoScalingGroupName), ...requests.map((r) => r.desired?.autoScalingGroupName).filter(known)]);
    const found: Observation<ObservedPolicy>[] = [];
    await Promise.all([...names].map(async (group) => {
      const tags = groups.find((g) => g.autoScalingGroupName === group)?.tags ?? {};
      for (const p of (await policiesOf(asg, group)).map(fromAws)) {
        const owner = parseOwner(tags[ownerKey(p.policyName)]);
        const asked = requests.find((r) => r.desired?.autoScalingGroupName === group && r.desired.policyName === p.policyName);
        if (owner) found.push({ id: owner[TAG.id]!, state: p, tags: owner });
        else if (asked) found.push({ id: asked.id, state: p, tags: {} });
      }
    }));
    return found;
  },

  diff: (desired, observed) => [
    ...diffFields(desired, observed, ['autoScalingGroupName', 'policyName', 'estimatedInstanceWarmup', 'enabled']),
    ...(['predefinedMetricType', 'resourceLabel', 'targetValue', 'disableScaleIn'] as const)
      .filter((k) => desired.targetTracking[k] !== observed.targetTracking[k])
      .map((k) => ({ path: `targetTracking.${k}`, from: observed.targetTracking[k], to: desired.targetTracking[k] })),
  ],

  async create(id, desired, ctx) {
    const asg = ctx.clients.get(AutoScalingClient);
    // The owner record first: a policy never exists without it, so a crash cannot leave one looking foreign.
    await writeOwner(asg, desired.autoScalingGroupName, desired.policyName, ctx, id);
    return stateOf(desired, await put(asg, desired));
  },

  async update(id, desired, observed, changes, ctx) {
    const asg = ctx.clients.get(AutoScalingClient);
    await writeOwner(asg, observed.autoScalingGroupName, observed.policyName, ctx, id);
    const arn = changes.some((c) => !c.path.startsWith('tags.')) ? await put(asg, desired) : observed.policyArn;
    return stateOf(desired, arn);
  },

  async delete(observed, ctx) {
    const asg = ctx.clients.get(AutoScalingClient);
    const gone = (err: unknown) => (err as Error).name === 'ValidationError' && /not found/i.test((err as Error).message);
    try {
      await asg.send(new DeletePolicyCommand({ AutoScalingGroupName: observed.autoScalingGroupName, PolicyName: observed.policyName }));
      await asg.send(new DeleteTagsCommand({ Tags: [{ ResourceId: observed.autoScalingGroupName, ResourceType: 'auto-scaling-group', Key: ownerKey(observed.policyName) }] }));
    } catch (err) {
      if (!gone(err)) throw err;
    }
  },

  outputs: (o) => ({ id: o.policyArn, arn: o.policyArn, name: o.policyName }),
};
