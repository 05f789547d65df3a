/** elbv2.target-group: where the ALB sends requests, and how it checks their health. */
export { targetGroupKind, targetGroupProperties, type TargetGroupProperties } from './schema.ts';
export { targetGroupAdapter, type ObservedTargetGroup } from './adapter.ts';
