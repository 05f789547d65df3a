/** cloudfront.distribution: origins, cache behaviors, aliases and certificate in front of the blog. */
export { distributionKind, distributionProperties, type DistributionProperties } from './schema.ts';
export { distributionAdapter, DISTRIBUTION_TIMEOUTS } from './adapter.ts';
export type { ObservedDistribution } from './view.ts';
