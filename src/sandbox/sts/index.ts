/**
 * The STS simulator: GetCallerIdentity, which blogctl uses for ${aws.accountId}. The
 * sandbox's caller is an IAM user, blogctl-sandbox, of the simulated account; its unique
 * id (AIDA + 17 upper-case alphanumerics, as IAM user ids are) is drawn once per account
 * and kept, so every call answers the same identity.
 */
import type { GetCallerIdentityCommandInput, GetCallerIdentityCommandOutput } from '@aws-sdk/client-sts';
import * as sdk from '@aws-sdk/client-sts';
import { STSServiceException } from '@aws-sdk/client-sts';
import { DEFAULT_BUCKET } from '../faults.ts';
import { partitionOf } from '../ids.ts';
import { type CallContext, type ExceptionClass, type ServiceSimulator, sdkExceptions } from '../service.ts';

export interface StsState {
  /** The caller's IAM user unique id. */
  userId: string;
}

/** The IAM user the sandbox's credentials belong to. */
export const SANDBOX_USER = 'blogctl-sandbox';

function modelledExceptions(): Record<string, ExceptionClass> {
  const out: Record<string, ExceptionClass> = {};
  for (const [name, value] of Object.entries(sdk)) {
    if (typeof value === 'function' && value.prototype instanceof STSServiceException) out[name] = value as ExceptionClass;
  }
  return out;
}

export const stsSimulator: ServiceSimulator<StsState> = {
  name: 'sts',
  clientName: 'STSClient',
  initialState: (init) => ({ userId: init.ids.upperAlnum('AIDA', 21) }),
  operations: {
    GetCallerIdentity(_input: GetCallerIdentityCommandInput, ctx: CallContext<StsState>): Omit<GetCallerIdentityCommandOutput, '$metadata'> {
      return {
        UserId: ctx.state.userId,
        Account: ctx.accountId,
        Arn: `arn:${partitionOf(ctx.region)}:iam::${ctx.accountId}:user/${SANDBOX_USER}`,
      };
    },
  },
  errors: {
    // STS (query protocol) answers "Rate exceeded" as Throttling, 400.
    throttling: { code: 'Throttling', status: 400 },
    serverError: { code: 'InternalFailure', status: 500 },
    toException: sdkExceptions(STSServiceException, modelledExceptions(), (e) => ({ Code: e.code, Error: { Type: e.fault === 'server' ? 'Receiver' : 'Sender', Code: e.code, Message: e.message } })),
  },
  rateLimit: () => DEFAULT_BUCKET,
};
