/** ec2.instance: a single EC2 instance (the NAT instance); app servers come from the ASG. */
export { instanceKind, instanceProperties, type InstanceProperties } from './schema.ts';
export { instanceAdapter } from './adapter.ts';
export type { ObservedInstance } from './read.ts';
