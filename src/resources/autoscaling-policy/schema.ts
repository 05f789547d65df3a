/** autoscaling.policy: a target-tracking scaling policy of an Auto Scaling group. */
import { z } from 'zod';
import type { KindSchema, SpecProblem } from '../../reconciler/types.ts';
import { checkOutputUse } from '../cross-checks.ts';
import { idRef, int, oneOf, str } from '../fields.ts';

export const scalingPolicyProperties = z
  .object({
    autoScalingGroupName: idRef(),
    policyName: str(),
    /** Only target tracking: AWS adds and removes instances to hold the metric at targetValue. */
    targetTracking: z
      .object({
        predefinedMetricType: oneOf(['ASGAverageCPUUtilization', 'ASGAverageNetworkIn', 'ASGAverageNetworkOut', 'ALBRequestCountPerTarget']),
        /** ALBRequestCountPerTarget only: app/<lb>/<id>/targetgroup/<tg>/<id>. */
        resourceLabel: str().optional(),
        targetValue: z.number({ error: 'expected a number' }).positive({ error: 'targetValue must be above 0' }),
        disableScaleIn: z.boolean().default(false),
      })
      .strict(),
    /** Seconds a new instance needs before its metrics count; defaults to the group's. */
    estimatedInstanceWarmup: int(0, 7200).optional(),
    enabled: z.boolean().default(true),
  })
  .strict();

export type ScalingPolicyProperties = z.infer<typeof scalingPolicyProperties>;

export const scalingPolicyKind = {
  kind: 'autoscaling.policy',
  description: 'A target-tracking scaling policy (e.g. average CPU 70%).',
  schema: scalingPolicyProperties,
  outputs: { arn: 'exists', name: 'exists' },
  defaultOutput: 'arn',
  check(self, ctx) {
    const t = self.properties.targetTracking as ScalingPolicyProperties['targetTracking'];
    const problems: SpecProblem[] = checkOutputUse(self, ctx, 'autoScalingGroupName', { kind: 'autoscaling.group', defaultOutput: 'name', outputs: ['name'] });
    const albCount = t.predefinedMetricType === 'ALBRequestCountPerTarget';
    if (albCount !== (t.resourceLabel !== undefined))
      problems.push({
        pos: ctx.posOf(self, albCount ? 'targetTracking.predefinedMetricType' : 'targetTracking.resourceLabel'),
        message: albCount
          ? 'ALBRequestCountPerTarget needs resourceLabel (app/<lb>/<id>/targetgroup/<tg>/<id>)'
          : 'resourceLabel is only for ALBRequestCountPerTarget',
      });
    if (t.predefinedMetricType === 'ASGAverageCPUUtilization' && t.targetValue > 100)
      problems.push({ pos: ctx.posOf(self, 'targetTracking.targetValue'), message: `CPU utilization is a percentage: ${t.targetValue} can never be reached` });
    return problems;
  },
} satisfies KindSchema<'autoscaling.policy'>;
