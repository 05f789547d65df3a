/**
 * `drift --unmanaged`: per kind, how to find resources in the stack's scope that carry
 * no blogctl tags. A kind without an entry is not looked at (the report says which were).
 * Adding one: a finder (see ec2-network.ts) under this folder, listed here.
 */
import type { Kind } from '../../reconciler/types.ts';
import { unmanagedEc2Compute } from './ec2-compute.ts';
import { unmanagedEc2Network, type UnmanagedFinder } from './ec2-network.ts';
import { unmanagedS3 } from './s3-buckets.ts';

export type { UnmanagedFinder, UnmanagedFound, UnmanagedScope } from './ec2-network.ts';

export const unmanagedFinders: { readonly [K in Kind]?: UnmanagedFinder } = {
  ...unmanagedEc2Network,
  ...unmanagedEc2Compute,
  ...unmanagedS3,
};
