/**
 * The S3 part of the simulated account. Bucket names are global (one namespace for every
 * region); each bucket remembers its region. Objects keep every version, oldest first;
 * an unversioned bucket keeps one version per key, whose id is 'null' (AWS's word).
 */
import type {
  NotificationConfiguration,
  ServerSideEncryptionConfiguration,
  WebsiteConfiguration,
} from '@aws-sdk/client-s3';

export interface ObjectVersionRec {
  /** 'null' for objects written while versioning was never enabled or is suspended. */
  versionId: string;
  deleteMarker: boolean;
  /** The bytes, base64. */
  body: string;
  size: number;
  /** MD5 hex in double quotes, as S3 gives it. */
  etag: string;
  lastModified: number;
  contentType: string;
  metadata: Record<string, string>;
  /** Cache-Control, Content-Encoding, Content-Disposition, Content-Language, when given. */
  headers: Record<string, string>;
  storageClass: string;
}

export interface PublicAccessBlockRec {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

export interface BucketRec {
  name: string;
  region: string;
  createdAt: number;
  /** null: no tag set (GetBucketTagging answers NoSuchTagSet). */
  tags: Record<string, string> | null;
  website: WebsiteConfiguration | null;
  policy: string | null;
  publicAccessBlock: PublicAccessBlockRec | null;
  ownership: string | null;
  /** null: versioning was never set (GetBucketVersioning has no Status). */
  versioning: 'Enabled' | 'Suspended' | null;
  encryption: ServerSideEncryptionConfiguration | null;
  notification: NotificationConfiguration;
  objects: Record<string, ObjectVersionRec[]>;
  /** Increases with every object event: the sequencer of S3 event records. */
  sequence: number;
}

export interface S3State {
  buckets: Record<string, BucketRec>;
}

export function emptyS3State(): S3State {
  return { buckets: {} };
}
