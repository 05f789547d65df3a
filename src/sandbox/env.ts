/**
 * Sandbox settings from the environment (the CLI merges them under its flags):
 *   BLOGCTL_SANDBOX_FILE          state file (default .blogctl/sandbox.json, chosen by the CLI)
 *   BLOGCTL_SANDBOX_SEED          seed for ids of a new account and for random faults
 *   BLOGCTL_SANDBOX_LATENCY_MS    latency added to every call
 *   BLOGCTL_SANDBOX_THROTTLE_RATE fraction 0..1 of calls throttled
 *   BLOGCTL_SANDBOX_5XX_RATE      fraction 0..1 of calls answered with a 5xx
 *   BLOGCTL_SANDBOX_PROFILE       quick | realistic
 *   BLOGCTL_SANDBOX_TIME_SCALE    multiplies realistic durations
 *   BLOGCTL_SANDBOX_RATE_LIMITS   on | off (AWS-like request-rate limits)
 * A malformed value is an error naming the variable (SandboxSettingsError), never silently ignored.
 */
import { SandboxSettingsError } from './errors.ts';
import type { FaultOptions } from './faults.ts';
import type { DurationProfile } from './time.ts';

export { DEFAULT_SANDBOX_FILE } from './errors.ts';

export interface SandboxEnvSettings {
  file?: string;
  seed?: string;
  faults: FaultOptions;
  profile?: DurationProfile;
  timeScale?: number;
  rateLimits?: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

function numberVar(env: Env, name: string, min: number, max: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new SandboxSettingsError(`${name} must be a number from ${min} to ${max}, got '${raw}'`);
  }
  return value;
}

export function sandboxSettingsFromEnv(env: Env = process.env): SandboxEnvSettings {
  const out: SandboxEnvSettings = { faults: {} };
  const file = env['BLOGCTL_SANDBOX_FILE'];
  if (file) out.file = file;
  const seed = env['BLOGCTL_SANDBOX_SEED'];
  if (seed) out.seed = seed;
  const latencyMs = numberVar(env, 'BLOGCTL_SANDBOX_LATENCY_MS', 0, 600_000);
  const throttleRate = numberVar(env, 'BLOGCTL_SANDBOX_THROTTLE_RATE', 0, 1);
  const serverErrorRate = numberVar(env, 'BLOGCTL_SANDBOX_5XX_RATE', 0, 1);
  out.faults = {
    ...(latencyMs !== undefined && { latencyMs }),
    ...(throttleRate !== undefined && { throttleRate }),
    ...(serverErrorRate !== undefined && { serverErrorRate }),
  };
  const profile = env['BLOGCTL_SANDBOX_PROFILE'];
  if (profile) {
    if (profile !== 'quick' && profile !== 'realistic') {
      throw new SandboxSettingsError(`BLOGCTL_SANDBOX_PROFILE must be quick or realistic, got '${profile}'`);
    }
    out.profile = profile;
  }
  const timeScale = numberVar(env, 'BLOGCTL_SANDBOX_TIME_SCALE', 0, 1000);
  if (timeScale !== undefined) out.timeScale = timeScale;
  const limits = env['BLOGCTL_SANDBOX_RATE_LIMITS'];
  if (limits) {
    if (!['on', 'off', 'true', 'false', '1', '0'].includes(limits)) {
      throw new SandboxSettingsError(`BLOGCTL_SANDBOX_RATE_LIMITS must be on or off, got '${limits}'`);
    }
    out.rateLimits = ['on', 'true', '1'].includes(limits);
  }
  return out;
}
