/**
 * S3 test setup: clients of one sandbox in us-east-1 and in another region, and a bucket.
 */
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { AwsClients } from '../../../src/aws/clients.ts';
import { fastRetry, harness } from '../harness.ts';

export function s3Harness() {
  const h = harness();
  const eu = new AwsClients({ sandbox: h.sandbox, region: 'eu-west-1', retryStrategy: fastRetry() });
  return { ...h, s3: h.clients.get(S3Client), s3eu: eu.get(S3Client) };
}

export type S3Harness = ReturnType<typeof s3Harness>;

export async function withBucket(name = 'blog-media') {
  const h = s3Harness();
  await h.s3.send(new CreateBucketCommand({ Bucket: name }));
  return h;
}
