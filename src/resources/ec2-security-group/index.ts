/** ec2.security-group: a security group with its ingress and egress rules (rules as a set). */
export { securityGroupKind, securityGroupProperties, type SecurityGroupProperties, type SecurityGroupRule } from './schema.ts';
export { securityGroupAdapter, type ObservedSecurityGroup } from './adapter.ts';
