/**
 * `drift --unmanaged`: per kind, how to find resources in the stack's scope that carry
 * no blogctl tags. A kind without an entry is not looked at (the report says which were).
 * Adding one: a finder under this folder (ec2.ts's ec2Finder, or classify.ts's
 * classify over the kind's own reads, as s3-buckets.ts does), listed here.
 */
import type { Kind } from '../../reconciler/types.ts';
import type { UnmanagedFinder } from './classify.ts';
import { unmanagedEc2 } from './ec2.ts';
import { unmanagedS3 } from './s3-buckets.ts';

export type { UnmanagedFinder, UnmanagedFound, UnmanagedScope } from './classify.ts';

export const unmanagedFinders: { readonly [K in Kind]?: UnmanagedFinder } = {
  ...unmanagedEc2,
  ...unmanagedS3,
};
