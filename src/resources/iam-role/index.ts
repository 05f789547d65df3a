/** iam.role: an IAM role with its trust policy, managed policies and inline policies. */
export { roleKind, roleProperties, type RoleProperties } from './schema.ts';
export { roleAdapter } from './adapter.ts';
export type { ObservedRole } from './read.ts';
