/**
 * Test helpers: a sandbox on a manual clock (checking that reads change nothing) and SDK
 * clients wired to it with a retry strategy whose backoff is 1 ms (the default policy
 * would take seconds per retry).
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { AwsClients } from '../../src/aws/clients.ts';
import { Sandbox, type SandboxOptions } from '../../src/sandbox/sandbox.ts';
import type { SimulatorSource } from '../../src/sandbox/service.ts';
import { SIMULATORS } from '../../src/sandbox/services.ts';
import { ManualClock } from '../../src/sandbox/time.ts';

export interface Harness {
  readonly sandbox: Sandbox;
  readonly clock: ManualClock;
  readonly clients: AwsClients;
  readonly ec2: EC2Client;
}

export function fastRetry(maxAttempts = 3): ConfiguredRetryStrategy {
  return new ConfiguredRetryStrategy(maxAttempts, () => 1);
}

export function harness(
  options: Partial<Omit<SandboxOptions, 'services'>> & { services?: readonly SimulatorSource[]; maxAttempts?: number } = {},
): Harness {
  const clock = options.clock instanceof ManualClock ? options.clock : new ManualClock(Date.UTC(2025, 0, 1));
  // checkReads: every call answered as a read is checked to have changed nothing.
  const sandbox = new Sandbox({ checkReads: true, ...options, clock, services: options.services ?? SIMULATORS });
  const clients = new AwsClients({ sandbox, retryStrategy: fastRetry(options.maxAttempts ?? 3) });
  return { sandbox, clock, clients, ec2: clients.get(EC2Client) };
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<Error & { name: string; $fault?: string; $metadata?: { httpStatusCode?: number; attempts?: number } }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { name: string };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export function tag(key: string, value: string) {
  return { Key: key, Value: value };
}
