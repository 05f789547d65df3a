/**
 * The S3 simulator's suites, run in one process so the S3 client loads once (the events
 * suite also drives Lambda, IAM and DynamoDB).
 */
import './s3/buckets.ts';
import './s3/bucket-settings.ts';
import './s3/objects.ts';
import './s3/versions.ts';
import './s3/events.ts';
