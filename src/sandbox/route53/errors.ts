/**
 * Route 53's errors: the HTTP status of each code (as the SDK's error schemas declare
 * them) and AWS's messages. InvalidChangeBatch carries every problem of a batch in
 * `messages`, and its message is them in brackets, as Route 53 reports it.
 */
import * as sdk from '@aws-sdk/client-route-53';
import { Route53ServiceException } from '@aws-sdk/client-route-53';
import { type CallContext, type ErrorModel, type ExceptionClass, sdkExceptions } from '../service.ts';
import type { Route53State } from './state.ts';

export type R53Ctx = CallContext<Route53State>;

const STATUS = {
  ConflictingDomainExists: 400,
  HealthCheckAlreadyExists: 409,
  HealthCheckVersionMismatch: 409,
  HostedZoneAlreadyExists: 409,
  HostedZoneNotEmpty: 400,
  InvalidChangeBatch: 400,
  InvalidDomainName: 400,
  InvalidInput: 400,
  InvalidPaginationToken: 400,
  InvalidVPCId: 400,
  NoSuchChange: 404,
  NoSuchHealthCheck: 404,
  NoSuchHostedZone: 404,
} as const;

export type R53ErrorCode = keyof typeof STATUS;

export function r53Fail(ctx: R53Ctx, code: R53ErrorCode, message: string): never {
  return ctx.fail(code, message, { status: STATUS[code] });
}

/** InvalidChangeBatch with Route 53's list of messages. */
export function invalidChangeBatch(ctx: R53Ctx, messages: readonly string[]): never {
  return ctx.fail('InvalidChangeBatch', `[${messages.join(', ')}]`, { status: STATUS.InvalidChangeBatch, fields: { messages: [...messages] } });
}

export function noSuchZone(ctx: R53Ctx, id: string): never {
  return r53Fail(ctx, 'NoSuchHostedZone', `No hosted zone found with ID: ${id}`);
}

export function noSuchHealthCheck(ctx: R53Ctx, id: string): never {
  return r53Fail(ctx, 'NoSuchHealthCheck', `A health check with id ${id} does not exist.`);
}

/** A required member that is missing or empty. */
export function requireInput<T>(ctx: R53Ctx, value: T | undefined | null, member: string): T {
  if (value === undefined || value === null || value === '') r53Fail(ctx, 'InvalidInput', `Invalid request: Missing field '${member}'`);
  return value;
}

function modelledExceptions(): Record<string, ExceptionClass> {
  const out: Record<string, ExceptionClass> = {};
  for (const [name, value] of Object.entries(sdk)) {
    if (typeof value === 'function' && value.prototype instanceof Route53ServiceException) out[name] = value as ExceptionClass;
  }
  return out;
}

export const route53Errors: ErrorModel = {
  // Route 53 answers "Rate exceeded" as Throttling (400), which the SDK retries.
  throttling: { code: 'Throttling', status: 400 },
  serverError: { code: 'InternalFailure', status: 500 },
  toException: sdkExceptions(Route53ServiceException, modelledExceptions()),
};
