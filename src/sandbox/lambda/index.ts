/**
 * The Lambda simulator: functions (code SHA-256, configuration, Pending -> Active, update
 * status), versions, reserved concurrency, resource policies, tags, and Invoke, which runs
 * a JS handler in process (see handlers.ts) and records every invocation in the account.
 */
import {
  InvalidParameterValueException,
  InvalidRequestContentException,
  LambdaServiceException,
  PolicyLengthExceededException,
  PreconditionFailedException,
  RequestTooLargeException,
  ResourceConflictException,
  ResourceNotFoundException,
  ServiceException,
  TooManyRequestsException,
} from '@aws-sdk/client-lambda';
import { type ServiceSimulator, sdkExceptions } from '../service.ts';
import { functionOperations } from './functions.ts';
import type { HandlerOptions } from './handlers.ts';
import { invokeOperations } from './invoke.ts';
import { permissionOperations } from './permissions.ts';
import { emptyLambdaState, type LambdaState } from './state.ts';
import { tagOperations } from './tags.ts';
import { updateOperations } from './updates.ts';

export type { LambdaState, InvocationRec, FunctionRec } from './state.ts';
export type { HandlerOptions, LambdaHandler, LambdaInvokeContext } from './handlers.ts';
export { grantsInvoke } from './permissions.ts';

export type LambdaSimulatorOptions = HandlerOptions;

export function createLambdaSimulator(options: LambdaSimulatorOptions = {}): ServiceSimulator<LambdaState> {
  return {
    name: 'lambda',
    clientName: 'LambdaClient',
    initialState: () => emptyLambdaState(),
    operations: {
      ...functionOperations,
      ...updateOperations,
      ...permissionOperations,
      ...tagOperations,
      ...invokeOperations(options),
    },
    errors: {
      throttling: { code: 'TooManyRequestsException', status: 429 },
      serverError: { code: 'ServiceException', status: 500 },
      toException: sdkExceptions(LambdaServiceException, {
        InvalidParameterValueException,
        InvalidRequestContentException,
        PolicyLengthExceededException,
        PreconditionFailedException,
        RequestTooLargeException,
        ResourceConflictException,
        ResourceNotFoundException,
        ServiceException,
        TooManyRequestsException,
      }),
    },
    // Lambda's control plane refills about 15 requests a second per API; Invoke is not limited here.
    rateLimit: (operation) => (operation === 'Invoke' ? undefined : { capacity: 100, refillPerSecond: 15 }),
  };
}

export const lambdaSimulator = createLambdaSimulator();
