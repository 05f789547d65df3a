/**
 * RDS errors as the Query protocol carries them: the wire code (`DBInstanceNotFound`) is
 * what RDS sends, the SDK turns it into its modelled class (`DBInstanceNotFoundFault`) and
 * keeps the code in `Code` and `Error.Code`. Not-found faults are HTTP 404, the rest 400.
 */
import {
  DBInstanceAlreadyExistsFault,
  DBInstanceNotFoundFault,
  DBSnapshotAlreadyExistsFault,
  DBSnapshotNotFoundFault,
  DBSubnetGroupAlreadyExistsFault,
  DBSubnetGroupDoesNotCoverEnoughAZs,
  DBSubnetGroupNotFoundFault,
  InvalidDBInstanceStateFault,
  InvalidDBSubnetGroupStateFault,
  InvalidSubnet,
  InvalidVPCNetworkStateFault,
  RDSServiceException,
  StorageQuotaExceededFault,
  SubnetAlreadyInUse,
} from '@aws-sdk/client-rds';
import { type ExceptionClass, sdkExceptions, type SimulatedError } from '../service.ts';
import type { RdsCtx } from './state.ts';

const MODELLED: Readonly<Record<string, readonly [ExceptionClass, number]>> = {
  DBInstanceNotFound: [DBInstanceNotFoundFault, 404],
  DBInstanceAlreadyExists: [DBInstanceAlreadyExistsFault, 400],
  InvalidDBInstanceState: [InvalidDBInstanceStateFault, 400],
  DBSubnetGroupNotFoundFault: [DBSubnetGroupNotFoundFault, 404],
  DBSubnetGroupAlreadyExists: [DBSubnetGroupAlreadyExistsFault, 400],
  DBSubnetGroupDoesNotCoverEnoughAZs: [DBSubnetGroupDoesNotCoverEnoughAZs, 400],
  InvalidDBSubnetGroupStateFault: [InvalidDBSubnetGroupStateFault, 400],
  InvalidSubnet: [InvalidSubnet, 400],
  InvalidVPCNetworkStateFault: [InvalidVPCNetworkStateFault, 400],
  DBSnapshotAlreadyExists: [DBSnapshotAlreadyExistsFault, 400],
  StorageQuotaExceeded: [StorageQuotaExceededFault, 400],
  DBSnapshotNotFound: [DBSnapshotNotFoundFault, 404],
  SubnetAlreadyInUse: [SubnetAlreadyInUse, 400],
};

export const rdsToException = sdkExceptions(
  RDSServiceException,
  Object.fromEntries(Object.entries(MODELLED).map(([code, [cls]]) => [code, cls])),
  (e: SimulatedError) => {
    const Type = e.fault === 'server' ? 'Receiver' : 'Sender';
    return { Code: e.code, Type, Error: { Type, Code: e.code, Message: e.message } };
  },
);

/** Throws the RDS error with this wire code, with the HTTP status RDS uses for it. */
export function rdsFail(ctx: RdsCtx, code: string, message: string): never {
  return ctx.fail(code, message, { status: MODELLED[code]?.[1] ?? 400 });
}

export function required<T>(ctx: RdsCtx, value: T | undefined | null, name: string): T {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    rdsFail(ctx, 'InvalidParameterValue', `The parameter ${name} must be provided and must not be blank.`);
  }
  return value;
}
