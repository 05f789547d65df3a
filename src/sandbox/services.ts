/**
 * Every service the sandbox simulates, and the ways to get a sandbox answering for all of
 * them. Adding a service: write src/sandbox/<service>/ exporting a ServiceSimulator (see
 * service.ts) and add it to SIMULATORS.
 */
import { ec2Simulator } from './ec2/index.ts';
import { DEFAULT_SANDBOX_FILE, sandboxSettingsFromEnv } from './env.ts';
import { Sandbox, type SandboxOptions } from './sandbox.ts';
import type { AnySimulator } from './service.ts';

export const SIMULATORS: readonly AnySimulator[] = [ec2Simulator];

export type CreateSandboxOptions = Omit<SandboxOptions, 'services'> & { readonly services?: readonly AnySimulator[] };

/** A sandbox answering for every simulated service (in memory unless `file` is given). */
export function createSandbox(options: CreateSandboxOptions = {}): Sandbox {
  return new Sandbox({ ...options, services: options.services ?? SIMULATORS });
}

/**
 * The sandbox the CLI uses: BLOGCTL_SANDBOX_* settings under the explicit options (flags),
 * kept in `.blogctl/sandbox.json` unless a file is named.
 */
export function openSandbox(options: CreateSandboxOptions = {}, env: Readonly<Record<string, string | undefined>> = process.env): Sandbox {
  const fromEnv = sandboxSettingsFromEnv(env);
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as CreateSandboxOptions;
  return createSandbox({
    ...(fromEnv.seed !== undefined && { seed: fromEnv.seed }),
    ...(fromEnv.profile !== undefined && { profile: fromEnv.profile }),
    ...(fromEnv.timeScale !== undefined && { timeScale: fromEnv.timeScale }),
    ...(fromEnv.rateLimits !== undefined && { rateLimits: fromEnv.rateLimits }),
    ...defined,
    file: options.file ?? fromEnv.file ?? DEFAULT_SANDBOX_FILE,
    faults: { ...fromEnv.faults, ...options.faults },
  });
}
