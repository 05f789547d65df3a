export { bucketAdapter } from './adapter.ts';
export { type ObservedBucket } from './read.ts';
export { bucketKind, bucketProperties, nameProblems, type BucketProperties } from './schema.ts';
