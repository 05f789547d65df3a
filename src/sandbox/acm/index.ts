/**
 * The ACM simulator: public certificates with DNS validation that issues once the
 * validation CNAMEs exist in the simulated Route 53 account, listing, tags, and deletion
 * refused while an ELBv2 listener or a CloudFront distribution uses the certificate, and
 * the Certificate Transparency logging option.
 */
import {
  ACMServiceException,
  InvalidArgsException,
  InvalidArnException,
  InvalidDomainValidationOptionsException,
  InvalidParameterException,
  InvalidTagException,
  LimitExceededException,
  RequestInProgressException,
  ResourceInUseException,
  ResourceNotFoundException,
  ThrottlingException,
  TooManyTagsException,
  ValidationException,
} from '@aws-sdk/client-acm';
import { DEFAULT_BUCKET } from '../faults.ts';
import { type ServiceSimulator, sdkExceptions } from '../service.ts';
import { certificateOperations } from './certificates.ts';
import { listingOperations } from './listing.ts';
import { optionOperations } from './options.ts';
import { type AcmState, emptyAcmState } from './state.ts';
import { tagOperations } from './tags.ts';

export type { AcmState } from './state.ts';

export const acmSimulator: ServiceSimulator<AcmState> = {
  name: 'acm',
  clientName: 'ACMClient',
  initialState: () => emptyAcmState(),
  operations: {
    ...certificateOperations,
    ...listingOperations,
    ...optionOperations,
    ...tagOperations,
  },
  errors: {
    throttling: { code: 'ThrottlingException', status: 400 },
    serverError: { code: 'InternalFailure', status: 500 },
    toException: sdkExceptions(ACMServiceException, {
      InvalidArgsException,
      InvalidArnException,
      InvalidDomainValidationOptionsException,
      InvalidParameterException,
      InvalidTagException,
      LimitExceededException,
      RequestInProgressException,
      ResourceInUseException,
      ResourceNotFoundException,
      ThrottlingException,
      TooManyTagsException,
      ValidationException,
    }),
  },
  rateLimit: () => DEFAULT_BUCKET,
  // Every call first settles certificate statuses (an issued certificate stays issued), so none only reads.
  readOnly: () => false,
};
