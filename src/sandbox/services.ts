/**
 * Every service the sandbox simulates, and the ways to get a sandbox answering for all of
 * them. Adding a service: write src/sandbox/<service>/ exporting a ServiceSimulator (see
 * service.ts) and add it to SIMULATORS.
 */
import { ec2Simulator } from './ec2/index.ts';
import { cloudFrontSimulator } from './cloudfront/index.ts';
import { route53Simulator } from './route53/index.ts';
import { stsSimulator } from './sts/index.ts';
import { rdsSimulator } from './rds/index.ts';
import { secretsManagerSimulator } from './secretsmanager/index.ts';
import { acmSimulator } from './acm/index.ts';
import { elbv2Simulator } from './elbv2/index.ts';
import { autoScalingSimulator } from './autoscaling/index.ts';
import { s3Simulator } from './s3/index.ts';
import { dynamodbSimulator } from './dynamodb/index.ts';
import { lambdaSimulator } from './lambda/index.ts';
import { iamSimulator } from './iam/index.ts';
import { logsSimulator } from './logs/index.ts';
import { taggingSimulator } from './tagging/index.ts';
import { DEFAULT_SANDBOX_FILE, sandboxSettingsFromEnv } from './env.ts';
import { Sandbox, type SandboxOptions } from './sandbox.ts';
import type { AnySimulator } from './service.ts';

export const SIMULATORS: readonly AnySimulator[] = [ec2Simulator, rdsSimulator, secretsManagerSimulator, cloudFrontSimulator, route53Simulator, acmSimulator, elbv2Simulator, autoScalingSimulator, stsSimulator, s3Simulator, dynamodbSimulator, lambdaSimulator, iamSimulator, taggingSimulator, logsSimulator];

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
