/** autoscaling.policy: a target-tracking scaling policy of an Auto Scaling group. */
export { scalingPolicyKind, scalingPolicyProperties, type ScalingPolicyProperties } from './schema.ts';
export { scalingPolicyAdapter, ownerKey, type ObservedPolicy } from './adapter.ts';
