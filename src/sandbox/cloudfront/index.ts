/**
 * The CloudFront simulator: distributions (ETags, CallerReference idempotency, InProgress
 * -> Deployed on the clock), origin access controls, tags and the managed cache
 * policies. CloudFront is global: its ARNs have no region
 * (arn:aws:cloudfront::<account>:distribution/<id>).
 */
import { DEFAULT_BUCKET } from '../faults.ts';
import type { ServiceSimulator } from '../service.ts';
import { cachePolicyOperations } from './cache-policies.ts';
import { distributionOperations } from './distributions.ts';
import { cloudFrontErrors } from './errors.ts';
import { originAccessControlOperations } from './origin-access-controls.ts';
import { type CloudFrontState, emptyCloudFrontState } from './state.ts';
import { tagOperations } from './tags.ts';

export type { CloudFrontState } from './state.ts';

export const cloudFrontSimulator: ServiceSimulator<CloudFrontState> = {
  name: 'cloudfront',
  clientName: 'CloudFrontClient',
  arnNamespace: 'cloudfront',
  initialState: () => emptyCloudFrontState(),
  operations: {
    ...distributionOperations,
    ...originAccessControlOperations,
    ...tagOperations,
    ...cachePolicyOperations,
  },
  errors: cloudFrontErrors,
  // CloudFront publishes no per-action rates; one generic bucket for the whole (global) API.
  rateLimit: () => ({ ...DEFAULT_BUCKET, scope: 'service' }),
};
