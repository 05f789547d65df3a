/** autoscaling.group: the app servers, launched from a launch template into private subnets. */
export { autoScalingGroupKind, autoScalingGroupProperties, type AutoScalingGroupProperties } from './schema.ts';
export { autoScalingGroupAdapter } from './adapter.ts';
export type { ObservedGroup } from './read.ts';
