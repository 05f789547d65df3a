/** autoscaling.group: the app servers, launched from a launch template into private subnets. */
import { z } from 'zod';
import type { CheckContext, KindSchema, SpecProblem, SpecResource } from '../../reconciler/types.ts';
import { checkOneVpc, checkOutputUse, list, target } from '../cross-checks.ts';
import { arn, idRef, idRefs, int, oneOf, str, tags } from '../fields.ts';

export const autoScalingGroupProperties = z
  .object({
    autoScalingGroupName: str(),
    launchTemplate: z
      .object({
        launchTemplateId: idRef(),
        /** A version number, $Latest or $Default; ${lt.latestVersion} follows every change. */
        version: str().default('$Default'),
      })
      .strict(),
    minSize: int(0, 10000),
    maxSize: int(0, 10000),
    /** Absent: AWS starts at minSize and scaling policies own it from then on. */
    desiredCapacity: int(0, 10000).optional(),
    /** The VPCZoneIdentifier: one subnet per zone the group spreads over. */
    subnetIds: idRefs().min(1, { error: 'an Auto Scaling group needs at least one subnet' }),
    targetGroupArns: z.array(arn()).default([]),
    /** ELB: an instance the target group finds unhealthy is replaced, not only a stopped one. */
    healthCheckType: oneOf(['EC2', 'ELB']).default('EC2'),
    /** Seconds before health checks count after launch: cover the whole user data boot. */
    healthCheckGracePeriod: int(0, 7200).default(0),
    defaultCooldown: int(0, 86400).default(300),
    terminationPolicies: z
      .array(oneOf(['Default', 'AllocationStrategy', 'OldestLaunchTemplate', 'OldestLaunchConfiguration', 'ClosestToNextInstanceHour', 'NewestInstance', 'OldestInstance']))
      .default(['Default']),
    capacityRebalance: z.boolean().default(false),
    /**
     * When the launch template version changes, replace the instances gradually
     * (StartInstanceRefresh) keeping this share of them healthy. Absent: new instances
     * get the new version, running ones keep theirs.
     */
    instanceRefresh: z
      .object({ minHealthyPercentage: int(0, 100).default(90), instanceWarmup: int(0, 7200).optional() })
      .strict()
      .optional(),
    /** Tags of the group only (PropagateAtLaunch false): instance tags come from the launch template. */
    tags: tags(),
  })
  .strict();

export type AutoScalingGroupProperties = z.infer<typeof autoScalingGroupProperties>;

function checkGroup(self: SpecResource, ctx: CheckContext): SpecProblem[] {
  const p = self.properties as Partial<AutoScalingGroupProperties>;
  const problems: SpecProblem[] = [];
  const { minSize = 0, maxSize = 0, desiredCapacity } = p;
  if (minSize > maxSize) problems.push({ pos: ctx.posOf(self, 'minSize'), message: `minSize ${minSize} is larger than maxSize ${maxSize}` });
  if (desiredCapacity !== undefined && (desiredCapacity < minSize || desiredCapacity > maxSize))
    problems.push({
      pos: ctx.posOf(self, 'desiredCapacity'),
      message: `desiredCapacity ${desiredCapacity} must be between minSize ${minSize} and maxSize ${maxSize}`,
    });
  if (p.healthCheckType === 'ELB' && list(p.targetGroupArns).length === 0)
    problems.push({ pos: ctx.posOf(self, 'healthCheckType'), message: 'healthCheckType ELB needs targetGroupArns: there is no load balancer to ask' });
  problems.push(...checkOneVpc(self, ctx, ['subnetIds', 'targetGroupArns']));
  problems.push(...checkOutputUse(self, ctx, 'targetGroupArns', { kind: 'elbv2.target-group', defaultOutput: 'arn', outputs: ['arn'] }));
  problems.push(...checkOutputUse(self, ctx, 'launchTemplate.launchTemplateId', { kind: 'ec2.launch-template', defaultOutput: 'id', outputs: ['id'] }));
  list(p.targetGroupArns).forEach((v, i) => {
    const tg = target(v, ctx, 'elbv2.target-group');
    if (tg && tg.properties.targetType !== 'instance')
      problems.push({
        pos: ctx.posOf(self, `targetGroupArns.${i}`),
        message: `target group "${tg.id}" has targetType ${String(tg.properties.targetType)}; an Auto Scaling group registers instances`,
      });
  });
  return problems;
}

export const autoScalingGroupKind = {
  kind: 'autoscaling.group',
  description: 'An Auto Scaling group launching a launch template into subnets, registered in target groups.',
  schema: autoScalingGroupProperties,
  outputs: { name: 'exists', arn: 'exists' },
  defaultOutput: 'name',
  check: checkGroup,
} satisfies KindSchema<'autoscaling.group'>;
