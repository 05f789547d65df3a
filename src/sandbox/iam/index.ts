/**
 * The IAM simulator: roles (trust policy, inline and managed policies, tags), customer
 * managed policies, and instance profiles. IAM is global: one state whatever the client's
 * region, ARNs without a region.
 */
import {
  ConcurrentModificationException,
  DeleteConflictException,
  EntityAlreadyExistsException,
  IAMServiceException,
  InvalidInputException,
  LimitExceededException,
  MalformedPolicyDocumentException,
  NoSuchEntityException,
  ServiceFailureException,
  UnmodifiableEntityException,
} from '@aws-sdk/client-iam';
import { DEFAULT_BUCKET } from '../faults.ts';
import { type ServiceSimulator, sdkExceptions } from '../service.ts';
import { instanceProfileOperations } from './instance-profiles.ts';
import { managedPolicyOperations } from './managed-policies.ts';
import { rolePolicyOperations } from './role-policies.ts';
import { roleOperations } from './roles.ts';
import { emptyIamState, type IamState } from './state.ts';

export type { IamState, RoleRec } from './state.ts';
export { trustsService } from './policy-documents.ts';

/** IAM's wire codes (awsQuery) and the SDK classes they become. */
const MODELLED = {
  NoSuchEntity: NoSuchEntityException,
  EntityAlreadyExists: EntityAlreadyExistsException,
  DeleteConflict: DeleteConflictException,
  MalformedPolicyDocument: MalformedPolicyDocumentException,
  LimitExceeded: LimitExceededException,
  InvalidInput: InvalidInputException,
  UnmodifiableEntity: UnmodifiableEntityException,
  ConcurrentModification: ConcurrentModificationException,
  ServiceFailure: ServiceFailureException,
};

export interface IamSimulatorOptions {
  /**
   * IAM's eventual consistency: for this long after a role or instance profile is made,
   * EC2 and Auto Scaling refuse it ("Invalid IAM Instance Profile"). Default 0: known at once.
   */
  readonly propagationMs?: number;
}

export function createIamSimulator(options: IamSimulatorOptions = {}): ServiceSimulator<IamState> {
  return { ...iamSimulator, initialState: () => emptyIamState(options.propagationMs ?? 0) };
}

export const iamSimulator: ServiceSimulator<IamState> = {
  name: 'iam',
  clientName: 'IAMClient',
  initialState: () => emptyIamState(),
  operations: {
    ...roleOperations,
    ...rolePolicyOperations,
    ...managedPolicyOperations,
    ...instanceProfileOperations,
  },
  errors: {
    throttling: { code: 'Throttling', status: 400 },
    serverError: { code: 'ServiceFailure', status: 500 },
    // Like a parsed awsQuery error: Code and Error { Type, Code, Message } besides name.
    toException: sdkExceptions(IAMServiceException, MODELLED, (e) => ({
      Code: e.code,
      Type: e.fault === 'server' ? 'Receiver' : 'Sender',
      Error: { Type: e.fault === 'server' ? 'Receiver' : 'Sender', Code: e.code, Message: e.message },
    })),
  },
  // IAM publishes no per-action rates; a generic bucket per action keeps long runs on a frozen clock going.
  rateLimit: () => DEFAULT_BUCKET,
};
