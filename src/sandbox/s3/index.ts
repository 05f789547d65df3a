/**
 * The S3 simulator: buckets (global names, regions, the settings blogctl manages), objects
 * with versions, and event notifications that run the bucket's Lambda destinations in
 * process (see events.ts).
 */
import {
  AccessDenied,
  BucketAlreadyExists,
  BucketAlreadyOwnedByYou,
  InvalidRequest,
  NoSuchBucket,
  NoSuchKey,
  NotFound,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { type ServiceSimulator, sdkExceptions } from '../service.ts';
import { bucketAccessOperations } from './bucket-access.ts';
import { bucketSettingOperations } from './bucket-settings.ts';
import { createBucketOperations, FOREIGN_BUCKETS } from './buckets.ts';
import { notificationOperations } from './notifications.ts';
import { objectListingOperations } from './object-listing.ts';
import { objectOperations } from './objects.ts';
import { emptyS3State, type S3State } from './state.ts';

export type { S3State, BucketRec } from './state.ts';

export interface S3SimulatorOptions {
  /** Bucket names other accounts own: CreateBucket answers BucketAlreadyExists. */
  readonly foreignBuckets?: readonly string[];
}

export function createS3Simulator(options: S3SimulatorOptions = {}): ServiceSimulator<S3State> {
  return {
    name: 's3',
    clientName: 'S3Client',
    initialState: () => emptyS3State(),
    operations: {
      ...createBucketOperations(options.foreignBuckets ?? FOREIGN_BUCKETS),
      ...bucketSettingOperations,
      ...bucketAccessOperations,
      ...notificationOperations,
      ...objectOperations,
      ...objectListingOperations,
    },
    errors: {
      throttling: { code: 'SlowDown', status: 503 },
      serverError: { code: 'InternalError', status: 500 },
      // Like a parsed S3 error: Code besides name (and BucketName, Key... from the error's fields).
      toException: sdkExceptions(S3ServiceException, { AccessDenied, BucketAlreadyExists, BucketAlreadyOwnedByYou, InvalidRequest, NoSuchBucket, NoSuchKey, NotFound }, (e) =>
        e.code === 'NotFound' ? {} : { Code: e.code },
      ),
    },
    // S3 scales per prefix (3,500 writes / 5,500 reads a second): no limit worth simulating here.
  };
}

export const s3Simulator = createS3Simulator();
