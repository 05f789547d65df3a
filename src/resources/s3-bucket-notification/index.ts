export { bucketNotificationAdapter, desiredConfigs, type ObservedNotification } from './adapter.ts';
export { bucketNotificationKind, bucketNotificationProperties, S3_EVENTS, type BucketNotificationProperties } from './schema.ts';
