/** cloudfront.origin-access-control: signed requests from CloudFront to a private S3 origin. */
export { originAccessControlKind, originAccessControlProperties, type OriginAccessControlProperties } from './schema.ts';
export { originAccessControlAdapter, type ObservedOriginAccessControl } from './adapter.ts';
