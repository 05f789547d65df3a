/**
 * The CloudFront part of the simulated account (global: one per account, no region).
 *
 * A distribution keeps its DistributionConfig in the SDK's own input shape (nested
 * Quantity/Items lists), with the members AWS fills in when they are left out already
 * filled (see config-defaults.ts), so GetDistributionConfig answers what AWS would and an
 * UpdateDistribution built from it round-trips. Status is derived on read: InProgress
 * until `deployedAt`, then Deployed. Every accepted change gets a new ETag.
 */
import type { DistributionConfig, OriginAccessControlConfig } from '@aws-sdk/client-cloudfront';

export interface DistributionRec {
  id: string;
  arn: string;
  /** d + 13 lowercase alphanumerics + .cloudfront.net */
  domainName: string;
  etag: string;
  /** The config as accepted, JSON-clean, AWS's defaults filled in. */
  config: DistributionConfig;
  /** Canonical JSON of the config CreateDistribution got (CallerReference idempotency). */
  createdFrom: string;
  createdAt: number;
  modifiedAt: number;
  /** When the current change is deployed to the edge (Status InProgress -> Deployed). */
  deployedAt: number;
}

export interface OriginAccessControlRec {
  id: string;
  etag: string;
  config: OriginAccessControlConfig;
  createdAt: number;
}

export interface CloudFrontState {
  distributions: Record<string, DistributionRec>;
  originAccessControls: Record<string, OriginAccessControlRec>;
  /** resource ARN -> tag key -> value */
  tags: Record<string, Record<string, string>>;
}

export function emptyCloudFrontState(): CloudFrontState {
  return { distributions: {}, originAccessControls: {}, tags: {} };
}

export function distributionStatus(d: DistributionRec, now: number): 'InProgress' | 'Deployed' {
  return now >= d.deployedAt ? 'Deployed' : 'InProgress';
}

export { canonicalJson, jsonClean } from '../json.ts';
