/** iam.instance-profile: the container that hands a role to EC2 instances. */
export { instanceProfileKind, instanceProfileProperties, type InstanceProfileProperties } from './schema.ts';
export { instanceProfileAdapter, type ObservedInstanceProfile } from './adapter.ts';
