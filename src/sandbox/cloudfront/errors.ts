/**
 * CloudFront's errors: the HTTP status of each code (as the SDK's error schemas declare
 * them) and AWS's messages, so handlers fail with `cfFail(ctx, 'NoSuchDistribution')`.
 * Every CloudFront exception carries the message in `Message` too.
 */
import * as sdk from '@aws-sdk/client-cloudfront';
import { CloudFrontServiceException } from '@aws-sdk/client-cloudfront';
import { type ExceptionClass, sdkExceptions, type ErrorModel } from '../service.ts';
import type { CloudFrontState } from './state.ts';
import type { CallContext } from '../service.ts';

export type CfCtx = CallContext<CloudFrontState>;

const ERRORS = {
  AccessDenied: [403, 'Access denied.'],
  CNAMEAlreadyExists: [409, 'One or more of the CNAMEs you provided are already associated with a different resource.'],
  DistributionAlreadyExists: [409, 'The caller reference that you are using to create a distribution is associated with another distribution.'],
  DistributionNotDisabled: [409, 'The distribution you are trying to delete has not been disabled.'],
  IllegalOriginAccessConfiguration: [400, 'An origin cannot contain both an origin access control (OAC) and an origin access identity (OAI).'],
  IllegalUpdate: [400, 'The update contains modifications that are not allowed.'],
  InconsistentQuantities: [400, "The value of Quantity and the size of Items don't match."],
  InvalidArgument: [400, 'An argument is invalid.'],
  InvalidIfMatchVersion: [400, 'The If-Match version is missing or not valid for the resource.'],
  InvalidOrigin: [400, 'The Amazon S3 origin server specified does not refer to a valid Amazon S3 bucket.'],
  InvalidOriginAccessControl: [400, 'The origin access control is not valid.'],
  InvalidTagging: [400, 'The tagging specified is not valid.'],
  InvalidViewerCertificate: [400, "The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't valid, or doesn't include a valid certificate chain."],
  MissingBody: [400, 'This operation requires a body. Ensure that the body is present and the Content-Type header is set.'],
  NoSuchCachePolicy: [404, 'The cache policy does not exist.'],
  NoSuchDistribution: [404, 'The specified distribution does not exist.'],
  NoSuchOrigin: [404, 'One or more of your origins or origin groups do not exist.'],
  NoSuchOriginAccessControl: [404, 'The origin access control does not exist.'],
  NoSuchResource: [404, 'A resource that was specified is not valid.'],
  OriginAccessControlAlreadyExists: [409, 'An origin access control with the specified parameters already exists.'],
  OriginAccessControlInUse: [409, 'Cannot delete the origin access control because it is in use by one or more distributions.'],
  PreconditionFailed: [412, 'The precondition in one or more of the request fields evaluated to false.'],
  TooManyDistributionCNAMEs: [400, 'Your request contains more CNAMEs than are allowed per distribution.'],
} as const satisfies Record<string, readonly [number, string]>;

export type CfErrorCode = keyof typeof ERRORS;

/** Throws CloudFront's error `code`, with AWS's message unless one is given. */
export function cfFail(ctx: CfCtx, code: CfErrorCode, message?: string): never {
  const [status, text] = ERRORS[code];
  return ctx.fail(code, message ?? text, { status });
}

/** Every modelled CloudFront exception class, by name (so `instanceof NoSuchDistribution` works). */
function modelledExceptions(): Record<string, ExceptionClass> {
  const out: Record<string, ExceptionClass> = {};
  for (const [name, value] of Object.entries(sdk)) {
    if (typeof value === 'function' && value.prototype instanceof CloudFrontServiceException) out[name] = value as ExceptionClass;
  }
  return out;
}

export const cloudFrontErrors: ErrorModel = {
  throttling: { code: 'Throttling', status: 400 },
  serverError: { code: 'InternalFailure', status: 500 },
  toException: sdkExceptions(CloudFrontServiceException, modelledExceptions(), (e) => ({ Message: e.message })),
};

/** Rejects a missing If-Match before anything else is looked at, as CloudFront does. */
export function requireIfMatch(ctx: CfCtx, ifMatch: string | undefined): string {
  if (ifMatch === undefined || ifMatch === '') cfFail(ctx, 'InvalidIfMatchVersion');
  return ifMatch;
}
