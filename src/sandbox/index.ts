/**
 * The sandbox's public surface, for the CLI, the engine's wiring and tests.
 *
 *   const sandbox = openSandbox();                        // .blogctl/sandbox.json + BLOGCTL_SANDBOX_*
 *   const clients = new AwsClients({ sandbox });          // src/aws: the sandbox plugs into every client
 *   clients.get(EC2Client).send(new DescribeVpcsCommand({}));
 *
 * Tests: createSandbox({ clock: new ManualClock() }) keeps the account in memory.
 * A new service: see service.ts.
 */
export { DEFAULT_SANDBOX_FILE, sandboxSettingsFromEnv, type SandboxEnvSettings } from './env.ts';
export { type FaultKind, type FaultOptions, type InjectedFault, type BucketSpec, EC2_MUTATING, EC2_NON_MUTATING, DEFAULT_BUCKET } from './faults.ts';
export { formatArn, IdGenerator, partitionOf } from './ids.ts';
export { SandboxAccessError, SandboxError, SandboxSettingsError, SandboxStateError, resetCommand } from './errors.ts';
export { attachSandbox, SANDBOX_MIDDLEWARE } from './middleware.ts';
export { paginate, type Page, type PageOptions } from './paging.ts';
export { Sandbox, type SandboxOptions } from './sandbox.ts';
export {
  type AnySimulator,
  type CallContext,
  type ErrorModel,
  type InitContext,
  isReadOperation,
  type LazySimulator,
  type OperationTable,
  type ServiceSimulator,
  sdkExceptions,
  SimulatedError,
  type SimulatorSource,
} from './service.ts';
export { createSandbox, type CreateSandboxOptions, openSandbox, SIMULATORS } from './services.ts';
export { type AccountState, SCHEMA_VERSION } from './state.ts';
export { type Clock, type Delay, type DurationName, type DurationProfile, DURATIONS, Durations, ManualClock, systemClock } from './time.ts';
